// Opens the simulated region for --sandbox: clients are the real SDK ones with the sandbox plugged in.
import { UserError } from '../util/errors.js';
import type { AwsFlags, Connection } from './connect.js';

/** Creates a sandbox from the flags and an AwsContext wired to it. */
export async function openSandbox(flags: AwsFlags): Promise<Connection> {
  void flags;
  throw new UserError('the sandbox is not available in this build yet', 2);
}
