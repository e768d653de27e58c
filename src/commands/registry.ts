// The subcommands: name, one-line summary and a loader, so `--help` lists them without importing any.

/** A subcommand module: parses its own argv and returns the process exit code. */
export interface CommandModule {
  run(argv: string[]): Promise<number>;
}

/** A subcommand's entry in the table that `--help` and the dispatcher read. */
export interface CommandEntry {
  name: string;
  usage: string;
  summary: string;
  load: () => Promise<CommandModule>;
}

/** Every subcommand gameday knows, in the order `--help` shows them. */
export const COMMANDS: CommandEntry[] = [
  {
    name: 'discover',
    usage: 'discover [--sandbox] [--region R] [--profile P] [--json] [--stats]',
    summary: 'list EC2 instances, Auto Scaling groups, ECS clusters/services/tasks and CloudWatch alarms',
    load: () => import('./discover.js'),
  },
];
