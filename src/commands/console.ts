// `gameday` with no subcommand: the interactive console. Until the console lands it prints the
// inventory of the chosen account (or the sandbox), like `gameday discover`.
import type { CommandModule } from './registry.js';

/** Runs the console for the given argv. */
export const run: CommandModule['run'] = async (argv) => {
  const discover = await import('./discover.js');
  return discover.run(argv);
};
