// STS: who the caller is (a fixed sandbox identity, so the header shows the account).
import { SANDBOX_ACCOUNT } from '../world.js';
import type { HandlerTable } from './types.js';

/** The sandbox user's ARN. */
export const SANDBOX_ARN = `arn:aws:iam::${SANDBOX_ACCOUNT}:user/gameday-sandbox`;

/** The STS operations the sandbox answers. */
export const stsHandlers: HandlerTable = {
  GetCallerIdentity: () => ({ UserId: 'AIDASANDBOXGAMEDAY0001', Account: SANDBOX_ACCOUNT, Arn: SANDBOX_ARN }),
};
