// The recording is write-ahead: each event is on disk when append returns, and a torn last line
// (a crash mid-write) costs only that line.
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Recorder, readRecordingLog, recordingName } from '../../src/session/recorder.js';

describe('Recorder', () => {
  it('names the directory by UTC time and a slug of the title', () => {
    expect(recordingName(new Date('2026-11-25T13:05:09.123Z'), 'Lose an AZ of "web"!')).toBe(
      '20261125T130509Z-lose-an-az-of-web',
    );
    expect(recordingName(new Date('2026-11-25T13:05:09Z'), '***')).toBe('20261125T130509Z-session');
  });

  it('each event is in the file as soon as append returns, numbered in order', () => {
    const root = mkdtempSync(join(tmpdir(), 'gd-rec-'));
    const rec = Recorder.create(root, 'stop web', { now: () => Date.parse('2026-11-25T13:00:00Z') });
    expect(basename(rec.dir)).toBe('20261125T130000Z-stop-web');
    rec.append('session', { type: 'session-start' });
    expect(readFileSync(rec.logPath, 'utf8').trim().split('\n')).toHaveLength(1);
    rec.append('guard', { type: 'undo-recorded', id: 1 });
    const { events, skipped } = readRecordingLog(rec.dir);
    expect(skipped).toEqual([]);
    expect(events.map((e) => [e.seq, e.source, e.event.type])).toEqual([
      [1, 'session', 'session-start'],
      [2, 'guard', 'undo-recorded'],
    ]);
    rec.close();
    expect(() => rec.append('session', { type: 'late' })).toThrow(/closed/);
  });

  it('a torn last line is skipped and named; every whole event is kept', () => {
    const root = mkdtempSync(join(tmpdir(), 'gd-rec-'));
    const rec = Recorder.create(root, 'crash');
    rec.append('run', { type: 'activity-start', id: 1 });
    rec.close();
    appendFileSync(rec.logPath, '{"seq":2,"t":1,"source":"run","event":{"type":"activ');
    const { events, skipped } = readRecordingLog(rec.dir);
    expect(events).toHaveLength(1);
    expect(skipped).toEqual([{ line: 2, reason: expect.any(String) }]);
  });
});
