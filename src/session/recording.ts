// A recording as the projections read it: loaded from disk (a directory or its events.ndjson),
// checked once (one clear error naming the path, exit 2), and split into what each projection
// needs: the session's own events, the engine's run events, the guard's events.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { GuardEvent } from '../catalog/guard-types.js';
import type { RunEvent } from '../experiment/events.js';
import { UserError } from '../util/errors.js';
import { eventProblem } from './check-events.js';
import {
  RECORDING_FORMAT,
  type SessionEvent,
  type SessionStartEvent,
  type Timed,
  type TypedRecord,
} from './events.js';
import { type RecordedEvent, RecordingLogError, readRecordingLog } from './recorder.js';

/** A loaded recording, ready for the projections. */
export interface Recording {
  /** The recording directory. */
  dir: string;
  /** Its name (`20261125T130000Z-stop-web`). */
  name: string;
  records: TypedRecord[];
  /** Lines skipped when reading (a torn last line after a crash). */
  skipped: { line: number; reason: string }[];
  start: Timed<SessionStartEvent>;
  /** Session/steady/console events with their record time. */
  session: Timed<SessionEvent>[];
  run: RunEvent[];
  guard: Timed<GuardEvent>[];
  /** Record time of the first and last event. */
  t0: number;
  t1: number;
}

/** Builds the split view from records (already in order); throws when there is no session-start. */
export function recordingOf(
  records: readonly RecordedEvent[],
  dir = '.',
  skipped: Recording['skipped'] = [],
): Recording {
  const typed = records as TypedRecord[];
  const session: Timed<SessionEvent>[] = [];
  const run: RunEvent[] = [];
  const guard: Timed<GuardEvent>[] = [];
  for (const r of typed) {
    if (r.source === 'run') run.push(r.event);
    else if (r.source === 'guard') guard.push({ ...r.event, at: r.t, seq: r.seq });
    else session.push({ ...r.event, at: r.t, seq: r.seq } as Timed<SessionEvent>);
  }
  const start = session.find((e): e is Timed<SessionStartEvent> => e.type === 'session-start');
  if (!start)
    throw new RecordingError(`${dir}: the recording has no session-start event (is it a gameday recording?)`);
  if (typeof start.format !== 'number' || start.format > RECORDING_FORMAT)
    throw new RecordingError(
      `${dir}: recording format ${String(start.format)} is newer than this gameday reads (${RECORDING_FORMAT}); upgrade gameday`,
    );
  return {
    dir,
    name: basename(dir),
    records: typed,
    skipped,
    start,
    session,
    run,
    guard,
    t0: typed[0]?.t ?? start.at,
    t1: typed.at(-1)?.t ?? start.at,
  };
}

/** A recording that cannot be read; the CLI prints it as one line and exits 2. */
export class RecordingError extends UserError {
  override name = 'RecordingError';
}

/** Loads RECORDING (a directory or its events.ndjson); a missing or invalid one throws RecordingError. */
export function loadRecording(path: string): Recording {
  if (!existsSync(path))
    throw new RecordingError(`${path}: no such recording (give a recordings/<time>-<name> directory)`);
  const dir = statSync(path).isDirectory() ? path : dirname(path);
  const log = join(dir, 'events.ndjson');
  if (!existsSync(log)) throw new RecordingError(`${path}: not a recording (no events.ndjson in ${dir})`);
  let read: ReturnType<typeof readRecordingLog>;
  try {
    read = readRecordingLog(dir, eventProblem);
  } catch (err) {
    if (err instanceof RecordingLogError) throw new RecordingError(err.message);
    throw new RecordingError(`${log}: cannot read the event log: ${(err as Error).message}`);
  }
  if (read.events.length === 0)
    throw new RecordingError(
      `${log}: no readable events${read.skipped.length ? ` (${read.skipped.length} unreadable lines)` : ''}`,
    );
  // A line that fails in the middle of the log is corruption, not a crash: say so, but keep going.
  return recordingOf(read.events, dir, read.skipped);
}

/** The warning for skipped lines ("line 42 ignored: torn write"), empty when none. */
export function skippedWarnings(rec: Recording): string[] {
  const last = rec.records.length + rec.skipped.length;
  return rec.skipped.map((s) =>
    s.line >= last
      ? `${join(rec.dir, 'events.ndjson')}:${s.line}: torn last line ignored (the session was killed while writing it)`
      : `${join(rec.dir, 'events.ndjson')}:${s.line}: unreadable line ignored (${s.reason})`,
  );
}

/** Events of one type from the session stream, typed. */
export function ofType<K extends SessionEvent['type']>(
  rec: Pick<Recording, 'session'>,
  type: K,
): Timed<Extract<SessionEvent, { type: K }>>[] {
  return rec.session.filter((e) => e.type === type) as Timed<Extract<SessionEvent, { type: K }>>[];
}
