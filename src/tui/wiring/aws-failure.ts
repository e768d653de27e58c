// What the event log says when AWS fails an attack or a probe mid-run: the call, the resource and
// the reason with what to do (src/aws/errors.ts), and whether it was AWS at all, which the
// console's --on-error policy acts on (a tolerance miss or a bug in a probe is not an AWS error).
import { AwsCallError, explainAwsError } from '../../aws/errors.js';
import { AwsApiError } from '../../aws/ops/call.js';

/** What to do after an AWS error in an attack or a probe: log it and go on, or halt and undo. */
export type OnErrorPolicy = 'continue' | 'halt';

/** The policies, for the flag's validation and help. */
export const ON_ERROR_POLICIES: readonly OnErrorPolicy[] = ['continue', 'halt'];

/** One failure as the operator reads it. */
export interface Failure {
  /** True when AWS answered with an error (or did not answer): the policy applies. */
  aws: boolean;
  text: string;
}

/** Explains an error thrown by a catalogue entry, following `cause` to the AWS error beneath
 * (chaosaws-style entries rewrap it as ActivityFailed); `resource` names what was acted on. */
export function explainFailure(err: unknown, resource?: string): Failure {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof AwsCallError) return { aws: true, text: e.message };
    if (e instanceof AwsApiError) {
      const sdkLike = {
        name: e.code,
        message: e.detail,
        $fault: 'client',
        $metadata: { httpStatusCode: e.httpStatus },
      };
      return {
        aws: true,
        text: explainAwsError(sdkLike, { service: e.service, operation: e.operation, resource }).message,
      };
    }
  }
  return { aws: false, text: err instanceof Error ? err.message : String(err) };
}
