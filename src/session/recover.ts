// Crash recovery: finds, in recordings' write-ahead logs, changes whose undo was recorded but never
// played, and plays them through the guard. What it undoes is appended to the same log, so running
// it twice undoes nothing twice. A session still running (its running.lock names a live process) is
// left alone, and each recording's recovery is claimed (recover.claim, O_EXCL) so two recovering
// processes never play the same undo.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsCall } from '../aws/ops/call.js';
import { Guard, type UndoRecord } from '../catalog/guard.js';
import { claimRecovery, type Holder, runningHolder } from './liveness.js';
import {
  parseRecordingLog,
  type RecordedEvent,
  Recorder,
  type RecordingLog,
  readRecordingBytes,
  readRecordingLog,
} from './recorder.js';

/** An undo record as the guard wrote it (without its AWS door). */
export type SavedUndo = Omit<UndoRecord, 'aws'>;

/** Guard events that close an undo record for good. */
const CLOSING = new Set(['undone', 'undo-settled', 'undo-dropped']);

/** The undo records of a log that were never played, settled or dropped, oldest first. */
export function pendingUndos(events: readonly RecordedEvent[]): SavedUndo[] {
  const open = new Map<number, SavedUndo>();
  for (const { event } of events) {
    if (event.type === 'undo-recorded') {
      const record = event.record as SavedUndo | undefined;
      // A damaged record (edited by hand, torn) cannot be played: recover reports what it can.
      if (!record || typeof record.id !== 'number' || !Array.isArray(record.calls)) continue;
      open.set(record.id, record);
    } else if (CLOSING.has(event.type) && typeof event.id === 'number') {
      open.delete(event.id);
    }
  }
  return [...open.values()];
}

/** Where and as whom a recording was made, when it says so (session-start). */
export interface RecordingOrigin {
  account?: string;
  region?: string;
  sandbox?: boolean;
  title?: string;
  /** The role the session acted as: recover assumes it to undo in the same account. */
  assumedRole?: { arn: string; sessionName: string };
}

function roleOf(v: unknown): RecordingOrigin['assumedRole'] {
  const r = v as Record<string, unknown> | undefined;
  if (!r || typeof r !== 'object' || typeof r.arn !== 'string' || !r.arn) return undefined;
  return { arn: r.arn, sessionName: typeof r.sessionName === 'string' ? r.sessionName : 'ChaosToolkit' };
}

/** Reads the origin from the first session-start event. */
export function originOf(events: readonly RecordedEvent[]): RecordingOrigin {
  const start = events.find((e) => e.event.type === 'session-start')?.event as
    | Record<string, unknown>
    | undefined;
  if (!start) return {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    account:
      str(start.accountId) ??
      str(start.account) ??
      str((start.identity as Record<string, unknown> | undefined)?.account),
    region: str(start.region),
    sandbox: typeof start.sandbox === 'boolean' ? start.sandbox : undefined,
    title: str(start.title),
    assumedRole: roleOf(start.assumedRole),
  };
}

/** A recording with changes still to undo. */
export interface UnfinishedSession {
  dir: string;
  pending: SavedUndo[];
  origin: RecordingOrigin;
  /** Lines about undos (or the session's start) that could not be read (a torn last line). */
  skippedLines: number;
  /** The live process still running this session: its changes are its own to undo. */
  running?: Holder;
}

/** Every recording under `root` whose log has pending undos, oldest first. */
export function unfinishedSessions(root: string): UnfinishedSession[] {
  if (!existsSync(root)) return [];
  const out: UnfinishedSession[] = [];
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!existsSync(join(dir, 'events.ndjson'))) continue;
    const log = recoveryLines(dir);
    if (!log) continue;
    const pending = pendingUndos(log.events);
    const running = runningHolder(dir);
    if (pending.length)
      out.push({
        dir,
        pending,
        origin: originOf(log.events),
        skippedLines: log.skipped.length,
        ...(running ? { running } : {}),
      });
  }
  return out;
}

// The events recovery needs: who and where, and each undo record with what closed it. A long
// session's log is mostly probe samples and metric points; finding these few lines in the bytes
// (decoding and parsing only them) keeps the console's start-up check cheap over a directory of
// many recordings. Undefined: the log records no undo at all.
const RECOVERY_NEEDLES = ['"session-start"', 'undo-', '"undone"']; // undo- finds the three undo-* types
const RECOVERY_EVENT = /"type"\s*:\s*"(?:session-start|undo-recorded|undone|undo-settled|undo-dropped)"/;
function recoveryLines(dir: string): RecordingLog | undefined {
  const bytes = readRecordingBytes(dir);
  const starts = new Set<number>();
  for (const needle of RECOVERY_NEEDLES)
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + needle.length))
      starts.add(bytes.lastIndexOf(0x0a, at) + 1);
  const lines: string[] = [];
  let undos = false;
  for (const start of [...starts].sort((a, b) => a - b)) {
    const end = bytes.indexOf(0x0a, start);
    const line = bytes.toString('utf8', start, end === -1 ? bytes.length : end);
    if (!RECOVERY_EVENT.test(line)) continue;
    lines.push(line);
    undos ||= line.includes('undo-recorded');
  }
  return undos ? parseRecordingLog(lines.join('\n')) : undefined;
}

/** What recovering one recording did. */
export interface RecoveryOutcome {
  dir: string;
  undone: SavedUndo[];
  failed: { record: SavedUndo; error: string }[];
  /** Why nothing was played: the session runs, or another process is recovering it. */
  skipped?: { reason: 'running' | 'claimed'; by: Holder };
}

/**
 * Plays a recording's pending undos (newest first) through a guard, appending to its log. It first
 * claims the recording, then reads the log again, so what another recover already undid is not
 * played twice; a session that is running, or claimed by a live process, is skipped.
 */
export async function recoverSession(
  listed: UnfinishedSession,
  aws: AwsCall,
  options: { undoAttempts?: number } = {},
): Promise<RecoveryOutcome> {
  const running = runningHolder(listed.dir);
  if (running)
    return { dir: listed.dir, undone: [], failed: [], skipped: { reason: 'running', by: running } };
  const claim = claimRecovery(listed.dir);
  if ('heldBy' in claim)
    return { dir: listed.dir, undone: [], failed: [], skipped: { reason: 'claimed', by: claim.heldBy } };
  try {
    const session = { ...listed, pending: pendingUndos(readRecordingLog(listed.dir).events) };
    if (!session.pending.length) return { dir: listed.dir, undone: [], failed: [] };
    return await playPending(session, aws, options);
  } finally {
    claim.release();
  }
}

// Plays the pending undos of a claimed recording, appending every outcome to its log.
async function playPending(
  session: UnfinishedSession,
  aws: AwsCall,
  options: { undoAttempts?: number },
): Promise<RecoveryOutcome> {
  const recorder = Recorder.reopen(session.dir);
  try {
    recorder.append('session', {
      type: 'recover-start',
      pending: session.pending.map((p) => p.id),
      by: { pid: process.pid },
    });
    const guard = new Guard({
      recorder: (event) => {
        // Only outcomes go to the old log: its guard-config and records are already there.
        if (event.type !== 'guard-config') recorder.append('guard', event as RecordedEvent['event']);
      },
      undoAttempts: options.undoAttempts,
    });
    const adopted = session.pending.map((p) => guard.adopt(p, aws));
    const outcome: RecoveryOutcome = { dir: session.dir, undone: [], failed: [] };
    for (const rec of [...adopted].reverse()) {
      const saved = session.pending.find((p) => p.id === rec.id)!;
      if (await guard.undo(rec)) outcome.undone.push(saved);
      else outcome.failed.push({ record: saved, error: rec.error ?? 'unknown error' });
    }
    recorder.append('session', {
      type: 'recover-end',
      undone: outcome.undone.map((u) => u.id),
      failed: outcome.failed.map((f) => f.record.id),
    });
    return outcome;
  } finally {
    recorder.close();
  }
}

/** Closes a sandbox recording's pending undos: the simulated world died with its process. */
export function dropSandboxUndos(session: UnfinishedSession): void {
  // a running sandbox session's world is alive, and its undos are its own
  if (runningHolder(session.dir)) return;
  const recorder = Recorder.reopen(session.dir);
  try {
    for (const p of session.pending)
      recorder.append('guard', {
        type: 'undo-dropped',
        id: p.id,
        attack: p.attack,
        reason: 'sandbox session: its simulated world ended with its process',
      });
  } finally {
    recorder.close();
  }
}

/**
 * What the console says at start about earlier sessions that left changes (undefined: none). Sessions
 * still running elsewhere are not offered: their changes are theirs to undo.
 */
export function recoveryOffer(root: string): string | undefined {
  const all = unfinishedSessions(root).filter((s) => !s.origin.sandbox);
  const offered = all.filter((s) => !s.running);
  const running = all.length - offered.length;
  if (!offered.length) return undefined;
  const changes = offered.reduce((n, s) => n + s.pending.length, 0);
  return `${offered.length} earlier session(s) under ${root} left ${changes} change(s) not undone; undo them with \`gameday recover --record-dir ${root}\`${running ? ` (${running} session(s) still running elsewhere are left alone)` : ''}`;
}
