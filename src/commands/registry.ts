// The subcommands with their loaders: the dispatcher imports a command's module only when it runs.
import { COMMAND_LIST, type CommandInfo } from './command-list.js';

/** A subcommand module: parses its own argv and returns the process exit code. */
export interface CommandModule {
  run(argv: string[]): Promise<number>;
}

/** A subcommand's entry in the table the dispatcher reads. */
export interface CommandEntry extends CommandInfo {
  load: () => Promise<CommandModule>;
}

// One literal import each, so the bundler gives each command its own chunk.
const LOADERS: Record<string, () => Promise<CommandModule>> = {
  discover: () => import('./discover.js'),
  run: () => import('./run.js'),
  play: () => import('./play.js'),
  validate: () => import('./validate.js'),
  catalog: () => import('./catalog.js'),
  recover: () => import('./recover.js'),
  replay: () => import('./replay.js'),
  review: () => import('./review.js'),
  report: () => import('./report.js'),
  export: () => import('./export.js'),
};

/** Every subcommand, in the order `--help` shows them. */
export const COMMANDS: CommandEntry[] = COMMAND_LIST.map((c) => {
  const load = LOADERS[c.name];
  if (!load) throw new Error(`no loader for the command ${c.name}`);
  return { ...c, load };
});
