// Dispatches argv to a subcommand. Kept free of heavy imports: `--help` and `--version` must
// answer before ink or the AWS SDK are loaded.
import { isUserError } from '../util/errors.js';
import { suggest } from '../util/suggest.js';
import { quickAnswer } from './quick.js';
import { COMMANDS } from './registry.js';

/** Runs the CLI for an argv (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  try {
    const quick = quickAnswer(argv);
    if (quick !== undefined) {
      process.stdout.write(quick);
      return 0;
    }
    if (first === undefined || first.startsWith('-')) {
      const mod = await import('./console.js');
      return await mod.run(argv);
    }
    const entry = COMMANDS.find((c) => c.name === first);
    if (!entry) {
      const hint = suggest(
        first,
        COMMANDS.map((c) => c.name),
      );
      process.stderr.write(
        `gameday: unknown command "${first}"${hint ? `; did you mean "${hint}"?` : ''} (see gameday --help)\n`,
      );
      return 2;
    }
    const mod = await entry.load();
    return await mod.run(rest);
  } catch (err) {
    return reportFatal(err);
  }
}

/** Prints an error as one line (a stack only with GAMEDAY_DEBUG=1) and picks the exit code. */
export function reportFatal(err: unknown): number {
  if (isUserError(err)) {
    process.stderr.write(`gameday: ${err.message}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`gameday: unexpected error: ${message}\n`);
  if (process.env.GAMEDAY_DEBUG === '1' && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  else process.stderr.write('gameday: set GAMEDAY_DEBUG=1 for the stack trace and report it\n');
  return 1;
}
