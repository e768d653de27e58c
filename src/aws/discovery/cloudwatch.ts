// Lists every CloudWatch metric alarm and its state, 100 per DescribeAlarms page.
import type { CloudWatchAlarm } from '../inventory.js';
import { sdkOf } from '../sdk/index.js';
import { type DiscoveryRun, iso, send } from './common.js';

/** All metric alarms in the region. */
export async function listAlarms(run: DiscoveryRun): Promise<CloudWatchAlarm[]> {
  const cw = await run.ctx.client('cloudwatch');
  const { commands } = await sdkOf('cloudwatch');
  const out: CloudWatchAlarm[] = [];
  let token: string | undefined;
  do {
    const page = await send(run, 'cloudwatch', 'DescribeAlarms', () =>
      cw.send(
        new commands.DescribeAlarms({
          MaxRecords: run.pages.describeAlarms,
          NextToken: token,
          AlarmTypes: ['MetricAlarm'],
        }),
      ),
    );
    for (const a of page.MetricAlarms ?? []) {
      out.push({
        name: a.AlarmName ?? '',
        arn: a.AlarmArn,
        state: a.StateValue ?? 'INSUFFICIENT_DATA',
        reason: a.StateReason,
        updated: iso(a.StateUpdatedTimestamp),
        namespace: a.Namespace,
        metric: a.MetricName,
        statistic: a.Statistic ?? a.ExtendedStatistic,
        comparison: a.ComparisonOperator,
        threshold: a.Threshold,
        period: a.Period,
        evaluationPeriods: a.EvaluationPeriods,
        dimensions: Object.fromEntries((a.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? ''])),
        actionsEnabled: a.ActionsEnabled,
      });
    }
    token = page.NextToken || undefined;
  } while (token);
  return out;
}
