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
    summary: 'list EC2, Auto Scaling groups, ECS clusters/services/tasks, alarms',
    load: () => import('./discover.js'),
  },
  {
    name: 'run',
    usage: 'run FILE [--sandbox] [--journal-path P] [--dry [MODE]] [--var k=v] ...',
    summary: 'run a Chaos Toolkit experiment headless (`chaos run` compatible)',
    load: () => import('./run.js'),
  },
  {
    name: 'play',
    usage: 'play SCENARIO [--sandbox] [--region R] [--profile P]',
    summary: 'lead a guided game day: briefing, hypothesis, gates, checklist, findings',
    load: () => import('./play.js'),
  },
  {
    name: 'validate',
    usage: 'validate FILE [--var k=v] [--var-file F]',
    summary: 'list every problem of an experiment (`chaos validate` compatible)',
    load: () => import('./validate.js'),
  },
  {
    name: 'catalog',
    usage: 'catalog [--json | --markdown] [--kind action|probe] [--module M]',
    summary: 'every action and probe: names, targets, arguments, undo, dry run',
    load: () => import('./catalog.js'),
  },
  {
    name: 'recover',
    usage: 'recover [RECORDING] [--yes] [--list] [--record-dir DIR]',
    summary: 'undo the changes a crashed or killed session left behind',
    load: () => import('./recover.js'),
  },
  {
    name: 'replay',
    usage: 'replay RECORDING [--sandbox] [--keep-ids | --re-resolve] [--diff-only]',
    summary: 'run a recorded session again, after a diff of its targets then vs now',
    load: () => import('./replay.js'),
  },
  {
    name: 'review',
    usage: 'review RECORDING [--speed 1|10|60]',
    summary: 'play a recording back in the live view, without any AWS call',
    load: () => import('./review.js'),
  },
  {
    name: 'report',
    usage: 'report RECORDING [--html] [--out FILE]',
    summary: 'a report of a recording: Markdown, or one HTML page with charts',
    load: () => import('./report.js'),
  },
  {
    name: 'export',
    usage: 'export RECORDING (--fis | --chaostoolkit) [--out FILE]',
    summary: 'a recording as an AWS FIS template (or a Chaos Toolkit experiment)',
    load: () => import('./export.js'),
  },
];
