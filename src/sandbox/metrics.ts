// The metric store: one bounded series per (namespace, metric, dimensions), points at storage
// resolution (10 s for what the simulation publishes), aggregated into periods on read.

/** A metric's identity. */
export interface MetricKey {
  namespace: string;
  name: string;
  dimensions: { Name: string; Value: string }[];
}

/** One aggregated value over a period (or one stored point). */
export interface Agg {
  t: number;
  sum: number;
  count: number;
  min: number;
  max: number;
  /** Raw samples kept for percentiles (bounded). */
  values?: number[];
}

/** One stored series; points are kept sorted by time and trimmed to the retention window. */
export interface Series extends MetricKey {
  unit?: string;
  points: Points;
  lastPut: number;
}

const MAX_SAMPLES = 64;

/** A series' points in time order, as numbers in one flat array (t, sum, count, min, max per
 * point) rather than one object per point: a large world keeps ~250,000 points that live for
 * minutes, and as objects each was copied by young-generation collections and marked by full
 * ones. A JS array of numbers is stored unboxed and never traced, and grows inside V8's heap
 * (typed arrays would each need a backing store: 10,000 series growing on the same minute tick
 * took a quarter of a second). */
export class Points {
  private d: number[] = [];
  /** Raw samples per point (for percentiles), made only for series that are given samples. */
  private samples?: (number[] | undefined)[];
  /** The first held point's slot (dropped points stay in front until a compaction). */
  private start = 0;
  /** How many points are held. */
  length = 0;

  /** The time of the i-th point (0 is the oldest). */
  time(i: number): number {
    return this.d[(this.start + i) * STRIDE]!;
  }

  /** The i-th point as an object (reads and snapshots only; the store never keeps these). */
  at(i: number): Agg {
    const j = this.start + i;
    const k = j * STRIDE;
    const d = this.d;
    const a: Agg = { t: d[k]!, sum: d[k + 1]!, count: d[k + 2]!, min: d[k + 3]!, max: d[k + 4]! };
    const v = this.samples?.[j];
    if (v) a.values = v;
    return a;
  }

  /** Adds the i-th point into an aggregate (a period's bucket), without making an object for it. */
  mergeInto(into: Agg, i: number): void {
    const j = this.start + i;
    mergeNumbers(into, this.d, j * STRIDE);
    const v = this.samples?.[j];
    if (v?.length) into.values = boundedConcat(into.values, v);
  }

  /** Every point as an object, oldest first (the world's JSON snapshot). */
  toJSON(): Agg[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }

  /** The index of the first point at or after time `at` (binary search). */
  lowerBound(at: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.time(mid) < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds `v` at time `at`: merged into the point already there, or a new point in time order. */
  add(at: number, v: Omit<Agg, 't'>): void {
    let i = this.length;
    if (i > 0 && this.time(i - 1) > at) i = this.lowerBound(at);
    const same = i > 0 && this.time(i - 1) === at ? i - 1 : i < this.length && this.time(i) === at ? i : -1;
    if (same >= 0) {
      this.mergeAt(this.start + same, v);
      return;
    }
    const j = this.start + i;
    const k = j * STRIDE;
    const d = this.d;
    if (i === this.length && k < d.length) {
      // Reuse the room a compaction left: the array never shrinks, so it is never reallocated.
      d[k] = at;
      d[k + 1] = v.sum;
      d[k + 2] = v.count;
      d[k + 3] = v.min;
      d[k + 4] = v.max;
    } else if (i === this.length) d.push(at, v.sum, v.count, v.min, v.max);
    else {
      d.splice(k, 0, at, v.sum, v.count, v.min, v.max);
      this.samples?.splice(j, 0, undefined);
    }
    if (v.values || this.samples) {
      this.samples ??= [];
      this.samples[j] = v.values?.slice(0, MAX_SAMPLES);
    }
    this.length++;
  }

  /** Drops the `n` oldest points; their room is reused once the dropped outnumber the held. */
  dropOldest(n: number): void {
    if (this.samples) for (let k = 0; k < n; k++) this.samples[this.start + k] = undefined;
    this.start += n;
    this.length -= n;
    if (this.start > this.length) {
      const from = this.start * STRIDE;
      this.d.copyWithin(0, from, from + this.length * STRIDE);
      if (this.samples) this.samples = this.samples.slice(this.start, this.start + this.length);
      this.start = 0;
    }
  }

  private mergeAt(j: number, v: Omit<Agg, 't'>): void {
    const k = j * STRIDE;
    const d = this.d;
    d[k + 1] = d[k + 1]! + v.sum;
    d[k + 2] = d[k + 2]! + v.count;
    d[k + 3] = Math.min(d[k + 3]!, v.min);
    d[k + 4] = Math.max(d[k + 4]!, v.max);
    if (v.values?.length) {
      this.samples ??= [];
      this.samples[j] = boundedConcat(this.samples[j], v.values);
    }
  }
}

/** Numbers per point in `Points`: t, sum, count, min, max. */
const STRIDE = 5;

/** Adds the point stored at `d[k..k+4]` into an aggregate. */
function mergeNumbers(into: Agg, d: readonly number[], k: number): void {
  into.sum += d[k + 1]!;
  into.count += d[k + 2]!;
  into.min = Math.min(into.min, d[k + 3]!);
  into.max = Math.max(into.max, d[k + 4]!);
}

/** Samples appended to samples, keeping the newest 1,024. */
function boundedConcat(into: number[] | undefined, more: readonly number[]): number[] {
  const all = (into ?? []).concat(more);
  return all.length > MAX_SAMPLES * 16 ? all.slice(-MAX_SAMPLES * 16) : all;
}

/** Canonical key: dimensions sorted by name, so order in a request does not matter. */
export function seriesKey(
  namespace: string,
  name: string,
  dims: readonly { Name?: string; Value?: string }[],
): string {
  const d = [...dims].map((x) => `${x.Name}=${x.Value}`).sort();
  return `${namespace}\u0000${name}\u0000${d.join('\u0000')}`;
}

/** All series of the region, bounded by `retentionMs` of history each. */
export class MetricStore {
  readonly series = new Map<string, Series>();
  // The series each publisher (an app, a group, a service) writes, by metric: found once, so the
  // simulation's every-tick puts build no key (a large world publishes ~12,000 points a tick).
  private readonly owned = new WeakMap<object, Map<string, Map<string, Series>>>();
  constructor(readonly retentionMs: number) {}

  /** The series `owner` publishes as `namespace`/`name`; its dimensions (`[name, value]` pairs,
   * fixed per owner) are only read the first time. */
  seriesOwnedBy(
    owner: object,
    namespace: string,
    name: string,
    dims: readonly (readonly [string, string])[],
    t: number,
  ): Series {
    let mine = this.owned.get(owner);
    if (!mine) {
      mine = new Map();
      this.owned.set(owner, mine);
    }
    let inNamespace = mine.get(namespace);
    if (!inNamespace) {
      inNamespace = new Map();
      mine.set(namespace, inNamespace);
    }
    let s = inNamespace.get(name);
    if (!s) {
      s = this.seriesOf({ namespace, name, dimensions: dims.map(([Name, Value]) => ({ Name, Value })) }, t);
      inNamespace.set(name, s);
    }
    return s;
  }

  /** Adds a value (or a pre-aggregated set) at time t, rounded down to `resolutionMs`. */
  put(key: MetricKey, t: number, v: Omit<Agg, 't'>, unit?: string, resolutionMs = 10_000): void {
    this.putTo(this.seriesOf(key, t), t, v, unit, resolutionMs);
  }

  /** The series for a key, created empty if new (callers that publish often keep it). */
  seriesOf(key: MetricKey, t: number): Series {
    const k = seriesKey(key.namespace, key.name, key.dimensions);
    let s = this.series.get(k);
    if (!s) {
      const dimensions = [...key.dimensions].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
      s = { namespace: key.namespace, name: key.name, dimensions, points: new Points(), lastPut: t };
      this.series.set(k, s);
    }
    return s;
  }

  /** Adds a value to a known series (the fast path of `put`). */
  putTo(s: Series, t: number, v: Omit<Agg, 't'>, unit?: string, resolutionMs = 10_000): void {
    if (unit && !s.unit) s.unit = unit;
    s.lastPut = Math.max(s.lastPut, t);
    const at = t - (((t % resolutionMs) + resolutionMs) % resolutionMs);
    const pts = s.points;
    pts.add(at, v);
    // Trim in batches (at most 1/8 over the window) rather than on every put.
    const cutoff = s.lastPut - this.retentionMs;
    if (pts.length && pts.time(0) < cutoff) {
      let drop = 0;
      while (drop < pts.length && pts.time(drop) < cutoff) drop++;
      if (drop >= Math.max(8, pts.length >> 3)) pts.dropOldest(drop);
    }
  }

  /** The series for an exact key, if any data was ever put. */
  get(
    namespace: string,
    name: string,
    dims: readonly { Name?: string; Value?: string }[],
  ): Series | undefined {
    return this.series.get(seriesKey(namespace, name, dims));
  }

  /** Aggregates a series into buckets of `periodMs` aligned to the period, between [start, end). */
  buckets(s: Series | undefined, start: number, end: number, periodMs: number): Agg[] {
    if (!s) return [];
    const out: Agg[] = [];
    let cur: Agg | undefined;
    const pts = s.points;
    for (let i = pts.lowerBound(start); i < pts.length; i++) {
      const t = pts.time(i);
      if (t >= end) break;
      const bt = t - (t % periodMs);
      if (!cur || cur.t !== bt) {
        cur = { t: bt, sum: 0, count: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
        out.push(cur);
      }
      pts.mergeInto(cur, i);
    }
    return out;
  }
}

/** A statistic of an aggregate: Average, Sum, Minimum, Maximum, SampleCount or pNN (percentile). */
export function statistic(a: Agg, stat: string): number | undefined {
  if (a.count <= 0) return undefined;
  switch (stat) {
    case 'Average':
      return a.sum / a.count;
    case 'Sum':
      return a.sum;
    case 'Minimum':
      return a.min;
    case 'Maximum':
      return a.max;
    case 'SampleCount':
      return a.count;
  }
  const p = percentileOf(stat);
  if (p === undefined) return undefined;
  const vals = a.values?.length ? [...a.values].sort((x, y) => x - y) : [a.sum / a.count];
  if (p === 100) return vals[vals.length - 1];
  const idx = Math.min(vals.length - 1, Math.max(0, Math.ceil((p / 100) * vals.length) - 1));
  return vals[idx];
}

/** The percentile in a statistic such as "p99" or "p99.9", or undefined if it is not one. */
export function percentileOf(stat: string): number | undefined {
  const m = /^p(\d{1,2}(?:\.\d{1,10})?|100)$/.exec(stat);
  if (!m) return undefined;
  const p = Number(m[1]);
  return p >= 0 && p <= 100 ? p : undefined;
}

/** Whether a statistic name is one CloudWatch accepts. */
export function isStatistic(stat: string): boolean {
  return (
    ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'].includes(stat) || percentileOf(stat) !== undefined
  );
}
