// CloudWatch alarm operations: describe (paging, filters), for-metric, put, set state, delete,
// history, enable/disable actions.
import type {
  DescribeAlarmHistoryInput,
  DescribeAlarmsForMetricInput,
  DescribeAlarmsInput,
  MetricAlarm,
  PutMetricAlarmInput,
  SetAlarmStateInput,
} from '@aws-sdk/client-cloudwatch';
import { COMPARISON_OPERATORS, setAlarmState } from '../dynamics/alarms.js';
import { SandboxError } from '../errors.js';
import { isStatistic, seriesKey } from '../metrics.js';
import type { AlarmRec } from '../model-ecs.js';
import { page } from '../paging.js';
import type { World } from '../world.js';
import type { Ctx, HandlerTable } from './types.js';

/** An alarm as DescribeAlarms returns it. */
export function toAlarm(a: AlarmRec): MetricAlarm {
  return {
    AlarmName: a.name,
    AlarmArn: a.arn,
    AlarmDescription: a.description,
    AlarmConfigurationUpdatedTimestamp: new Date(a.configUpdated),
    ActionsEnabled: a.actionsEnabled,
    OKActions: [...a.okActions],
    AlarmActions: [...a.alarmActions],
    InsufficientDataActions: [...a.insufficientDataActions],
    StateValue: a.state,
    StateReason: a.stateReason,
    StateReasonData: a.stateReasonData,
    StateUpdatedTimestamp: new Date(a.stateUpdated),
    StateTransitionedTimestamp: new Date(a.stateTransitioned),
    MetricName: a.metricName,
    Namespace: a.namespace,
    Statistic: a.statistic as MetricAlarm['Statistic'],
    ExtendedStatistic: a.extendedStatistic,
    Dimensions: a.dimensions.map((d) => ({ ...d })),
    Period: a.period,
    Unit: a.unit as MetricAlarm['Unit'],
    EvaluationPeriods: a.evaluationPeriods,
    DatapointsToAlarm: a.datapointsToAlarm,
    Threshold: a.threshold,
    ComparisonOperator: a.comparison as MetricAlarm['ComparisonOperator'],
    TreatMissingData: a.treatMissingData,
  };
}

/** CloudWatch's error for a NextToken it did not issue. */
export function badCwToken(): SandboxError {
  return new SandboxError('InvalidNextToken', 'The service cannot process the NextToken provided.');
}

function maxRecords(v: number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!Number.isInteger(v) || v < 1 || v > 100)
    throw new SandboxError(
      'InvalidParameterValueException',
      `The value ${v} for parameter MaxRecords is not valid. It must be between 1 and 100.`,
    );
  return v;
}

function describeAlarms({ world }: Ctx, input: DescribeAlarmsInput): object {
  const size = maxRecords(input.MaxRecords, 50);
  if (input.AlarmNames?.length && input.AlarmNamePrefix)
    throw new SandboxError(
      'InvalidParameterCombinationException',
      'AlarmNames and AlarmNamePrefix cannot be used together.',
    );
  if ((input.AlarmNames?.length ?? 0) > 100)
    throw new SandboxError(
      'InvalidParameterValueException',
      'The collection AlarmNames must not have a size greater than 100.',
    );
  const types = input.AlarmTypes?.length ? input.AlarmTypes : ['MetricAlarm'];
  const wantMetric = types.includes('MetricAlarm');
  const scope = `da:${JSON.stringify([input.AlarmNames, input.AlarmNamePrefix, input.StateValue, input.ActionPrefix, types])}`;
  // Selected once per world version, not once per page (a 32,000-alarm listing was quadratic).
  const all = world.memo(scope, () =>
    wantMetric
      ? [...world.alarms.values()].filter(
          (a) =>
            (!input.AlarmNames?.length || input.AlarmNames.includes(a.name)) &&
            (!input.AlarmNamePrefix || a.name.startsWith(input.AlarmNamePrefix)) &&
            (!input.StateValue || a.state === input.StateValue) &&
            (!input.ActionPrefix ||
              [...a.alarmActions, ...a.okActions, ...a.insufficientDataActions].some((x) =>
                x.startsWith(input.ActionPrefix!),
              )),
        )
      : [],
  );
  const { items, next } = page(all, size, input.NextToken, scope, badCwToken);
  return { MetricAlarms: items.map(toAlarm), CompositeAlarms: [], NextToken: next };
}

function describeForMetric({ world }: Ctx, input: DescribeAlarmsForMetricInput): object {
  const key = input.Dimensions
    ? seriesKey(input.Namespace ?? '', input.MetricName ?? '', input.Dimensions)
    : undefined;
  const out = [...world.alarms.values()].filter(
    (a) =>
      a.namespace === input.Namespace &&
      a.metricName === input.MetricName &&
      (!key || seriesKey(a.namespace, a.metricName, a.dimensions) === key) &&
      (!input.Statistic || a.statistic === input.Statistic) &&
      (!input.ExtendedStatistic || a.extendedStatistic === input.ExtendedStatistic) &&
      (!input.Period || a.period === input.Period),
  );
  return { MetricAlarms: out.map(toAlarm) };
}

function validPeriod(p: number): boolean {
  return p === 10 || p === 30 || (p >= 60 && p % 60 === 0);
}

/** Validates a PutMetricAlarm and builds (or replaces the configuration of) the alarm. */
function putAlarm({ world, now }: Ctx, input: PutMetricAlarmInput): object {
  const name = input.AlarmName ?? '';
  if (!name || name.length > 255)
    throw new SandboxError(
      'InvalidParameterValueException',
      'The parameter AlarmName must be between 1 and 255 characters.',
    );
  if (input.Metrics?.length)
    throw new SandboxError(
      'InvalidParameterValueException',
      'The gameday sandbox does not evaluate metric-math alarms (Metrics); use MetricName with Statistic.',
    );
  if (!input.MetricName || !input.Namespace)
    throw new SandboxError('ValidationError', 'Namespace and MetricName are required for a metric alarm.');
  if (Boolean(input.Statistic) === Boolean(input.ExtendedStatistic))
    throw new SandboxError(
      'InvalidParameterCombinationException',
      'Exactly one of Statistic or ExtendedStatistic must be specified.',
    );
  if (input.ExtendedStatistic && !isStatistic(input.ExtendedStatistic))
    throw new SandboxError(
      'InvalidParameterValueException',
      `The value ${input.ExtendedStatistic} for parameter ExtendedStatistic is not supported.`,
    );
  const period = input.Period ?? 0;
  if (!validPeriod(period))
    throw new SandboxError('InvalidParameterValueException', 'Period must be 10, 30 or a multiple of 60.');
  const evaluationPeriods = input.EvaluationPeriods ?? 0;
  if (evaluationPeriods < 1)
    throw new SandboxError('InvalidParameterValueException', 'EvaluationPeriods must be at least 1.');
  if (period * evaluationPeriods > 86_400 * 7)
    throw new SandboxError(
      'InvalidParameterCombinationException',
      'The evaluation period (Period * EvaluationPeriods) must not exceed one week.',
    );
  const m = input.DatapointsToAlarm ?? evaluationPeriods;
  if (m < 1 || m > evaluationPeriods)
    throw new SandboxError(
      'InvalidParameterValueException',
      'DatapointsToAlarm must be between 1 and EvaluationPeriods.',
    );
  if (!input.ComparisonOperator || !COMPARISON_OPERATORS.includes(input.ComparisonOperator))
    throw new SandboxError(
      'InvalidParameterValueException',
      `The gameday sandbox evaluates only ${COMPARISON_OPERATORS.join(', ')} (got ${input.ComparisonOperator}).`,
    );
  if (input.Threshold === undefined)
    throw new SandboxError('ValidationError', 'Threshold is required for a static-threshold alarm.');
  const existing = world.alarms.get(name);
  const alarm: AlarmRec = {
    name,
    arn: world.arn('cloudwatch', `alarm:${name}`),
    description: input.AlarmDescription,
    namespace: input.Namespace,
    metricName: input.MetricName,
    dimensions: (input.Dimensions ?? []).map((d) => ({ Name: d.Name ?? '', Value: d.Value ?? '' })),
    statistic: input.Statistic,
    extendedStatistic: input.ExtendedStatistic,
    period,
    evaluationPeriods,
    datapointsToAlarm: m,
    threshold: input.Threshold,
    comparison: input.ComparisonOperator,
    treatMissingData:
      (['breaching', 'notBreaching', 'ignore', 'missing'] as const).find(
        (x) => x === input.TreatMissingData,
      ) ?? 'missing',
    unit: input.Unit,
    actionsEnabled: input.ActionsEnabled ?? true,
    alarmActions: input.AlarmActions ?? [],
    okActions: input.OKActions ?? [],
    insufficientDataActions: input.InsufficientDataActions ?? [],
    state: existing?.state ?? 'INSUFFICIENT_DATA',
    stateReason: existing?.stateReason ?? 'Unchecked: Initial alarm creation',
    stateReasonData: existing?.stateReasonData,
    stateUpdated: existing?.stateUpdated ?? now,
    stateTransitioned: existing?.stateTransitioned ?? now,
    configUpdated: now,
    tags: existing?.tags ?? (input.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' })),
  };
  world.alarms.set(name, alarm);
  world.alarmHistory.push({
    alarmName: name,
    alarmType: 'MetricAlarm',
    timestamp: now,
    type: 'ConfigurationUpdate',
    summary: `Alarm "${name}" ${existing ? 'updated' : 'created'}`,
    data: JSON.stringify({ version: '1.0', type: existing ? 'Update' : 'Create' }),
  });
  return {};
}

function setState({ world, now }: Ctx, input: SetAlarmStateInput): object {
  const alarm = world.alarms.get(input.AlarmName ?? '');
  if (!alarm) throw new SandboxError('ResourceNotFound', `Alarm ${input.AlarmName} not found`, 404);
  if (!['OK', 'ALARM', 'INSUFFICIENT_DATA'].includes(input.StateValue ?? ''))
    throw new SandboxError(
      'InvalidParameterValueException',
      `The value ${input.StateValue} for parameter StateValue is not valid.`,
    );
  if (input.StateReasonData) {
    try {
      JSON.parse(input.StateReasonData);
    } catch {
      throw new SandboxError('InvalidFormat', 'StateReasonData is not valid JSON.');
    }
  }
  setAlarmState(
    world,
    alarm,
    input.StateValue as AlarmRec['state'],
    input.StateReason ?? '',
    input.StateReasonData,
    now,
  );
  return {};
}

function history({ world }: Ctx, input: DescribeAlarmHistoryInput): object {
  const size = maxRecords(input.MaxRecords, 100);
  const from = input.StartDate ? new Date(input.StartDate).getTime() : Number.NEGATIVE_INFINITY;
  const to = input.EndDate ? new Date(input.EndDate).getTime() : Number.POSITIVE_INFINITY;
  let all = world.alarmHistory.filter(
    (h) =>
      (!input.AlarmName || h.alarmName === input.AlarmName) &&
      (!input.HistoryItemType || h.type === input.HistoryItemType) &&
      h.timestamp >= from &&
      h.timestamp <= to,
  );
  if (input.ScanBy !== 'TimestampAscending') all = [...all].reverse();
  const { items, next } = page(
    all,
    size,
    input.NextToken,
    `dah:${input.AlarmName ?? ''}:${input.HistoryItemType ?? ''}:${input.ScanBy ?? ''}`,
    badCwToken,
  );
  return {
    AlarmHistoryItems: items.map((h) => ({
      AlarmName: h.alarmName,
      AlarmType: h.alarmType,
      Timestamp: new Date(h.timestamp),
      HistoryItemType: h.type,
      HistorySummary: h.summary,
      HistoryData: h.data,
    })),
    NextToken: next,
  };
}

function toggleActions(world: World, names: string[] | undefined, on: boolean): object {
  for (const n of names ?? []) {
    const a = world.alarms.get(n);
    if (a) a.actionsEnabled = on;
  }
  return {};
}

/** The alarm operations, by name. */
export const cloudwatchAlarmHandlers: HandlerTable = {
  DescribeAlarms: describeAlarms,
  DescribeAlarmsForMetric: describeForMetric,
  PutMetricAlarm: putAlarm,
  SetAlarmState: setState,
  // As AWS documents it: incorrect names are ignored and the correct ones are still deleted.
  DeleteAlarms: ({ world }, input) => {
    const names: string[] = input.AlarmNames ?? [];
    if (names.length > 100)
      throw new SandboxError(
        'InvalidParameterValueException',
        'The collection AlarmNames must not have a size greater than 100.',
      );
    for (const n of names) world.alarms.delete(n);
    return {};
  },
  DescribeAlarmHistory: history,
  EnableAlarmActions: ({ world }, input) => toggleActions(world, input.AlarmNames, true),
  DisableAlarmActions: ({ world }, input) => toggleActions(world, input.AlarmNames, false),
};
