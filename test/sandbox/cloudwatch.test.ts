// CloudWatch on the sandbox through the SDK: statistics and percentiles, metric math, paging by
// datapoints, the 1,440 limit, alarms that start INSUFFICIENT_DATA and evaluate against data.
import {
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  ListTagsForResourceCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  ResourceNotFound,
  SetAlarmStateCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch';
import { afterEach, describe, expect, it } from 'vitest';
import { failure, permitted, type Rig, rig } from './support.js';

let r: Rig;
afterEach(async () => r?.close());

const metric = { Namespace: 'Shop', MetricName: 'Latency', Dimensions: [{ Name: 'Api', Value: 'cart' }] };

/** Puts values 1..n, one per 10 s, ending at the current minute's start (or from `from`). */
async function series(x: Rig, n: number, from?: number): Promise<number> {
  const end = x.sb.clock.now() - (x.sb.clock.now() % 60_000);
  const start = from ?? end - n * 10_000;
  await permitted(() =>
    x.cw.send(
      new PutMetricDataCommand({
        Namespace: 'Shop',
        MetricData: Array.from({ length: n }, (_, i) => ({
          ...metric,
          Timestamp: new Date(start + i * 10_000),
          Value: i + 1,
          StorageResolution: 1,
        })),
      }),
    ),
  );
  return start;
}

describe('metrics', () => {
  it('computes every statistic over a period, percentiles included', async () => {
    r = await rig({ size: 'empty' });
    const start = await series(r, 6);
    const stats = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount', 'p50', 'p99'];
    const out = await r.cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(start),
        EndTime: new Date(start + 60_000),
        MetricDataQueries: stats.map((Stat, i) => ({
          Id: `q${i}`,
          MetricStat: { Metric: metric, Period: 60, Stat },
        })),
      }),
    );
    expect(out.MetricDataResults!.map((m) => m.Values)).toEqual([[3.5], [21], [1], [6], [6], [3], [6]]);
    expect(
      out.MetricDataResults!.every(
        (m) => m.StatusCode === 'Complete' && m.Timestamps![0]!.getTime() === start,
      ),
    ).toBe(true);
  });

  it('orders by ScanBy, evaluates simple math, hides ReturnData false, and pages by MaxDatapoints', async () => {
    r = await rig({ size: 'empty' });
    const start = await series(r, 6);
    const base = { StartTime: new Date(start), EndTime: new Date(start + 60_000) };
    const q = { Id: 'raw', MetricStat: { Metric: metric, Period: 10, Stat: 'Sum' } };
    const asc = await r.cw.send(
      new GetMetricDataCommand({ ...base, ScanBy: 'TimestampAscending', MetricDataQueries: [q] }),
    );
    expect(asc.MetricDataResults![0]!.Values).toEqual([1, 2, 3, 4, 5, 6]);
    const desc = await r.cw.send(new GetMetricDataCommand({ ...base, MetricDataQueries: [q] }));
    expect(desc.MetricDataResults![0]!.Values).toEqual([6, 5, 4, 3, 2, 1]);
    const math = await r.cw.send(
      new GetMetricDataCommand({
        ...base,
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          { ...q, ReturnData: false },
          { Id: 'twice', Expression: '(raw + 1) * 2', Label: 'twice' },
        ],
      }),
    );
    expect(math.MetricDataResults!.map((m) => [m.Id, m.Values])).toEqual([['twice', [4, 6, 8, 10, 12, 14]]]);
    const first = await r.cw.send(
      new GetMetricDataCommand({
        ...base,
        ScanBy: 'TimestampAscending',
        MaxDatapoints: 4,
        MetricDataQueries: [q],
      }),
    );
    expect([first.MetricDataResults![0]!.Values, first.MetricDataResults![0]!.StatusCode]).toEqual([
      [1, 2, 3, 4],
      'PartialData',
    ]);
    const second = await r.cw.send(
      new GetMetricDataCommand({
        ...base,
        ScanBy: 'TimestampAscending',
        MaxDatapoints: 4,
        MetricDataQueries: [q],
        NextToken: first.NextToken,
      }),
    );
    expect([second.MetricDataResults![0]!.Values, second.NextToken]).toEqual([[5, 6], undefined]);
  });

  it('rejects what CloudWatch rejects', async () => {
    r = await rig({ size: 'empty' });
    const t = r.sb.clock.now();
    const window = { StartTime: new Date(t - 3600_000), EndTime: new Date(t) };
    const badPeriod = await failure(
      r.cw.send(
        new GetMetricDataCommand({
          ...window,
          MetricDataQueries: [{ Id: 'a', MetricStat: { Metric: metric, Period: 7, Stat: 'Sum' } }],
        }),
      ),
    );
    expect(badPeriod.name).toBe('InvalidParameterValueException');
    const tooMany = Array.from({ length: 501 }, (_, i) => ({
      Id: `a${i}`,
      MetricStat: { Metric: metric, Period: 60, Stat: 'Sum' },
    }));
    expect(
      (await failure(r.cw.send(new GetMetricDataCommand({ ...window, MetricDataQueries: tooMany })))).name,
    ).toBe('InvalidParameterValueException');
    const badId = await failure(
      r.cw.send(
        new GetMetricDataCommand({
          ...window,
          MetricDataQueries: [{ Id: 'A', MetricStat: { Metric: metric, Period: 60, Stat: 'Sum' } }],
        }),
      ),
    );
    expect(badId.name).toBe('ValidationError');
    const limit = await failure(
      r.cw.send(
        new GetMetricStatisticsCommand({
          ...metric,
          StartTime: new Date(t - 2 * 86_400_000),
          EndTime: new Date(t),
          Period: 60,
          Statistics: ['Average'],
        }),
      ),
    );
    expect(limit.message).toMatch(
      /^You have requested up to 2880 datapoints, which exceeds the limit of 1440/,
    );
    const reserved = await failure(
      permitted(() =>
        r.cw.send(
          new PutMetricDataCommand({ Namespace: 'AWS/EC2', MetricData: [{ MetricName: 'x', Value: 1 }] }),
        ),
      ),
    );
    expect(reserved.name).toBe('InvalidParameterValueException');
  });

  it('publishes the default world metrics at 10-second resolution', async () => {
    r = await rig();
    const listed = await r.cw.send(
      new ListMetricsCommand({ Namespace: 'AWS/ApplicationELB', MetricName: 'HealthyHostCount' }),
    );
    expect(listed.Metrics!.map((m) => m.Dimensions!.map((d) => d.Name).sort())).toEqual([
      ['LoadBalancer', 'TargetGroup'],
      ['LoadBalancer', 'TargetGroup'],
    ]);
    const t = r.sb.clock.now();
    const out = await r.cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'ECS/ContainerInsights',
        MetricName: 'RunningTaskCount',
        Dimensions: [
          { Name: 'ClusterName', Value: 'shop' },
          { Name: 'ServiceName', Value: 'checkout' },
        ],
        StartTime: new Date(t - 60_000),
        EndTime: new Date(t),
        Period: 10,
        Statistics: ['Minimum'],
      }),
    );
    expect(out.Datapoints!.map((d) => d.Minimum)).toEqual([4, 4, 4, 4, 4, 4]);
  });
});

describe('alarms', () => {
  it('starts INSUFFICIENT_DATA, goes to ALARM on breaching data, and keeps a history', async () => {
    r = await rig({ size: 'empty' });
    await permitted(() =>
      r.cw.send(
        new PutMetricAlarmCommand({
          AlarmName: 'slow',
          ...metric,
          Statistic: 'Maximum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 5,
          ComparisonOperator: 'GreaterThanThreshold',
        }),
      ),
    );
    const fresh = (await r.cw.send(new DescribeAlarmsCommand({ AlarmNames: ['slow'] }))).MetricAlarms![0]!;
    expect([fresh.StateValue, fresh.StateReason]).toEqual([
      'INSUFFICIENT_DATA',
      'Unchecked: Initial alarm creation',
    ]);
    r.step(60);
    await series(r, 6, r.sb.clock.now());
    r.step(60);
    const fired = (await r.cw.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }))).MetricAlarms!;
    expect(fired.map((a) => a.AlarmName)).toEqual(['slow']);
    expect(fired[0]!.StateReason).toMatch(
      /^Threshold Crossed: 1 out of the last 1 datapoints \[6\.0 \(.*\)\] was greater than the threshold \(5\.0\)/,
    );
    const history = await r.cw.send(
      new DescribeAlarmHistoryCommand({ AlarmName: 'slow', HistoryItemType: 'StateUpdate' }),
    );
    expect(history.AlarmHistoryItems!.map((h) => h.HistorySummary)).toEqual([
      'Alarm updated from INSUFFICIENT_DATA to ALARM',
    ]);
  });

  it('pages DescribeAlarms, filters by state and prefix, and re-evaluates over a manual SetAlarmState', async () => {
    r = await rig();
    const names: string[] = [];
    let token: string | undefined;
    do {
      const out = await r.cw.send(new DescribeAlarmsCommand({ MaxRecords: 2, NextToken: token }));
      expect(out.MetricAlarms!.length).toBeLessThanOrEqual(2);
      names.push(...out.MetricAlarms!.map((a) => a.AlarmName!));
      token = out.NextToken;
    } while (token);
    expect(names).toHaveLength(6);
    const web = await r.cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'web-', StateValue: 'OK' }));
    expect(web.MetricAlarms).toHaveLength(4);
    expect((await failure(r.cw.send(new DescribeAlarmsCommand({ MaxRecords: 101 })))).name).toBe(
      'InvalidParameterValueException',
    );

    await permitted(() =>
      r.cw.send(
        new SetAlarmStateCommand({ AlarmName: 'web-high-cpu', StateValue: 'ALARM', StateReason: 'drill' }),
      ),
    );
    const forced = (await r.cw.send(new DescribeAlarmsCommand({ AlarmNames: ['web-high-cpu'] })))
      .MetricAlarms![0]!;
    expect([forced.StateValue, forced.StateReason]).toEqual(['ALARM', 'drill']);
    r.step(60);
    expect(
      (await r.cw.send(new DescribeAlarmsCommand({ AlarmNames: ['web-high-cpu'] }))).MetricAlarms![0]!
        .StateValue,
    ).toBe('OK');
    const missing = await failure(
      permitted(() =>
        r.cw.send(new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'OK', StateReason: 'x' })),
      ),
    );
    expect(missing).toBeInstanceOf(ResourceNotFound);
  });

  it('tags alarms: most default alarms carry the opt-in tag, and tags can be changed', async () => {
    r = await rig();
    const arn = (name: string) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`;
    const tags = async (name: string) =>
      (await r.cw.send(new ListTagsForResourceCommand({ ResourceARN: arn(name) }))).Tags;
    expect(await tags('web-high-5xx')).toEqual([{ Key: 'chaos:allowed', Value: 'true' }]);
    expect(await tags('checkout-high-cpu')).toEqual([]);
    await permitted(() =>
      r.cw.send(
        new TagResourceCommand({
          ResourceARN: arn('checkout-high-cpu'),
          Tags: [{ Key: 'team', Value: 'shop' }],
        }),
      ),
    );
    await permitted(() =>
      r.cw.send(new UntagResourceCommand({ ResourceARN: arn('web-high-5xx'), TagKeys: ['chaos:allowed'] })),
    );
    expect([await tags('checkout-high-cpu'), await tags('web-high-5xx')]).toEqual([
      [{ Key: 'team', Value: 'shop' }],
      [],
    ]);
    const missing = await failure(r.cw.send(new ListTagsForResourceCommand({ ResourceARN: arn('nope') })));
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  it('finds the alarms on a metric', async () => {
    r = await rig();
    const lowHealthy = (await r.cw.send(new DescribeAlarmsCommand({ AlarmNames: ['web-low-healthy-hosts'] })))
      .MetricAlarms![0]!;
    const out = await r.cw.send(
      new DescribeAlarmsForMetricCommand({
        Namespace: 'AWS/ApplicationELB',
        MetricName: 'HealthyHostCount',
        Dimensions: [...lowHealthy.Dimensions!].reverse(),
      }),
    );
    expect(out.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['web-low-healthy-hosts']);
    const none = await r.cw.send(
      new DescribeAlarmsForMetricCommand({
        Namespace: 'AWS/ApplicationELB',
        MetricName: 'HealthyHostCount',
        Dimensions: [],
      }),
    );
    expect(none.MetricAlarms).toEqual([]);
  });
});
