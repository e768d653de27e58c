// Inventory kinds from resource ids, for targets the guard named only by id (a `change` event).

/** The inventory kind of a resource id, for targets the guard named only by id. */
export function kindOfId(id: string): string {
  if (/^i-[0-9a-f]+$/.test(id)) return 'instances';
  if (id.includes(':task/')) return 'tasks';
  if (id.includes(':cluster/')) return 'clusters';
  if (id.includes(':service/')) return 'services';
  if (id.includes(':container-instance/')) return 'containerInstances';
  if (id.includes('autoScalingGroup')) return 'autoScalingGroups';
  return 'unknown';
}
