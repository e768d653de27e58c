// `gameday play SCENARIO`: runbook mode. The console leads the team through a scenario's runbook
// (briefing, hypothesis, steps with manual gates, checklist, closing questions) while the engine
// runs the experiment beside it, held at each gate. Everything is recorded in a session
// (recordings/<time>-<slug>/): the engine's events, the hypothesis, each gate, the checklist and
// the answers as notes, with experiment.json and journal.json written when it closes.
import { parseArgs } from 'node:util';
import { LoadError } from '../experiment/errors.js';
import type { RunEvent } from '../experiment/events.js';
import { loadExperimentFile } from '../experiment/load.js';
import type { RunResult } from '../experiment/runner.js';
import type { RunbookRecord } from '../scenario/machine.js';
import { parseRunbook, type Runbook, RunbookError } from '../scenario/runbook.js';
import { UserError } from '../util/errors.js';
import type { CommandModule } from './registry.js';
import { firstSentence, loadAndValidate, ValidationFailed } from './run.js';

const USAGE = `usage: gameday play SCENARIO [--sandbox] [--region R] [--profile P] [--allow-untagged]
                    [--var k=v] [--var-file F] [--recordings DIR] [--no-record]

Runbook mode: the console leads a guided game day through the scenario's runbook.
Needs an interactive terminal. For CI use \`gameday run SCENARIO --sandbox\` (gates pass headless).`;

/** A runbook record as one line of the session's notes (and of the console's log). */
export function recordLine(r: RunbookRecord): string {
  switch (r.kind) {
    case 'hypothesis':
      return `hypothesis: ${r.text}`;
    case 'gate':
      return `manual gate passed: ${r.title}`;
    case 'attack':
      return `runbook step ${r.status}: ${r.activity}${r.error ? ` (${r.error})` : ''}`;
    case 'observation':
      return `observation ${r.confirmed ? 'confirmed' : 'not confirmed'}: ${r.text}`;
    case 'answer':
      return `closing: ${r.question} ${r.text || '(no answer)'}`;
  }
}

export const run: CommandModule['run'] = async (argv) => {
  const { values: o, positionals } = parse(argv);
  if (o.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UserError(`play: expected exactly one SCENARIO file\n${USAGE}`, 2);
  const file = positionals[0]!;
  const runbook = readRunbook(file);
  if (!process.stdin.isTTY || !process.stdout.isTTY)
    throw new UserError(
      `play needs an interactive terminal; to run ${file} without the team use \`gameday run ${file} --sandbox\``,
      2,
    );

  const [{ LineFeed }, { RunbookMachine }, { runExperiment }, { logLines, formatLine }, { Session }] =
    await Promise.all([
      import('../scenario/feed.js'),
      import('../scenario/machine.js'),
      import('../experiment/runner.js'),
      import('../experiment/log.js'),
      import('../session/session.js'),
    ]);
  const feed = new LineFeed();
  const say = (level: string, message: string) => feed.push(`[${level}] ${message}`);
  let loaded: Awaited<ReturnType<typeof loadAndValidate>>;
  try {
    loaded = await loadAndValidate(
      file,
      {
        vars: o.var,
        varFiles: o['var-file'],
        sandbox: o.sandbox,
        region: o.region,
        profile: o.profile,
        validate: true,
        guard: { allowUntagged: o['allow-untagged'], maxTargets: runbook.blastRadius.maxTargets },
      },
      (level, message) => {
        say(level, message);
        if (level === 'ERROR') process.stderr.write(`${message}\n`);
      },
    );
  } catch (err) {
    if (err instanceof ValidationFailed) return 2;
    if (err instanceof LoadError) throw new UserError(err.message, 2);
    throw err;
  }

  const title = String(loaded.experiment.title ?? file);
  const session = o['no-record']
    ? undefined
    : Session.open(
        {
          title,
          description: String(loaded.experiment.description ?? ''),
          region: o.sandbox ? 'sandbox' : (o.region ?? process.env.AWS_REGION ?? 'default'),
          sandbox: Boolean(o.sandbox),
        },
        { root: o.recordings },
      );
  const machine = new RunbookMachine(runbook, {
    onRecord(r) {
      if (r.kind === 'hypothesis') session?.hypothesis(r.text);
      else session?.note(recordLine(r));
      say('NOTE', recordLine(r));
    },
  });
  const abort = new AbortController();
  let running: Promise<RunResult | undefined> | undefined;
  const start = () => {
    running = runExperiment(loaded.experiment, {
      registry: machine.gate(loaded.registry),
      emit: (e: RunEvent) => {
        session?.runEvent(e);
        machine.onRunEvent(e);
        for (const line of logLines(e)) if (line.level !== 'DEBUG') feed.push(formatLine(line, 'none'));
      },
      vars: loaded.vars,
      env: loaded.env,
      signal: abort.signal,
    }).catch((err: unknown) => {
      say('ERROR', firstSentence(err));
      return undefined;
    });
  };
  const off = machine.subscribe(() => {
    if (!running && machine.state.stage === 'steps') start();
  });

  const { runRunbookApp } = await import('../tui/screens/runbook/run-runbook.js');
  const outcome = await runRunbookApp({
    machine,
    title,
    description:
      typeof loaded.experiment.description === 'string' ? loaded.experiment.description : undefined,
    feed,
    onInterrupt: () => abort.abort(),
  });
  off();
  if (running && !machine.state.run.status)
    process.stderr.write('gameday: waiting for the run to finish its rollbacks...\n');
  const result = await running;
  if (abort.signal.aborted) {
    const undo = await loaded.functions.undoAll();
    session?.halt('operator interrupted the game day (Ctrl+C)', undo);
  }
  await loaded.close();
  const closed = session?.close(outcome);
  if (closed) process.stderr.write(`gameday: recorded in ${closed.dir}\n`);
  if (!result) return outcome === 'interrupted' ? 130 : 1;
  return result.status !== 'completed' || result.deviated ? 1 : 0;
};

/** The scenario's runbook, or a usage error naming the file and every problem. */
function readRunbook(file: string): Runbook {
  try {
    const rb = parseRunbook(loadExperimentFile(file), file);
    if (!rb)
      throw new UserError(
        `${file} has no runbook (an extensions entry {"name": "gameday", "runbook": {...}}); run it with \`gameday run ${file}\``,
        2,
      );
    return rb;
  } catch (err) {
    if (err instanceof RunbookError || err instanceof LoadError) throw new UserError(err.message, 2);
    throw err;
  }
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        sandbox: { type: 'boolean', default: false },
        region: { type: 'string' },
        profile: { type: 'string' },
        'allow-untagged': { type: 'boolean', default: false },
        var: { type: 'string', multiple: true, default: [] },
        'var-file': { type: 'string', multiple: true, default: [] },
        recordings: { type: 'string' },
        'no-record': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UserError(`play: ${firstSentence(err)} (see gameday play --help)`, 2);
  }
}
