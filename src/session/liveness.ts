// Two consoles or runs sharing one recordings directory must not undo each other's changes. A
// running session holds `running.lock` in its recording directory (pid, host, start time, session
// id), removed when it closes; a lock whose process is gone is stale (a kill -9). On Linux the lock
// also names the process's own start (boot id and start tick), so a pid reused by another program
// does not keep a dead session's lock alive. A session on another host (a shared directory) cannot
// be asked: it touches its lock every minute, and one not touched for 10 minutes is stale.
// Recovery of one recording is claimed with an O_EXCL file, `recover.claim`, so two `gameday
// recover` at once never play the same undo twice.
import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
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
  /** Which process this pid was (Linux: boot id and start tick); a different one is a reused pid. */
  processStart?: string;
}

/** How often a running session touches its lock (the heartbeat other hosts read). */
export const HEARTBEAT_MS = 60_000;
/** A lock or claim from another host not touched for this long is taken as stale. */
export const STALE_ELSEWHERE_MS = 10 * 60_000;

/** A new session id (named in session-start and in each undo record). */
export function newSessionId(): string {
  return randomUUID();
}

/** Marks a recording as held by this process (created exclusively: a second holder fails). */
export function holdRecording(dir: string, sessionId: string): void {
  createWhole(join(dir, LOCK_FILE), me(sessionId));
}

/** Touches the lock every HEARTBEAT_MS while the session runs; returns how to stop. */
export function keepAlive(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  const timer = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(path, now, now);
    } catch {
      // the lock is gone (closed, or removed by hand): nothing to keep alive
    }
  }, HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Removes this process's liveness marker (the session closed). */
export function releaseRecording(dir: string): void {
  const holder = readHolder(join(dir, LOCK_FILE));
  if (holder && holder.pid === process.pid && holder.host === hostname()) removeQuietly(join(dir, LOCK_FILE));
}

/** The process running the session recorded in `dir`, or undefined when none is (no lock, or stale). */
export function runningHolder(dir: string): Holder | undefined {
  const path = join(dir, LOCK_FILE);
  const holder = readHolder(path);
  return holder && isAlive(holder, path) ? holder : undefined;
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
    if (holder && isAlive(holder, path)) return { heldBy: holder };
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
  if (!same && moved && isAlive(moved, aside)) {
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
  const processStart = processStartOf(process.pid);
  return {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    ...(sessionId ? { sessionId } : {}),
    ...(processStart ? { processStart } : {}),
  };
}

/** Which process a pid is now (Linux: "<boot id>:<start tick>"), or undefined where /proc is not. */
export function processStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses); starttime is field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const tick = fields[19];
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return tick ? `${boot}:${tick}` : undefined;
  } catch {
    return undefined;
  }
}

// A holder on this host is alive while its process is (the same pid, started at the same tick);
// one on another host while it keeps touching its file. When in doubt it counts as alive:
// skipping is the safe mistake, a double undo is not.
function isAlive(h: Holder, path: string): boolean {
  if (h.host !== hostname()) {
    try {
      return Date.now() - statSync(path).mtimeMs < STALE_ELSEWHERE_MS;
    } catch {
      return true;
    }
  }
  try {
    process.kill(h.pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (!h.processStart) return true;
  const now = processStartOf(h.pid);
  return now === undefined || now === h.processStart;
}

function readHolder(path: string): Holder | undefined {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    if (typeof h.pid !== 'number' || typeof h.host !== 'string') return undefined;
    return {
      pid: h.pid,
      host: h.host,
      startedAt: String(h.startedAt ?? ''),
      sessionId: h.sessionId,
      ...(typeof h.processStart === 'string' ? { processStart: h.processStart } : {}),
    };
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
