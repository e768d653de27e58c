// `gameday review`: the recording played back as the live view's snapshots, with the recorded
// values, at 1x/10x/60x, with pause and seek, and no AWS call (there is no AWS door to call).
import { describe, expect, it } from 'vitest';
import { Playback, snapshotAt } from '../../src/session/playback.js';
import { loadRecording } from '../../src/session/recording.js';
import { Session } from '../../src/session/session.js';
import { SteadyLoop } from '../../src/steady/loop.js';
import type { MetricSpec } from '../../src/steady/types.js';
import { CPU, fakeClock, HEALTHY, scriptedSession, tempRoot } from './support.js';

function manualClock() {
  let now = 0;
  let fn: (() => void) | undefined;
  return {
    clock: {
      now: () => now,
      setInterval: (f: () => void) => {
        fn = f;
        return 1;
      },
      clearInterval: () => {
        fn = undefined;
      },
    },
    /** Moves real time on and lets the playback timer fire once. */
    pass(ms: number) {
      now += ms;
      fn?.();
    },
    running: () => fn !== undefined,
  };
}

describe('playback', () => {
  it('the end of the recording shows exactly the recorded graph values, strips, markers and notes', async () => {
    const rec = loadRecording((await scriptedSession()).dir);
    const snap = snapshotAt(rec, rec.t1 - rec.t0);
    expect(snap.series.map((s) => [s.spec.id, s.points])).toEqual([['cpu', CPU]]);
    expect(snap.probes[0]!.spec).toEqual({ id: 'healthy', title: 'web ASG healthy', tolerance: '== true' });
    expect(snap.probes[0]!.strip).toEqual(HEALTHY);
    expect(snap.markers.map((m) => [m.kind, m.label, m.tick])).toEqual([
      ['start', 'Stop instances', 3],
      ['end', 'Stop instances', 3],
      ['start', 'Reboot instances', 7],
      ['end', 'Reboot instances', 7],
      ['start', 'Delete service', 9],
    ]);
    expect(snap.events.filter((e) => e.kind === 'note').map((e) => e.text)).toEqual([
      'baseline looks fine',
      'CPU is climbing on the other two',
    ]);
    expect(snap.halted).toBe(true);
    expect(snap.tick).toBe(11);
    expect(snap.periodMs).toBe(5000);
  });

  it('seek shows the state at that moment; nothing of the future', async () => {
    const rec = loadRecording((await scriptedSession()).dir);
    const p = new Playback(rec, { clock: manualClock().clock });
    p.seek(12_000); // two ticks of 5 s and the note; the first attack starts at 15 s
    const s = p.snapshot();
    expect(s.tick).toBe(2);
    expect(s.series[0]!.points).toEqual(CPU.slice(0, 2));
    expect(s.markers).toEqual([]);
    expect(s.events.map((e) => e.text)).toEqual(['baseline looks fine']);
    p.seek(-5);
    expect(p.position).toBe(0);
    p.seek(10 ** 9);
    expect(p.position).toBe(p.duration);
  });

  it('plays at 1x, 10x and 60x, pauses, and stops at the end', async () => {
    const rec = loadRecording((await scriptedSession()).dir);
    const m = manualClock();
    const p = new Playback(rec, { clock: m.clock });
    const seen: number[] = [];
    p.subscribe(() => seen.push(p.snapshot().tick));
    p.play();
    m.pass(5000);
    expect(p.position).toBe(5000);
    expect(p.snapshot().tick).toBe(1);
    p.setSpeed(10);
    m.pass(1000);
    expect(p.position).toBe(15_000);
    p.pause();
    expect(p.paused).toBe(true);
    expect(p.snapshot().paused).toBe(false); // the probes were not paused in the session
    m.pass(10_000);
    expect(p.position).toBe(15_000);
    p.setSpeed(60);
    p.play();
    m.pass(10_000);
    expect(p.position).toBe(p.duration);
    expect(p.paused).toBe(true);
    expect(m.running()).toBe(false);
    expect(seen.at(-1)).toBe(11);
    expect(() => p.setSpeed(7)).toThrow(/1, 10 or 60/);
  });
});

describe('playback of graph choices', () => {
  it('a series graphed mid-run starts blank where it was chosen; a dropped one leaves the charts', async () => {
    const clock = fakeClock();
    const session = Session.open(
      { title: 'graphs', region: 'us-east-1', sandbox: true },
      { root: tempRoot(), now: clock.now },
    );
    const spec = (id: string): MetricSpec => ({
      id,
      label: id,
      namespace: 'AWS/EC2',
      metric: 'CPUUtilization',
      dimensions: { InstanceId: id },
      stat: 'Average',
      periodSeconds: 60,
    });
    let value = 0;
    const loop = new SteadyLoop({
      clock: clock.loopClock,
      series: [spec('a'), spec('b')],
      fetchMetrics: async (queries) =>
        queries.map((q) => ({ Id: q.Id, Timestamps: [new Date(clock.now())], Values: [++value] })),
    });
    session.attachLoop(loop);
    for (let i = 0; i < 2; i++) {
      clock.advance(1000);
      await loop.tick();
    }
    loop.setGraphs({ series: [spec('a'), spec('c')], probes: [] }, 'graphs: + c; - b');
    clock.advance(1000);
    await loop.tick();
    const closed = session.close('quit');
    const rec = loadRecording(closed.dir);
    const snap = snapshotAt(rec, rec.t1 - rec.t0);
    expect(snap.series.map((s) => [s.spec.id, s.points])).toEqual([
      ['a', [1, 3, 5]],
      ['c', [null, null, 6]],
    ]);
    expect(snap.events.map((e) => `${e.kind}: ${e.text}`)).toContain('graphs: graphs: + c; - b');
  });
});
