// Who the credentials belong to (STS GetCallerIdentity): shown in every header and report, since
// an operator must always know which account they are about to break.
import type { AwsContext } from './clients.js';
import { awsCall } from './errors.js';
import type { CallerIdentity } from './inventory.js';
import { sdkOf } from './sdk/index.js';

/** The account id and caller ARN of a context's credentials. */
export async function callerIdentity(ctx: AwsContext): Promise<CallerIdentity> {
  const sts = await ctx.client('sts');
  const { commands } = await sdkOf('sts');
  const { settings } = ctx;
  const r = await awsCall(
    {
      service: 'sts',
      operation: 'GetCallerIdentity',
      endpoint: settings.endpoint,
      region: settings.region,
      profile: settings.profile,
    },
    () => sts.send(new commands.GetCallerIdentity({})),
  );
  return { account: r.Account ?? 'unknown', arn: r.Arn ?? 'unknown', userId: r.UserId };
}

/** The account's alias (IAM ListAccountAliases), or undefined when it has none or we may not ask:
 * the alias is a courtesy in the header and the typed confirmation, never a reason to stop. */
export async function accountAlias(ctx: AwsContext): Promise<string | undefined> {
  try {
    const iam = await ctx.client('iam');
    const { commands } = await sdkOf('iam');
    const r = await iam.send(new commands.ListAccountAliases({ MaxItems: 1 }));
    return r.AccountAliases?.[0] || undefined;
  } catch {
    return undefined;
  }
}
