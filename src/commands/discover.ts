// `gameday discover`: the inventory of the account (or sandbox) as tables grouped by kind, or JSON.
import { parseArgs } from 'node:util';
import { UserError } from '../util/errors.js';
import { AWS_FLAGS, connect } from './connect.js';
import type { CommandModule } from './registry.js';

const USAGE = `Usage: gameday discover [--sandbox] [--region R] [--profile P] [--json] [--stats]

Lists EC2 instances, Auto Scaling groups (members and health), ECS clusters, services
(desired/running/pending), tasks and container instances, and CloudWatch alarms (state).
  --json     machine-readable inventory on stdout
  --stats    also print the API calls made, per operation
  --timeout S  seconds to wait for each AWS answer (default 10; 5 attempts)
Exit codes: 0 listed, 1 AWS error, 2 usage error, 3 listed with gaps (a service denied).`;

/** Parses argv and prints the inventory. */
export const run: CommandModule['run'] = async (argv) => {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (err) {
    throw new UserError(`discover: ${(err as Error).message} (see gameday discover --help)`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const conn = await connect(values);
  try {
    const { discover } = await import('../aws/discovery/index.js');
    const started = performance.now();
    const inv = await discover(conn.ctx);
    const wallMs = performance.now() - started;
    const stats = {
      calls: conn.ctx.counter.toJSON(),
      total: conn.ctx.counter.total,
      wallMs: Math.round(wallMs),
      callLatencySumMs: Math.round(conn.ctx.counter.latencyMs),
    };
    if (values.json) {
      process.stdout.write(`${JSON.stringify(values.stats ? { ...inv, stats } : inv, null, 2)}\n`);
    } else {
      const { inventoryText } = await import('./inventory-text.js');
      process.stdout.write(`${inventoryText(inv, conn.sandbox)}\n`);
      if (values.stats) {
        process.stdout.write(
          `\nAPI calls (${stats.total}, ${stats.wallMs} ms wall, ${stats.callLatencySumMs} ms summed latency)\n`,
        );
        for (const [op, n] of Object.entries(stats.calls)) process.stdout.write(`  ${op.padEnd(40)} ${n}\n`);
      }
    }
    for (const gap of inv.gaps)
      process.stderr.write(`gameday: not listed: ${gap.kinds.join(', ')}: ${gap.message}\n`);
    return inv.gaps.length ? 3 : 0;
  } finally {
    await conn.close();
  }
};

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      ...AWS_FLAGS,
      json: { type: 'boolean' },
      stats: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
    strict: true,
  });
}
