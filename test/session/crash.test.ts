// Kill -9 during a recorded sandbox session: the log still loads, and every action that completed
// before the kill is in it. A torn last line is ignored with a warning naming the file and line;
// a missing or invalid recording is one clear error naming the path (exit 2).
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecording, RecordingError, skippedWarnings } from '../../src/session/recording.js';
import { tempRoot } from './support.js';

/** Starts the sandbox session script, waits until its attacks are done, then kills it with SIGKILL. */
function killAfterAttack(root: string): Promise<{ signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/session/sandbox-session.ts', root, '--hold'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('attack done')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve({ signal }) : reject(new Error(`session exited on its own: ${err}`)),
    );
  });
}

describe('crash safety', () => {
  it('kill -9 mid-session: the log parses and holds every completed action with its undo record', async () => {
    const root = tempRoot();
    const { signal } = await killAfterAttack(root);
    expect(signal).toBe('SIGKILL');
    const [name] = readdirSync(root);
    const rec = loadRecording(join(root, name!));
    expect(rec.skipped.length).toBeLessThanOrEqual(1);
    const ends = rec.session.filter((e) => e.type === 'attack-end');
    expect(ends.map((e) => (e as { ok: boolean }).ok)).toEqual([true, true]);
    const kinds = rec.guard.map((e) => e.type);
    expect(kinds.filter((k) => k === 'undo-recorded')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'change')).toHaveLength(2);
    // Each undo record is on disk before its change.
    expect(kinds.indexOf('undo-recorded')).toBeLessThan(kinds.indexOf('change'));
    expect(rec.session.some((e) => e.type === 'session-end')).toBe(false);
  }, 120_000);

  it('a torn last line is ignored and named in a warning', () => {
    const dir = join(tempRoot(), 'torn');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'events.ndjson'),
      `${JSON.stringify({ seq: 1, t: 1, source: 'session', event: { type: 'session-start', format: 1, title: 't', description: '', accountId: null, region: 'us-east-1', sandbox: true, gamedayVersion: '0', operator: null } })}\n`,
    );
    appendFileSync(join(dir, 'events.ndjson'), '{"seq":2,"t":2,"source":"console","event":{"type":"no');
    const rec = loadRecording(dir);
    expect(rec.records).toHaveLength(1);
    expect(skippedWarnings(rec)).toEqual([
      `${join(dir, 'events.ndjson')}:2: torn last line ignored (the session was killed while writing it)`,
    ]);
  });

  it('a missing path, a directory without a log, and a log of another format are one clear error each', () => {
    const root = tempRoot();
    expect(() => loadRecording(join(root, 'nope'))).toThrow(
      new RecordingError(
        `${join(root, 'nope')}: no such recording (give a recordings/<time>-<name> directory)`,
      ),
    );
    expect(() => loadRecording(root)).toThrow(/not a recording \(no events.ndjson in/);
    writeFileSync(join(root, 'events.ndjson'), 'hello\n');
    expect(() => loadRecording(root)).toThrow(/no readable events \(1 unreadable lines\)/);
    writeFileSync(
      join(root, 'events.ndjson'),
      `${JSON.stringify({ seq: 1, t: 1, source: 'session', event: { type: 'session-start', format: 99, title: 'future', description: '', accountId: null, region: 'us-east-1', sandbox: true, gamedayVersion: '9.0.0', operator: null } })}\n`,
    );
    expect(() => loadRecording(root)).toThrow(
      /recording format 99 is newer than this gameday reads \(1\); upgrade gameday/,
    );
    const thrown = (() => {
      try {
        loadRecording(join(root, 'nope'));
      } catch (err) {
        return err;
      }
    })();
    expect((thrown as RecordingError).exitCode).toBe(2);
  });
});
