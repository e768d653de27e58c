// The attacks of a recording, paired start with end, in start order, with the activity names the
// experiment uses and the undo records each one left. Shared by every projection.
import type { UndoRecord } from '../catalog/guard-types.js';
import type { AttackEndEvent, AttackStartEvent, AttackTarget, Timed } from './events.js';
import { ofType, type Recording } from './recording.js';
import { kindOfId } from './target-kind.js';

/** One attack as the projections see it. */
export interface AttackRun {
  start: Timed<AttackStartEvent>;
  end?: Timed<AttackEndEvent>;
  /** What it hit: the targets named at its start, else the ones the guard saw it change. */
  targets: AttackTarget[];
  /** Its random pick (from the start, else from the guard's selection event). */
  selection?: { quantity: string; seed: number };
  /** What the random pick chose from (the guard's selection event), when it picked. */
  candidates?: string[];
  /** Unique activity name in the experiment ("stop-instances", "stop-instances-2"). */
  name: string;
  /** Undo records written while it ran, with their final status. */
  undos: SessionUndo[];
  /** Seconds from its end to the next attack's start (or to the end of the session). */
  gapAfter: number;
}

/** Lower-case, dash-separated activity name from a title. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'attack'
  );
}

/** An undo record with its final status, when it was written and when it was played. */
export type SessionUndo = Omit<UndoRecord, 'aws'> & { recordedAt: number; undoneAt?: number };

/** Undo records of the session with the status their later guard events gave them. */
export function undoRecords(rec: Recording): SessionUndo[] {
  const byId = new Map<number, SessionUndo>();
  for (const e of rec.guard) {
    if (e.type === 'undo-recorded') byId.set(e.record.id, { ...e.record, recordedAt: e.at });
    const r = 'id' in e ? byId.get(e.id as number) : undefined;
    if (!r) continue;
    if (e.type === 'undone') Object.assign(r, { status: 'undone', undoneAt: e.at });
    else if (e.type === 'undo-failed') Object.assign(r, { status: 'failed', error: e.error });
    else if (e.type === 'undo-settled') r.status = 'settled';
    else if (e.type === 'undo-dropped') Object.assign(r, { status: 'not-applied', error: e.reason });
  }
  return [...byId.values()];
}

/** The attacks, in start order: the console's, or (for a `gameday run` session) the method's actions. */
export function attacksOf(rec: Recording): AttackRun[] {
  const fromConsole = ofType(rec, 'attack-start');
  const { starts: runStarts, ends: runEnds } = fromConsole.length
    ? { starts: [], ends: [] }
    : runAttacks(rec);
  const ends = new Map([...ofType(rec, 'attack-end'), ...runEnds].map((e) => [e.attackId, e]));
  const starts = [...fromConsole, ...runStarts].sort((a, b) => a.at - b.at || a.seq - b.seq);
  const named = new Set(runStarts.map((s) => s.attackId));
  const undos = undoRecords(rec);
  const used = new Map<string, number>();
  const last = rec.session.findLast((e) => e.type === 'session-end')?.at ?? rec.t1;
  return starts.map((start, i) => {
    const end = ends.get(start.attackId);
    const base = named.has(start.attackId) ? start.title : slug(start.title || start.func);
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    const until = starts[i + 1]?.at ?? last;
    const stop = end?.at ?? start.at;
    const to = end?.at ?? starts[i + 1]?.at ?? last;
    return {
      start,
      end,
      targets: start.targets.length
        ? start.targets
        : end?.targets?.length
          ? end.targets
          : guardTargets(rec, start.at, to),
      ...candidatesOf(rec, start.at, to),
      ...((start.selection ?? end?.selection) ? { selection: start.selection ?? end?.selection } : {}),
      name: n === 1 ? base : `${base}-${n}`,
      undos: undos.filter((u) => u.recordedAt >= start.at && u.recordedAt <= to),
      gapAfter: Math.max(0, Math.round((until - stop) / 1000)),
    };
  });
}

// The candidates of the guard's selection events while the attack ran.
function candidatesOf(rec: Recording, from: number, to: number): { candidates?: string[] } {
  const picks = rec.guard.filter((e) => e.type === 'selection' && e.at >= from && e.at <= to);
  const ids = picks.flatMap((e) => (e.type === 'selection' ? e.candidates : []));
  return ids.length ? { candidates: [...new Set(ids)] } : {};
}

// A `gameday run` session's python actions in the method, as attacks (the engine's events carry
// the activity; the guard's events between its start and end say what it hit).
function runAttacks(rec: Recording): { starts: Timed<AttackStartEvent>[]; ends: Timed<AttackEndEvent>[] } {
  const starts: Timed<AttackStartEvent>[] = [];
  const ends: Timed<AttackEndEvent>[] = [];
  const ours = new Set<number>();
  rec.run.forEach((e, seq) => {
    if (e.type === 'activity-start' && e.phase === 'method' && e.activity.type === 'action') {
      const p = e.activity.provider;
      if (p?.type !== 'python' || !p.module || !p.func) return;
      ours.add(e.id);
      starts.push({
        type: 'attack-start',
        attackId: e.id,
        title: String(e.activity.name ?? p.func),
        module: p.module,
        func: p.func,
        arguments: (p.arguments ?? {}) as Record<string, unknown>,
        targets: [],
        at: e.t,
        seq,
      });
    } else if (e.type === 'activity-end' && e.phase === 'method' && ours.has(e.id))
      ends.push({
        type: 'attack-end',
        attackId: e.id,
        ok: e.entry.status === 'succeeded',
        ...(e.error ? { message: e.error } : {}),
        output: e.entry.output,
        at: e.t,
        seq,
      });
  });
  return { starts, ends };
}

// What the guard changed between two instants (undo records name kinds; changes only ids).
function guardTargets(rec: Recording, from: number, to: number): AttackTarget[] {
  const out = new Map<string, AttackTarget>();
  for (const e of rec.guard) {
    if (e.at < from || e.at > to) continue;
    if (e.type === 'undo-recorded')
      for (const t of e.record.targets) out.set(t.id, { kind: t.kind, id: t.id, tags: t.tags });
    else if (e.type === 'change')
      for (const id of e.targets) if (!out.has(id)) out.set(id, { kind: kindOfId(id), id });
  }
  return [...out.values()];
}
