// `gameday replay RECORDING` on a terminal: the diff screen, then the run in the live view
// (src/tui/screens/ReplayScreen.tsx). One connection serves the diff, the engine and the steady
// loop; the replay is recorded as a new session beside the old one. SIGINT/SIGTERM halt and undo,
// then close the view.
import { dirname } from 'node:path';
import { UserError } from '../util/errors.js';
import { parsePositive } from './connect.js';
import { prepareReplay, type ReplayOptions } from './replay.js';

/** Runs the replay in the live view; resolves to the exit code. */
export async function replayLive(o: ReplayOptions): Promise<number> {
  const warnings: string[] = [];
  const prepared = await prepareReplay(o, (l) => warnings.push(l), true);
  const { rec, attacks, inventory, diffs, conn } = prepared;
  const [{ sdkCall }, { ReplayModel }, { runReplayApp }, { Session }, { VERSION }, { realSleep }] =
    await Promise.all([
      import('../aws/ops/call.js'),
      import('../tui/models/replay-model.js'),
      import('../tui/run-replay.js'),
      import('../session/session.js'),
      import('./version.js'),
      import('../experiment/run-context.js'),
    ]);
  const info = {
    account: inventory.identity.account,
    caller: inventory.identity.arn,
    region: conn.ctx.settings.region,
    sandbox: conn.sandbox,
    readOnly: false,
    dryRun: false,
  };
  let session: import('../session/session.js').Session | undefined;
  try {
    session =
      o.record === false
        ? undefined
        : Session.open(
            {
              title: `Replay of ${rec.start.title}`,
              description: `Replay of recording ${rec.name}.`,
              accountId: info.account,
              region: info.region,
              sandbox: info.sandbox,
              operator: process.env.USER ?? null,
              gamedayVersion: VERSION,
            },
            { root: dirname(rec.dir) },
          );
  } catch (err) {
    await conn.close();
    throw new UserError(
      `replay: cannot record the replay beside ${rec.dir}: ${(err as Error).message} (or pass --no-record)`,
    );
  }
  // The sandbox's time runs --speed times faster than the wall: a recorded pause spans the same
  // simulated time, so it is that many times shorter.
  const speed = conn.sandbox && o.speed !== undefined ? parsePositive(o.speed, '--speed', 'speed factor') : 1;
  const guardConfig = rec.guard.find((e) => e.type === 'guard-config');
  const model = new ReplayModel({
    rec,
    attacks,
    diffs,
    info,
    aws: sdkCall(conn.ctx),
    allowUntagged: o.allowUntagged,
    seed: guardConfig?.type === 'guard-config' ? guardConfig.seed : undefined,
    session,
    sleep: o.sleep ?? ((ms, signal) => realSleep(ms / speed, signal)),
    metricWindow: conn.sandbox
      ? (end) => ({
          start: new Date(end.getTime() - 3 * 3600_000),
          end: new Date(end.getTime() + 48 * 3600_000),
        })
      : undefined,
    version: VERSION,
  });
  for (const w of warnings) model.loop.log('note', w);

  const closing = new AbortController();
  let interrupted: string | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = signal;
    void model
      .halt(`interrupted by ${signal}`)
      .catch(() => {})
      .finally(() => closing.abort());
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await runReplayApp(model, closing.signal);
    await model.close({ undo: interrupted !== undefined });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await conn.close();
  }
  const st = model.snapshot();
  const left = model.active();
  if (interrupted) process.stderr.write(`gameday: ${interrupted}: halted and undid the replay's changes\n`);
  if (left > 0)
    process.stderr.write(
      `gameday: ${left} change(s) were left active; undo them with \`gameday recover${session ? ` ${session.dir}` : ''}\`\n`,
    );
  if (session) {
    const closed = session.close(
      left > 0 ? `quit with ${left} change(s) active` : (st.status ?? 'quit before acting'),
    );
    for (const e of closed.errors) process.stderr.write(`gameday: recording ${closed.dir}: ${e}\n`);
    process.stderr.write(`replay recorded in ${closed.dir}\n`);
  }
  if (st.phase === 'diff' || st.phase === 'confirm') return 0;
  return interrupted || st.halted ? 1 : (st.exitCode ?? 1);
}
