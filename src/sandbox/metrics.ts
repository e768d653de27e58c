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
  points: Agg[];
  lastPut: number;
}

const MAX_SAMPLES = 64;

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
  private readonly owned = new WeakMap<object, Map<string, Series>>();
  constructor(readonly retentionMs: number) {}

  /** The series `owner` publishes as `namespace`/`name` (its dimensions fixed per owner). */
  seriesOwnedBy(owner: object, key: MetricKey, t: number): Series {
    let mine = this.owned.get(owner);
    if (!mine) {
      mine = new Map();
      this.owned.set(owner, mine);
    }
    const id = `${key.namespace}/${key.name}`;
    let s = mine.get(id);
    if (!s) {
      s = this.seriesOf(key, t);
      mine.set(id, s);
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
      s = { namespace: key.namespace, name: key.name, dimensions, points: [], lastPut: t };
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
    let i = pts.length;
    while (i > 0 && pts[i - 1]!.t > at) i--;
    const prev = pts[i - 1];
    if (prev && prev.t === at) merge(prev, v);
    else {
      const point: Agg = { t: at, sum: v.sum, count: v.count, min: v.min, max: v.max };
      if (v.values) point.values = v.values.slice(0, MAX_SAMPLES);
      if (i === pts.length) pts.push(point);
      else pts.splice(i, 0, point);
    }
    // Trim in batches (at most 1/8 over the window) rather than shifting the array on every put.
    const cutoff = s.lastPut - this.retentionMs;
    if (pts.length && pts[0]!.t < cutoff) {
      let drop = 0;
      while (drop < pts.length && pts[drop]!.t < cutoff) drop++;
      if (drop >= Math.max(8, pts.length >> 3)) pts.splice(0, drop);
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
    for (const p of s.points) {
      if (p.t < start || p.t >= end) continue;
      const bt = p.t - (p.t % periodMs);
      if (!cur || cur.t !== bt) {
        cur = { t: bt, sum: 0, count: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
        out.push(cur);
      }
      merge(cur, p);
    }
    return out;
  }
}

function merge(into: Agg, v: Omit<Agg, 't'>): void {
  into.sum += v.sum;
  into.count += v.count;
  into.min = Math.min(into.min, v.min);
  into.max = Math.max(into.max, v.max);
  if (v.values?.length) {
    into.values = (into.values ?? []).concat(v.values);
    if (into.values.length > MAX_SAMPLES * 16) into.values = into.values.slice(-MAX_SAMPLES * 16);
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
