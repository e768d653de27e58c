// The attacks of a recording, paired start with end, in start order, with the activity names the
// experiment uses and the undo records each one left. Shared by every projection.
import type { UndoRecord } from '../catalog/guard-types.js';
import type { AttackEndEvent, AttackStartEvent, AttackTarget, Timed } from './events.js';
import { ofType, type Recording } from './recording.js';

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

/** The attacks, in start order. */
export function attacksOf(rec: Recording): AttackRun[] {
  const ends = new Map(ofType(rec, 'attack-end').map((e) => [e.attackId, e]));
  const starts = ofType(rec, 'attack-start').sort((a, b) => a.at - b.at || a.seq - b.seq);
  const undos = undoRecords(rec);
  const used = new Map<string, number>();
  const last = rec.session.findLast((e) => e.type === 'session-end')?.at ?? rec.t1;
  return starts.map((start, i) => {
    const end = ends.get(start.attackId);
    const base = slug(start.title || start.func);
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    const until = starts[i + 1]?.at ?? last;
    const stop = end?.at ?? start.at;
    const to = end?.at ?? starts[i + 1]?.at ?? last;
    return {
      start,
      end,
      targets: start.targets.length ? start.targets : (end?.targets ?? []),
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
