// Before a replay acts: what each recorded attack hit vs what the same selectors resolve to now
// (gone, new, changed state), and the two ways to go on: keep the recorded ids (pin them into the
// arguments where the function takes ids) or re-resolve (run the selectors as recorded).
import type { Inventory } from '../aws/inventory.js';
import { findEntry } from '../catalog/index.js';
import type { AttackRun } from './attacks.js';

/** A resource as it is now. */
export interface NowResource {
  kind: string;
  id: string;
  state?: string;
}

/** One attack's target diff. */
export interface TargetDiff {
  attack: string;
  fn: string;
  recorded: { id: string; state?: string }[];
  /** What the random pick chose from then (absent when it did not pick). */
  pool?: string[];
  /** What the attack's selectors match now (the pool it would pick from). */
  now: NowResource[];
  /** Recorded targets that no longer exist (or are terminated). */
  gone: string[];
  /** Resources the selectors match now that were not targets then. */
  added: string[];
  /** Recorded targets whose state changed. */
  changed: { id: string; from?: string; to?: string }[];
  /** How the attack picks (ALL, COUNT(1) with seed ...), when it picked at random. */
  selection?: string;
}

/** The inventory, reduced to what the diff reads. */
export type InventoryView = Pick<
  Inventory,
  'instances' | 'autoScalingGroups' | 'clusters' | 'services' | 'tasks' | 'containerInstances'
>;

/** The diff of every attack. */
export function targetDiffs(attacks: readonly AttackRun[], inv: InventoryView): TargetDiff[] {
  const everything = allResources(inv);
  return attacks.map((a) => {
    const recorded = a.targets.map((t) => ({ id: t.id, ...(t.state ? { state: t.state } : {}) }));
    const now = resolveNow(a, inv) ?? recorded.flatMap((r) => everything.filter((x) => x.id === r.id));
    const nowById = new Map(everything.map((x) => [x.id, x]));
    const gone = recorded.filter((r) => {
      const x = nowById.get(r.id);
      return !x || x.state === 'terminated' || x.state === 'STOPPED' || x.state === 'INACTIVE';
    });
    const goneIds = new Set(gone.map((g) => g.id));
    const changed = recorded.flatMap((r) => {
      const x = nowById.get(r.id);
      return x && !goneIds.has(r.id) && r.state && x.state && x.state !== r.state
        ? [{ id: r.id, from: r.state, to: x.state }]
        : [];
    });
    // A random pick is compared by its pool: what it could choose from then vs now.
    const recIds = new Set([...recorded.map((r) => r.id), ...(a.candidates ?? [])]);
    return {
      attack: a.name,
      fn: `${a.start.module}.${a.start.func}`,
      recorded,
      now,
      ...(a.candidates ? { pool: a.candidates } : {}),
      gone: [...goneIds],
      added: now.filter((x) => !recIds.has(x.id)).map((x) => x.id),
      changed,
      ...(a.selection ? { selection: `${a.selection.quantity} with seed ${a.selection.seed}` } : {}),
    };
  });
}

/** True when anything differs. */
export function hasDifferences(diffs: readonly TargetDiff[]): boolean {
  return diffs.some((d) => d.gone.length || d.added.length || d.changed.length);
}

/** The diff as lines for the terminal. */
export function diffLines(diffs: readonly TargetDiff[]): string[] {
  const out: string[] = [];
  for (const d of diffs) {
    out.push(`${d.attack} (${d.fn})${d.selection ? ` picks ${d.selection}` : ''}`);
    out.push(
      `  recorded: ${d.recorded.map((r) => `${r.id}${r.state ? ` [${r.state}]` : ''}`).join(', ') || 'none'}`,
    );
    if (d.pool) out.push(`  pool then: ${d.pool.join(', ')}`);
    out.push(
      `  ${d.pool ? 'pool now:' : 'now:     '} ${d.now.map((r) => `${r.id}${r.state ? ` [${r.state}]` : ''}`).join(', ') || 'nothing matches'}`,
    );
    if (d.gone.length) out.push(`  gone:     ${d.gone.join(', ')}`);
    if (d.added.length) out.push(`  new:      ${d.added.join(', ')}`);
    for (const c of d.changed) out.push(`  changed:  ${c.id} ${c.from} -> ${c.to}`);
    if (!d.gone.length && !d.added.length && !d.changed.length) out.push('  same targets');
  }
  return out;
}

// What the attack's selectors match now, by the kind of its recorded targets; undefined when the
// arguments carry no selector gameday knows (the recorded ids are then looked up as they are).
function resolveNow(a: AttackRun, inv: InventoryView): NowResource[] | undefined {
  const args = a.start.arguments;
  const kind = a.targets[0]?.kind;
  const tags = tagsOf(args.tags);
  if (kind === 'instances' || (!kind && (args.instance_ids || args.asg_names))) {
    const ids = strings(args.instance_ids);
    const asgs = strings(args.asg_names);
    if (!ids && !tags && !asgs && typeof args.az !== 'string') return undefined;
    // The function's own default applies when the session did not give states (native: running).
    const spec = findEntry(`${a.start.module}.${a.start.func}`);
    const states = strings(args.states) ?? strings(spec?.params.find((p) => p.name === 'states')?.default);
    return inv.instances
      .filter(
        (i) =>
          (!ids || ids.includes(i.id)) &&
          (!asgs || (i.asg !== undefined && asgs.includes(i.asg))) &&
          (!tags || Object.entries(tags).every(([k, v]) => i.tags[k] === v)) &&
          (typeof args.az !== 'string' || i.az === args.az) &&
          (ids || !states || states.includes(i.state)) &&
          (ids || states || i.state !== 'terminated'),
      )
      .map((i) => ({ kind: 'instances', id: i.id, state: i.state }));
  }
  if (kind === 'tasks') {
    const cluster = str(args.cluster);
    if (!cluster) return undefined;
    const svc = str(args.service);
    return inv.tasks
      .filter(
        (t) =>
          sameName(t.cluster, cluster) &&
          (!svc || t.service === svc || t.group === `service:${svc}`) &&
          t.lastStatus !== 'STOPPED',
      )
      .map((t) => ({ kind: 'tasks', id: t.arn, state: t.lastStatus }));
  }
  if (kind === 'services') {
    const cluster = str(args.cluster);
    const svc = str(args.service);
    if (!cluster || !svc) return undefined;
    return inv.services
      .filter((s) => sameName(s.cluster, cluster) && s.name === svc)
      .map((s) => ({ kind: 'services', id: s.name, state: s.status }));
  }
  if (kind === 'autoScalingGroups') {
    const names = strings(args.asg_names);
    if (!names && !tags) return undefined;
    return inv.autoScalingGroups
      .filter(
        (g) =>
          (!names || names.includes(g.name)) &&
          (!tags || Object.entries(tags).every(([k, v]) => g.tags[k] === v)),
      )
      .map((g) => ({ kind: 'autoScalingGroups', id: g.name, state: `${g.instances.length}/${g.desired}` }));
  }
  return undefined;
}

function allResources(inv: InventoryView): NowResource[] {
  return [
    ...inv.instances.map((i) => ({ kind: 'instances', id: i.id, state: i.state })),
    ...inv.autoScalingGroups.map((g) => ({
      kind: 'autoScalingGroups',
      id: g.name,
      state: `${g.instances.length}/${g.desired}`,
    })),
    ...inv.clusters.flatMap((c) => [
      { kind: 'clusters', id: c.name, state: c.status },
      { kind: 'clusters', id: c.arn, state: c.status },
    ]),
    ...inv.services.map((s) => ({ kind: 'services', id: s.name, state: s.status })),
    ...inv.tasks.flatMap((t) => [
      { kind: 'tasks', id: t.arn, state: t.lastStatus },
      { kind: 'tasks', id: t.id, state: t.lastStatus },
    ]),
    ...inv.containerInstances.map((c) => ({ kind: 'containerInstances', id: c.arn, state: c.status })),
  ];
}

function sameName(have: string, want: string): boolean {
  return have === want || have.endsWith(`/${want}`) || want.endsWith(`/${have}`);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

function strings(v: unknown): string[] | undefined {
  if (Array.isArray(v) && v.length) return v.map(String);
  if (typeof v === 'string' && v) return v.split(',').map((s) => s.trim());
  return undefined;
}

function tagsOf(v: unknown): Record<string, string> | undefined {
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
  if (typeof v === 'string' && v.includes('='))
    return Object.fromEntries(v.split(',').map((p) => p.split('=').map((s) => s.trim()) as [string, string]));
  if (Array.isArray(v)) {
    const out: Record<string, string> = {};
    for (const t of v as { Key?: unknown; Value?: unknown }[])
      if (t?.Key) out[String(t.Key)] = String(t.Value ?? '');
    return Object.keys(out).length ? out : undefined;
  }
  return undefined;
}
