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
  {
    name: 'run',
    usage: 'run FILE [--journal-path P] [--dry [MODE]] [--rollback-strategy S] [--hypothesis-strategy S] ...',
    summary: 'run a Chaos Toolkit experiment headlessly (chaos run compatible: log, journal, exit codes)',
    load: () => import('./run.js'),
  },
  {
    name: 'play',
    usage: 'play SCENARIO [--sandbox] [--region R] [--profile P] [--recordings DIR]',
    summary:
      'runbook mode: lead a guided game day (briefing, hypothesis, gates, checklist, closing questions)',
    load: () => import('./play.js'),
  },
  {
    name: 'validate',
    usage: 'validate FILE [--var k=v] [--var-file F]',
    summary: 'check a Chaos Toolkit experiment and list every problem (chaos validate compatible)',
    load: () => import('./validate.js'),
  },
  {
    name: 'catalog',
    usage: 'catalog [--json | --markdown] [--kind action|probe] [--module M]',
    summary: 'every action and probe: Chaos Toolkit name, target, arguments with defaults, undo, dry run',
    load: () => import('./catalog.js'),
  },
  {
    name: 'recover',
    usage: 'recover [RECORDING] [--yes] [--list] [--record-dir DIR]',
    summary: 'undo changes a crashed or killed session left behind (from its write-ahead log)',
    load: () => import('./recover.js'),
  },
  {
    name: 'replay',
    usage: 'replay RECORDING [--sandbox] [--keep-ids | --re-resolve] [--diff-only] ...',
    summary: 'run a recorded session again, after a diff of recorded targets vs what they resolve to now',
    load: () => import('./replay.js'),
  },
  {
    name: 'review',
    usage: 'review RECORDING [--speed 1|10|60]',
    summary: 'play a recorded session back in the live view (graphs, probes, notes, attacks), no AWS calls',
    load: () => import('./review.js'),
  },
  {
    name: 'report',
    usage: 'report RECORDING [--html] [--out FILE]',
    summary: 'a report of a recorded session: Markdown, or a self-contained HTML page with charts',
    load: () => import('./report.js'),
  },
  {
    name: 'export',
    usage: 'export RECORDING (--fis | --chaostoolkit) [--out FILE]',
    summary: 'a recorded session as an AWS FIS experiment template (or its Chaos Toolkit experiment)',
    load: () => import('./export.js'),
  },
];
