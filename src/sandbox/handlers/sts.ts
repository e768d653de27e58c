// STS and IAM: who the caller is and what the account is called (a fixed sandbox identity and
// alias, so the header shows both as it would on a real account).
import { SANDBOX_ACCOUNT } from '../world.js';
import type { HandlerTable } from './types.js';

/** The sandbox user's ARN. */
export const SANDBOX_ARN = `arn:aws:iam::${SANDBOX_ACCOUNT}:user/gameday-sandbox`;

/** The sandbox account's alias (what ListAccountAliases answers). */
export const SANDBOX_ALIAS = 'gameday-sandbox';

/** The STS operations the sandbox answers. */
export const stsHandlers: HandlerTable = {
  GetCallerIdentity: () => ({ UserId: 'AIDASANDBOXGAMEDAY0001', Account: SANDBOX_ACCOUNT, Arn: SANDBOX_ARN }),
};

/** The IAM operations the sandbox answers: only the account alias. */
export const iamHandlers: HandlerTable = {
  ListAccountAliases: () => ({ AccountAliases: [SANDBOX_ALIAS], IsTruncated: false }),
};
