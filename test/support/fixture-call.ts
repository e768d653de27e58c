// Test fixtures build worlds with operations gameday itself never calls (CreateCluster,
// CreateLaunchTemplate, PutMetricAlarm...), which the bundled SDK tables leave out on purpose
// (src/aws/sdk/). This door takes any operation of the whole SDK package, over the context's
// clients (so the sandbox plug-in and the call counter still see it).

import type { AwsContext } from '../../src/aws/clients.js';
import type { AwsCall } from '../../src/aws/ops/call.js';
import { plain, toApiError } from '../../src/aws/ops/call.js';
import type { ServiceName } from '../../src/aws/types.js';

const PACKAGES: Record<ServiceName, () => Promise<Record<string, unknown>>> = {
  ec2: () => import('@aws-sdk/client-ec2'),
  autoscaling: () => import('@aws-sdk/client-auto-scaling'),
  ecs: () => import('@aws-sdk/client-ecs'),
  cloudwatch: () => import('@aws-sdk/client-cloudwatch'),
  sts: () => import('@aws-sdk/client-sts'),
  iam: () => import('@aws-sdk/client-iam'),
};

/** An AwsCall for fixtures: every operation of the SDK package, not only those gameday uses. */
export function fixtureCall(ctx: AwsContext): AwsCall {
  return async (service, operation, input) => {
    const Ctor = (await PACKAGES[service]())[`${operation}Command`] as
      | (new (
          i: Record<string, unknown>,
        ) => unknown)
      | undefined;
    if (!Ctor) throw new Error(`no ${service} ${operation} in the SDK`);
    const client = (await ctx.client(service)) as unknown as { send(c: unknown): Promise<unknown> };
    try {
      return plain(await client.send(new Ctor(input)));
    } catch (err) {
      throw toApiError(service, operation, err);
    }
  };
}
