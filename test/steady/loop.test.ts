import { describe, expect, it } from 'vitest';
import { SteadyLoop } from '../../src/steady/loop.js';
import { batchQueries, latestValues } from '../../src/steady/metrics.js';
import type { MetricQuery, MetricSpec, ProbeSpec } from '../../src/steady/types.js';
import { testClock } from '../support/test-clock.js';

const series = (n: number): MetricSpec[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    label: `web-${i}`,
    namespace: 'AWS/EC2',
    metric: 'CPUUtilization',
    dimensions: { InstanceId: `i-${i}` },
    stat: 'Average',
    periodSeconds: 60,
    unit: '%',
  }));

function probe(values: unknown[], overrides: Partial<ProbeSpec> = {}): ProbeSpec & { calls: number } {
  const p: ProbeSpec & { calls: number } = {
    id: 'healthy',
    title: 'healthy hosts',
    tolerance: '>= 3',
    calls: 0,
    async run(): Promise<unknown> {
      const v = values[Math.min(p.calls, values.length - 1)];
      p.calls++;
      return v;
    },
    check: (v: unknown) => typeof v === 'number' && v >= 3,
    ...overrides,
  };
  return p;
}

describe('metric batching', () => {
  it('puts up to 500 series in one query batch', () => {
    expect(batchQueries(series(3))).toHaveLength(1);
    const big = batchQueries(series(1200));
    expect(big.map((b) => b.length)).toEqual([500, 500, 200]);
    expect(big[1]![0]!.Id).toBe('m500');
    expect(big[0]![0]!.MetricStat.Metric.Dimensions).toEqual([{ Name: 'InstanceId', Value: 'i-0' }]);
  });

  it('takes the latest datapoint of each series', () => {
    const out = latestValues(3, [
      { Id: 'm0', Timestamps: ['2026-11-25T12:01:00Z', '2026-11-25T12:02:00Z'], Values: [1, 2] },
      { Id: 'm2', Timestamps: ['2026-11-25T12:02:00Z', '2026-11-25T12:01:00Z'], Values: [7, 5] },
    ]);
    expect(out).toEqual([2, null, 7]);
    const sums = latestValues(
      1,
      [{ Id: 'm0', Timestamps: ['2026-11-25T12:01:00Z', '2026-11-25T12:02:00Z'], Values: [9, 1] }],
      [true],
    );
    expect(sums).toEqual([9]);
  });
});

describe('SteadyLoop', () => {
  it('makes ONE GetMetricData call per tick for all graphed series', async () => {
    const calls: MetricQuery[][] = [];
    const loop = new SteadyLoop({
      series: series(40),
      clock: testClock(),
      fetchMetrics: async (queries) => {
        calls.push(queries);
        return queries.map((q, i) => ({ Id: q.Id, Timestamps: [new Date()], Values: [i] }));
      },
    });
    await loop.tick();
    await loop.tick();
    expect(calls).toHaveLength(2);
    expect(calls[0]).toHaveLength(40);
    expect(loop.snapshot().series[5]!.points).toEqual([5, 5]);
    expect(loop.snapshot().metricCalls).toBe(2);
  });

  it('a probe failing N times in a row halts once, and a new attack re-arms the condition', async () => {
    const reasons: string[] = [];
    const p = probe([4, 2, 2, 2, 2, 2]);
    const loop = new SteadyLoop({
      probes: [p],
      maxProbeFailures: 3,
      clock: testClock(),
      onStop: (r) => void reasons.push(r),
    });
    loop.attackStarted('Terminate instances');
    for (let i = 0; i < 5; i++) await loop.tick();
    const snap = loop.snapshot();
    expect(snap.probes[0]!.strip).toEqual([true, false, false, false, false]);
    expect(reasons).toEqual(['probe "healthy hosts" failed 3 times in a row']);
    expect(snap.halted).toBe(true);
    expect(snap.events.map((e) => e.kind)).toEqual(['attack-start', 'probe-failed', 'stop-condition']);
    expect(snap.events[1]!.text).toContain('value 2 outside >= 3');
    loop.attackStarted('again');
    await loop.tick();
    await loop.tick();
    await loop.tick();
    expect(reasons).toHaveLength(2);
  });

  it('an alarm entering ALARM halts the run', async () => {
    const reasons: string[] = [];
    const states = ['OK', 'OK', 'ALARM'];
    let n = 0;
    const loop = new SteadyLoop({
      stopOnAlarms: ['web-5xx'],
      alarmStates: async () => ({ 'web-5xx': states[Math.min(n++, 2)]! }),
      clock: testClock(),
      onStop: (r) => void reasons.push(r),
    });
    loop.attackStarted('Set alarm state');
    await loop.tick();
    await loop.tick();
    expect(reasons).toEqual([]);
    await loop.tick();
    expect(reasons).toEqual(['alarm web-5xx entered ALARM']);
    expect(loop.snapshot().events.some((e) => e.kind === 'alarm' && e.text.includes('OK -> ALARM'))).toBe(
      true,
    );
  });

  it('stop conditions are quiet until an attack starts (a steady state already broken is not a halt)', async () => {
    const reasons: string[] = [];
    const loop = new SteadyLoop({
      probes: [probe([1])],
      maxProbeFailures: 2,
      clock: testClock(),
      onStop: (r) => void reasons.push(r),
    });
    expect(loop.snapshot().stopConditions).toBe('a probe failing 2x in a row');
    for (let i = 0; i < 4; i++) await loop.tick();
    expect(reasons).toEqual([]);
    loop.attackStarted('x');
    await loop.tick();
    expect(reasons).toHaveLength(1);
  });

  it('graphs the measured number of a probe value', async () => {
    const loop = new SteadyLoop({
      probes: [
        probe([{ healthy: 4, ok: true }], {
          check: (v) => (v as { ok: boolean }).ok,
          measure: (v) => (v as { healthy: number }).healthy,
        }),
      ],
      clock: testClock(),
    });
    await loop.tick();
    expect(loop.snapshot().probes[0]!.values).toEqual([4]);
    expect(loop.snapshot().probes[0]!.strip).toEqual([true]);
  });

  it('a probe that hangs times out and is marked failed', async () => {
    const clock = testClock();
    const loop = new SteadyLoop({
      probes: [probe([], { run: () => new Promise(() => {}), timeoutMs: 2000 })],
      clock,
    });
    const ticking = loop.tick();
    await Promise.resolve();
    clock.fireTimeouts();
    await ticking;
    const p = loop.snapshot().probes[0]!;
    expect(p.strip).toEqual([false]);
    expect(p.last?.error).toBe('timed out after 2s');
  });

  it('a probe that never answers fails on every tick by timeout while the loop keeps ticking on its period', async () => {
    const clock = testClock();
    const intervals: (() => void)[] = [];
    clock.setInterval = (fn) => intervals.push(fn);
    const hung = probe([], { run: () => new Promise(() => {}), timeoutMs: 1500 });
    const fine = probe([5], { id: 'other', title: 'other probe' });
    const loop = new SteadyLoop({ probes: [hung, fine], clock, maxProbeFailures: 0 });
    loop.start();
    const settle = () => new Promise((r) => setImmediate(r));
    for (let period = 0; period < 3; period++) {
      await settle();
      clock.fireTimeouts();
      await settle();
      intervals[0]!();
    }
    await settle();
    clock.fireTimeouts();
    await settle();
    loop.stop();
    const s = loop.snapshot();
    expect(s.tick).toBe(4);
    expect(s.probes[0]!.strip).toEqual([false, false, false, false]);
    expect(s.probes[0]!.last?.error).toBe('timed out after 1.5s');
    expect(s.probes[1]!.strip).toEqual([true, true, true, true]);
    expect(s.events.map((e) => `${e.kind}:${e.text}`)).toEqual([
      'probe-failed:healthy hosts: timed out after 1.5s',
    ]);
  });

  it('a hung probe counts toward the stop condition like any failure', async () => {
    const clock = testClock();
    const stops: string[] = [];
    const loop = new SteadyLoop({
      probes: [probe([], { run: () => new Promise(() => {}), timeoutMs: 2000 })],
      clock,
      maxProbeFailures: 2,
      onStop: (r) => void stops.push(r),
    });
    loop.attackStarted('Stop instances');
    for (let i = 0; i < 2; i++) {
      const ticking = loop.tick();
      await Promise.resolve();
      clock.fireTimeouts();
      await ticking;
    }
    expect(stops).toEqual(['probe "healthy hosts" failed 2 times in a row']);
    expect(loop.snapshot().halted).toBe(true);
  });

  it('paused probes are not run and leave gaps; notes and markers still land', async () => {
    const p = probe([5]);
    const loop = new SteadyLoop({ probes: [p], clock: testClock() });
    await loop.tick();
    loop.setPaused(true);
    await loop.tick();
    loop.note('web tier looks calm');
    loop.setPaused(false);
    await loop.tick();
    expect(p.calls).toBe(2);
    expect(loop.snapshot().probes[0]!.strip).toEqual([true, null, true]);
    expect(loop.snapshot().events.map((e) => `${e.kind}:${e.tick}`)).toEqual([
      'pause:1',
      'note:2',
      'resume:2',
    ]);
  });

  it('an AWS error mid-run goes to the event log and the loop goes on', async () => {
    let fail = true;
    const loop = new SteadyLoop({
      series: series(1),
      clock: testClock(),
      fetchMetrics: async (q) => {
        if (fail) throw new Error('Throttling: Rate exceeded');
        return [{ Id: q[0]!.Id, Timestamps: [new Date()], Values: [9] }];
      },
    });
    await loop.tick();
    fail = false;
    await loop.tick();
    expect(loop.snapshot().events[0]!.text).toBe('GetMetricData failed: Throttling: Rate exceeded');
    expect(loop.snapshot().series[0]!.points).toEqual([null, 9]);
  });

  it('notifies subscribers with a new snapshot on each change', async () => {
    const loop = new SteadyLoop({ clock: testClock() });
    const seen: number[] = [];
    const off = loop.subscribe(() => seen.push(loop.snapshot().events.length));
    const before = loop.snapshot();
    loop.note('a');
    off();
    loop.note('b');
    expect(seen).toEqual([1]);
    expect(loop.snapshot()).not.toBe(before);
  });
});

describe('SteadyLoop sampling every Nth period (the console idling)', () => {
  /** A clock whose one interval the test fires, remembering the period it was set with. */
  function intervalClock() {
    const base = testClock();
    let fn: (() => void) | undefined;
    const periods: number[] = [];
    return Object.assign(base, {
      setInterval: (f: () => void, ms: number) => {
        fn = f;
        periods.push(ms);
        return periods.length;
      },
      clearInterval: () => {
        fn = undefined;
      },
      periods,
      fire: () => fn?.(),
    });
  }

  it('measures once per 5 periods: one probe run and one GetMetricData per 5 s, the time axis kept with gaps', async () => {
    const clock = intervalClock();
    const p = probe([5]);
    let metricCalls = 0;
    const loop = new SteadyLoop({
      probes: [p],
      series: series(2),
      clock,
      fetchMetrics: async (queries) => {
        metricCalls++;
        return queries.map((q) => ({ Id: q.Id, Timestamps: [new Date()], Values: [7] }));
      },
    });
    loop.start();
    await new Promise((r) => setImmediate(r));
    loop.setSampleEvery(5);
    expect(clock.periods).toEqual([1000, 5000]);
    for (let i = 0; i < 2; i++) {
      clock.advance(5000);
      clock.fire();
      await new Promise((r) => setImmediate(r));
    }
    const snap = loop.snapshot();
    expect(p.calls).toBe(3);
    expect(metricCalls).toBe(3);
    // tick 1, then ticks 6 and 11: the periods between were not measured
    expect(snap.tick).toBe(11);
    expect(snap.probes[0]!.strip).toEqual([true, null, null, null, null, true, null, null, null, null, true]);
    expect(snap.series[0]!.points).toEqual([7, null, null, null, null, 7, null, null, null, null, 7]);
    // The live view opens after 2 s: it measures at once, on the tick the time says, then every second.
    clock.advance(2000);
    loop.setSampleEvery(1);
    await new Promise((r) => setImmediate(r));
    expect(clock.periods.at(-1)).toBe(1000);
    expect(loop.snapshot().tick).toBe(13);
    expect(loop.snapshot().probes[0]!.strip.slice(-3)).toEqual([true, null, true]);
    clock.advance(1000);
    await loop.tick();
    expect(loop.snapshot().tick).toBe(14);
    expect(p.calls).toBe(5);
    loop.stop();
  });

  it('a marker set while sampling sparsely stays on the tick of its time', async () => {
    const clock = intervalClock();
    const loop = new SteadyLoop({ probes: [probe([5])], clock });
    loop.start();
    await new Promise((r) => setImmediate(r));
    loop.setSampleEvery(5);
    clock.advance(5000);
    clock.fire();
    await new Promise((r) => setImmediate(r));
    loop.attackStarted('Stop instances');
    expect(loop.snapshot().markers).toEqual([{ tick: 6, kind: 'start', label: 'Stop instances' }]);
    expect(loop.snapshot().probes[0]!.strip).toHaveLength(6);
    loop.stop();
  });
});
