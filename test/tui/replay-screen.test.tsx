// `gameday replay` in the live view, on a fast sandbox (50x) with the steady loop ticked by hand:
// the diff screen, k keeps the recorded ids, the attacks appear as chart markers and in the event
// log, h halts and undoes (the instance runs again, the ASG's processes resume), the replay is
// recorded with nothing left to undo. Outside the sandbox, acting needs the typed account id.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discover } from '../../src/aws/discovery/index.js';
import { sdkCall } from '../../src/aws/ops/call.js';
import { type Connection, connect } from '../../src/commands/connect.js';
import { realSleep } from '../../src/experiment/run-context.js';
import { attacksOf } from '../../src/session/attacks.js';
import { snapshotAt } from '../../src/session/playback.js';
import { readRecordingLog } from '../../src/session/recorder.js';
import { loadRecording } from '../../src/session/recording.js';
import { pendingUndos } from '../../src/session/recover.js';
import { targetDiffs } from '../../src/session/replay-diff.js';
import { Session } from '../../src/session/session.js';
import type { LoopClock } from '../../src/steady/types.js';
import { ReplayModel } from '../../src/tui/models/replay-model.js';
import { ReplayScreen } from '../../src/tui/screens/ReplayScreen.js';
import { recordTally } from '../hardening/tally.js';
import { tempRoot } from '../session/support.js';
import { keys, renderTui } from './render.js';

const EXAMPLE = 'recordings/20260105T090000Z-stop-one-web-instance';
const STOPPED = 'i-f1cfa7813c136362d';

// The loop's timer never fires by itself: the test ticks the loop.
const manualClock: LoopClock = {
  now: () => Date.now(),
  setInterval: () => 0,
  clearInterval: () => {},
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

let conn: Connection | undefined;
afterEach(async () => {
  await conn?.close();
  conn = undefined;
});

async function setup(opts: { sandbox?: boolean; seed?: string; edit?: (log: string) => string } = {}) {
  const root = tempRoot();
  const copy = join(root, 'stop-one-web-instance');
  cpSync(EXAMPLE, copy, { recursive: true });
  const log = join(copy, 'events.ndjson');
  if (opts.edit) writeFileSync(log, opts.edit(readFileSync(log, 'utf8')));
  const rec = loadRecording(copy);
  conn = await connect({ sandbox: true, speed: '50', seed: opts.seed });
  const inventory = await discover(conn.ctx);
  const aws = sdkCall(conn.ctx);
  const session = Session.open(
    { title: `Replay of ${rec.start.title}`, region: conn.ctx.settings.region, sandbox: true },
    { root },
  );
  const attacks = attacksOf(rec);
  const model = new ReplayModel({
    rec,
    attacks,
    diffs: targetDiffs(attacks, inventory),
    info: {
      account: inventory.identity.account,
      region: conn.ctx.settings.region,
      sandbox: opts.sandbox ?? true,
      readOnly: false,
      dryRun: false,
    },
    aws,
    seed: 42,
    session,
    clock: manualClock,
    // The first pause passes at once; the long one waits until the halt interrupts it.
    sleep: (ms, signal) => (ms >= 60_000 ? realSleep(ms, signal) : Promise.resolve()),
  });
  return { model, aws, session };
}

async function until(ui: { act(fn: () => Promise<void>): Promise<void> }, ok: () => boolean, what: string) {
  for (let i = 0; i < 500; i++) {
    if (ok()) return;
    await ui.act(() => new Promise((r) => setTimeout(r, 20)));
  }
  throw new Error(`never saw ${what}`);
}

describe('ReplayScreen on the sandbox', () => {
  it('diff, keep ids, attack markers, halt undoes everything', async () => {
    const { model, aws, session } = await setup();
    let exited = false;
    const ui = await renderTui(
      <ReplayScreen model={model} size={{ width: 100, height: 32 }} onExit={() => (exited = true)} />,
    );
    let f = ui.frame();
    expect(f).toContain('[SANDBOX]');
    expect(f).toContain('Replay · Stop one web instance · targets recorded vs now');
    expect(f).toContain('No changes: the selectors resolve to the recorded targets.');
    expect(f).toContain(`recorded: ${STOPPED}`);
    expect(f).toContain('k keep recorded ids');
    // Nothing runs yet, so the header does not offer a halt that h would not do.
    expect(f).not.toContain('h halt+undo');
    await ui.press('?');
    expect(ui.frame()).toContain('re-resolve targets');
    expect(ui.frame()).toContain('Replay: targets');
    await ui.press(keys.escape);
    expect(ui.frame()).toContain('No changes: the selectors resolve to the recorded targets.');

    await ui.press('k');
    await until(
      ui,
      () => ui.frame().includes('pausing 110s after stop-instances-then-start-them'),
      'the long pause',
    );
    await ui.act(() => model.loop.tick());
    await ui.act(() => model.loop.tick());
    f = ui.frame();
    expect(f).toContain('recorded ids · running stop-instances-then-start-them');
    expect(f).toContain('● 2 active');
    expect(f).toContain('h halt+undo');
    // Both attacks in the log, and a start marker under the chart (both started on the first tick).
    expect(f).toMatch(/▲ suspend-asg-processes/);
    expect(f).toMatch(/▲ stop-instances-then-start-them/);
    expect(f).toMatch(/^ +▲ *$/m);
    expect(model.loop.snapshot().markers.map((m) => `${m.kind} ${m.label}`)).toEqual([
      'start suspend-asg-processes',
      'end suspend-asg-processes',
      'start stop-instances-then-start-them',
      'end stop-instances-then-start-them',
    ]);
    expect(f).toContain('web-asg-healthy');
    expect(f).toMatch(/h halt\+undo +c next chart +p pause probes +\? help +q quit/);
    const state = async () =>
      (await aws('ec2', 'DescribeInstances', { InstanceIds: [STOPPED] })).Reservations[0].Instances[0].State
        .Name;
    expect(['stopping', 'stopped']).toContain(await state());

    await ui.press('h');
    await until(ui, () => ui.frame().includes('halted by the operator: undid 2 change(s)'), 'the halt');
    await until(ui, () => model.snapshot().phase === 'done', 'the end of the run');
    f = ui.frame();
    expect(f).not.toContain('active');
    expect(f).toContain('ended: interrupted');
    expect(['pending', 'running']).toContain(await state());
    const asg = await aws('autoscaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: ['web'] });
    expect(asg.AutoScalingGroups[0].SuspendedProcesses).toEqual([]);

    await ui.press('q');
    await until(ui, () => exited, 'the exit');
    const closed = session.close('test');
    const left = pendingUndos(readRecordingLog(closed.dir).events);
    recordTally('signals', 'replay: live view', 'h key', left.length === 0);
    expect(left).toEqual([]);
    const recorded = loadRecording(closed.dir);
    expect(recorded.run.at(-1)).toMatchObject({ type: 'run-end', status: 'interrupted' });
    expect(recorded.session.some((e) => e.type === 'halt')).toBe(true);
    // A review of the replay marks the attacks where they happened.
    expect(snapshotAt(recorded, recorded.t1 - recorded.t0).markers.map((m) => m.kind)).toEqual([
      'start',
      'end',
      'start',
      'end',
    ]);
    await ui.unmount();
  }, 60_000);

  it('q with changes active asks first; y undoes them, then quits', async () => {
    const { model, session } = await setup();
    let exited = false;
    const ui = await renderTui(
      <ReplayScreen model={model} size={{ width: 100, height: 32 }} onExit={() => (exited = true)} />,
    );
    await ui.press('k');
    await until(
      ui,
      () => ui.frame().includes('pausing 110s after stop-instances-then-start-them'),
      'the long pause',
    );
    await ui.press('q');
    expect(ui.frame()).toContain('2 change(s) are still active.');
    expect(exited).toBe(false);
    await ui.press('y');
    await until(ui, () => exited, 'the exit');
    expect(model.active()).toBe(0);
    const closed = session.close('test');
    const left = pendingUndos(readRecordingLog(closed.dir).events);
    recordTally('signals', 'replay: live view', 'q key', left.length === 0);
    expect(left).toEqual([]);
    expect(loadRecording(closed.dir).session.find((e) => e.type === 'halt')).toMatchObject({
      reason: 'quit',
      undone: 2,
    });
    await ui.unmount();
  }, 60_000);

  it('acts on nothing when the recorded experiment is not valid here', async () => {
    const { model } = await setup({
      edit: (l) => l.replaceAll('"suspend_processes"', '"suspend_everything"'),
    });
    const ui = await renderTui(
      <ReplayScreen model={model} size={{ width: 100, height: 32 }} onExit={() => {}} />,
    );
    await ui.press('k');
    const f = ui.frame();
    expect(f).toContain('ended: not valid here (1 error(s) in the event log)');
    expect(f).toMatch(/method\[0\]\.provider\.func: .*suspend_everything/);
    expect(f).toContain('nothing was changed');
    expect(model.active()).toBe(0);
    expect(model.guard.records()).toEqual([]);
    await ui.unmount();
  }, 60_000);

  it('shows what changed on another seed, and outside the sandbox asks for the account id', async () => {
    const { model } = await setup({ sandbox: false, seed: '2' });
    let exited = false;
    const ui = await renderTui(
      <ReplayScreen model={model} size={{ width: 100, height: 32 }} onExit={() => (exited = true)} />,
    );
    let f = ui.frame();
    expect(f).toContain('[LIVE AWS]');
    expect(f).toContain('The targets changed since the recording:');
    expect(f).toContain(`gone:     ${STOPPED}`);
    // The diff scrolls when it does not fit.
    await ui.rerender(
      <ReplayScreen model={model} size={{ width: 100, height: 14 }} onExit={() => (exited = true)} />,
    );
    expect(ui.frame()).toMatch(/lines 1-\d+ of \d+ \(↑↓ scroll\)/);
    expect(ui.frame()).not.toContain('new:      ');
    await ui.press(keys.down, keys.down, keys.down, keys.down, keys.down);
    expect(ui.frame()).toContain('new:      ');
    await ui.rerender(
      <ReplayScreen model={model} size={{ width: 100, height: 32 }} onExit={() => (exited = true)} />,
    );
    await ui.press('r');
    f = ui.frame();
    expect(f).toContain('Type the account id to replay the attacks');
    await ui.press('000000000000', keys.enter);
    expect(ui.frame()).toContain('does not match the account id: not confirmed');
    expect(model.snapshot().phase).toBe('confirm');
    expect(model.active()).toBe(0);
    await ui.press(keys.escape);
    expect(ui.frame()).toContain('The targets changed since the recording:');
    await ui.press('q');
    await until(ui, () => exited, 'the exit');
    expect(model.snapshot().phase).toBe('diff');
    await ui.unmount();
  }, 60_000);
});
