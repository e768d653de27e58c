// chaosaws.cloudwatch against moto, and the unsupported EventBridge/ELBv2 entries.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findEntry } from '../../src/catalog/index.js';
import { backends, makeWorld, type World } from './support.js';

describe('unsupported chaosaws functions', () => {
  it('EventBridge rules and elbv2 fail with "not supported yet", not silently', async () => {
    const w = await makeWorld({}, { endpoint: 'http://127.0.0.1:9' });
    for (const id of [
      'chaosaws.cloudwatch.actions.put_rule',
      'chaosaws.elbv2.actions.deregister_target',
      'chaosaws.elbv2.probes.all_targets_healthy',
    ]) {
      expect(findEntry(id)?.unsupported).toMatch(/not supported yet/);
      await expect(w.call(id, { rule_name: 'r' })).rejects.toThrow('not supported yet');
    }
    expect(w.ctx.counter.total).toBe(0);
  });
});

for (const b of backends())
  describe.skipIf(Boolean(b.skip))(`chaosaws.cloudwatch on ${b.name}`, () => {
    let w: World;
    beforeAll(() => b.begin());
    beforeEach(async () => {
      w = await b.world();
    });

    const dims = [{ Name: 'Service', Value: 'checkout' }];
    // stamped a few seconds back on the backend's clock (the sandbox's is virtual)
    const put = (values: number[]) =>
      w.call('chaosaws.cloudwatch.actions.put_metric_data', {
        namespace: 'Shop',
        metric_data: values.map((Value, i) => ({
          MetricName: 'Latency',
          Dimensions: dims,
          Value,
          Timestamp: new Date(w.now() - (i + 1) * 1000).toISOString(),
        })),
      });

    it('put_metric_data returns None and the probes read the points back', async () => {
      expect(await put([100, 200, 300, 400])).toBeNull();
      expect(
        await w.call('chaosaws.cloudwatch.probes.get_metric_statistics', {
          namespace: 'Shop',
          metric_name: 'Latency',
          dimensions: dims,
          duration: 120,
          statistic: 'SampleCount',
        }),
      ).toBe(4);
      expect(
        await w.call('chaosaws.cloudwatch.probes.get_metric_data', {
          namespace: 'Shop',
          metric_name: 'Latency',
          dimensions: dims,
          duration: 120,
          period: 300,
          statistic: 'Maximum',
        }),
      ).toBe(400);
      // any statistic but Sum/Minimum/Maximum is the mean of the per-period values (one 300 s bucket here)
      expect(
        await w.call('chaosaws.cloudwatch.probes.get_metric_data', {
          namespace: 'Shop',
          metric_name: 'Latency',
          dimensions: dims,
          duration: 120,
          period: 300,
          statistic: 'Average',
        }),
      ).toBe(250);
    });

    it('argument errors and empty windows match chaosaws', async () => {
      await expect(
        w.call('chaosaws.cloudwatch.probes.get_metric_statistics', {
          namespace: 'Shop',
          metric_name: 'Latency',
          dimensions: dims,
        }),
      ).rejects.toThrow('You must supply argument for statistic or extended_statistic');
      await expect(
        w.call('chaosaws.cloudwatch.probes.get_metric_data', { namespace: 'Shop', metric_name: 'Latency' }),
      ).rejects.toThrow('You must supply argument for dimensions');
      expect(
        await w.call('chaosaws.cloudwatch.probes.get_metric_statistics', {
          namespace: 'Empty',
          metric_name: 'None',
          dimension_name: 'a',
          dimension_value: 'b',
          statistic: 'Average',
        }),
      ).toBe(0);
    });

    it('get_alarm_state_value returns the bare state string', async () => {
      await w.setup('cloudwatch', 'PutMetricAlarm', {
        AlarmName: 'latency-high',
        MetricName: 'Latency',
        Namespace: 'Shop',
        Statistic: 'Average',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 500,
        ComparisonOperator: 'GreaterThanThreshold',
      });
      // moto starts alarms at OK, AWS and the sandbox at INSUFFICIENT_DATA: the probe returns what DescribeAlarms says
      const raw = await w.aws('cloudwatch', 'DescribeAlarms', { AlarmNames: ['latency-high'] });
      expect(raw.MetricAlarms[0].StateValue).toMatch(/^(OK|INSUFFICIENT_DATA)$/);
      expect(
        await w.call('chaosaws.cloudwatch.probes.get_alarm_state_value', { alarm_name: 'latency-high' }),
      ).toBe(raw.MetricAlarms[0].StateValue);
      await expect(
        w.call('chaosaws.cloudwatch.probes.get_alarm_state_value', { alarm_name: 'ghost' }),
      ).rejects.toThrow('CloudWatch alarm name ghost not found');
    });

    it('put_metric_data in dry run shows the call and sends nothing', async () => {
      const dry = await b.world({ dryRun: true });
      const out = (await dry.call('chaosaws.cloudwatch.actions.put_metric_data', {
        namespace: 'Dry',
        metric_data: [{ MetricName: 'X', Value: 1 }],
      })) as { outcome: string; wouldCall: { operation: string } };
      expect(out.outcome).toBe('planned');
      expect(out.wouldCall.operation).toBe('PutMetricData');
      expect(dry.ctx.counter.total).toBe(0);
    });

    it("get_metric_data keeps chaosaws' mean of per-period values (A3); metric_statistic gives the true count", async () => {
      const at = (secondsAgo: number) => new Date(w.now() - secondsAgo * 1000).toISOString();
      await w.call('chaosaws.cloudwatch.actions.put_metric_data', {
        namespace: 'A3',
        metric_data: [30, 100, 110, 120].map((ago) => ({
          MetricName: 'Hits',
          Dimensions: dims,
          Value: 1,
          Timestamp: at(ago),
        })),
      });
      const args = {
        namespace: 'A3',
        metric_name: 'Hits',
        dimensions: dims,
        duration: 180,
        period: 60,
        statistic: 'SampleCount',
      };
      const compat = (await w.call('chaosaws.cloudwatch.probes.get_metric_data', args)) as number;
      expect(compat).toBeLessThan(4);
      expect(compat).toBeGreaterThan(0);
      expect(
        await w.call('gameday.probes.metric_statistic', {
          namespace: 'A3',
          metric_name: 'Hits',
          dimensions: { Service: 'checkout' },
          statistic: 'SampleCount',
          window_seconds: 180,
        }),
      ).toBe(4);
    });
  });
