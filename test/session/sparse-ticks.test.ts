// A console that idled before the live view opened measured every fifth second, so its recording
// skips ticks. Review and the report must keep the time axis: one slot per tick (empty where
// nothing was measured), the period read as time per tick, the attack marker where it happened.
import { describe, expect, it } from 'vitest';
import { snapshotAt } from '../../src/session/playback.js';
import { loadRecording } from '../../src/session/recording.js';
import { reportModel } from '../../src/session/report-model.js';
import { Session } from '../../src/session/session.js';
import { MAX_GRID_SLOTS } from '../../src/session/tick-grid.js';
import { SteadyLoop } from '../../src/steady/loop.js';
import type { LoopClock } from '../../src/steady/types.js';
import { fakeClock, tempRoot } from './support.js';

/** 10 s idling (sampled every 5 s), then 3 s of the live view (every second) with an attack. */
async function idleThenLive() {
  const time = fakeClock();
  let fire: (() => void) | undefined;
  const clock: LoopClock = {
    ...time.loopClock,
    setInterval: (fn) => {
      fire = fn;
      return 1;
    },
    clearInterval: () => {
      fire = undefined;
    },
  };
  const flush = () => new Promise((r) => setImmediate(r));
  const s = Session.open(
    { title: 'idle then live', region: 'us-east-1', sandbox: true },
    { root: tempRoot(), now: time.now },
  );
  let healthy = 6;
  const loop = new SteadyLoop({
    clock,
    maxProbeFailures: 0,
    probes: [
      {
        id: 'asg',
        title: 'ASG healthy',
        tolerance: '>= 6',
        run: async () => healthy,
        check: (v) => (v as number) >= 6,
      },
    ],
    series: [
      {
        id: 'cpu',
        label: 'CPU',
        namespace: 'AWS/EC2',
        metric: 'CPUUtilization',
        dimensions: {},
        stat: 'Average',
        periodSeconds: 60,
      },
    ],
    fetchMetrics: async (queries) =>
      queries.map((q) => ({ Id: q.Id, Timestamps: [new Date()], Values: [healthy * 10] })),
  });
  const off = s.attachLoop(loop);
  loop.setSampleEvery(5);
  loop.start(); // tick 1
  await flush();
  for (let i = 0; i < 2; i++) {
    time.advance(5000); // ticks 6 and 11
    fire?.();
    await flush();
  }
  time.advance(1000);
  loop.setSampleEvery(1); // the live view: tick 12 at once
  await flush();
  s.attackStart({
    title: 'Terminate instances',
    module: 'chaosaws.ec2.actions',
    func: 'terminate_instances',
    arguments: {},
    targets: [],
  });
  healthy = 4;
  time.advance(1000);
  fire?.(); // tick 13
  await flush();
  off();
  loop.stop();
  s.close();
  return loadRecording(s.dir);
}

describe('a recording that skips ticks (an idling console)', () => {
  it('review shows one slot per tick, empty where nothing was measured, and a period of 1 s', async () => {
    const rec = await idleThenLive();
    const snap = snapshotAt(rec, rec.t1 - rec.t0);
    expect(snap.tick).toBe(13);
    expect(snap.periodMs).toBe(1000);
    const gaps = [null, null, null, null];
    expect(snap.probes[0]!.strip).toEqual([true, ...gaps, true, ...gaps, true, true, false]);
    expect(snap.series[0]!.points).toEqual([60, ...gaps, 60, ...gaps, 60, 60, 40]);
    expect(snap.markers).toEqual([{ tick: 12, kind: 'start', label: 'Terminate instances' }]);
  });

  it('the report charts one point per second, the attack at the 12th', async () => {
    const rec = await idleThenLive();
    const charts = reportModel(rec).charts;
    const cpu = charts.find((c) => c.series[0]!.spec.id === 'cpu')!;
    expect(cpu.periodMs).toBe(1000);
    expect(cpu.series[0]!.points).toHaveLength(13);
    expect(cpu.series[0]!.points.filter((p) => p !== null)).toEqual([60, 60, 60, 60, 40]);
    expect(cpu.markers).toEqual([{ index: 11, kind: 'start', label: 'Terminate instances' }]);
    const probe = charts.find((c) => c.title.startsWith('ASG healthy'))!;
    expect(probe.series[0]!.points).toHaveLength(13);
    expect(probe.series[0]!.points.at(-1)).toBe(4);
  });

  it('ticks too far apart or not whole still load, in bounded arrays (a damaged or hostile recording)', async () => {
    const time = fakeClock();
    const s = Session.open(
      { title: 'hostile', region: 'us-east-1', sandbox: true },
      { root: tempRoot(), now: time.now },
    );
    const loop = new SteadyLoop({
      clock: time.loopClock,
      probes: [{ id: 'p', title: 'p', tolerance: '== 1', run: async () => 1, check: () => true }],
    });
    await loop.tick();
    for (const tick of [150_000, 150_001, 1e12, 1e12 + 3.5, 3e15]) {
      time.advance(1000);
      s.steadyTick({ ...loop.snapshot(), tick });
    }
    s.close();
    const rec = loadRecording(s.dir);
    const snap = snapshotAt(rec, rec.t1 - rec.t0);
    expect(snap.probes[0]!.strip.filter((x) => x !== null)).toHaveLength(5);
    expect(snap.probes[0]!.strip.length).toBeLessThanOrEqual(MAX_GRID_SLOTS + 5);
    const chart = reportModel(rec).charts.find((c) => c.title.startsWith('p'));
    expect(chart === undefined || chart.series[0]!.points.length <= MAX_GRID_SLOTS + 5).toBe(true);
  });
});
