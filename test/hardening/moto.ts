// What the hardening tests against moto share: launching opted-in instances, reading their states,
// the CLI's environment for moto (or a fault proxy in front of it), and an experiment that stops
// the instances one by one with pauses between, as a `gameday run` would on a real account.
import { DescribeInstancesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { AwsContext } from '../../src/aws/clients.js';
import { runPermitted } from '../../src/aws/mutations.js';
import { motoEndpoint } from '../support/moto.js';

/**
 * A context on moto WITHOUT resetting it (motoTarget().open() resets): these tests launch their own
 * instances and read only those, so they neither need a reset nor wipe other files' resources.
 */
export function openMoto(): Promise<AwsContext> {
  return AwsContext.create({
    endpoint: motoEndpoint(),
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    env: {},
  });
}

/** Launches n instances tagged chaos:allowed=true and returns their ids. */
export async function launchOptedIn(ctx: AwsContext, n: number): Promise<string[]> {
  const ec2 = await ctx.client('ec2');
  const r = await runPermitted('test-seed', () =>
    ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        MinCount: n,
        MaxCount: n,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'chaos:allowed', Value: 'true' }] }],
      }),
    ),
  );
  return r.Instances!.map((i) => i.InstanceId!);
}

/** The state names of the given instances, in the order given. */
export async function instanceStates(ctx: AwsContext, ids: string[]): Promise<string[]> {
  const ec2 = await ctx.client('ec2');
  const r = await ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }));
  const byId = new Map(
    r.Reservations!.flatMap((x) => x.Instances!).map((i) => [i.InstanceId!, i.State!.Name!]),
  );
  return ids.map((id) => byId.get(id) ?? 'missing');
}

/** The environment a CLI child needs to talk to `endpoint` (moto or a proxy in front of it). */
export function motoEnv(endpoint: string): NodeJS.ProcessEnv {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** An experiment stopping each instance in turn (its own action), pausing `pause` seconds after each. */
export function stopOneByOne(ids: string[], pause: number, lastPause = pause): unknown {
  return {
    version: '1.0.0',
    title: 'stop instances one by one',
    description: 'hardening: each instance stopped by its own action, with a pause after each',
    method: ids.map((id, i) => ({
      type: 'action',
      name: `stop-${i + 1}`,
      provider: {
        type: 'python',
        module: 'gameday.actions',
        func: 'stop_instances',
        arguments: { instance_ids: [id] },
      },
      pauses: { after: i === ids.length - 1 ? lastPause : pause },
    })),
    rollbacks: [],
  };
}
