// Which targets an experiment acts on. experiment.json pins the ids a session actually hit (where
// the function takes ids), so `gameday run` / `chaos run` repeat the same attacks on the same
// targets; the selectors as the operator gave them are kept in the gameday extension, and a replay
// that re-resolves puts them back.
import { findEntry } from '../catalog/index.js';
import type { Experiment } from '../experiment/types.js';
import type { AttackRun } from './attacks.js';

/**
 * The experiment with the recorded ids pinned where the function takes ids (instance_ids, task_id),
 * plus the attacks whose functions cannot be pinned (they re-resolve their selectors).
 */
export function pinRecordedIds(
  exp: Experiment,
  attacks: readonly AttackRun[],
): { experiment: Experiment; unpinned: string[] } {
  const unpinned: string[] = [];
  const method = (exp.method ?? []).map((act) => {
    const a = attacks.find((x) => x.name === act.name);
    if (!a || !act.provider) return act;
    const params = new Set(findEntry(`${a.start.module}.${a.start.func}`)?.params.map((p) => p.name) ?? []);
    const args = { ...(act.provider.arguments as Record<string, unknown>) };
    const instances = a.targets.filter((t) => t.kind === 'instances').map((t) => t.id);
    const tasks = a.targets.filter((t) => t.kind === 'tasks').map((t) => t.id);
    if (params.has('instance_ids') && instances.length) {
      args.instance_ids = instances;
      for (const k of ['tags', 'az', 'filters']) if (params.has(k)) delete args[k];
      if (params.has('selection')) args.selection = 'ALL';
    } else if (params.has('task_id') && tasks.length === 1) {
      args.task_id = tasks[0];
      delete args.service;
    } else {
      unpinned.push(a.name);
      return act;
    }
    return { ...act, provider: { ...act.provider, arguments: args } };
  });
  return { experiment: { ...exp, method }, unpinned };
}

/**
 * The experiment with each attack's arguments as the operator gave them (selectors re-resolve).
 * Rollbacks that name the recorded targets of those attacks are dropped: the targets may differ
 * now, and the guard's undo records of the replay put back what it really changed.
 */
export function withRecordedSelectors(exp: Experiment, attacks: readonly AttackRun[]): Experiment {
  const recordedIds = new Set<string>();
  const method = (exp.method ?? []).map((act) => {
    const a = attacks.find((x) => x.name === act.name);
    if (!a || !act.provider) return act;
    for (const t of a.targets) if (t.kind === 'instances' || t.kind === 'tasks') recordedIds.add(t.id);
    return { ...act, provider: { ...act.provider, arguments: a.start.arguments } };
  });
  const names = (v: unknown): boolean =>
    typeof v === 'string'
      ? recordedIds.has(v)
      : Array.isArray(v)
        ? v.some(names)
        : v !== null && typeof v === 'object' && Object.values(v).some(names);
  const rollbacks = exp.rollbacks?.filter((r) => !names(r.provider?.arguments));
  return { ...exp, method, ...(rollbacks ? { rollbacks } : {}) };
}
