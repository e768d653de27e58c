// Two sessions on one recordings directory, without AWS: a running session (this test process)
// holds running.lock, so `gameday recover` (the built CLI, another process) lists it as running and
// leaves its undo records alone, even a sandbox session's; a lock or claim left by a dead process is
// stale; of two claims on one recording only one is granted. The moto file proves the same with real
// undos (concurrency.contract.test.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CLAIM_FILE,
  claimRecovery,
  HEARTBEAT_MS,
  LOCK_FILE,
  processStartOf,
  runningHolder,
  STALE_ELSEWHERE_MS,
} from '../../src/session/liveness.js';
import { recoveryOffer, unfinishedSessions } from '../../src/session/recover.js';
import { Session } from '../../src/session/session.js';
import { runCli } from '../support/cli.js';
import { ensureBuilt, undoAccount, workdir } from './support.js';
import { recordTally } from './tally.js';

beforeAll(() => ensureBuilt());

/** A pid that is certainly gone: a child that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

/** Opens a session that has made one change (its undo recorded, not played). */
function sessionWithChange(root: string, sandbox: boolean): Session {
  const s = Session.open(
    { title: 'console A', region: 'us-east-1', sandbox, accountId: '123456789012' },
    { root },
  );
  s.guardEvent({
    type: 'undo-recorded',
    record: {
      id: 1,
      attack: 'stop web',
      description: 'start i-0123456789abcdef0',
      calls: [
        { service: 'ec2', operation: 'StartInstances', input: { InstanceIds: ['i-0123456789abcdef0'] } },
      ],
      change: { service: 'ec2', operation: 'StopInstances', input: { InstanceIds: ['i-0123456789abcdef0'] } },
      callsDone: 0,
      targets: [{ kind: 'instances', id: 'i-0123456789abcdef0', tags: {} }],
      status: 'active',
      at: new Date().toISOString(),
    },
  });
  return s;
}

describe('a running session is left alone by recover', () => {
  for (const sandbox of [false, true])
    it(`recover skips a live ${sandbox ? 'sandbox' : 'AWS'} session and names its pid; once closed the lock is gone`, async () => {
      const root = workdir('conc-live');
      const a = sessionWithChange(root, sandbox);
      const lock = JSON.parse(readFileSync(join(a.dir, LOCK_FILE), 'utf8'));
      expect(lock).toMatchObject({ pid: process.pid, host: hostname(), sessionId: a.id });
      const start = a.events()[0]!.event;
      expect(start.sessionId).toBe(a.id);
      const undo = a.events().find((e) => e.event.type === 'undo-recorded')!.event;
      expect((undo.record as { session: string }).session).toBe(a.id);

      const before = readFileSync(join(a.dir, 'events.ndjson'), 'utf8');
      const r = await runCli(['recover', '--record-dir', root, '--yes'], {
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      });
      expect(r.stdout).toContain(`${a.dir}: running in pid ${process.pid}, skipped`);
      expect(r.stdout).toContain('nothing to undo');
      expect(r.status).toBe(0);
      // not one byte appended: no recover-start, no undone, no undo-dropped
      expect(readFileSync(join(a.dir, 'events.ndjson'), 'utf8')).toBe(before);
      expect(undoAccount(a.dir).pending).toEqual([1]);
      expect(recoveryOffer(root)).toBeUndefined();
      recordTally('concurrency', 'recover while the other session runs', 'its changes untouched', true);

      a.close('quit with 1 change(s) active');
      expect(existsSync(join(a.dir, LOCK_FILE))).toBe(false);
      expect(unfinishedSessions(root)[0]!.running).toBeUndefined();
      if (!sandbox) expect(recoveryOffer(root)).toContain('1 earlier session(s)');
    });

  it('a lock left by a killed process is stale: the session is offered for recovery', () => {
    const root = workdir('conc-stale');
    const a = sessionWithChange(root, false);
    const pid = deadPid();
    writeFileSync(
      join(a.dir, LOCK_FILE),
      JSON.stringify({ pid, host: hostname(), startedAt: new Date().toISOString() }),
    );
    expect(runningHolder(a.dir)).toBeUndefined();
    expect(unfinishedSessions(root)[0]!.running).toBeUndefined();
    expect(recoveryOffer(root)).toContain('left 1 change(s) not undone');
    // a lock from another host cannot be asked: running while it is touched (its heartbeat)
    const lock = join(a.dir, LOCK_FILE);
    writeFileSync(lock, JSON.stringify({ pid, host: 'elsewhere', startedAt: '' }));
    expect(runningHolder(a.dir)).toMatchObject({ host: 'elsewhere' });
    expect(recoveryOffer(root)).toBeUndefined();
    const lastTouched = new Date(Date.now() - STALE_ELSEWHERE_MS + 60_000);
    utimesSync(lock, lastTouched, lastTouched);
    expect(runningHolder(a.dir)).toMatchObject({ host: 'elsewhere' });
    // ...and stale once it has not been touched for STALE_ELSEWHERE_MS (that host's session died)
    const longAgo = new Date(Date.now() - STALE_ELSEWHERE_MS - 60_000);
    utimesSync(lock, longAgo, longAgo);
    expect(runningHolder(a.dir)).toBeUndefined();
    expect(recoveryOffer(root)).toContain('left 1 change(s) not undone');
  });

  it.runIf(processStartOf(process.pid))(
    'a pid reused by another process does not keep a dead lock alive',
    () => {
      const root = workdir('conc-reused');
      const a = sessionWithChange(root, false);
      const lock = join(a.dir, LOCK_FILE);
      // This test's own pid, alive, but recorded as a process that started at another tick.
      const holder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
      writeFileSync(lock, JSON.stringify({ ...holder, processStart: `${processStartOf(process.pid)}0` }));
      expect(runningHolder(a.dir)).toBeUndefined();
      expect(recoveryOffer(root)).toContain('left 1 change(s) not undone');
      writeFileSync(lock, JSON.stringify({ ...holder, processStart: processStartOf(process.pid) }));
      expect(runningHolder(a.dir)).toMatchObject({ pid: process.pid });
    },
  );

  it('a running session touches its lock every HEARTBEAT_MS, and stops when it closes', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const s = Session.open(
        { title: 'heartbeat', region: 'us-east-1', sandbox: true },
        { root: workdir('conc-beat') },
      );
      const lock = join(s.dir, LOCK_FILE);
      const old = new Date(Date.now() - 3_600_000);
      utimesSync(lock, old, old);
      vi.advanceTimersByTime(HEARTBEAT_MS);
      expect(Date.now() - statSync(lock).mtimeMs).toBeLessThan(5_000);
      s.close();
      expect(existsSync(lock)).toBe(false);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('claiming a recording for recovery', () => {
  it('grants one claim at a time, takes over a dead claimant, and frees it on release', () => {
    const dir = workdir('conc-claim');
    const first = claimRecovery(dir);
    expect('release' in first).toBe(true);
    const second = claimRecovery(dir);
    expect(second).toEqual({ heldBy: expect.objectContaining({ pid: process.pid }) });
    (first as { release(): void }).release();
    expect(existsSync(join(dir, CLAIM_FILE))).toBe(false);

    writeFileSync(
      join(dir, CLAIM_FILE),
      JSON.stringify({ pid: deadPid(), host: hostname(), startedAt: 'x' }),
    );
    const taken = claimRecovery(dir);
    expect('release' in taken).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, CLAIM_FILE), 'utf8')).pid).toBe(process.pid);
    (taken as { release(): void }).release();
  });
});
