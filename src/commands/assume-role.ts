// chaosaws' aws_assume_role_arn, read once for the run's connections and its recording.
import type { AssumeRole } from '../aws/types.js';

/** The role an activity's configuration asks to act as (chaosaws: aws_assume_role_arn, with
 * aws_assume_role_session_name defaulting to "ChaosToolkit"), or undefined. */
export function assumeRoleOf(configuration: Record<string, unknown>): AssumeRole | undefined {
  const arn = configuration.aws_assume_role_arn;
  if (typeof arn !== 'string' || !arn) return undefined;
  const name = configuration.aws_assume_role_session_name;
  return { roleArn: arn, sessionName: typeof name === 'string' && name ? name : 'ChaosToolkit' };
}
