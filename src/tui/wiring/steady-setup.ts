// What the live view watches by default, chosen from the first inventory: each ASG's healthy vs
// desired and each ECS service's running vs desired (catalogue probes, graphed by their counts),
// and the metric behind each CloudWatch alarm (graphed, one chart per metric name).
import type { Inventory } from '../../aws/inventory.js';
import type { CatalogEntry } from '../../catalog/types.js';
import type { MetricSpec, ProbeSpec } from '../../steady/types.js';

/** Limits so 80x24 stays readable and one GetMetricData call is enough. */
export const DEFAULT_LIMITS = { asgProbes: 3, serviceProbes: 2, alarmSeries: 12 } as const;

const ctxFor = (signal: AbortSignal, name: string) => ({
  configuration: {},
  secrets: {},
  signal,
  dry: false,
  activityName: name,
});

/** Probes for the steady state, run through the catalogue's bound entries. */
export function defaultProbes(inv: Inventory, entries: readonly CatalogEntry[]): ProbeSpec[] {
  const find = (id: string) => entries.find((e) => e.id === id);
  const asgProbe = find('gameday.probes.asg_healthy_vs_desired');
  const svcProbe = find('gameday.probes.ecs_running_vs_desired');
  const probes: ProbeSpec[] = [];
  if (asgProbe)
    for (const g of inv.autoScalingGroups.slice(0, DEFAULT_LIMITS.asgProbes))
      probes.push({
        id: `asg:${g.name}`,
        title: `ASG ${g.name} healthy`,
        tolerance: '>= desired',
        run: (signal) => asgProbe.call({ asg_name: g.name }, ctxFor(signal, `probe asg ${g.name}`)),
        check: (v) => Boolean((v as { ok?: boolean })?.ok),
        measure: (v) => (v as { healthy?: number })?.healthy,
      });
  if (svcProbe)
    for (const s of inv.services.slice(0, DEFAULT_LIMITS.serviceProbes))
      probes.push({
        id: `ecs:${s.cluster}/${s.name}`,
        title: `ECS ${s.name} running`,
        tolerance: '>= desired',
        run: (signal) =>
          svcProbe.call({ cluster: s.cluster, service: s.name }, ctxFor(signal, `probe ecs ${s.name}`)),
        check: (v) => Boolean((v as { ok?: boolean })?.ok),
        measure: (v) => (v as { running?: number })?.running,
      });
  return probes;
}

/** The metric of each alarm (deduplicated), to graph: the first `limit` by default. */
export function alarmSeries(inv: Inventory, limit: number = DEFAULT_LIMITS.alarmSeries): MetricSpec[] {
  const seen = new Set<string>();
  const out: MetricSpec[] = [];
  for (const a of inv.alarms) {
    if (!a.namespace || !a.metric) continue;
    const key = `${a.namespace}/${a.metric}/${JSON.stringify(a.dimensions)}/${a.statistic}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const dims = Object.values(a.dimensions);
    out.push({
      id: key,
      label: dims.length ? shortDim(dims[dims.length - 1]!) : a.metric,
      namespace: a.namespace,
      metric: a.metric,
      dimensions: a.dimensions,
      stat: a.statistic ?? 'Average',
      periodSeconds: a.period && a.period >= 60 ? a.period : 60,
      unit: unitFor(a.metric),
      chart: a.metric,
    });
    if (out.length >= limit) break;
  }
  return out;
}

function shortDim(v: string): string {
  const tail = v.slice(v.lastIndexOf('/') + 1);
  return tail.length > 16 ? `${tail.slice(0, 15)}…` : tail;
}

function unitFor(metric: string): string | undefined {
  if (/Utilization|Percent/i.test(metric)) return '%';
  if (/ResponseTime|Latency/i.test(metric)) return 's';
  if (/Count/i.test(metric)) return 'count';
  return undefined;
}
