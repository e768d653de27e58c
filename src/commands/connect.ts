// The flags every AWS-facing command shares (--sandbox, --region, --profile, ...) and the one
// function that turns them into an AwsContext: the real account, or the simulated sandbox region.
import type { AwsContext } from '../aws/clients.js';
import type { AssumeRole } from '../aws/types.js';
import { UserError } from '../util/errors.js';

/** parseArgs option definitions for the shared AWS flags. */
export const AWS_FLAGS = {
  sandbox: { type: 'boolean' },
  'sandbox-size': { type: 'string' },
  seed: { type: 'string' },
  speed: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  timeout: { type: 'string' },
} as const;

/** The shared AWS flags after parsing. */
export interface AwsFlags {
  sandbox?: boolean;
  'sandbox-size'?: string;
  seed?: string;
  speed?: string;
  region?: string;
  profile?: string;
  timeout?: string;
}

/** An open connection: the context, whether it is simulated, and how to close it. */
export interface Connection {
  ctx: AwsContext;
  sandbox: boolean;
  /** A sandbox on virtual time: its clock, which moves only when someone waits on it. */
  virtualTime?: { now(): number; advance(ms: number): void };
  close(): Promise<void>;
}

/** Opens the account (or sandbox) the flags name. Throws SettingsError/UserError on bad flags.
 * `virtualTime` opens the sandbox on a clock that only waits move (benchmarks, tests);
 * `assumeRole` acts as that role (an experiment's aws_assume_role_arn; the sandbox has one account). */
export async function connect(
  flags: AwsFlags,
  opts: { virtualTime?: boolean; assumeRole?: AssumeRole } = {},
): Promise<Connection> {
  if (flags.sandbox) {
    const { openSandbox } = await import('./sandbox-connect.js');
    return openSandbox(flags, opts);
  }
  const { AwsContext } = await import('../aws/clients.js');
  const ctx = await AwsContext.create({
    region: flags.region,
    profile: flags.profile,
    assumeRole: opts.assumeRole,
    requestTimeoutMs:
      flags.timeout === undefined ? undefined : parsePositive(flags.timeout, '--timeout') * 1000,
  });
  return { ctx, sandbox: false, close: () => ctx.destroy() };
}

/** A positive number from a flag, or a usage error naming the flag and what it takes. */
export function parsePositive(text: string, flag: string, what = 'number of seconds'): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UserError(`${flag} takes a positive ${what}, not "${text}"`);
  return n;
}
