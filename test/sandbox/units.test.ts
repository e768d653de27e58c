// The sandbox's small parts on their own: PRNG, clock, metric store bounds and statistics, fault
// knobs, and paging tokens.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClock, VIRTUAL_EPOCH } from '../../src/sandbox/clock.js';
import { SandboxError } from '../../src/sandbox/errors.js';
import { FaultKnobs } from '../../src/sandbox/faults.js';
import { type Agg, MetricStore, statistic } from '../../src/sandbox/metrics.js';
import { page } from '../../src/sandbox/paging.js';
import { Rng } from '../../src/sandbox/rng.js';

describe('Rng', () => {
  it('repeats for a seed, differs across seeds, and stays in range', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const seqA = Array.from({ length: 50 }, () => a.u32());
    expect(Array.from({ length: 50 }, () => b.u32())).toEqual(seqA);
    expect(Array.from({ length: 50 }, () => c.u32())).not.toEqual(seqA);
    const r = new Rng(1);
    for (let i = 0; i < 1000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      expect(r.int(7)).toBeLessThan(7);
    }
    expect(r.hex(17)).toMatch(/^[0-9a-f]{17}$/);
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('clock', () => {
  it('moves a virtual clock only on advance, tells listeners, and refuses to go back', () => {
    const clock = createClock('virtual');
    const heard: number[] = [];
    clock.onChange((t) => heard.push(t));
    expect(clock.now()).toBe(VIRTUAL_EPOCH);
    clock.advance(25_000);
    expect([clock.now(), heard]).toEqual([VIRTUAL_EPOCH + 25_000, [VIRTUAL_EPOCH + 25_000]]);
    expect(() => clock.advance(-1)).toThrow(/only moves forward/);
  });

  it('lets a real clock skip ahead, and rejects a speed that is not positive', () => {
    const clock = createClock('real', 10);
    const before = clock.now();
    clock.advance(3_600_000);
    expect(clock.now() - before).toBeGreaterThanOrEqual(3_600_000);
    expect(() => createClock('real', 0)).toThrow(/positive/);
  });
});

describe('metric store', () => {
  it('keeps each series within its retention window', () => {
    const store = new MetricStore(3 * 3600_000);
    const key = { namespace: 'N', name: 'm', dimensions: [{ Name: 'a', Value: '1' }] };
    for (let t = 0; t <= 6 * 3600_000; t += 10_000) store.put(key, t, { sum: 1, count: 1, min: 1, max: 1 });
    const s = store.get('N', 'm', [{ Name: 'a', Value: '1' }])!;
    // 3 h at 10 s is 1,081 points; old points are trimmed in batches of at most 1/8 of that.
    expect(s.points.length).toBeGreaterThanOrEqual(1081);
    expect(s.points.length).toBeLessThanOrEqual(1081 + 1081 / 8);
    expect(s.points.time(0)).toBeGreaterThanOrEqual(3 * 3600_000 - (3 * 3600_000) / 8);
    expect(s.points.time(s.points.length - 1)).toBe(6 * 3600_000);
  });

  it('aggregates by period and computes statistics and percentiles', () => {
    const store = new MetricStore(3600_000);
    const key = { namespace: 'N', name: 'm', dimensions: [] };
    for (let i = 1; i <= 10; i++)
      store.put(key, i * 1000, { sum: i, count: 1, min: i, max: i, values: [i] }, undefined, 1000);
    const [b] = store.buckets(store.get('N', 'm', []), 0, 60_000, 60_000);
    expect(
      ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount', 'p90', 'p50'].map((s) => statistic(b!, s)),
    ).toEqual([5.5, 55, 1, 10, 10, 9, 5]);
  });
  it('answers like a plain sorted list for puts in any order, merges and trims included', () => {
    // A model: every put kept as an object in a sorted array, trimmed the same way.
    const put = fc.record({
      t: fc.integer({ min: 0, max: 400 }).map((n) => n * 5_000),
      v: fc.integer({ min: -50, max: 50 }),
      samples: fc.option(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(put, { maxLength: 300 }), (puts) => {
        const retention = 600_000;
        const store = new MetricStore(retention);
        const key = { namespace: 'N', name: 'm', dimensions: [] };
        let model: Agg[] = [];
        let lastPut = 0;
        for (const { t, v, samples } of puts) {
          store.put(key, t, { sum: v, count: 1, min: v, max: v, values: samples });
          lastPut = Math.max(lastPut, t);
          const at = t - (t % 10_000);
          const same = model.find((p) => p.t === at);
          if (same) {
            same.sum += v;
            same.count += 1;
            same.min = Math.min(same.min, v);
            same.max = Math.max(same.max, v);
            if (samples?.length) same.values = (same.values ?? []).concat(samples);
          } else {
            const p: Agg = { t: at, sum: v, count: 1, min: v, max: v };
            if (samples) p.values = samples.slice();
            model = [...model, p].sort((a, b) => a.t - b.t);
          }
          const old = model.filter((p) => p.t < lastPut - retention).length;
          if (old && old >= Math.max(8, model.length >> 3)) model = model.slice(old);
        }
        const s = store.get('N', 'm', []);
        expect(s?.points.toJSON() ?? []).toEqual(model);
        expect(store.buckets(s, 100_000, 1_500_000, 60_000).map((b) => [b.t, b.sum, b.count])).toEqual(
          [
            ...new Set(
              model.filter((p) => p.t >= 100_000 && p.t < 1_500_000).map((p) => p.t - (p.t % 60_000)),
            ),
          ].map((bt) => {
            const inside = model.filter(
              (p) => p.t - (p.t % 60_000) === bt && p.t >= 100_000 && p.t < 1_500_000,
            );
            return [bt, inside.reduce((a, p) => a + p.sum, 0), inside.reduce((a, p) => a + p.count, 0)];
          }),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('fault knobs', () => {
  it('fires at a seeded rate, for a limited count, and clears', () => {
    const roll = (seed: number) => {
      const k = new FaultKnobs(seed);
      k.set({ service: 'ec2', error: 'throttle', rate: 0.5 });
      return Array.from({ length: 40 }, () => Boolean(k.roll('ec2', 'DescribeInstances')));
    };
    const a = roll(5);
    expect(roll(5)).toEqual(a);
    expect(a.filter(Boolean).length).toBeGreaterThan(5);
    expect(a.filter(Boolean).length).toBeLessThan(35);
    const k = new FaultKnobs(1);
    k.set({ operation: 'StopTask', error: 'denied', count: 1 });
    expect(k.roll('ec2', 'DescribeInstances')).toBeUndefined();
    const err = k.roll('ecs', 'StopTask')!.error!;
    expect([err.code, err.status]).toEqual(['AccessDeniedException', 400]);
    expect(k.roll('ecs', 'StopTask')).toBeUndefined();
    k.set({ service: 'cloudwatch', error: 'InternalFailure' });
    expect(k.roll('cloudwatch', 'GetMetricData')?.error?.status).toBe(500);
    k.clear();
    expect(k.roll('cloudwatch', 'GetMetricData')).toBeUndefined();
    expect(() => k.set({ error: 'throttle', rate: 2 })).toThrow(/between 0 and 1/);
    expect(() => k.set({ service: 'ec2' })).toThrow(/error code or a positive delayMs/);
    k.set({ operation: 'ListClusters', delayMs: 5, count: 1 });
    expect(k.roll('ecs', 'ListClusters')).toEqual({ delayMs: 5 });
    expect(k.roll('ecs', 'ListClusters')).toBeUndefined();
  });
});

describe('paging', () => {
  it('hands out tokens that only work for the query that issued them', () => {
    const bad = () => new SandboxError('InvalidNextToken', 'bad token');
    const items = [1, 2, 3, 4, 5];
    const first = page(items, 2, undefined, 'q1', bad);
    expect(first.items).toEqual([1, 2]);
    expect(page(items, 2, first.next, 'q1', bad).items).toEqual([3, 4]);
    expect(() => page(items, 2, first.next, 'q2', bad)).toThrow('bad token');
    expect(() => page(items, 2, 'garbage', 'q1', bad)).toThrow('bad token');
  });
});
