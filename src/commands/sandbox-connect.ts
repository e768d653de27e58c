// Opens the simulated region for --sandbox: the clients are the real SDK ones with the sandbox
// plugged in beneath them, so every code path above src/aws/ is the one a real account uses.
import { UserError } from '../util/errors.js';
import { type AwsFlags, type Connection, parsePositive } from './connect.js';

const SIZES = ['default', 'large', 'empty'] as const;

/** Creates a sandbox from the flags (size, seed, speed) and an AwsContext wired to it; on virtual
 * time its clock moves only when a wait advances it (`Connection.virtualTime`). */
export async function openSandbox(
  flags: AwsFlags,
  opts: { virtualTime?: boolean } = {},
): Promise<Connection> {
  const size = flags['sandbox-size'] ?? 'default';
  if (!(SIZES as readonly string[]).includes(size))
    throw new UserError(`--sandbox-size takes ${SIZES.join(', ')}, not "${size}"`);
  const seed = flags.seed === undefined ? 1 : Number(flags.seed);
  if (!Number.isInteger(seed)) throw new UserError(`--seed takes an integer, not "${flags.seed}"`);
  const speed = flags.speed === undefined ? 1 : parsePositive(flags.speed, '--speed', 'speed factor');
  const [{ createSandbox }, { AwsContext }] = await Promise.all([
    import('../sandbox/index.js'),
    import('../aws/clients.js'),
  ]);
  const sandbox = createSandbox({
    size: size as (typeof SIZES)[number],
    seed,
    clock: opts.virtualTime ? 'virtual' : 'real',
    speed,
    region: flags.region,
  });
  const ctx = await AwsContext.create({
    region: sandbox.region,
    credentials: sandbox.credentials,
    plugins: [sandbox.plugin],
    env: {},
  });
  return {
    ctx,
    sandbox: true,
    virtualTime: opts.virtualTime ? sandbox.clock : undefined,
    close: async () => {
      await ctx.destroy();
      sandbox.close();
    },
  };
}
