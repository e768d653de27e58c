// The steady loop's probes ask for one Auto Scaling group or ECS service each, every tick; reads
// started together share one call, and each caller still gets exactly its own answer.
import { describe, expect, it } from 'vitest';
import type { AwsCall } from '../../src/aws/ops/call.js';
import { coalesceReads } from '../../src/aws/ops/coalesce.js';

/** A fake AWS that records calls and answers from a few groups and services. */
function fakeAws(fail?: Error) {
  const calls: { operation: string; input: Record<string, unknown> }[] = [];
  const aws: AwsCall = async (_service, operation, input) => {
    calls.push({ operation, input });
    if (fail) throw fail;
    if (operation === 'DescribeAutoScalingGroups')
      return {
        AutoScalingGroups: (input.AutoScalingGroupNames as string[])
          .filter((n) => n !== 'gone')
          .map((n) => ({ AutoScalingGroupName: n, DesiredCapacity: 2 })),
      };
    if (operation === 'DescribeServices')
      return {
        services: (input.services as string[])
          .filter((n) => n !== 'gone')
          .map((n) => ({ serviceName: n, serviceArn: `arn:aws:ecs:r:1:service/${input.cluster}/${n}` })),
        failures: (input.services as string[])
          .filter((n) => n === 'gone')
          .map((n) => ({ arn: `arn:aws:ecs:r:1:service/${input.cluster}/${n}`, reason: 'MISSING' })),
      };
    return { operation };
  };
  return { aws, calls };
}

describe('coalesceReads', () => {
  it('three probes reading one group each make one DescribeAutoScalingGroups call', async () => {
    const { aws, calls } = fakeAws();
    const read = coalesceReads(aws);
    const [a, b, c] = await Promise.all(
      ['web', 'api', 'web'].map((n) =>
        read('autoscaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: [n] }),
      ),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]!.input.AutoScalingGroupNames).toEqual(['web', 'api']);
    expect(a!.AutoScalingGroups.map((g: { AutoScalingGroupName: string }) => g.AutoScalingGroupName)).toEqual(
      ['web'],
    );
    expect(b!.AutoScalingGroups.map((g: { AutoScalingGroupName: string }) => g.AutoScalingGroupName)).toEqual(
      ['api'],
    );
    expect(c!.AutoScalingGroups).toHaveLength(1);
  });

  it('services batch per cluster, and a missing one gets its own failure', async () => {
    const { aws, calls } = fakeAws();
    const read = coalesceReads(aws);
    const [shopWeb, shopGone, otherWeb] = await Promise.all([
      read('ecs', 'DescribeServices', { cluster: 'shop', services: ['web'] }),
      read('ecs', 'DescribeServices', { cluster: 'shop', services: ['gone'] }),
      read('ecs', 'DescribeServices', { cluster: 'other', services: ['web'] }),
    ]);
    expect(calls.map((c) => c.input)).toEqual([
      { cluster: 'shop', services: ['web', 'gone'] },
      { cluster: 'other', services: ['web'] },
    ]);
    expect(shopWeb!.services).toHaveLength(1);
    expect(shopWeb!.failures).toEqual([]);
    expect(shopGone!.services).toEqual([]);
    expect(shopGone!.failures).toEqual([{ arn: 'arn:aws:ecs:r:1:service/shop/gone', reason: 'MISSING' }]);
    expect(otherWeb!.services[0].serviceArn).toContain('/other/web');
  });

  it('a lone read keeps its exact input; other operations pass straight through', async () => {
    const { aws, calls } = fakeAws();
    const read = coalesceReads(aws);
    await read('autoscaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: ['web'] });
    await read('ec2', 'DescribeInstances', { InstanceIds: ['i-1'] });
    expect(calls).toEqual([
      { operation: 'DescribeAutoScalingGroups', input: { AutoScalingGroupNames: ['web'] } },
      { operation: 'DescribeInstances', input: { InstanceIds: ['i-1'] } },
    ]);
  });

  it('a failed batch fails every caller in it with the same error', async () => {
    const { aws } = fakeAws(new Error('Throttling: Rate exceeded'));
    const read = coalesceReads(aws);
    const results = await Promise.allSettled(
      ['web', 'api'].map((n) =>
        read('autoscaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: [n] }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason.message).toBe('Throttling: Rate exceeded');
  });
});
