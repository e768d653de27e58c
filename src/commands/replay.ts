// `gameday replay RECORDING`: runs a recorded session again against the current account or the
// sandbox. Before acting it shows, per attack, the recorded targets vs what the same selectors
// resolve to now (gone, new, changed state) and asks whether to keep the recorded ids or
// re-resolve (`--keep-ids` / `--re-resolve` without a terminal). The run is the engine's, with the
// catalogue registry and the recorded selection seed, logged like `gameday run` and recorded as a
// new session beside the old one. On a terminal it runs in the live view (replay-live.ts); without
// one, or with --headless, it logs like `gameday run`.

import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { UserError } from '../util/errors.js';
import type { CommandModule } from './registry.js';

const USAGE =
  'usage: gameday replay RECORDING [--sandbox [--sandbox-size S] [--seed N] [--speed X]] [--region R] [--profile P] ' +
  '[--headless] [--keep-ids | --re-resolve] [--diff-only] [--journal-path P] [--allow-untagged] [--no-record] [--verbose]';

/** How a replay went. */
export interface ReplayOutcome {
  exitCode: number;
  /** The new recording of the replay (unless --no-record). */
  recordingDir?: string;
  diffs: import('../session/replay-diff.js').TargetDiff[];
  mode: 'keep-ids' | 're-resolve' | 'diff-only';
}

/** Everything a replay takes (the command fills it from argv; tests call it directly). */
export interface ReplayOptions {
  recording: string;
  sandbox?: boolean;
  region?: string;
  profile?: string;
  mode?: 'keep-ids' | 're-resolve';
  diffOnly?: boolean;
  journalPath?: string;
  allowUntagged?: boolean;
  record?: boolean;
  verbose?: boolean;
  /** The sandbox's speed factor for the run (`--speed`). */
  speed?: string;
  /** The sandbox's size (`--sandbox-size`: default, large, empty). */
  sandboxSize?: string;
  /** The sandbox's seed (`--seed` / `--sandbox-seed`); the same seed builds the same world and ids. */
  sandboxSeed?: string;
  /** Seconds before an AWS request times out (`--timeout`; not used by the sandbox). */
  timeout?: string;
  /** How the run waits out pauses (default real time; tests pass their own). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Asks keep/re-resolve when targets changed and no mode was given (the terminal prompt). */
  ask?: () => Promise<'keep-ids' | 're-resolve' | undefined>;
  out?: (line: string) => void;
}

/** A recording opened for replay, with its diff against what the selectors resolve to now. */
export interface PreparedReplay {
  rec: import('../session/recording.js').Recording;
  attacks: import('../session/attacks.js').AttackRun[];
  inventory: import('../aws/inventory.js').Inventory;
  diffs: import('../session/replay-diff.js').TargetDiff[];
  /** "the sandbox" or "account 1234 in eu-west-1", for messages. */
  where: string;
  /** The connection the inventory came from (closed unless asked to keep it open). */
  conn: import('./connect.js').Connection;
}

/** Opens the recording and the account (or sandbox), lists the inventory and diffs the targets. */
export async function prepareReplay(
  o: ReplayOptions,
  out: (line: string) => void,
  keepOpen = false,
): Promise<PreparedReplay> {
  const [{ openRecording }, { attacksOf }, diff, { connect }, { discover }] = await Promise.all([
    import('../session/cli.js'),
    import('../session/attacks.js'),
    import('../session/replay-diff.js'),
    import('./connect.js'),
    import('../aws/discovery/index.js'),
  ]);
  const rec = openRecording(o.recording, out);
  const attacks = attacksOf(rec);
  const region = o.region ?? (o.sandbox ? undefined : rec.start.region);
  const conn = await connect({
    sandbox: o.sandbox,
    region,
    profile: o.profile,
    'sandbox-size': o.sandboxSize,
    seed: o.sandboxSeed,
    speed: o.speed,
    timeout: o.timeout,
  });
  let inventory: Awaited<ReturnType<typeof discover>>;
  try {
    inventory = await discover(conn.ctx);
  } catch (err) {
    await conn.close();
    throw err;
  }
  if (!keepOpen) await conn.close();
  const where = o.sandbox ? 'the sandbox' : `account ${inventory.identity.account} in ${inventory.region}`;
  if (!o.sandbox && rec.start.accountId && rec.start.accountId !== inventory.identity.account)
    out(`warning: recorded in account ${rec.start.accountId}, replaying in ${inventory.identity.account}`);
  return { rec, attacks, inventory, diffs: diff.targetDiffs(attacks, inventory), where, conn };
}

/** Diffs, chooses, then runs the recorded experiment. */
export async function replayRecording(o: ReplayOptions): Promise<ReplayOutcome> {
  const out = o.out ?? ((l: string) => process.stderr.write(`${l}\n`));
  const [diff, { replayExperiment }] = await Promise.all([
    import('../session/replay-diff.js'),
    import('../session/replay-plan.js'),
  ]);
  const { rec, attacks, inventory, diffs, where } = await prepareReplay(o, out);
  out(`Targets: recorded vs now (${where})`);
  for (const line of diff.diffLines(diffs)) out(`  ${line}`);
  if (o.diffOnly) return { exitCode: 0, diffs, mode: 'diff-only' };
  let mode = o.mode;
  if (!mode && diff.hasDifferences(diffs)) mode = await o.ask?.();
  if (!mode && diff.hasDifferences(diffs))
    throw new UserError(
      'replay: the targets changed since the recording; pass --keep-ids (act on the recorded ids) or --re-resolve (run the selectors again)',
      2,
    );
  mode ??= 'keep-ids';
  // experiment.json pins the recorded ids where it can; re-resolving puts the selectors back.
  const { experiment, unpinned } = replayExperiment(rec, attacks, mode);
  for (const a of unpinned) out(`note: ${a} cannot be pinned to ids; it runs its recorded selectors again`);
  out(
    `Replaying ${attacks.length} attack(s) on ${where}, ${mode === 'keep-ids' ? 'keeping the recorded ids' : 're-resolving the targets'}`,
  );
  const exitCode = await runRecorded(rec, experiment, o, inventory.identity.account, out);
  return { exitCode: exitCode.code, recordingDir: exitCode.dir, diffs, mode };
}

// Validates and runs the experiment with the recorded seed, recording it as a new session.
async function runRecorded(
  rec: import('../session/recording.js').Recording,
  experiment: import('../experiment/types.js').Experiment,
  o: ReplayOptions,
  account: string,
  out: (line: string) => void,
): Promise<{ code: number; dir?: string }> {
  const [
    { loadFunctionRegistry },
    { validateExperiment },
    { runExperiment },
    log,
    { journalJson },
    { Session },
    { stderrLogger },
  ] = await Promise.all([
    import('./functions.js'),
    import('../experiment/validate.js'),
    import('../experiment/runner.js'),
    import('../experiment/log.js'),
    import('../experiment/journal.js'),
    import('../session/session.js'),
    import('./run.js'),
  ]);
  const { VERSION } = await import('./version.js');
  const logger = stderrLogger(Boolean(o.verbose));
  const guardConfig = rec.guard.find((e) => e.type === 'guard-config');
  const session =
    o.record === false
      ? undefined
      : Session.open(
          {
            title: `Replay of ${rec.start.title}`,
            description: `Replay of recording ${rec.name}.`,
            accountId: account,
            region: o.sandbox ? rec.start.region : (o.region ?? rec.start.region),
            sandbox: Boolean(o.sandbox),
            operator: process.env.USER ?? null,
            gamedayVersion: VERSION,
          },
          { root: dirname(rec.dir) },
        );
  const functions = await loadFunctionRegistry({
    sandbox: o.sandbox,
    sandboxSpeed: o.speed,
    sandboxSize: o.sandboxSize,
    sandboxSeed: o.sandboxSeed,
    region: o.region,
    profile: o.profile,
    guard: {
      allowUntagged: o.allowUntagged,
      seed: guardConfig?.type === 'guard-config' ? guardConfig.seed : undefined,
    },
    log: logger,
    onGuardEvent: session?.guardEvent,
  });
  try {
    // The recorded experiment's env secrets resolve again here: remember them, so they are scrubbed.
    const { rememberExperimentSecrets } = await import('../session/experiment-secrets.js');
    rememberExperimentSecrets(experiment, { configuration: {}, secrets: {} }, process.env);
    const issues = validateExperiment(experiment, { registry: functions.registry, env: process.env });
    const errors = issues.filter((i) => i.level === 'error');
    if (errors.length) {
      for (const i of errors) out(`error: ${i.path}: ${i.message}`);
      throw new UserError(
        `replay: the recorded experiment is not valid here (${errors.length} error(s) above)`,
        2,
      );
    }
    const colour = log.colourModeFor(process.stderr.isTTY === true);
    const sleep = o.sleep ?? (await import('./sandbox-time.js')).sandboxSleep(o.sandbox, o.speed);
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal); // a SIGTERM undoes like Ctrl-C
    try {
      const result = await runExperiment(experiment, {
        registry: functions.registry,
        emit: (e) => {
          session?.runEvent(e);
          for (const line of log.logLines(e))
            if (line.level !== 'DEBUG' || o.verbose)
              process.stderr.write(`${log.formatLine(line, colour)}\n`);
        },
        env: process.env,
        signal: abort.signal,
        ...(sleep ? { sleep } : {}),
        host: { platform: `gameday-${VERSION}`, node: 'gameday-replay' },
      });
      if (abort.signal.aborted) session?.halt('interrupted by a signal', await functions.undoAll());
      else {
        // A replay leaves nothing changed behind: what the rollbacks did not put back is undone.
        const left = await functions.undoAll();
        if (left.undone) out(`undid ${left.undone} change(s) the replay left in place`);
        for (const f of left.failed)
          out(`error: could not undo: ${f} (run gameday recover ${session?.dir ?? ''})`);
      }
      const journalPath =
        o.journalPath ?? (session ? join(session.dir, 'replay-journal.json') : 'journal.json');
      const { writeFileSync } = await import('node:fs');
      const { redact } = await import('../session/redact.js');
      writeFileSync(journalPath, `${journalJson(redact(result.journal))}\n`);
      out(`journal written to ${journalPath}`);
      return { code: result.status !== 'completed' || result.deviated ? 1 : 0, dir: session?.dir };
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  } finally {
    const closed = session?.close();
    if (closed) out(`replay recorded in ${closed.dir}`);
    await functions.close();
  }
}

async function askMode(): Promise<'keep-ids' | 're-resolve' | undefined> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const a = (await rl.question('Keep the recorded ids (k), re-resolve the targets (r), or quit (q)? '))
      .trim()
      .toLowerCase();
    return a.startsWith('k') ? 'keep-ids' : a.startsWith('r') ? 're-resolve' : undefined;
  } finally {
    rl.close();
  }
}

export const run: CommandModule['run'] = async (argv) => {
  const [{ parseRecordingArgs }, { AWS_FLAGS }] = await Promise.all([
    import('../session/cli.js'),
    import('./connect.js'),
  ]);
  const {
    values: v,
    recording,
    help,
  } = parseRecordingArgs('replay', USAGE, argv, {
    ...AWS_FLAGS,
    'sandbox-seed': { type: 'string' },
    'keep-ids': { type: 'boolean' },
    're-resolve': { type: 'boolean' },
    'diff-only': { type: 'boolean' },
    headless: { type: 'boolean' },
    'journal-path': { type: 'string' },
    'allow-untagged': { type: 'boolean' },
    'no-record': { type: 'boolean' },
    verbose: { type: 'boolean' },
  });
  if (help || !recording) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (v['keep-ids'] && v['re-resolve'])
    throw new UserError('replay: --keep-ids and --re-resolve exclude each other', 2);
  if (v.seed !== undefined && v['sandbox-seed'] !== undefined && v.seed !== v['sandbox-seed'])
    throw new UserError('replay: --seed and --sandbox-seed name the same seed; give one of them', 2);
  if (
    !v.sandbox &&
    (v['sandbox-size'] !== undefined || v.seed !== undefined || v['sandbox-seed'] !== undefined)
  )
    throw new UserError('replay: --sandbox-size and --seed describe the sandbox; add --sandbox', 2);
  const options: ReplayOptions = {
    recording,
    sandbox: Boolean(v.sandbox),
    region: v.region as string | undefined,
    profile: v.profile as string | undefined,
    mode: v['keep-ids'] ? 'keep-ids' : v['re-resolve'] ? 're-resolve' : undefined,
    diffOnly: Boolean(v['diff-only']),
    journalPath: v['journal-path'] as string | undefined,
    allowUntagged: Boolean(v['allow-untagged']),
    record: !v['no-record'],
    verbose: Boolean(v.verbose),
    speed: v.speed as string | undefined,
    sandboxSize: v['sandbox-size'] as string | undefined,
    sandboxSeed: (v.seed ?? v['sandbox-seed']) as string | undefined,
    timeout: v.timeout as string | undefined,
  };
  // A terminal gets the live view; scripts, pipes and --headless get the log lines.
  const tty = process.stdin.isTTY === true && process.stdout.isTTY === true;
  if (tty && !v.headless && !v['diff-only']) {
    const { replayLive } = await import('./replay-live.js');
    return replayLive(options);
  }
  const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
  const outcome = await replayRecording({ ...options, ask: interactive ? askMode : undefined });
  return outcome.exitCode;
};
