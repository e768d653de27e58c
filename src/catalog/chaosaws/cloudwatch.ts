// chaosaws.cloudwatch: put_metric_data, alarm state and the two metric probes, with chaosaws'
// arithmetic kept (get_metric_data's mean-of-values for SampleCount, the first datapoint only).
// The EventBridge rule functions are listed but fail with "not supported yet".
import type { AwsResponse } from '../../aws/ops/call.js';
import { optNum, optStr, str } from '../args.js';
import { ActivityFailed } from '../errors.js';
import { opt, req } from '../params.js';
import type { Args, EntrySpec } from '../types.js';

const A = 'chaosaws.cloudwatch.actions';
const P = 'chaosaws.cloudwatch.probes';
const READ = {
  undo: 'nothing to undo (read-only)',
  dryRun: 'read-only' as const,
  kind: 'probe' as const,
  module: P,
};
const DIMS = [
  opt('dimension_name', null, 'str', 'one dimension: its name'),
  opt('dimension_value', null, 'str', 'one dimension: its value'),
  opt('dimensions', null, 'List[Dict[str, str]]', 'dimensions [{"Name","Value"}]'),
];

function dimensionsOf(a: Args): unknown[] | undefined {
  if (a.dimensions == null && a.dimension_name == null && a.dimension_value == null)
    throw new ActivityFailed('You must supply argument for dimensions');
  if (a.dimensions != null) return a.dimensions as unknown[];
  if (a.dimension_name && a.dimension_value) return [{ Name: a.dimension_name, Value: a.dimension_value }];
  return undefined;
}

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const round2 = (x: number) => Math.round(x * 100) / 100;

const RULES: Array<[string, string]> = [
  ['put_rule', 'Create or update an EventBridge rule'],
  ['put_rule_targets', 'Set EventBridge rule targets'],
  ['disable_rule', 'Disable an EventBridge rule'],
  ['enable_rule', 'Enable an EventBridge rule'],
  ['delete_rule', 'Delete an EventBridge rule'],
  ['remove_rule_targets', 'Remove EventBridge rule targets'],
];

/** The chaosaws.cloudwatch entries (actions and probes). */
export const CLOUDWATCH: EntrySpec[] = [
  ...RULES.map(
    ([func, title]): EntrySpec => ({
      module: A,
      func,
      kind: 'action',
      title,
      targetKind: 'EventBridge rule',
      appliesTo: [],
      summary: `${title} (chaosaws uses the EventBridge client).`,
      undo: 'not supported yet',
      dryRun: 'plan',
      params: [req('rule_name', 'str', 'the rule')],
      unsupported: `chaosaws.cloudwatch.actions.${func} is not supported yet: gameday has no EventBridge client`,
    }),
  ),
  {
    module: A,
    func: 'put_metric_data',
    kind: 'action',
    title: 'Put metric data',
    targetKind: 'CloudWatch metric',
    appliesTo: ['alarms'],
    summary:
      'Publishes data points to a namespace (e.g. to push a metric over an alarm threshold). Returns None.',
    undo: 'no undo: published data points stay (they age out of the alarm window)',
    dryRun: 'plan',
    params: [
      req('namespace', 'str', 'metric namespace'),
      req(
        'metric_data',
        'List[Dict[str, Any]]',
        'MetricData items {MetricName, Dimensions, Value, Unit, Timestamp, ...}',
      ),
    ],
    compat:
      'the opt-in tag does not apply (metrics have no tags); read-only mode, caps on resources and dry run do',
    async impl(a, run) {
      const Namespace = str(a, 'namespace');
      const MetricData = ((a.metric_data as Array<Record<string, unknown>>) ?? []).map((d) =>
        typeof d.Timestamp === 'string' ? { ...d, Timestamp: new Date(d.Timestamp) } : d,
      );
      const res = (await run.attack.mutate({
        targets: [{ kind: 'metrics', id: Namespace, tags: {} }],
        call: { service: 'cloudwatch', operation: 'PutMetricData', input: { Namespace, MetricData } },
        undo: null,
      })) as AwsResponse;
      return res.dryRun ? res : null;
    },
  },
  {
    ...READ,
    func: 'get_alarm_state_value',
    title: 'Alarm state (chaosaws)',
    targetKind: 'CloudWatch alarm',
    appliesTo: ['alarms'],
    summary:
      'The state of a metric alarm: "OK", "ALARM" or "INSUFFICIENT_DATA" (composite alarms are not looked at).',
    params: [req('alarm_name', 'str', 'alarm name')],
    async impl(a, run) {
      const name = str(a, 'alarm_name');
      const res = await run.aws('cloudwatch', 'DescribeAlarms', { AlarmNames: [name] });
      if (!res.MetricAlarms?.length) throw new ActivityFailed(`CloudWatch alarm name ${name} not found`);
      return res.MetricAlarms[0].StateValue;
    },
  },
  {
    ...READ,
    func: 'get_metric_statistics',
    title: 'Metric statistic (chaosaws)',
    targetKind: 'CloudWatch metric',
    appliesTo: ['alarms'],
    summary:
      "GetMetricStatistics over [now-offset-duration, now-offset] with Period=duration; the first datapoint's value, or 0.",
    params: [
      req('namespace', 'str', 'metric namespace'),
      req('metric_name', 'str', 'metric name'),
      ...DIMS,
      opt('duration', 60, 'int', 'window length (s), also the period'),
      opt('offset', 0, 'int', 'seconds before now where the window ends'),
      opt('statistic', null, 'str', 'Average, Sum, Minimum, Maximum or SampleCount'),
      opt('extended_statistic', null, 'str', 'a percentile such as p99'),
      opt('unit', null, 'str', 'unit filter'),
    ],
    compat: 'compatible: returns the first datapoint only (not an aggregate of several)',
    async impl(a, run) {
      const statistic = optStr(a, 'statistic');
      const ext = optStr(a, 'extended_statistic');
      if (statistic == null && ext == null)
        throw new ActivityFailed('You must supply argument for statistic or extended_statistic');
      const Dimensions = dimensionsOf(a) ?? [{ Name: a.dimension_name, Value: a.dimension_value }];
      const duration = optNum(a, 'duration') ?? 60;
      const end = run.now() - (optNum(a, 'offset') ?? 0) * 1000;
      const input: Record<string, unknown> = {
        Namespace: str(a, 'namespace'),
        MetricName: str(a, 'metric_name'),
        StartTime: new Date(end - duration * 1000),
        EndTime: new Date(end),
        Period: duration,
        Dimensions,
      };
      if (statistic != null) input.Statistics = [statistic];
      if (ext != null) input.ExtendedStatistics = [ext];
      if (a.unit != null) input.Unit = a.unit;
      const res = await run.aws('cloudwatch', 'GetMetricStatistics', input);
      const dp = res.Datapoints?.[0];
      if (!dp) return 0;
      const v = statistic != null ? dp[statistic] : dp.ExtendedStatistics?.[ext!];
      if (v === undefined) throw new ActivityFailed(`Unable to parse response '${JSON.stringify(res)}'`);
      return v;
    },
  },
  {
    ...READ,
    func: 'get_metric_data',
    title: 'Metric data (chaosaws)',
    targetKind: 'CloudWatch metric',
    appliesTo: ['alarms'],
    summary:
      'GetMetricData (one query "m1"): Sum → sum, Minimum → min, Maximum → max, anything else → mean of the period values; rounded to 2 decimals, 0 when empty.',
    params: [
      req('namespace', 'str', 'metric namespace'),
      req('metric_name', 'str', 'metric name'),
      ...DIMS,
      opt('statistic', null, 'str', 'Average, Sum, Minimum, Maximum or SampleCount'),
      opt('duration', 300, 'int', 'window start: seconds before now'),
      opt('period', 60, 'int', 'period of each value (s)'),
      opt('offset', 0, 'int', 'window end: seconds before now'),
      opt('unit', null, 'str', 'unit'),
    ],
    compat:
      'compatible: SampleCount (and Average) give the mean of the per-period values, and offset moves only the end of the window, as in chaosaws; gameday.probes.metric_statistic aggregates correctly',
    async impl(a, run) {
      const dims = dimensionsOf(a);
      const statistic = optStr(a, 'statistic');
      const now = run.now();
      const stat: Record<string, unknown> = {
        Metric: {
          Namespace: str(a, 'namespace'),
          MetricName: str(a, 'metric_name'),
          ...(dims ? { Dimensions: dims } : {}),
        },
        Period: optNum(a, 'period') ?? 60,
        Stat: statistic,
      };
      if (a.unit) stat.Unit = a.unit;
      const res = await run.aws('cloudwatch', 'GetMetricData', {
        MetricDataQueries: [{ Id: 'm1', MetricStat: stat, Label: a.metric_name }],
        StartTime: new Date(now - (optNum(a, 'duration') ?? 300) * 1000),
        EndTime: new Date(now - (optNum(a, 'offset') ?? 0) * 1000),
      });
      const byLabel = new Map<string, number[]>();
      for (const r of (res.MetricDataResults ?? []) as AwsResponse[])
        byLabel.set(r.Label, [...(byLabel.get(r.Label) ?? []), ...(r.Values ?? [])]);
      let result = 0;
      for (const v of byLabel.values()) {
        if (v.length === 0) continue;
        result =
          statistic === 'Sum'
            ? v.reduce((s, x) => s + x, 0)
            : statistic === 'Minimum'
              ? Math.min(...v)
              : statistic === 'Maximum'
                ? Math.max(...v)
                : mean(v);
      }
      return round2(result);
    },
  },
];
