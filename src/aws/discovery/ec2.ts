// Lists every EC2 instance, 1000 per DescribeInstances page.
import type { Ec2Instance } from '../inventory.js';
import { sdkOf } from '../sdk/index.js';
import { type DiscoveryRun, iso, send, tagRecord } from './common.js';

/** All instances in the region (every state), following NextToken to the end. */
export async function listInstances(run: DiscoveryRun): Promise<Ec2Instance[]> {
  const ec2 = await run.ctx.client('ec2');
  const { commands } = await sdkOf('ec2');
  const out: Ec2Instance[] = [];
  let token: string | undefined;
  do {
    const page = await send(run, 'ec2', 'DescribeInstances', () =>
      ec2.send(new commands.DescribeInstances({ MaxResults: run.pages.describeInstances, NextToken: token })),
    );
    for (const reservation of page.Reservations ?? []) {
      for (const i of reservation.Instances ?? []) {
        const tags = tagRecord(i.Tags);
        out.push({
          id: i.InstanceId ?? '',
          name: tags.Name,
          state: i.State?.Name ?? 'unknown',
          type: i.InstanceType,
          az: i.Placement?.AvailabilityZone,
          privateIp: i.PrivateIpAddress,
          launchTime: iso(i.LaunchTime),
          asg: tags['aws:autoscaling:groupName'],
          tags,
        });
      }
    }
    token = page.NextToken || undefined;
  } while (token);
  return out;
}
