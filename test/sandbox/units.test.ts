// The sandbox's small parts on their own: PRNG, clock, metric store bounds and statistics, fault
// knobs, and paging tokens.
import { describe, expect, it } from 'vitest';
import { createClock, VIRTUAL_EPOCH } from '../../src/sandbox/clock.js';
import { SandboxError } from '../../src/sandbox/errors.js';
import { FaultKnobs } from '../../src/sandbox/faults.js';
import { MetricStore, statistic } from '../../src/sandbox/metrics.js';
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
    expect(s.points[0]!.t).toBeGreaterThanOrEqual(3 * 3600_000 - (3 * 3600_000) / 8);
    expect(s.points.at(-1)!.t).toBe(6 * 3600_000);
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
