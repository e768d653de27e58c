// Discovery against real SDK clients on each contract target: it must return exactly the seeded
// world, whatever the page sizes, and count its calls.
import { describe, expect, it } from 'vitest';
import { discover } from '../../src/aws/discovery/index.js';
import { minimumCalls } from '../../src/aws/discovery/minimum.js';
import { seedWorld } from './seed.js';
import { contractTargets } from './targets.js';

const SMALL_PAGES = {
  describeInstances: 5,
  describeAutoScalingGroups: 1,
  listClusters: 1,
  describeClusters: 1,
  listServices: 1,
  describeServices: 1,
  listTasks: 1,
  describeTasks: 1,
  describeAlarms: 1,
};

for (const target of contractTargets()) {
  describe.skipIf(target.skip)(
    `discovery on ${target.name}${target.skip ? ` (skipped: ${target.skip})` : ''}`,
    () => {
      it('lists exactly the seeded world, grouped by kind, with the caller identity', async () => {
        const ctx = await target.open();
        const world = await seedWorld(ctx);
        const inv = await discover(ctx);
        expect(inv.identity.account).toMatch(/^\d{12}$/);
        expect(inv.identity.arn).toMatch(/^arn:aws:/);
        expect(inv.region).toBe('us-east-1');
        expect(inv.gaps).toEqual([]);

        const expectedIds = [...world.standalone.map((s) => s.id), ...world.asgInstanceIds].sort();
        expect(inv.instances.map((i) => i.id).sort()).toEqual(expectedIds);
        for (const s of world.standalone) {
          const found = inv.instances.find((i) => i.id === s.id)!;
          expect(found.state).toBe(s.state);
          expect(found.az).toBe(s.az);
          expect(found.name).toBe(s.tags.Name);
          expect(found.tags).toMatchObject(s.tags);
        }
        for (const id of world.asgInstanceIds)
          expect(inv.instances.find((i) => i.id === id)?.asg).toBe('web');

        expect(inv.autoScalingGroups).toHaveLength(1);
        const web = inv.autoScalingGroups[0]!;
        expect(web).toMatchObject({ name: 'web', min: 2, max: 4, desired: 2 });
        expect(web.instances.map((i) => i.id).sort()).toEqual([...world.asgInstanceIds].sort());
        expect(web.instances.every((i) => i.health === 'Healthy' && i.lifecycle === 'InService')).toBe(true);
        expect(web.tags['chaos:allowed']).toBe('true');

        expect(inv.clusters.map((c) => c.name).sort()).toEqual(world.clusters);
        expect(inv.clusters.find((c) => c.name === 'shop')?.tags['chaos:allowed']).toBe('true');
        expect(inv.services).toHaveLength(1);
        expect(inv.services[0]).toMatchObject({ cluster: 'shop', name: 'checkout', desired: 2 });
        expect(inv.tasks.map((t) => t.arn).sort()).toEqual([...world.taskArns].sort());
        expect(inv.tasks.every((t) => t.service === 'checkout' && t.cluster === 'shop')).toBe(true);
        expect(inv.containerInstances).toEqual([
          expect.objectContaining({
            cluster: 'batch',
            arn: world.containerInstance.arn,
            id: world.containerInstance.arn.split('/').pop(),
            ec2InstanceId: world.containerInstance.ec2InstanceId,
            status: 'ACTIVE',
            runningTasks: 0,
            pendingTasks: 0,
            agentConnected: true,
            az: world.containerInstance.az,
          }),
        ]);

        expect(
          inv.alarms
            .map((a) => ({ name: a.name, state: a.state }))
            .sort((a, b) => a.name.localeCompare(b.name)),
        ).toEqual(world.alarms);
        await ctx.destroy();
      });

      it('pages through every listing when page sizes are forced small, with the same result', async () => {
        const ctx = await target.open();
        await seedWorld(ctx);
        const full = await discover(ctx);
        ctx.counter.reset();
        const paged = await discover(ctx, { pageSizes: SMALL_PAGES, concurrency: 3 });
        const calls = ctx.counter.toJSON();
        const strip = (inv: typeof full) => ({ ...inv, discoveredAt: '' });
        expect(strip(paged)).toEqual(strip(full));
        // Batches are cut by discovery itself, so every target shows them.
        expect(calls['ecs:DescribeClusters']).toBe(2);
        expect(calls['ecs:DescribeTasks']).toBe(2);
        expect(calls['ec2:DescribeInstances']).toBeGreaterThanOrEqual(2);
        // Server-side paging, where the target implements it (moto ignores some page sizes).
        const paging: Record<string, number> = {
          'ecs:ListClusters': 2,
          'ecs:ListTasks': 3,
          'cloudwatch:DescribeAlarms': 2,
        };
        for (const [op, n] of Object.entries(paging)) {
          if (!target.ignoresPageSize?.includes(op)) expect(calls[op], op).toBe(n);
        }
        await ctx.destroy();
      });

      it('uses the API maxima by default: one call per listing for a small world', async () => {
        const ctx = await target.open();
        await seedWorld(ctx);
        ctx.counter.reset();
        const inv = await discover(ctx);
        expect(ctx.counter.toJSON()).toEqual(minimumCalls(inv));
        expect(ctx.counter.toJSON()).toEqual({
          'autoscaling:DescribeAutoScalingGroups': 1,
          'cloudwatch:DescribeAlarms': 1,
          'ec2:DescribeInstances': 1,
          'ecs:DescribeClusters': 1,
          'ecs:DescribeContainerInstances': 1,
          'ecs:DescribeServices': 1,
          'ecs:DescribeTasks': 1,
          'ecs:ListClusters': 1,
          'ecs:ListContainerInstances': 2,
          'ecs:ListServices': 2,
          'ecs:ListTasks': 2,
          'sts:GetCallerIdentity': 1,
        });
        await ctx.destroy();
      });
    },
  );
}
