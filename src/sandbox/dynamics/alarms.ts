// Alarm evaluation with CloudWatch's semantics: every period (every minute at most) each metric
// alarm looks at its last EvaluationPeriods complete periods, counts breaching datapoints
// (treating missing data as configured), and changes state with AWS-worded reasons and history.
import { type Series, statistic } from '../metrics.js';
import type { AlarmRec } from '../model-ecs.js';
import type { World } from '../world.js';

const COMPARE: Record<string, { test: (v: number, th: number) => boolean; words: string }> = {
  GreaterThanOrEqualToThreshold: { test: (v, th) => v >= th, words: 'greater than or equal to' },
  GreaterThanThreshold: { test: (v, th) => v > th, words: 'greater than' },
  LessThanThreshold: { test: (v, th) => v < th, words: 'less than' },
  LessThanOrEqualToThreshold: { test: (v, th) => v <= th, words: 'less than or equal to' },
};

/** The comparison operators the sandbox evaluates. */
export const COMPARISON_OPERATORS = Object.keys(COMPARE);

function fmtNum(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(Math.round(v * 1e6) / 1e6);
}

function fmtDate(t: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCFullYear() % 100)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** Records a state change (or a SetAlarmState) with its history entry (only when the state moves). */
export function setAlarmState(
  world: World,
  alarm: AlarmRec,
  state: AlarmRec['state'],
  reason: string,
  data: string | undefined,
  now: number,
): void {
  const from = alarm.state;
  alarm.state = state;
  alarm.stateReason = reason;
  alarm.stateReasonData = data;
  alarm.stateUpdated = now;
  if (from === state) return;
  alarm.stateTransitioned = now;
  world.alarmHistory.push({
    alarmName: alarm.name,
    alarmType: 'MetricAlarm',
    timestamp: now,
    type: 'StateUpdate',
    summary: `Alarm updated from ${from} to ${state}`,
    data: JSON.stringify({
      version: '1.0',
      oldState: { stateValue: from },
      newState: {
        stateValue: state,
        stateReason: reason,
        stateReasonData: data ? JSON.parse(data) : undefined,
      },
    }),
  });
  if (world.alarmHistory.length > 10_000) world.alarmHistory.splice(0, world.alarmHistory.length - 10_000);
}

// The series each alarm watches, once it exists: 2,000 alarms a minute would otherwise build 2,000
// canonical keys. PutMetricAlarm makes a new record, so a changed alarm looks its series up again.
const watched = new WeakMap<AlarmRec, Series>();

function seriesOf(world: World, alarm: AlarmRec): Series | undefined {
  let s = watched.get(alarm);
  if (!s) {
    s = world.metrics.get(alarm.namespace, alarm.metricName, alarm.dimensions);
    if (s) watched.set(alarm, s);
  }
  return s;
}

/** Evaluates one alarm at time t (a period boundary). */
export function evaluateAlarm(world: World, alarm: AlarmRec, t: number): void {
  const cmp = COMPARE[alarm.comparison];
  if (!cmp) return;
  const periodMs = alarm.period * 1000;
  const end = t - (t % periodMs);
  const start = end - alarm.evaluationPeriods * periodMs;
  const series = seriesOf(world, alarm);
  const stat = alarm.statistic ?? alarm.extendedStatistic ?? 'Average';
  const byTime = new Map(world.metrics.buckets(series, start, end, periodMs).map((b) => [b.t, b]));
  const points: { t: number; v?: number; n: number }[] = [];
  for (let bt = end - periodMs; bt >= start; bt -= periodMs) {
    const b = byTime.get(bt);
    points.push({ t: bt, v: b ? statistic(b, stat) : undefined, n: b?.count ?? 0 });
  }
  const present = points.filter((p) => p.v !== undefined);
  const missing = points.length - present.length;
  let breaching = present.filter((p) => cmp.test(p.v!, alarm.threshold)).length;
  if (alarm.treatMissingData === 'breaching') breaching += missing;
  const m = alarm.datapointsToAlarm;
  let next: AlarmRec['state'];
  if (breaching >= m) next = 'ALARM';
  else if (present.length === 0 && alarm.treatMissingData === 'missing') next = 'INSUFFICIENT_DATA';
  else if (present.length === 0 && alarm.treatMissingData === 'ignore') return;
  else next = 'OK';
  if (
    next === alarm.state &&
    alarm.stateReason.startsWith(next === 'INSUFFICIENT_DATA' ? 'Insufficient' : 'Threshold')
  )
    return;
  const n = points.length;
  const fine = present.length - present.filter((p) => cmp.test(p.v!, alarm.threshold)).length;
  const shown = present.map((p) => `${fmtNum(p.v!)} (${fmtDate(p.t)})`).join(', ');
  const dp = (k: number) => `${k} datapoint${k === 1 ? '' : 's'}`;
  const reason =
    next === 'INSUFFICIENT_DATA'
      ? `Insufficient Data: ${dp(n)} ${n === 1 ? 'was' : 'were'} unknown.`
      : next === 'ALARM'
        ? `Threshold Crossed: ${breaching} out of the last ${n} datapoints [${shown}] ${breaching === 1 ? 'was' : 'were'} ${cmp.words} the threshold (${fmtNum(alarm.threshold)}) (minimum ${dp(m)} for OK -> ALARM transition).`
        : `Threshold Crossed: ${fine} out of the last ${n} datapoints [${shown}] ${fine === 1 ? 'was' : 'were'} not ${cmp.words} the threshold (${fmtNum(alarm.threshold)}) (minimum ${dp(1)} for ALARM -> OK transition).`;
  const data = JSON.stringify({
    version: '1.0',
    queryDate: new Date(t).toISOString().replace('Z', '+0000'),
    startDate: new Date(start).toISOString().replace('Z', '+0000'),
    statistic: stat,
    period: alarm.period,
    recentDatapoints: present.map((p) => p.v),
    threshold: alarm.threshold,
    evaluatedDatapoints: present.map((p) => ({
      timestamp: new Date(p.t).toISOString().replace('Z', '+0000'),
      sampleCount: p.n,
      value: p.v,
    })),
  });
  setAlarmState(world, alarm, next, reason, data, t);
}

/** The dynamics entry: evaluate each alarm at its period boundaries (at least once a minute). */
export function alarmEvaluator(world: World, t: number): void {
  for (const alarm of world.alarms.values()) {
    const every = Math.min(alarm.period * 1000, 60_000);
    if (t % every === 0) evaluateAlarm(world, alarm, t);
  }
}
