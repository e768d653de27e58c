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

/** A series' points in time order, held in columns of numbers rather than one object per point:
 * a large world keeps ~200,000 points that live for minutes, and as objects every one of them
 * was copied by each young-generation collection and then marked by each full one. */
export class Points {
  private t: Float64Array = new Float64Array(8);
  private sum: Float64Array = new Float64Array(8);
  private count: Float64Array = new Float64Array(8);
  private min: Float64Array = new Float64Array(8);
  private max: Float64Array = new Float64Array(8);
  /** Raw samples per point (for percentiles), made only for series that are given samples. */
  private samples?: (number[] | undefined)[];
  private start = 0;
  /** How many points are held. */
  length = 0;

  /** The time of the i-th point (0 is the oldest). */
  time(i: number): number {
    return this.t[this.start + i]!;
  }

  /** The i-th point as an object (reads and snapshots only; the store never keeps these). */
  at(i: number): Agg {
    const j = this.start + i;
    const a: Agg = {
      t: this.t[j]!,
      sum: this.sum[j]!,
      count: this.count[j]!,
      min: this.min[j]!,
      max: this.max[j]!,
    };
    const v = this.samples?.[j];
    if (v) a.values = v;
    return a;
  }

  /** Adds the i-th point into an aggregate (a period's bucket), without making an object for it. */
  mergeInto(into: Agg, i: number): void {
    const j = this.start + i;
    into.sum += this.sum[j]!;
    into.count += this.count[j]!;
    into.min = Math.min(into.min, this.min[j]!);
    into.max = Math.max(into.max, this.max[j]!);
    const v = this.samples?.[j];
    if (v?.length) {
      into.values = (into.values ?? []).concat(v);
      if (into.values.length > MAX_SAMPLES * 16) into.values = into.values.slice(-MAX_SAMPLES * 16);
    }
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
      if (this.t[this.start + mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds `v` at time `at`: merged into the point already there, or a new point in time order. */
  add(at: number, v: Omit<Agg, 't'>): void {
    let i = this.length;
    if (i > 0 && this.time(i - 1) > at) i = this.lowerBound(at);
    if (i > 0 && this.time(i - 1) === at) {
      this.mergeAt(this.start + i - 1, v);
      return;
    }
    if (i < this.length && this.time(i) === at) {
      this.mergeAt(this.start + i, v);
      return;
    }
    this.makeRoom();
    const j = this.start + i;
    const end = this.start + this.length;
    if (i < this.length) {
      for (const col of [this.t, this.sum, this.count, this.min, this.max]) col.copyWithin(j + 1, j, end);
      this.samples?.splice(j, 0, undefined);
    }
    this.t[j] = at;
    this.sum[j] = v.sum;
    this.count[j] = v.count;
    this.min[j] = v.min;
    this.max[j] = v.max;
    if (v.values || this.samples) {
      this.samples ??= [];
      this.samples[j] = v.values?.slice(0, MAX_SAMPLES);
    }
    this.length++;
  }

  /** Drops the `n` oldest points. */
  dropOldest(n: number): void {
    if (this.samples) for (let k = 0; k < n; k++) this.samples[this.start + k] = undefined;
    this.start += n;
    this.length -= n;
  }

  private mergeAt(j: number, v: Omit<Agg, 't'>): void {
    this.sum[j]! += v.sum;
    this.count[j]! += v.count;
    this.min[j] = Math.min(this.min[j]!, v.min);
    this.max[j] = Math.max(this.max[j]!, v.max);
    if (v.values?.length) {
      this.samples ??= [];
      let vals = (this.samples[j] ?? []).concat(v.values);
      if (vals.length > MAX_SAMPLES * 16) vals = vals.slice(-MAX_SAMPLES * 16);
      this.samples[j] = vals;
    }
  }

  /** Ensures one free slot after the last point: slides the points to the front when the dropped
   * ones leave half the room, otherwise doubles the columns. */
  private makeRoom(): void {
    const cap = this.t.length;
    if (this.start + this.length < cap) return;
    const grow = this.length * 2 >= cap;
    const size = grow ? cap * 2 : cap;
    const from = this.start;
    const to = from + this.length;
    const move = (col: Float64Array): Float64Array => {
      if (!grow) {
        col.copyWithin(0, from, to);
        return col;
      }
      const next = new Float64Array(size);
      next.set(col.subarray(from, to));
      return next;
    };
    this.t = move(this.t);
    this.sum = move(this.sum);
    this.count = move(this.count);
    this.min = move(this.min);
    this.max = move(this.max);
    if (this.samples) this.samples = this.samples.slice(from, to);
    this.start = 0;
  }
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
