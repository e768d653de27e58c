// The Chaos Toolkit journal as a pure projection of a run's events (chaostoolkit.md 2.1, C11-C14):
// key order, run entries in start order, the steady states, and the probe-tolerance `value` that
// chaoslib's in-place mutation leaves visible in the journal's copy of the experiment.
import type { ActivityStartEvent, RunEvent } from './events.js';
import { isoUtc, secondsBetween } from './time.js';
import { type Experiment, isObject, type Journal, type RunEntry, type SteadyState } from './types.js';

/** Builds the journal from a complete event list (run-start ... run-end). */
export function projectJournal(events: readonly RunEvent[]): Journal {
  const start = events.find((e) => e.type === 'run-start');
  const end = events.findLast((e) => e.type === 'run-end');
  if (start?.type !== 'run-start') throw new Error('a journal needs a run-start event');
  const toleranceValues = new Map<number, unknown>();
  for (const e of events) if (e.type === 'tolerance-probe') toleranceValues.set(e.probeIndex, e.value);

  const experiment = withToleranceValues(start.experiment, toleranceValues);
  const patchedProbes = experiment['steady-state-hypothesis']?.probes;
  const patch = (entry: RunEntry): RunEntry => {
    const original = start.experiment['steady-state-hypothesis']?.probes ?? [];
    const i = original.indexOf(entry.activity);
    return i >= 0 && toleranceValues.has(i) && patchedProbes
      ? { ...entry, activity: patchedProbes[i]! }
      : entry;
  };

  const before: SteadyState[] = [];
  const after: SteadyState[] = [];
  const during: SteadyState[] = [];
  for (const e of events) {
    if (e.type !== 'hypothesis-end') continue;
    const state = { steady_state_met: e.state.steady_state_met, probes: e.state.probes.map(patch) };
    (e.phase === 'before' ? before : e.phase === 'after' ? after : during).push(state);
  }

  const t0 = start.t;
  const t1 = end?.t ?? events.at(-1)!.t;
  return {
    'chaoslib-version': start.host.chaoslibVersion,
    platform: start.host.platform,
    node: start.host.node,
    experiment,
    start: isoUtc(t0),
    status: end?.type === 'run-end' ? end.status : 'interrupted',
    deviated: end?.type === 'run-end' ? end.deviated : false,
    steady_states: { before: before.at(-1) ?? null, after: after.at(-1) ?? null, during },
    run: entriesInStartOrder(events, 'method'),
    rollbacks: entriesInStartOrder(events, 'rollback'),
    end: isoUtc(t1),
    duration: secondsBetween(t0, t1),
  };
}

// Entries in the order activities started (background ones where they actually started, C2);
// an activity interrupted before it finished has no entry, as in chaoslib.
function entriesInStartOrder(events: readonly RunEvent[], phase: 'method' | 'rollback'): RunEntry[] {
  const order: ActivityStartEvent[] = [];
  const ends = new Map<number, RunEntry>();
  for (const e of events) {
    if (e.type === 'activity-start' && e.phase === phase) order.push(e);
    else if (e.type === 'activity-end' && e.phase === phase) ends.set(e.id, e.entry);
  }
  return order.flatMap((s) => (ends.has(s.id) ? [ends.get(s.id)!] : []));
}

// The journal copy is shallow in chaoslib, so the `value` injected into a probe tolerance's
// arguments shows in it (the last evaluation wins).
function withToleranceValues(exp: Experiment, values: Map<number, unknown>): Experiment {
  const hypo = exp['steady-state-hypothesis'];
  if (!values.size || !isObject(hypo) || !Array.isArray(hypo.probes)) return exp;
  const probes = hypo.probes.map((p, i) => {
    if (!values.has(i) || !isObject(p.tolerance) || !isObject(p.tolerance.provider)) return p;
    const prov = p.tolerance.provider;
    const args = isObject(prov.arguments) ? prov.arguments : {};
    return {
      ...p,
      tolerance: { ...p.tolerance, provider: { ...prov, arguments: { ...args, value: values.get(i) } } },
    } as typeof p;
  });
  return { ...exp, 'steady-state-hypothesis': { ...hypo, probes } };
}

/** Serialises a journal like `json.dump(indent=2, ensure_ascii=False)`; dates become isoformat. */
export function journalJson(journal: Journal): string {
  return JSON.stringify(
    journal,
    function replacer(this: unknown, key: string, value: unknown) {
      const raw = (this as Record<string, unknown>)[key];
      if (raw instanceof Date) return isoUtc(raw.getTime());
      if (raw instanceof Uint8Array) return Buffer.from(raw).toString('utf8');
      if (typeof value === 'bigint') return Number(value);
      if (value === undefined && Array.isArray(this)) return null;
      return value;
    },
    2,
  );
}
