// The subcommands as `--help` lists them: name, usage and one-line summary, and nothing to load,
// so the help path (bundled alone into dist/cli.js) carries no loader of any command.

/** A subcommand as the help text shows it. */
export interface CommandInfo {
  name: string;
  usage: string;
  summary: string;
}

/** Every subcommand gameday knows, in the order `--help` shows them. */
export const COMMAND_LIST: CommandInfo[] = [
  {
    name: 'discover',
    usage: 'discover [--sandbox] [--region R] [--profile P] [--json] [--stats]',
    summary: 'list EC2, Auto Scaling groups, ECS clusters/services/tasks, alarms',
  },
  {
    name: 'run',
    usage: 'run FILE [--sandbox] [--journal-path P] [--dry [MODE]] [--var k=v] ...',
    summary: 'run a Chaos Toolkit experiment headless (`chaos run` compatible)',
  },
  {
    name: 'play',
    usage: 'play SCENARIO [--sandbox] [--region R] [--profile P]',
    summary: 'lead a guided game day: briefing, hypothesis, gates, checklist, findings',
  },
  {
    name: 'validate',
    usage: 'validate FILE [--var k=v] [--var-file F]',
    summary: 'list every problem of an experiment (`chaos validate` compatible)',
  },
  {
    name: 'catalog',
    usage: 'catalog [--json | --markdown] [--kind action|probe] [--module M]',
    summary: 'every action and probe: names, targets, arguments, undo, dry run',
  },
  {
    name: 'recover',
    usage: 'recover [RECORDING] [--yes] [--list] [--record-dir DIR]',
    summary: 'undo the changes a crashed or killed session left behind',
  },
  {
    name: 'replay',
    usage: 'replay RECORDING [--sandbox] [--keep-ids | --re-resolve] [--diff-only]',
    summary: 'run a recorded session again, after a diff of its targets then vs now',
  },
  {
    name: 'review',
    usage: 'review RECORDING [--speed 1|10|60]',
    summary: 'play a recording back in the live view, without any AWS call',
  },
  {
    name: 'report',
    usage: 'report RECORDING [--html] [--out FILE]',
    summary: 'a report of a recording: Markdown, or one HTML page with charts',
  },
  {
    name: 'export',
    usage: 'export RECORDING (--fis | --chaostoolkit) [--out FILE]',
    summary: 'a recording as an AWS FIS template (or a Chaos Toolkit experiment)',
  },
];
