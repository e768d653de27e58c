// Target selection: ALL / COUNT(n) / PERCENT(n), filters, and seeded picks that replay.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/catalog/native/common.js';
import { Prng } from '../../src/catalog/prng.js';
import { countFor, filterCandidates, parseQuantity, select } from '../../src/catalog/selection.js';

const cands = ['i-3', 'i-1', 'i-2', 'i-4'].map((id, n) => ({
  id,
  tags: { app: n % 2 ? 'web' : 'db' },
  az: n < 2 ? 'a' : 'b',
  state: n === 3 ? 'stopped' : 'running',
}));

describe('selection', () => {
  it('parses ALL, COUNT(n), PERCENT(n) and explains bad text', () => {
    expect(parseQuantity('all')).toEqual({ mode: 'ALL' });
    expect(parseQuantity('COUNT(2)')).toEqual({ mode: 'COUNT', n: 2 });
    expect(parseQuantity(' percent(25) ')).toEqual({ mode: 'PERCENT', n: 25 });
    expect(() => parseQuantity('COUNT(0)')).toThrow('COUNT(0) must be at least 1');
    expect(() => parseQuantity('PERCENT(150)')).toThrow('PERCENT(150) must be between 1 and 100');
    expect(() => parseQuantity('half', 'selection')).toThrow(
      'selection: "half" is not ALL, COUNT(n) or PERCENT(n)',
    );
  });

  it('counts like FIS: COUNT caps at what exists, PERCENT rounds down', () => {
    expect(countFor({ mode: 'COUNT', n: 9 }, 4)).toBe(4);
    expect(countFor({ mode: 'PERCENT', n: 50 }, 5)).toBe(2);
    expect(countFor({ mode: 'ALL' }, 3)).toBe(3);
  });

  it('filters by ids, tags, AZ and state together', () => {
    expect(filterCandidates(cands, { tags: { app: 'web' }, states: ['running'] }).map((c) => c.id)).toEqual([
      'i-1',
    ]);
    expect(filterCandidates(cands, { az: 'b' }).map((c) => c.id)).toEqual(['i-2', 'i-4']);
    expect(filterCandidates(cands, { ids: ['i-3', 'i-9'] }).map((c) => c.id)).toEqual(['i-3']);
  });

  it('the same seed picks the same targets whatever the input order; the result names the seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 4 }), (seed, n) => {
        const a = select(cands, {}, { mode: 'COUNT', n }, new Prng(seed));
        const b = select([...cands].reverse(), {}, { mode: 'COUNT', n }, new Prng(seed));
        expect(a.chosen.map((c) => c.id)).toEqual(b.chosen.map((c) => c.id));
        expect(new Set(a.chosen.map((c) => c.id)).size).toBe(n);
        expect(a.seed).toBe(seed);
        expect(a.candidates).toEqual(['i-1', 'i-2', 'i-3', 'i-4']);
      }),
    );
  });

  it('a percentage that rounds to nothing is an error, not a silent no-op', () => {
    expect(() => select(cands.slice(0, 1), {}, { mode: 'PERCENT', n: 50 }, new Prng(1))).toThrow(
      'PERCENT(50) of 1 target(s) rounds down to none',
    );
  });

  it('reads durations as seconds, 90s / 5m / 1h, or ISO 8601', () => {
    expect(parseDuration(90)).toBe(90);
    expect(parseDuration('5m')).toBe(300);
    expect(parseDuration('PT1M30S')).toBe(90);
    expect(parseDuration(null)).toBeUndefined();
    expect(() => parseDuration('soon', 'duration')).toThrow('duration: "soon" is not a duration');
  });
});
