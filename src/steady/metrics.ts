// CloudWatch series batching: every graphed series goes into GetMetricData queries, at most 500 per
// call (the API's limit), so one tick costs one call for up to 500 series.
import type { FetchMetrics, MetricQuery, MetricResult, MetricSpec } from './types.js';

/** GetMetricData accepts at most this many queries per call. */
export const MAX_QUERIES_PER_CALL = 500;

/** The query for one series; its Id is derived from the position (ids must start lowercase). */
export function queryFor(spec: MetricSpec, index: number): MetricQuery {
  return {
    Id: `m${index}`,
    MetricStat: {
      Metric: {
        Namespace: spec.namespace,
        MetricName: spec.metric,
        Dimensions: Object.entries(spec.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: spec.periodSeconds,
      Stat: spec.stat,
    },
    ReturnData: true,
  };
}

/** Splits the queries for all series into calls of at most 500. */
export function batchQueries(specs: readonly MetricSpec[]): MetricQuery[][] {
  const queries = specs.map(queryFor);
  const batches: MetricQuery[][] = [];
  for (let i = 0; i < queries.length; i += MAX_QUERIES_PER_CALL)
    batches.push(queries.slice(i, i + MAX_QUERIES_PER_CALL));
  return batches;
}

/** The latest value of each series (by position), null when a series has no datapoint. For sums
 * (`settled[i]` true) the newest period is still filling up, so the one before it is taken. */
export function latestValues(
  count: number,
  results: readonly MetricResult[],
  settled: readonly boolean[] = [],
): (number | null)[] {
  const out: (number | null)[] = Array.from({ length: count }, () => null);
  for (const r of results) {
    const index = Number(r.Id?.slice(1));
    if (!Number.isInteger(index) || index < 0 || index >= count) continue;
    const values = r.Values ?? [];
    const stamps = (r.Timestamps ?? []).map((t) => new Date(t).getTime());
    if (values.length === 0) continue;
    const order = values.map((_, i) => i).sort((a, b) => (stamps[b] ?? 0) - (stamps[a] ?? 0));
    const pick = settled[index] && order.length > 1 ? order[1]! : order[0]!;
    out[index] = values[pick] ?? null;
  }
  return out;
}

/** One tick's values for every series: one call per 500 series over the last three periods; a
 * failed call leaves its series without a value and is reported through `onError`. */
export async function fetchLatest(
  specs: readonly MetricSpec[],
  fetch: FetchMetrics,
  now: number,
  hooks: { onCall(): void; onError(err: unknown): void },
): Promise<(number | null)[]> {
  const longest = Math.max(...specs.map((s) => s.periodSeconds));
  const end = new Date(now);
  const start = new Date(now - longest * 3 * 1000);
  const settled = specs.map((s) => /^(Sum|SampleCount)$/.test(s.stat));
  const out: (number | null)[] = specs.map(() => null);
  for (const [b, batch] of batchQueries(specs).entries()) {
    try {
      hooks.onCall();
      // Query ids are global positions (m0..mN-1), so results map straight back to their series.
      const values = latestValues(specs.length, await fetch(batch, start, end), settled);
      for (let i = 0; i < batch.length; i++) {
        const at = b * MAX_QUERIES_PER_CALL + i;
        out[at] = values[at] ?? null;
      }
    } catch (err) {
      hooks.onError(err);
    }
  }
  return out;
}
