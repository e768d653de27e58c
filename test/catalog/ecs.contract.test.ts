// chaosaws.ecs actions and probes against moto.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backends, makeEcs, makeService, mutatingCalls, type World } from './support.js';

for (const b of backends())
  describe.skipIf(Boolean(b.skip))(`chaosaws.ecs on ${b.name}`, () => {
    let w: World;
    beforeAll(() => b.begin());
    beforeEach(async () => {
      w = await b.world();
    });

    it('stop_random_tasks stops a seeded sample and returns [{Task_Id, Desired_Status}]', async () => {
      const { taskArns } = await makeEcs(w, 'shop', 3);
      w.ctx.counter.reset();
      const out = (await w.call('chaosaws.ecs.actions.stop_random_tasks', {
        cluster: 'shop',
        task_count: 2,
      })) as Array<Record<string, string>>;
      expect(out).toHaveLength(2);
      expect(Object.keys(out[0]!)).toEqual(['Task_Id', 'Desired_Status']);
      expect(out.every((o) => taskArns.includes(o.Task_Id!) && o.Desired_Status === 'STOPPED')).toBe(true);
      expect(w.ctx.counter.toJSON()).toEqual({
        'ecs:DescribeClusters': 1,
        'ecs:ListTasks': 1,
        'ecs:StopTask': 2,
      });
      expect(w.guard.active()).toHaveLength(0);
    });

    it('stop_random_tasks argument and count errors match chaosaws', async () => {
      await makeEcs(w, 'shop2', 1);
      await expect(w.call('chaosaws.ecs.actions.stop_random_tasks', { cluster: 'shop2' })).rejects.toThrow(
        'Must specify one of "task_count", "task_percent"',
      );
      await expect(
        w.call('chaosaws.ecs.actions.stop_random_tasks', { cluster: 'shop2', task_count: 5 }),
      ).rejects.toThrow('Not enough running tasks in shop2 to satisfy stop count 5 (1)');
      await expect(
        w.call('chaosaws.ecs.actions.stop_random_tasks', { cluster: 'nope', task_count: 1 }),
      ).rejects.toThrow('unable to locate cluster: nope');
    });

    it('a cluster without the opt-in tag is refused before any StopTask', async () => {
      await makeEcs(w, 'private', 2, [{ key: 'team', value: 'pay' }]);
      w.ctx.counter.reset();
      await expect(
        w.call('chaosaws.ecs.actions.stop_random_tasks', { cluster: 'private', task_percent: 50 }),
      ).rejects.toThrow('not tagged chaos:allowed=true');
      expect(mutatingCalls(w)).toEqual({});
    });

    it('update_desired_count records the previous count and undo restores it', async () => {
      const env = await makeEcs(w, 'svc', 0);
      await makeService(w, 'svc', 'web', 3, env);
      await w.setup('ecs', 'TagResource', {
        resourceArn: `arn:aws:ecs:us-east-1:123456789012:service/svc/web`,
        tags: [{ key: 'chaos:allowed', value: 'true' }],
      });
      const out = (await w.call('chaosaws.ecs.actions.update_desired_count', {
        cluster: 'svc',
        service: 'web',
        desired_count: 1,
      })) as {
        service: { desiredCount: number };
      };
      expect(out.service.desiredCount).toBe(1);
      expect(w.guard.active()[0]!.calls[0]!.input).toMatchObject({ desiredCount: 3 });
      await w.guard.undoAll();
      const svc = (await w.call('chaosaws.ecs.probes.describe_service', {
        cluster: 'svc',
        service: 'web',
      })) as {
        services: Array<{ desiredCount: number }>;
      };
      expect(svc.services[0]!.desiredCount).toBe(3);
      w.settle(300); // the sandbox's scheduler needs time to start the tasks; moto copies the count
      expect(
        await w.call('chaosaws.ecs.probes.are_all_desired_tasks_running', { cluster: 'svc', service: 'web' }),
      ).toBe(true);
      expect(
        await w.call('chaosaws.ecs.probes.service_is_deploying', { cluster: 'svc', service: 'web' }),
      ).toBe(false);
    });

    it('deployment configuration and placement errors match chaosaws', async () => {
      await expect(
        w.call('chaosaws.ecs.actions.set_service_deployment_configuration', {
          cluster: 'c',
          service: 's',
          maximum_percent: 50,
          minimum_healthy_percent: 100,
        }),
      ).rejects.toThrow('minimum_healthy_percent cannot be larger than maximum_percent');
      await expect(
        w.call('chaosaws.ecs.actions.set_service_placement_strategy', {
          cluster: 'c',
          service: 's',
          placement_type: 'spread',
        }),
      ).rejects.toThrow('"placement_field" is required when using "spread" or "binpack"');
      expect(w.ctx.counter.total).toBe(0);
    });

    it('probes: describe_cluster, describe_tasks, and their not-found messages', async () => {
      await makeEcs(w, 'probe', 2);
      const c = (await w.call('chaosaws.ecs.probes.describe_cluster', { cluster: 'probe' })) as {
        clusters: unknown[];
      };
      expect(c.clusters).toHaveLength(1);
      const t = (await w.call('chaosaws.ecs.probes.describe_tasks', { cluster: 'probe' })) as {
        tasks: unknown[];
      };
      expect(t.tasks).toHaveLength(2);
      await expect(w.call('chaosaws.ecs.probes.describe_cluster', { cluster: 'ghost' })).rejects.toThrow(
        'Error retrieving information for cluster ghost',
      );
    });

    it('tag_resource undo removes the keys it added', async () => {
      const { clusterArn } = await makeEcs(w, 'tagme', 0);
      expect(
        await w.call('chaosaws.ecs.actions.tag_resource', {
          resource_arn: clusterArn,
          tags: [{ key: 'x', value: '1' }],
        }),
      ).toBeNull();
      await w.guard.undoAll();
      const tags = await w.aws('ecs', 'ListTagsForResource', { resourceArn: clusterArn });
      expect((tags.tags as Array<{ key: string }>).map((t) => t.key)).toEqual(['chaos:allowed']);
    });
  });
