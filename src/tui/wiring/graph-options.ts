// What the live view can graph, for the operator to choose from: each probe's values, each
// alarm's metric, and the standard CloudWatch metrics of the targets in play (EC2 CPU, an ASG's
// in-service count and CPU, an ECS service's CPU and running tasks, a cluster's CPU, a container
// instance's host CPU). Pure: built from the inventory and the targets, nothing fetched here.
import type { Inventory } from '../../aws/inventory.js';
import type { SteadyLoop } from '../../steady/loop.js';
import type { MetricSpec } from '../../steady/types.js';
import type { GraphControl, GraphOption, TargetRef } from '../services.js';
import { alarmSeries } from './steady-setup.js';

const metric = (
  id: string,
  label: string,
  namespace: string,
  name: string,
  dimensions: Record<string, string>,
  stat: string,
  unit: string,
): MetricSpec => ({
  id,
  label,
  namespace,
  metric: name,
  dimensions,
  stat,
  periodSeconds: 60,
  unit,
  chart: name,
});

/** The standard metrics of one target (none for tasks and alarms: an alarm's metric is listed
 * with the alarms). */
export function targetSeries(t: TargetRef, inv: Inventory | undefined): MetricSpec[] {
  const short = t.label.length > 16 ? `${t.label.slice(0, 15)}…` : t.label;
  switch (t.kind) {
    case 'instances':
      return [
        metric(`ec2-cpu:${t.id}`, short, 'AWS/EC2', 'CPUUtilization', { InstanceId: t.id }, 'Average', '%'),
      ];
    case 'autoScalingGroups':
      return [
        metric(
          `asg-inservice:${t.id}`,
          short,
          'AWS/AutoScaling',
          'GroupInServiceInstances',
          { AutoScalingGroupName: t.id },
          'Minimum',
          'count',
        ),
        metric(
          `asg-cpu:${t.id}`,
          short,
          'AWS/EC2',
          'CPUUtilization',
          { AutoScalingGroupName: t.id },
          'Average',
          '%',
        ),
      ];
    case 'services': {
      const dims = { ClusterName: t.cluster ?? '', ServiceName: t.id };
      const label = t.id.length > 16 ? `${t.id.slice(0, 15)}…` : t.id;
      return [
        metric(`ecs-cpu:${t.cluster}/${t.id}`, label, 'AWS/ECS', 'CPUUtilization', dims, 'Average', '%'),
        metric(
          `ecs-tasks:${t.cluster}/${t.id}`,
          label,
          'ECS/ContainerInsights',
          'RunningTaskCount',
          dims,
          'Minimum',
          'count',
        ),
      ];
    }
    case 'clusters':
      return [
        metric(
          `ecs-cluster-cpu:${t.id}`,
          short,
          'AWS/ECS',
          'CPUUtilization',
          { ClusterName: t.id },
          'Average',
          '%',
        ),
      ];
    case 'containerInstances': {
      const host = inv?.containerInstances.find((c) => c.arn === t.id)?.ec2InstanceId;
      return host
        ? [metric(`ec2-cpu:${host}`, host, 'AWS/EC2', 'CPUUtilization', { InstanceId: host }, 'Average', '%')]
        : [];
    }
    default:
      return [];
  }
}

/** Every choice, grouped (probes, alarms, targets) and without duplicates (first wins). */
export function graphOptions(
  inv: Inventory | undefined,
  targets: readonly TargetRef[],
  probes: readonly { id: string; title: string }[],
): GraphOption[] {
  const out: GraphOption[] = probes.map((p) => ({
    id: `probe:${p.id}`,
    group: 'probe',
    label: `${p.title} (probe)`,
    probe: p.id,
  }));
  const seen = new Set<string>();
  const add = (group: GraphOption['group'], s: MetricSpec, label: string) => {
    if (seen.has(s.id)) return;
    seen.add(s.id);
    out.push({ id: s.id, group, label, series: s });
  };
  if (inv) {
    // The first alarm on each metric names it (one pass: 2,000 alarms stay instant).
    const alarmOf = new Map<string, string>();
    for (const a of inv.alarms) {
      const key = `${a.namespace}/${a.metric}/${JSON.stringify(a.dimensions)}/${a.statistic}`;
      if (!alarmOf.has(key)) alarmOf.set(key, a.name);
    }
    for (const s of alarmSeries(inv, Number.POSITIVE_INFINITY)) {
      const alarm = alarmOf.get(s.id);
      const where = s.label !== s.metric ? ` ${s.label}` : '';
      add('alarm', s, `${s.metric}${where}${alarm ? ` (alarm ${alarm})` : ''}`);
    }
  }
  for (const t of targets) for (const s of targetSeries(t, inv)) add('target', s, `${s.metric} ${t.label}`);
  return out;
}

/** The live view's graph control over a loop: the choices come from the latest inventory, the
 * marked targets and those attacked so far; a choice is applied to the loop (and logged by it). */
export function graphControl(
  steady: SteadyLoop,
  inventory: () => Inventory | undefined,
  attacked: () => readonly TargetRef[],
): GraphControl {
  const control: GraphControl = {
    options: (marked) => {
      const targets = new Map<string, TargetRef>();
      for (const t of [...attacked(), ...marked]) targets.set(`${t.kind}:${t.id}`, t);
      const probes = steady.snapshot().probes.map((p) => ({ id: p.spec.id, title: p.spec.title }));
      return graphOptions(inventory(), [...targets.values()], probes);
    },
    chosen: () => {
      const s = steady.snapshot();
      const probes = s.chartedProbes ?? s.probes.map((p) => p.spec.id);
      return [...probes.map((id) => `probe:${id}`), ...s.series.map((x) => x.spec.id)];
    },
    apply: (choice) => {
      // The log (and so the recording) says what changed: added, dropped, and what is on now.
      const before = new Set(control.chosen());
      const now = new Set(choice.map((c) => c.id));
      const known = new Map(control.options([]).map((o) => [o.id, o.label]));
      const list = (labels: string[]) =>
        `${labels.slice(0, 3).join(', ')}${labels.length > 3 ? ` and ${labels.length - 3} more` : ''}`;
      const added = choice.filter((c) => !before.has(c.id)).map((c) => c.label);
      const dropped = [...before].filter((id) => !now.has(id)).map((id) => known.get(id) ?? id);
      const series = choice.flatMap((c) => (c.series ? [c.series] : []));
      const probes = choice.flatMap((c) => (c.probe ? [c.probe] : []));
      const parts = [
        added.length ? `+ ${list(added)}` : '',
        dropped.length ? `- ${list(dropped)}` : '',
        `${series.length} series, ${probes.length} probe chart(s)`,
      ].filter(Boolean);
      steady.setGraphs({ series, probes }, `graphs: ${parts.join('; ')}`);
    },
  };
  return control;
}
