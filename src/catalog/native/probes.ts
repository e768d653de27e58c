// Probes for the steady-state loop, shaped for tolerances and graphs: ASG healthy vs desired, ECS
// running vs desired, alarm state, a metric statistic over a window, an HTTP endpoint, and an
// instance count by filter. Each returns a small object or number, never a raw AWS response.
import type { AwsResponse } from '../../aws/ops/call.js';
import { optNum, optStr, optStrList, str, tagDict } from '../args.js';
import { describeAsgs } from '../chaosaws/asg-common.js';
import { describeInstances, instancesOf } from '../chaosaws/ec2-common.js';
import { ActivityFailed } from '../errors.js';
import { opt, req } from '../params.js';
import type { EntrySpec } from '../types.js';

const READ = {
  module: 'gameday.probes',
  kind: 'probe' as const,
  undo: 'nothing to undo (read-only)',
  dryRun: 'read-only' as const,
};

/** The native probes. */
export const NATIVE_PROBES: EntrySpec[] = [
  {
    ...READ,
    func: 'asg_healthy_vs_desired',
    title: 'ASG healthy vs desired',
    targetKind: 'Auto Scaling group',
    appliesTo: ['autoScalingGroups'],
    summary: 'InService+Healthy members against DesiredCapacity: {desired, healthy, inService, ok}.',
    params: [req('asg_name', 'str', 'the group')],
    async impl(a, run) {
      const name = str(a, 'asg_name');
      const [g] = await describeAsgs(run.aws, [name]);
      if (!g) throw new ActivityFailed(`No ASG(s) found matching: ['${name}']`);
      const members = (g.Instances ?? []) as AwsResponse[];
      const inService = members.filter((i) => i.LifecycleState === 'InService').length;
      const healthy = members.filter(
        (i) => i.LifecycleState === 'InService' && i.HealthStatus === 'Healthy',
      ).length;
      return { desired: g.DesiredCapacity, healthy, inService, ok: healthy >= g.DesiredCapacity };
    },
  },
  {
    ...READ,
    func: 'ecs_running_vs_desired',
    title: 'ECS running vs desired',
    targetKind: 'ECS service',
    appliesTo: ['services'],
    summary: 'The service counters: {desired, running, pending, ok}.',
    params: [req('cluster', 'str', 'cluster name or ARN'), req('service', 'str', 'service name')],
    async impl(a, run) {
      const res = await run.aws('ecs', 'DescribeServices', {
        cluster: str(a, 'cluster'),
        services: [str(a, 'service')],
      });
      const s = res.services?.[0];
      if (!s) throw new ActivityFailed(`unable to locate service: ${a.service} on cluster: ${a.cluster}`);
      return {
        desired: s.desiredCount,
        running: s.runningCount,
        pending: s.pendingCount,
        ok: s.runningCount >= s.desiredCount,
      };
    },
  },
  {
    ...READ,
    func: 'alarm_state',
    title: 'Alarm state',
    targetKind: 'CloudWatch alarm',
    appliesTo: ['alarms'],
    summary: 'The state of a metric or composite alarm: "OK", "ALARM" or "INSUFFICIENT_DATA".',
    params: [req('alarm_name', 'str', 'alarm name')],
    async impl(a, run) {
      const name = str(a, 'alarm_name');
      const res = await run.aws('cloudwatch', 'DescribeAlarms', {
        AlarmNames: [name],
        AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
      });
      const alarm = res.MetricAlarms?.[0] ?? res.CompositeAlarms?.[0];
      if (!alarm) throw new ActivityFailed(`CloudWatch alarm name ${name} not found`);
      return alarm.StateValue;
    },
  },
  {
    ...READ,
    func: 'metric_statistic',
    title: 'Metric statistic',
    targetKind: 'CloudWatch metric',
    appliesTo: ['alarms', 'instances', 'autoScalingGroups', 'services'],
    summary:
      'One statistic (Average, Sum, Minimum, Maximum, SampleCount or pNN) over the last window_seconds, as one bucket: the true aggregate, or null when there is no data.',
    params: [
      req('namespace', 'str', 'metric namespace (AWS/EC2, AWS/ECS, your own)'),
      req('metric_name', 'str', 'metric name'),
      opt('dimensions', {}, 'Dict[str, str]', 'dimensions {"Name": "Value"}'),
      opt(
        'statistic',
        'Average',
        'str',
        'Average, Sum, Minimum, Maximum, SampleCount or a percentile like p99',
      ),
      opt('window_seconds', 300, 'int', 'how far back to look (rounded up to a minute)'),
    ],
    async impl(a, run) {
      const window = Math.max(60, Math.ceil((optNum(a, 'window_seconds') ?? 300) / 60) * 60);
      const dims = tagDict(a.dimensions, 'dimensions') ?? {};
      const now = run.now();
      const res = await run.aws('cloudwatch', 'GetMetricData', {
        MetricDataQueries: [
          {
            Id: 'm1',
            MetricStat: {
              Metric: {
                Namespace: str(a, 'namespace'),
                MetricName: str(a, 'metric_name'),
                Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })),
              },
              // one bucket from now-window to a minute past now (clock skew, receipt-time stamps)
              Period: window + 60,
              Stat: optStr(a, 'statistic') ?? 'Average',
            },
          },
        ],
        StartTime: new Date(now - window * 1000),
        EndTime: new Date(now + 60_000),
      });
      const values = (res.MetricDataResults?.[0]?.Values ?? []) as number[];
      return values.length ? values[0] : null;
    },
  },
  {
    ...READ,
    func: 'http_endpoint',
    title: 'HTTP endpoint',
    targetKind: 'HTTP endpoint',
    appliesTo: [],
    summary:
      'Requests a URL: {status, latency_ms, ok}; ok when the status is the expected one (any 2xx/3xx by default). A network error gives status 0.',
    params: [
      req('url', 'str', 'the URL'),
      opt('method', 'GET', 'str', 'HTTP method'),
      opt('timeout', 5, 'float', 'seconds before giving up'),
      opt('expected_status', null, 'int', 'the status that counts as ok'),
    ],
    async impl(a, run) {
      const started = performance.now();
      const timeout = AbortSignal.timeout((optNum(a, 'timeout') ?? 5) * 1000);
      const signal = AbortSignal.any([timeout, run.ctx.signal]);
      let status = 0;
      let error: string | undefined;
      try {
        const res = await fetch(str(a, 'url'), {
          method: optStr(a, 'method') ?? 'GET',
          signal,
          redirect: 'manual',
        });
        status = res.status;
        await res.arrayBuffer();
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      const latency_ms = Math.round(performance.now() - started);
      const expected = optNum(a, 'expected_status');
      const ok = status !== 0 && (expected !== undefined ? status === expected : status < 400);
      return { status, latency_ms, ok, ...(error ? { error } : {}) };
    },
  },
  {
    ...READ,
    func: 'instance_count',
    title: 'Instance count',
    targetKind: 'EC2 instances',
    appliesTo: ['instances', 'autoScalingGroups'],
    summary: 'Number of instances (not reservations) matching the filters, tags, AZ and states.',
    params: [
      opt('filters', null, 'List[Dict[str, Any]]', 'DescribeInstances filters'),
      opt('tags', null, 'Dict[str, str]', 'tags the instances must carry'),
      opt('az', null, 'str', 'availability zone'),
      opt('states', ['running'], 'List[str]', 'instance states counted'),
    ],
    async impl(a, run) {
      const tags = tagDict(a.tags) ?? {};
      const filters = [
        ...(((a.filters as unknown[]) ?? []) as unknown[]),
        ...Object.entries(tags).map(([k, v]) => ({ Name: `tag:${k}`, Values: [v] })),
      ];
      const states = optStrList(a, 'states') ?? [];
      const az = optStr(a, 'az');
      return instancesOf(await describeInstances(run.aws, { filters })).filter(
        (i) =>
          (!states.length || states.includes(i.State?.Name)) && (!az || i.Placement?.AvailabilityZone === az),
      ).length;
    },
  },
];
