// A service that denies access leaves a named gap; everything else is still listed.
import { ECSServiceException } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { discover } from '../../src/aws/discovery/index.js';
import type { ClientPlugin } from '../../src/aws/types.js';
import { inventoryText } from '../../src/commands/inventory-text.js';
import { seedWorld } from './seed.js';
import { motoTarget } from './targets.js';

/** Answers every ECS call with AccessDeniedException, as IAM would for a role without ecs:*. */
const denyEcs: ClientPlugin = {
  name: 'deny-ecs',
  apply(client, service) {
    if (service !== 'ecs') return;
    client.middlewareStack.add(
      () => async () => {
        throw new ECSServiceException({
          name: 'AccessDeniedException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
          message: 'User: arn:aws:iam::123456789012:user/ops is not authorized to perform: ecs:ListClusters',
        });
      },
      { step: 'initialize', priority: 'low', name: 'denyEcs' },
    );
  },
};

const moto = motoTarget();

describe.skipIf(moto.skip)('discovery with one service denied', () => {
  it('lists the other services and names the gap with the IAM action', async () => {
    const ctx = await moto.open();
    const world = await seedWorld(ctx);
    await ctx.addPlugin(denyEcs);
    const inv = await discover(ctx);
    expect(inv.instances).toHaveLength(world.standalone.length + world.asgInstanceIds.length);
    expect(inv.autoScalingGroups).toHaveLength(1);
    expect(inv.alarms).toHaveLength(2);
    expect(inv.clusters).toEqual([]);
    expect(inv.gaps).toEqual([
      {
        kinds: ['clusters', 'services', 'tasks', 'containerInstances'],
        operation: 'ecs:ListClusters',
        message: expect.stringMatching(/^ecs:ListClusters was denied: grant the IAM action ecs:ListClusters/),
      },
    ]);
    expect(inventoryText(inv)).toMatch(
      /NOT LISTED: clusters, services, tasks, containerInstances: ecs:ListClusters was denied/,
    );
    await ctx.destroy();
  });
});
