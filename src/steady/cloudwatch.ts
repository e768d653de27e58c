// The steady-state loop's two CloudWatch reads over the catalogue's AWS door: every graphed series
// in one GetMetricData call (following NextToken), and the states of the stop-condition alarms.
import type { AwsCall } from '../catalog/types.js';
import type { FetchMetrics, MetricResult } from './types.js';

/** Fetches the loop's series with GetMetricData; `metricWindow` moves the window (sandbox clock). */
export function cloudWatchMetrics(
  aws: AwsCall,
  metricWindow?: (end: Date) => { start: Date; end: Date },
): FetchMetrics {
  return async (queries, start, end) => {
    const window = metricWindow ? metricWindow(end) : { start, end };
    const results: MetricResult[] = [];
    let NextToken: string | undefined;
    do {
      const r = await aws('cloudwatch', 'GetMetricData', {
        MetricDataQueries: queries,
        StartTime: window.start,
        EndTime: window.end,
        ScanBy: 'TimestampDescending',
        NextToken,
      });
      results.push(...((r.MetricDataResults ?? []) as MetricResult[]));
      NextToken = r.NextToken;
    } while (NextToken);
    return results;
  };
}

/** Reads the states of up to 100 alarms with one DescribeAlarms call. */
export function cloudWatchAlarmStates(aws: AwsCall): (names: string[]) => Promise<Record<string, string>> {
  return async (names) => {
    const r = await aws('cloudwatch', 'DescribeAlarms', { AlarmNames: names.slice(0, 100) });
    const alarms = (r.MetricAlarms ?? []) as { AlarmName: string; StateValue: string }[];
    return Object.fromEntries(alarms.map((a) => [a.AlarmName, a.StateValue]));
  };
}
