// Two consoles or runs sharing one recordings directory must not undo each other's changes. A
// running session holds `running.lock` in its recording directory (pid, host, start time, session
// id), removed when it closes; a lock whose process is gone is stale (a kill -9). Recovery of one
// recording is claimed with an O_EXCL file, `recover.claim`, so two `gameday recover` at once never
// play the same undo twice.
import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The liveness marker of a running session. */
export const LOCK_FILE = 'running.lock';
/** The claim a recovering process holds on a recording. */
export const CLAIM_FILE = 'recover.claim';

/** Who holds a lock or a claim. */
export interface Holder {
  pid: number;
  host: string;
  startedAt: string;
  sessionId?: string;
}

/** A new session id (named in session-start and in each undo record). */
export function newSessionId(): string {
  return randomUUID();
}

/** Marks a recording as held by this process (created exclusively: a second holder fails). */
export function holdRecording(dir: string, sessionId: string): void {
  createWhole(join(dir, LOCK_FILE), me(sessionId));
}

/** Removes this process's liveness marker (the session closed). */
export function releaseRecording(dir: string): void {
  const holder = readHolder(join(dir, LOCK_FILE));
  if (holder && holder.pid === process.pid && holder.host === hostname()) removeQuietly(join(dir, LOCK_FILE));
}

/** The process running the session recorded in `dir`, or undefined when none is (no lock, or stale). */
export function runningHolder(dir: string): Holder | undefined {
  const holder = readHolder(join(dir, LOCK_FILE));
  return holder && isAlive(holder) ? holder : undefined;
}

/** How a holder is named to the operator: `pid 123` (or `pid 123 on host h` when elsewhere). */
export function describeHolder(h: Holder): string {
  return `pid ${h.pid}${h.host === hostname() ? '' : ` on host ${h.host}`}`;
}

/** A claim on a recording's recovery; release it when done. */
export interface Claim {
  release(): void;
}

/**
 * Claims the recovery of the recording in `dir`: the claim file is created with O_EXCL, so of two
 * processes only one gets it. A claim left by a process that is gone is taken over. Returns the
 * live holder instead when another process is recovering it now.
 */
export function claimRecovery(dir: string): Claim | { heldBy: Holder } {
  const path = join(dir, CLAIM_FILE);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      createWhole(path, me());
      return { release: () => removeQuietly(path) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(path);
    if (holder && isAlive(holder)) return { heldBy: holder };
    takeOverStale(path, holder);
  }
  const holder = readHolder(path);
  if (holder) return { heldBy: holder };
  throw new Error(`${path}: cannot claim the recovery of this recording`);
}

// Moves a stale claim aside atomically (rename), then checks it was the stale one we read; if another
// process had replaced it with a fresh claim meanwhile, that claim is put back (link: never over one).
function takeOverStale(path: string, seen: Holder | undefined): void {
  const aside = `${path}.stale-${process.pid}-${randomUUID().slice(0, 8)}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else moved it first
  }
  const moved = readHolder(aside);
  const same = moved?.pid === seen?.pid && moved?.startedAt === seen?.startedAt;
  if (!same && moved && isAlive(moved)) {
    try {
      linkSync(aside, path);
    } catch {
      // a third process claimed meanwhile; the loop sees its claim
    }
  }
  removeQuietly(aside);
}

// Creates `path` with its whole content or fails with EEXIST: the content is written to a private
// file first and linked into place (link never replaces), so no reader sees a half-written holder.
function createWhole(path: string, holder: Holder): void {
  const tmp = `${path}.${process.pid}-${randomUUID().slice(0, 8)}`;
  writeFileSync(tmp, JSON.stringify(holder), { flag: 'wx' });
  try {
    linkSync(tmp, path);
  } finally {
    removeQuietly(tmp);
  }
}

function me(sessionId?: string): Holder {
  return {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    ...(sessionId ? { sessionId } : {}),
  };
}

// A holder on this host is alive while its pid is; one on another host cannot be checked, so it is
// taken as alive (skipping is the safe mistake: a double undo is not).
function isAlive(h: Holder): boolean {
  if (h.host !== hostname()) return true;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): Holder | undefined {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    if (typeof h.pid !== 'number' || typeof h.host !== 'string') return undefined;
    return { pid: h.pid, host: h.host, startedAt: String(h.startedAt ?? ''), sessionId: h.sessionId };
  } catch {
    return undefined;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
