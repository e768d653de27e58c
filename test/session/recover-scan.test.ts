// Which recordings still hold changes to undo, read without parsing whole logs (the console asks
// before its first frame, over every recording in the directory): the same answers as a full read.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecordingLog } from '../../src/session/recorder.js';
import { pendingUndos, unfinishedSessions } from '../../src/session/recover.js';
import { workdir } from '../hardening/support.js';

let seq = 0;
const line = (source: string, event: object) => JSON.stringify({ seq: ++seq, t: seq, source, event });
const start = (title: string) =>
  line('session', {
    type: 'session-start',
    format: 1,
    title,
    description: '',
    accountId: '123456789012',
    region: 'us-east-1',
    sandbox: false,
    gamedayVersion: '0',
    operator: null,
  });
const recorded = (id: number) =>
  line('guard', {
    type: 'undo-recorded',
    record: { id, attack: 'a', description: `start i-${id}`, calls: [] },
  });
const samples = (n: number, value: unknown = 'ok') =>
  Array.from({ length: n }, (_, i) =>
    line('steady', { type: 'probe-sample', probe: 'p', tick: i, ok: true, value }),
  );

function recording(root: string, name: string, lines: string[], tail = '\n'): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'events.ndjson'), lines.join('\n') + tail);
  return dir;
}

describe('unfinishedSessions', () => {
  it('finds the same pending undos as a full read, among thousands of other events', () => {
    const root = workdir('scan');
    const dirs = [
      // an undo recorded, then played: nothing pending
      recording(root, '1-done', [
        start('done'),
        ...samples(2000),
        recorded(1),
        ...samples(10),
        line('guard', { type: 'undone', id: 1 }),
      ]),
      // two recorded, one settled, then a torn last line: #2 pending
      recording(
        root,
        '2-left',
        [
          start('left'),
          recorded(1),
          recorded(2),
          ...samples(3000),
          line('guard', { type: 'undo-settled', id: 1 }),
          '{"seq":9999,"t":1,"sou',
        ],
        '',
      ),
      // probe values that merely mention the words: nothing pending
      recording(root, '3-words', [
        start('words'),
        ...samples(50, { note: 'undo-recorded "undone" "type":"undone"' }),
      ]),
      // written by hand with spaces, dropped: nothing pending; one recorded after: pending
      recording(root, '4-spaced', [
        start('spaced'),
        recorded(1),
        JSON.stringify(
          { seq: 5, t: 5, source: 'guard', event: { type: 'undo-dropped', id: 1 } },
          null,
          0,
        ).replace('"type":', '"type": '),
        recorded(3),
      ]),
    ];
    const found = unfinishedSessions(root);
    expect(found.map((s) => [s.origin.title, s.pending.map((p) => p.id)])).toEqual([
      ['left', [2]],
      ['spaced', [3]],
    ]);
    // the full read agrees, recording by recording
    const full = dirs.map((d) => pendingUndos(readRecordingLog(d).events).map((p) => p.id));
    expect(full).toEqual([[], [2], [], [3]]);
    expect(found[0]!.origin).toMatchObject({ account: '123456789012', region: 'us-east-1', sandbox: false });
  });
});
