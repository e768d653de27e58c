// `gameday validate FILE`: `chaos validate` compatible. Prints every problem (file, JSON path,
// what is wrong) and exits 2 when the experiment is invalid, 0 when it looks valid.
import { parseArgs } from 'node:util';
import { LoadError } from '../experiment/errors.js';
import { UserError } from '../util/errors.js';
import type { CommandModule } from './registry.js';
import { firstSentence, loadAndValidate, stderrLogger, ValidationFailed } from './run.js';

const USAGE =
  'usage: gameday validate FILE [--var k[:type]=v] [--var-file F] [--sandbox] [--region R] [--profile P]';

export const run: CommandModule['run'] = async (argv) => {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (err) {
    throw new UserError(`validate: ${firstSentence(err)} (see gameday validate --help)`, 2);
  }
  const { values: o, positionals } = parsed;
  if (o.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UserError(`validate: expected exactly one experiment FILE (${USAGE})`, 2);
  const log = stderrLogger(false);
  try {
    const loaded = await loadAndValidate(
      positionals[0]!,
      {
        vars: o.var ?? [],
        varFiles: o['var-file'] ?? [],
        sandbox: o.sandbox,
        region: o.region,
        profile: o.profile,
        validate: true,
      },
      log,
    );
    await loaded.close();
  } catch (err) {
    if (err instanceof ValidationFailed) return 2;
    if (err instanceof LoadError) throw new UserError(err.message, 2);
    throw err;
  }
  log('INFO', 'experiment syntax and semantic look valid');
  return 0;
};

const OPTIONS = {
  var: { type: 'string', multiple: true },
  'var-file': { type: 'string', multiple: true },
  sandbox: { type: 'boolean' },
  region: { type: 'string' },
  profile: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
