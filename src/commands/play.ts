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
import { AWS_FLAGS } from './connect.js';
import type { CommandModule } from './registry.js';
import { firstSentence } from './run.js';

const USAGE = `usage: gameday play SCENARIO [--sandbox [--speed N] [--seed S]] [--region R] [--profile P]
                    [--allow-untagged] [--var k=v] [--var-file F] [--record-dir DIR] [--no-record]

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

  const flags = { ...o, sandbox: o.sandbox ? true : undefined };
  const [{ LineFeed }, { RunbookMachine }, { runExperiment }, { logLines, formatLine }, { Session }] =
    await Promise.all([
      import('../scenario/feed.js'),
      import('../scenario/machine.js'),
      import('../experiment/runner.js'),
      import('../experiment/log.js'),
      import('../session/session.js'),
    ]);
  const [{ connect }, { sdkCall }, { playWiring }, { validateExperiment }, { formatIssue }, vars, time] =
    await Promise.all([
      import('./connect.js'),
      import('../aws/ops/call.js'),
      import('../scenario/play-wiring.js'),
      import('../experiment/validate.js'),
      import('../experiment/errors.js'),
      import('../experiment/vars.js'),
      import('./sandbox-time.js'),
    ]);
  const sleep = time.sandboxSleep(o.sandbox, o.speed);
  const varsLoaded = vars.loadVarFiles(o['var-file'], vars.parseVars(o.var));
  const env = { ...process.env, ...varsLoaded.env };
  const experiment = loadExperimentFile(file);
  const conn = await connect(flags);
  const elsewhere = conn.sandbox ? undefined : elsewhereThan(experiment, conn.ctx.settings.region);
  if (elsewhere) {
    await conn.close();
    throw new UserError(`${file}: ${elsewhere}`, 2);
  }
  const feed = new LineFeed();
  const say = (level: string, message: string) => feed.push(`[${level}] ${message}`);
  const title = String(experiment.title ?? file);
  // Who we are, before the team starts: the recording and the report name the account, and bad
  // credentials are told now in one line rather than halfway through the runbook.
  const [{ callerIdentity }, { VERSION }] = await Promise.all([
    import('../aws/identity.js'),
    import('./version.js'),
  ]);
  let identity: Awaited<ReturnType<typeof callerIdentity>>;
  try {
    identity = await callerIdentity(conn.ctx);
  } catch (err) {
    await conn.close();
    throw err;
  }
  const session = o['no-record']
    ? undefined
    : Session.open(
        {
          title,
          description: String(experiment.description ?? ''),
          accountId: identity.account,
          region: conn.ctx.settings.region ?? 'default',
          sandbox: conn.sandbox,
          operator: process.env.USER ?? null,
          gamedayVersion: VERSION,
        },
        { root: o['record-dir'] },
      );
  const abort = new AbortController();
  const wiring = playWiring({
    aws: sdkCall(conn.ctx),
    runbook,
    allowUntagged: o['allow-untagged'],
    seed: o.seed === undefined ? undefined : Number(o.seed),
    // the sandbox's clock may run --speed times faster than the wall: ask for a wide window
    metricWindow: conn.sandbox
      ? (end) => ({
          start: new Date(end.getTime() - 3 * 3600_000),
          end: new Date(end.getTime() + 48 * 3600_000),
        })
      : undefined,
    onGuardEvent: (e) => session?.guardEvent(e),
    onStop: (reason) => void halt(`stop condition: ${reason}`),
  });
  const halt = async (why: string) => {
    if (abort.signal.aborted) return;
    abort.abort();
    const r = await wiring.guard.undoAll();
    const failed = r.failed.map((f) => `${f.description}: ${f.error ?? 'failed'}`);
    wiring.loop.halted(
      `${why}: undid ${r.undone} change(s)${failed.length ? `, FAILED: ${failed.join('; ')}` : ''}`,
    );
    session?.halt(why, { undone: r.undone, failed });
    say('HALT', `${why}; ${r.undone} change(s) undone`);
  };
  const issues = validateExperiment(experiment, { registry: wiring.registry, env, vars: varsLoaded });
  const errors = issues.filter((i) => i.level === 'error');
  if (errors.length) {
    for (const i of errors) process.stderr.write(`${formatIssue(file, i)}\n`);
    session?.close('invalid experiment');
    await conn.close();
    return 2;
  }

  const machine = new RunbookMachine(runbook, {
    onRecord(r) {
      if (r.kind === 'hypothesis') session?.hypothesis(r.text);
      else session?.note(recordLine(r));
      say('NOTE', recordLine(r));
    },
  });
  let running: Promise<RunResult | undefined> | undefined;
  let armed = false;
  const start = () => {
    const detach = session?.attachLoop(wiring.loop);
    wiring.loop.start();
    void wiring.configure().catch((err: unknown) => say('WARNING', `graphs: ${firstSentence(err)}`));
    running = runExperiment(experiment, {
      registry: machine.gate(wiring.registry),
      emit: (e: RunEvent) => {
        session?.runEvent(e);
        machine.onRunEvent(e);
        for (const line of logLines(e)) if (line.level !== 'DEBUG') feed.push(formatLine(line, 'none'));
      },
      vars: varsLoaded,
      env,
      signal: abort.signal,
      ...(sleep ? { sleep } : {}),
    })
      .catch((err: unknown) => {
        say('ERROR', firstSentence(err));
        return undefined;
      })
      .finally(() => {
        wiring.loop.stop();
        detach?.();
      });
  };
  const off = machine.subscribe(() => {
    const st = machine.state;
    if (!running && st.stage === 'steps') start();
    const attack = st.steps.find((x) => x.status === 'running');
    if (attack && !armed) {
      armed = true;
      wiring.loop.attackStarted(attack.step.title);
    }
  });

  const { runRunbookApp } = await import('../tui/screens/runbook/run-runbook.js');
  const outcome = await runRunbookApp({
    machine,
    title,
    description: typeof experiment.description === 'string' ? experiment.description : undefined,
    feed,
    watch: wiring.loop,
    onInterrupt: () => void halt('operator interrupted the game day (Ctrl+C)'),
  });
  off();
  if (running && !machine.state.run.status)
    process.stderr.write('gameday: waiting for the run to finish its rollbacks...\n');
  const result = await running;
  wiring.loop.stop();
  if (wiring.guard.active().length) await halt('game day closed with changes still in place');
  await conn.close();
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
        ...AWS_FLAGS,
        'allow-untagged': { type: 'boolean', default: false },
        var: { type: 'string', multiple: true, default: [] },
        'var-file': { type: 'string', multiple: true, default: [] },
        'record-dir': { type: 'string' },
        'no-record': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UserError(`play: ${firstSentence(err)} (see gameday play --help)`, 2);
  }
}

/** Why a scenario asks for another place than the one play acts on (its configuration's literal
 * aws_region or aws_assume_role_arn; play uses the console's --region/--profile), or undefined. */
export function elsewhereThan(
  experiment: Record<string, unknown>,
  region: string | undefined,
): string | undefined {
  const configured = (experiment.configuration ?? {}) as Record<string, unknown>;
  const role = configured.aws_assume_role_arn;
  if (typeof role === 'string' && role)
    return `configuration.aws_assume_role_arn names ${role}, but gameday play acts as the credentials of --profile; pass a profile that assumes that role (role_arn in ~/.aws/config), or use \`gameday run\`, which assumes it`;
  const wanted = configured.aws_region;
  if (typeof wanted === 'string' && wanted && region && wanted !== region)
    return `configuration.aws_region is ${wanted}, but gameday play would act in ${region}; pass --region ${wanted}`;
  return undefined;
}
