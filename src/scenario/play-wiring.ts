// What runbook mode runs on, built from one AWS door (the account or the sandbox): the session's
// guard (capped at the runbook's blast radius, every guard event to the recorder), the catalogue
// registry the engine calls, and a steady loop that graphs the runbook's metrics and the stop
// alarms' metrics and halts when a stop alarm goes to ALARM while the fault is in place.
import type { AwsCall } from '../aws/ops/call.js';
import { Guard, type GuardEvent } from '../catalog/guard.js';
import { catalogRegistry } from '../catalog/index.js';
import type { FunctionRegistry } from '../experiment/registry.js';
import { cloudWatchAlarmStates, cloudWatchMetrics } from '../steady/cloudwatch.js';
import { SteadyLoop } from '../steady/loop.js';
import type { MetricSpec } from '../steady/types.js';
import type { Runbook } from './runbook.js';

/** Options for the wiring. */
export interface PlayWiringOptions {
  aws: AwsCall;
  runbook: Runbook;
  allowUntagged?: boolean;
  seed?: number;
  /** The GetMetricData window for a tick (the sandbox's clock may run ahead of the wall). */
  metricWindow?(end: Date): { start: Date; end: Date };
  onGuardEvent?(e: GuardEvent): void;
  /** A stop condition fired: the command halts the run (the loop has already logged it). */
  onStop?(reason: string): void;
  periodMs?: number;
}

/** The guard, registry and loop runbook mode uses. */
export interface PlayWiring {
  guard: Guard;
  registry: FunctionRegistry;
  loop: SteadyLoop;
  /** Reads the stop alarms' definitions and graphs their metrics next to the runbook's graphs. */
  configure(): Promise<void>;
}

/** Builds the wiring; nothing is called until configure() / loop.start(). */
export function playWiring(o: PlayWiringOptions): PlayWiring {
  const guard = new Guard({
    allowUntagged: o.allowUntagged ? { reason: '--allow-untagged' } : false,
    maxTargetsPerAttack: o.runbook.blastRadius.maxTargets,
    seed: o.seed,
    recorder: o.onGuardEvent,
  });
  const registry = catalogRegistry({ guard, aws: async () => o.aws });
  const fetchMetrics = cloudWatchMetrics(o.aws, o.metricWindow);
  const loop = new SteadyLoop({
    fetchMetrics,
    alarmStates: cloudWatchAlarmStates(o.aws),
    stopOnAlarms: o.runbook.stopConditions.alarms,
    maxProbeFailures: 0,
    periodMs: o.periodMs ?? 5000,
    series: graphSeries(o.runbook),
    onStop: (reason) => o.onStop?.(reason),
  });
  return {
    guard,
    registry,
    loop,
    async configure() {
      const names = o.runbook.stopConditions.alarms;
      if (!names.length) return;
      const r = await o.aws('cloudwatch', 'DescribeAlarms', { AlarmNames: names.slice(0, 100) });
      const fromAlarms = ((r.MetricAlarms ?? []) as AlarmShape[]).map(alarmSeries);
      loop.configure({ series: [...graphSeries(o.runbook).filter(hasDimensions), ...fromAlarms] });
    },
  };
}

interface AlarmShape {
  AlarmName: string;
  Namespace?: string;
  MetricName?: string;
  Dimensions?: { Name: string; Value: string }[];
  Statistic?: string;
  ExtendedStatistic?: string;
  Period?: number;
}

/** The runbook's graphs as loop series. */
export function graphSeries(rb: Runbook): MetricSpec[] {
  return rb.graphs.map((g) => ({
    id: `graph:${g.title}`,
    label: g.title,
    namespace: g.namespace,
    metric: g.metric_name,
    dimensions: g.dimensions,
    stat: g.statistic,
    periodSeconds: 60,
    chart: g.title,
  }));
}

// Graphs without dimensions (a load balancer's, whose name differs per account) only show data
// where the metric is published without them; the stop alarms' own metrics replace them.
function hasDimensions(s: MetricSpec): boolean {
  return Object.keys(s.dimensions).length > 0;
}

function alarmSeries(a: AlarmShape): MetricSpec {
  return {
    id: `alarm:${a.AlarmName}`,
    label: a.AlarmName,
    namespace: a.Namespace ?? '',
    metric: a.MetricName ?? '',
    dimensions: Object.fromEntries((a.Dimensions ?? []).map((d) => [d.Name, d.Value])),
    stat: a.ExtendedStatistic ?? a.Statistic ?? 'Average',
    periodSeconds: a.Period && a.Period >= 60 ? a.Period : 60,
    chart: a.AlarmName,
  };
}
