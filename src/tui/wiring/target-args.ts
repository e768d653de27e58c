// Fills an attack's parameters from the marked targets, so the form opens with the operator's
// selection already in it: instance ids, ASG names, the ECS cluster and service, the container
// instances (to drain), the alarm name.
// The catalogue's defaults fill the rest.
import type { CatalogParam } from '../../catalog/types.js';
import type { ParamField, TargetRef } from '../services.js';

/** The form fields for an entry's parameters, prefilled from the targets where a name fits. */
export function fieldsFor(params: readonly CatalogParam[], targets: readonly TargetRef[]): ParamField[] {
  const byKind = (k: TargetRef['kind']) => targets.filter((t) => t.kind === k);
  const instances = byKind('instances').map((t) => t.id);
  const asgs = byKind('autoScalingGroups').map((t) => t.id);
  const services = byKind('services');
  const tasks = byKind('tasks');
  const clusters = byKind('clusters').map((t) => t.id);
  const alarms = byKind('alarms').map((t) => t.id);
  const hosts = byKind('containerInstances');
  const cluster = clusters[0] ?? services[0]?.cluster ?? tasks[0]?.cluster ?? hosts[0]?.cluster;
  const fill: Record<string, unknown> = {};
  if (instances.length) {
    fill.instance_ids = instances;
    fill.instance_id = instances[0];
  }
  if (asgs.length) {
    fill.asg_names = asgs;
    fill.asg_name = asgs[0];
  }
  if (cluster) fill.cluster = cluster;
  if (services[0]) fill.service = services[0].id;
  if (tasks[0]) fill.task_id = tasks[0].id;
  if (alarms[0]) fill.alarm_name = alarms[0];
  if (hosts.length) {
    // Marked hosts are marked to be drained: the state form opens on exactly them.
    const ids = hosts.filter((h) => h.cluster === cluster).map((h) => h.id);
    fill.container_instances = ids;
    fill.status = 'DRAINING';
    if (!instances.length) fill.instance_id = ids[0];
  }
  const fields = params.map((p) => ({
    name: p.name,
    description: p.description,
    required: p.required,
    type: p.type,
    initial: p.name in fill ? fill[p.name] : p.default,
  }));
  // Native instance attacks aimed at an ASG select its members by the ASG's tag.
  if (asgs.length === 1 && !instances.length) {
    const tags = fields.find((f) => f.name === 'tags' && f.type?.startsWith('Dict'));
    if (tags) tags.initial = { 'aws:autoscaling:groupName': asgs[0] };
  }
  return fields;
}
