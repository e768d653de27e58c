// CloudWatch metric operations: PutMetricData, GetMetricData (MetricStat and simple arithmetic
// expressions, the 100,800-datapoint page rule), GetMetricStatistics (1,440 limit), ListMetrics.
import type {
  GetMetricDataInput,
  GetMetricStatisticsInput,
  ListMetricsInput,
  MetricDataQuery,
  MetricDataResult,
  PutMetricDataInput,
} from '@aws-sdk/client-cloudwatch';
import { SandboxError } from '../errors.js';
import { isStatistic, percentileOf, statistic } from '../metrics.js';
import { decodeToken, encodeToken, page } from '../paging.js';
import { badCwToken } from './cloudwatch-alarms.js';
import { evalExpression } from './cloudwatch-expr.js';
import type { Ctx, HandlerTable } from './types.js';

function ms(d: Date | string | number | undefined, name: string): number {
  if (d === undefined) throw new SandboxError('MissingParameter', `The parameter ${name} is required.`);
  const t = new Date(d).getTime();
  if (Number.isNaN(t))
    throw new SandboxError('InvalidParameterValueException', `The parameter ${name} is not a valid date.`);
  return t;
}

function checkPeriod(p: number | undefined, where: string): number {
  if (p === undefined || !(p === 1 || p === 5 || p === 10 || p === 30 || (p >= 60 && p % 60 === 0)))
    throw new SandboxError(
      'InvalidParameterValueException',
      `The parameter ${where}.Period must be 1, 5, 10, 30, or a multiple of 60 (got ${p}).`,
    );
  return p;
}

function putMetricData({ world, now }: Ctx, input: PutMetricDataInput): object {
  const ns = input.Namespace ?? '';
  if (!ns) throw new SandboxError('MissingParameter', 'The parameter Namespace is required.');
  if (ns.startsWith('AWS/'))
    throw new SandboxError(
      'InvalidParameterValueException',
      `The value AWS/ for parameter Namespace is invalid.`,
    );
  const data = input.MetricData ?? [];
  if (data.length > 1000)
    throw new SandboxError(
      'InvalidParameterValueException',
      'The collection MetricData must not have a size greater than 1000.',
    );
  for (const [i, d] of data.entries()) {
    const where = `MetricData.member.${i + 1}`;
    if (!d.MetricName)
      throw new SandboxError('MissingParameter', `The parameter ${where}.MetricName is required.`);
    if ((d.Dimensions?.length ?? 0) > 30)
      throw new SandboxError(
        'InvalidParameterValueException',
        `The collection ${where}.Dimensions must not have a size greater than 30.`,
      );
    const t = d.Timestamp ? new Date(d.Timestamp).getTime() : now;
    const key = {
      namespace: ns,
      name: d.MetricName,
      dimensions: (d.Dimensions ?? []).map((x) => ({ Name: x.Name ?? '', Value: x.Value ?? '' })),
    };
    const resolution = d.StorageResolution === 1 ? 1000 : 60_000;
    const unit = d.Unit;
    if (d.StatisticValues) {
      const s = d.StatisticValues;
      world.metrics.put(
        key,
        t,
        { sum: s.Sum ?? 0, count: s.SampleCount ?? 0, min: s.Minimum ?? 0, max: s.Maximum ?? 0 },
        unit,
        resolution,
      );
    } else if (d.Values?.length) {
      const counts = d.Counts ?? [];
      const values: number[] = [];
      let sum = 0;
      let count = 0;
      d.Values.forEach((v, n) => {
        const c = counts[n] ?? 1;
        sum += v * c;
        count += c;
        for (let k = 0; k < Math.min(c, 16); k++) values.push(v);
      });
      world.metrics.put(
        key,
        t,
        { sum, count, min: Math.min(...d.Values), max: Math.max(...d.Values), values },
        unit,
        resolution,
      );
    } else if (d.Value !== undefined) {
      world.metrics.put(
        key,
        t,
        { sum: d.Value, count: 1, min: d.Value, max: d.Value, values: [d.Value] },
        unit,
        resolution,
      );
    } else throw new SandboxError('MissingParameter', `The parameter ${where}.Value is required.`);
  }
  return {};
}

interface Computed {
  q: MetricDataQuery;
  ts: number[];
  vs: number[];
}

function statQuery(ctx: Ctx, q: MetricDataQuery, start: number, end: number, where: string): Computed {
  const ms = q.MetricStat!;
  const period = checkPeriod(ms.Period, where) * 1000;
  const stat = ms.Stat ?? '';
  if (!isStatistic(stat))
    throw new SandboxError(
      'InvalidParameterValueException',
      `The value ${stat} for parameter ${where}.Stat is not supported by the gameday sandbox (use Average, Sum, Minimum, Maximum, SampleCount or pNN).`,
    );
  const m = ms.Metric ?? {};
  const series = ctx.world.metrics.get(m.Namespace ?? '', m.MetricName ?? '', m.Dimensions ?? []);
  const buckets = ctx.world.metrics.buckets(series, start - (start % period), end, period);
  const ts: number[] = [];
  const vs: number[] = [];
  for (const b of buckets) {
    const v = statistic(b, stat);
    if (v === undefined) continue;
    ts.push(b.t);
    vs.push(v);
  }
  return { q, ts, vs };
}

function getMetricData(ctx: Ctx, input: GetMetricDataInput): object {
  const queries = input.MetricDataQueries ?? [];
  if (!queries.length)
    throw new SandboxError('MissingParameter', 'The parameter MetricDataQueries is required.');
  if (queries.length > 500)
    throw new SandboxError(
      'InvalidParameterValueException',
      'The collection MetricDataQueries must not have a size greater than 500.',
    );
  const start = ms(input.StartTime, 'StartTime');
  const end = ms(input.EndTime, 'EndTime');
  if (start >= end)
    throw new SandboxError(
      'ValidationError',
      'The parameter StartTime must be less than the parameter EndTime.',
    );
  const ids = new Set<string>();
  for (const [i, q] of queries.entries()) {
    const where = `MetricDataQueries.member.${i + 1}`;
    if (!q.Id || !/^[a-z][a-zA-Z0-9_]*$/.test(q.Id))
      throw new SandboxError(
        'ValidationError',
        `The value ${q.Id} for parameter ${where}.Id is not valid: it must start with a lowercase letter and contain only letters, numbers and underscores.`,
      );
    if (ids.has(q.Id))
      throw new SandboxError(
        'ValidationError',
        `The values for parameter id in MetricDataQueries are not unique.`,
      );
    ids.add(q.Id);
    if (Boolean(q.MetricStat) === Boolean(q.Expression))
      throw new SandboxError(
        'ValidationError',
        `Exactly one element of ${where} must have either MetricStat or Expression.`,
      );
  }
  const done = new Map<string, Computed>();
  queries.forEach((q, i) => {
    if (q.MetricStat) done.set(q.Id!, statQuery(ctx, q, start, end, `MetricDataQueries.member.${i + 1}`));
  });
  for (const q of queries) if (q.Expression) done.set(q.Id!, { q, ...evalExpression(q.Expression, done) });
  const returned = queries.filter((q) => q.ReturnData !== false).map((q) => done.get(q.Id!)!);
  const desc = input.ScanBy !== 'TimestampAscending';
  const max = input.MaxDatapoints ?? 100_800;
  const scope = `gmd:${JSON.stringify(queries)}:${start}:${end}`;
  let skip = input.NextToken ? decodeToken(input.NextToken, scope, badCwToken) : 0;
  let budget = max;
  let consumed = skip;
  const results: MetricDataResult[] = returned.map((c) => {
    const order = c.ts.map((_, i) => i);
    if (desc) order.reverse();
    const from = Math.min(skip, order.length);
    skip -= from;
    const take = order.slice(from, from + budget);
    budget -= take.length;
    consumed += take.length;
    return {
      Id: c.q.Id,
      Label: c.q.Label ?? (c.q.MetricStat ? c.q.MetricStat.Metric?.MetricName : c.q.Id),
      Timestamps: take.map((i) => new Date(c.ts[i]!)),
      Values: take.map((i) => c.vs[i]!),
      StatusCode: from + take.length < order.length ? 'PartialData' : 'Complete',
      Messages: [],
    };
  });
  const total = returned.reduce((n, c) => n + c.ts.length, 0);
  return {
    MetricDataResults: results,
    NextToken: consumed < total ? encodeToken(consumed, scope) : undefined,
    Messages: [],
  };
}

function getMetricStatistics({ world }: Ctx, input: GetMetricStatisticsInput): object {
  const start = ms(input.StartTime, 'StartTime');
  const end = ms(input.EndTime, 'EndTime');
  const period = checkPeriod(input.Period, 'Period') * 1000;
  const stats = input.Statistics ?? [];
  const ext = input.ExtendedStatistics ?? [];
  if (!stats.length && !ext.length)
    throw new SandboxError('MissingParameter', 'Must specify either Statistics or ExtendedStatistics.');
  for (const e of ext)
    if (percentileOf(e) === undefined)
      throw new SandboxError(
        'InvalidParameterValueException',
        `The value ${e} for parameter ExtendedStatistics is not supported by the gameday sandbox (use pNN).`,
      );
  if (start >= end)
    throw new SandboxError(
      'InvalidParameterValueException',
      'The parameter StartTime must be less than the parameter EndTime.',
    );
  const requested = Math.ceil((end - start) / period);
  if (requested > 1440)
    throw new SandboxError(
      'InvalidParameterCombination',
      `You have requested up to ${requested} datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    );
  const series = world.metrics.get(input.Namespace ?? '', input.MetricName ?? '', input.Dimensions ?? []);
  const buckets = world.metrics.buckets(series, start - (start % period), end, period);
  return {
    Label: input.MetricName,
    Datapoints: buckets.map((b) => {
      const dp: Record<string, unknown> = {
        Timestamp: new Date(b.t),
        Unit: input.Unit ?? series?.unit ?? 'None',
      };
      for (const s of stats) dp[s] = statistic(b, s);
      if (ext.length) dp.ExtendedStatistics = Object.fromEntries(ext.map((e) => [e, statistic(b, e)]));
      return dp;
    }),
  };
}

function listMetrics({ world, now }: Ctx, input: ListMetricsInput): object {
  const all = [...world.metrics.series.values()].filter(
    (s) =>
      (!input.Namespace || s.namespace === input.Namespace) &&
      (!input.MetricName || s.name === input.MetricName) &&
      (input.Dimensions ?? []).every((d) =>
        s.dimensions.some((x) => x.Name === d.Name && (d.Value === undefined || x.Value === d.Value)),
      ) &&
      (!input.RecentlyActive || now - s.lastPut <= 3 * 3600_000),
  );
  const { items, next } = page(
    all,
    500,
    input.NextToken,
    `lm:${JSON.stringify([input.Namespace, input.MetricName, input.Dimensions])}`,
    badCwToken,
  );
  return {
    Metrics: items.map((s) => ({
      Namespace: s.namespace,
      MetricName: s.name,
      Dimensions: s.dimensions.map((d) => ({ ...d })),
    })),
    NextToken: next,
  };
}

/** The metric operations, by name. */
export const cloudwatchMetricHandlers: HandlerTable = {
  PutMetricData: putMetricData,
  GetMetricData: getMetricData,
  GetMetricStatistics: getMetricStatistics,
  ListMetrics: listMetrics,
};
