// Draining container instances: the native FIS-named attack (time-boxed) and chaosaws'
// update_container_instances_state, on moto and the sandbox.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backends, launch, makeEcs, type World } from './support.js';

/** Registers `n` container instances (backed by fresh EC2 instances) in a tagged cluster. */
async function cluster(w: World, name: string, n: number): Promise<string[]> {
  await makeEcs(w, name, 0);
  const ids = await launch(w, n);
  const arns: string[] = [];
  for (const instanceId of ids) {
    const res = await w.setup('ecs', 'RegisterContainerInstance', {
      cluster: name,
      instanceIdentityDocument: JSON.stringify({
        instanceId,
        region: 'us-east-1',
        availabilityZone: 'us-east-1a',
      }),
    });
    arns.push(res.containerInstance.containerInstanceArn);
  }
  return arns;
}

const statuses = async (w: World, name: string, arns: string[]) =>
  (
    (await w.aws('ecs', 'DescribeContainerInstances', { cluster: name, containerInstances: arns }))
      .containerInstances as Array<{
      containerInstanceArn: string;
      status: string;
    }>
  )
    .sort((a, b) => arns.indexOf(a.containerInstanceArn) - arns.indexOf(b.containerInstanceArn))
    .map((c) => c.status);

for (const b of backends())
  describe.skipIf(Boolean(b.skip))(`draining container instances on ${b.name}`, () => {
    let w: World;
    beforeAll(() => b.begin());
    beforeEach(async () => {
      w = await b.world();
    });

    it('ecs_drain_container_instances drains a seeded 50% and sets them ACTIVE after the duration', async () => {
      const arns = await cluster(w, 'drain1', 4);
      const out = (await w.call('gameday.actions.ecs_drain_container_instances', {
        cluster: 'drain1',
        drainage_percentage: 50,
        duration: 1,
      })) as { selection: { chosen: string[] }; draining: string[]; restored: boolean };
      expect(out.selection.chosen).toHaveLength(2);
      expect(out.draining.sort()).toEqual([...out.selection.chosen].sort());
      expect(out.restored).toBe(true);
      expect(await statuses(w, 'drain1', arns)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE']);
      expect(w.events.filter((e) => e.type === 'undone')).toHaveLength(1);
    });

    it('without a duration the instances stay DRAINING until undoAll', async () => {
      const arns = await cluster(w, 'drain2', 2);
      await w.call('gameday.actions.ecs_drain_container_instances', { cluster: 'drain2' });
      expect(await statuses(w, 'drain2', arns)).toEqual(['DRAINING', 'DRAINING']);
      await w.guard.undoAll();
      expect(await statuses(w, 'drain2', arns)).toEqual(['ACTIVE', 'ACTIVE']);
    });

    it('chaosaws update_container_instances_state sets DRAINING and its undo restores each previous status', async () => {
      const arns = await cluster(w, 'drain3', 2);
      const out = (await w.call('chaosaws.ecs.actions.update_container_instances_state', {
        cluster: 'drain3',
        container_instances: [arns[0]],
        status: 'DRAINING',
      })) as { containerInstances: Array<{ status: string }> };
      expect(out.containerInstances[0]!.status).toBe('DRAINING');
      expect(await statuses(w, 'drain3', arns)).toEqual(['DRAINING', 'ACTIVE']);
      await w.guard.undoAll();
      expect(await statuses(w, 'drain3', arns)).toEqual(['ACTIVE', 'ACTIVE']);
    });
  });
