// Lists every Auto Scaling group with its members and their health, 100 per page.
import type { AutoScalingGroup } from '../inventory.js';
import { sdkOf } from '../sdk/index.js';
import { type DiscoveryRun, send, tagRecord } from './common.js';

/** All Auto Scaling groups in the region. */
export async function listAutoScalingGroups(run: DiscoveryRun): Promise<AutoScalingGroup[]> {
  const asg = await run.ctx.client('autoscaling');
  const { commands } = await sdkOf('autoscaling');
  const out: AutoScalingGroup[] = [];
  let token: string | undefined;
  do {
    const page = await send(run, 'autoscaling', 'DescribeAutoScalingGroups', () =>
      asg.send(
        new commands.DescribeAutoScalingGroups({
          MaxRecords: run.pages.describeAutoScalingGroups,
          NextToken: token,
        }),
      ),
    );
    for (const g of page.AutoScalingGroups ?? []) {
      out.push({
        name: g.AutoScalingGroupName ?? '',
        arn: g.AutoScalingGroupARN,
        min: g.MinSize ?? 0,
        max: g.MaxSize ?? 0,
        desired: g.DesiredCapacity ?? 0,
        azs: g.AvailabilityZones ?? [],
        instances: (g.Instances ?? []).map((i) => ({
          id: i.InstanceId ?? '',
          az: i.AvailabilityZone,
          lifecycle: i.LifecycleState ?? 'unknown',
          health: i.HealthStatus ?? 'unknown',
        })),
        suspended: (g.SuspendedProcesses ?? []).map((p) => p.ProcessName ?? '').filter(Boolean),
        healthCheckType: g.HealthCheckType,
        healthCheckGracePeriod: g.HealthCheckGracePeriod,
        targetGroupArns: g.TargetGroupARNs ?? [],
        tags: tagRecord(g.Tags),
      });
    }
    token = page.NextToken || undefined;
  } while (token);
  return out;
}
