// Hostile recordings: 10,000 seeded mutations of a real recording (a game day played on the
// sandbox: steady loop, attacks, notes, a halt with undo) go through the recording loaders
// (parseRecordingLog / readRecordingLog, loadRecording) and everything review, report, export
// and replay build from a recording. Zero crashes: each input either loads, or is refused with one
// RecordingError naming the path. Torn lines, huge files, very long and deeply nested lines are
// handled within fixed limits, and the messages say which limit.
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Prng } from '../../src/catalog/prng.js';
import { attacksOf, undoRecords } from '../../src/session/attacks.js';
import { eventProblem } from '../../src/session/check-events.js';
import { snapshotAt } from '../../src/session/playback.js';
import { projectExperiment } from '../../src/session/project-experiment.js';
import { projectFis } from '../../src/session/project-fis.js';
import { projectJournal } from '../../src/session/project-journal.js';
import {
  MAX_EVENT_DEPTH,
  MAX_LINE_CHARS,
  MAX_LOG_BYTES,
  parseRecordingLog,
} from '../../src/session/recorder.js';
import { loadRecording, RecordingError, recordingOf, skippedWarnings } from '../../src/session/recording.js';
import { pendingUndos } from '../../src/session/recover.js';
import { reportHtml } from '../../src/session/report-html.js';
import { reportMarkdown } from '../../src/session/report-md.js';
import { reportModel } from '../../src/session/report-model.js';
import { sandboxSession } from '../session/sandbox-session.js';
import { workdir } from './support.js';
import { recordTally } from './tally.js';

const CASES = 10_000;
let seedText = '';
let seedLines: string[] = [];

beforeAll(async () => {
  const dir = await sandboxSession(workdir('fuzz-seed'));
  seedText = readFileSync(join(dir, 'events.ndjson'), 'utf8');
  seedLines = seedText.split('\n').filter(Boolean);
}, 120_000);

const HOSTILE: unknown[] = [
  null,
  true,
  -1,
  1e308,
  Number.NaN,
  '',
  'x'.repeat(5000),
  [],
  {},
  [null],
  { __proto__: { polluted: true } },
  { type: 42 },
  '\u0000\u202e',
  { toString: 'no' },
];

/** Mutates the recording text in one of many ways, chosen by the generator. */
function mutate(rnd: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const lines = [...seedLines];
  const i = Math.floor(rnd() * lines.length);
  switch (Math.floor(rnd() * 12)) {
    case 0: // torn: cut anywhere
      return seedText.slice(0, Math.floor(rnd() * seedText.length));
    case 1: {
      // flip some bytes
      const chars = [...lines[i]!];
      for (let n = 0; n < 1 + rnd() * 4; n++)
        chars[Math.floor(rnd() * chars.length)] = String.fromCharCode(rnd() * 128);
      lines[i] = chars.join('');
      break;
    }
    case 2: // drop, duplicate or swap lines
      if (rnd() < 0.33) lines.splice(i, 1 + Math.floor(rnd() * 5));
      else if (rnd() < 0.5) lines.splice(i, 0, ...lines.slice(i, i + 3));
      else [lines[i], lines[0]] = [lines[0]!, lines[i]!];
      break;
    case 3: {
      // a field of the event replaced by a hostile value
      const rec = JSON.parse(lines[i]!);
      const keys = Object.keys(rec.event);
      rec.event[pick(keys)] = pick(HOSTILE);
      lines[i] = JSON.stringify(rec);
      break;
    }
    case 4: {
      // a top-level field replaced or removed
      const rec = JSON.parse(lines[i]!);
      const key = pick(['seq', 't', 'source', 'event']);
      if (rnd() < 0.5) delete rec[key];
      else rec[key] = pick(HOSTILE);
      lines[i] = JSON.stringify(rec);
      break;
    }
    case 5: {
      // a nested value deep inside the event replaced
      const rec = JSON.parse(lines[i]!);
      let node: Record<string, unknown> = rec.event;
      for (let d = 0; d < 6; d++) {
        const k = Object.keys(node).filter((x) => node[x] && typeof node[x] === 'object');
        if (!k.length || rnd() < 0.3) break;
        node = node[pick(k)] as Record<string, unknown>;
      }
      const keys = Object.keys(node);
      if (keys.length) node[pick(keys)] = pick(HOSTILE);
      lines[i] = JSON.stringify(rec);
      break;
    }
    case 6: // the session-start changed (format, missing, moved)
      lines[0] = JSON.stringify({
        ...JSON.parse(lines[0]!),
        event: { type: 'session-start', format: pick([2, '1', null, 1, -1]), title: pick(HOSTILE) },
      });
      break;
    case 7: // deeply nested line
      lines.splice(i, 0, `${'['.repeat(100 + Math.floor(rnd() * 100_000))}`);
      break;
    case 8: // garbage / binary / invalid UTF-8 as text
      lines.splice(
        i,
        0,
        Buffer.from(Array.from({ length: 64 }, () => Math.floor(rnd() * 256))).toString('latin1'),
      );
      break;
    case 9: // an event of another type with this one's fields
      {
        const rec = JSON.parse(lines[i]!);
        const other = JSON.parse(pick(lines));
        rec.event = { ...rec.event, type: other.event?.type };
        lines[i] = JSON.stringify(rec);
      }
      break;
    case 10: // seq and time out of order
      {
        const rec = JSON.parse(lines[i]!);
        rec.seq = Math.floor(rnd() * 5);
        rec.t = pick([0, -1, 1e15, rec.t - 1e9]);
        lines[i] = JSON.stringify(rec);
      }
      break;
    default: // many mutations at once
      return Array.from({ length: 3 }, () => mutate(rnd).slice(0, 5000)).join('\n');
  }
  return lines.join('\n');
}

/** Everything review/report/export/replay compute from a loaded recording. */
function loadAndProject(text: string, dir: string): 'loaded' | 'refused' {
  const log = parseRecordingLog(text, eventProblem);
  try {
    if (!log.events.length) throw new RecordingError(`${dir}: no readable events`);
    const rec = recordingOf(log.events, dir, log.skipped);
    skippedWarnings(rec);
    attacksOf(rec);
    undoRecords(rec);
    projectExperiment(rec);
    projectJournal(rec);
    projectFis(rec);
    const model = reportModel(rec);
    reportMarkdown(model);
    reportHtml(model);
    snapshotAt(rec, (rec.t1 - rec.t0) / 2);
    pendingUndos(rec.records as never);
    return 'loaded';
  } catch (err) {
    if (err instanceof RecordingError) {
      expect(err.message).toContain(dir);
      return 'refused';
    }
    throw err;
  }
}

describe('fuzzing the recording loaders', () => {
  it(`${CASES} seeded mutations of a real recording: zero crashes, clear refusals`, () => {
    const seeded = new Prng(20261125);
    const rnd = () => seeded.next();
    const crashes: string[] = [];
    const outcome = { loaded: 0, refused: 0 };
    for (let n = 0; n < CASES; n++) {
      const text = mutate(rnd);
      try {
        outcome[loadAndProject(text, '/recordings/fuzzed')]++;
      } catch (err) {
        if (crashes.length < 10)
          crashes.push(`case ${n}: ${(err as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
        else crashes.push('');
      }
    }
    recordTally('fuzz', 'recording mutations', 'crashes', crashes.length === 0, CASES);
    expect(crashes.filter(Boolean), `${crashes.length} crashes`).toEqual([]);
    expect(outcome.loaded + outcome.refused).toBe(CASES);
    expect(outcome.loaded).toBeGreaterThan(0);
  }, 300_000);

  it('a torn last line is skipped and named; the events before it load', () => {
    const dir = workdir('fuzz-torn');
    writeFileSync(join(dir, 'events.ndjson'), seedText.slice(0, seedText.length - 40));
    const rec = loadRecording(dir);
    expect(rec.records.length).toBe(seedLines.length - 1);
    expect(skippedWarnings(rec)).toEqual([
      `${join(dir, 'events.ndjson')}:${seedLines.length}: torn last line ignored (the session was killed while writing it)`,
    ]);
  });

  it('a log over the size limit is refused before it is read, saying the limit', () => {
    const dir = workdir('fuzz-huge');
    const fd = openSync(join(dir, 'events.ndjson'), 'w');
    ftruncateSync(fd, MAX_LOG_BYTES + 1); // sparse: costs no disk and no memory
    closeSync(fd);
    expect(() => loadRecording(dir)).toThrow(RecordingError);
    expect(() => loadRecording(dir)).toThrow(
      `${join(dir, 'events.ndjson')}: the event log is 256 MiB, over the 256 MiB gameday reads`,
    );
  });

  it('very long and deeply nested lines are skipped unparsed, with the limit in the warning', () => {
    const dir = workdir('fuzz-deep');
    const long = JSON.stringify({
      seq: 99,
      t: 1,
      source: 'console',
      event: { type: 'note', text: 'x'.repeat(MAX_LINE_CHARS) },
    });
    const deep = `{"seq":98,"t":1,"source":"console","event":{"type":"note","text":${'['.repeat(200_000)}`;
    const lines = [seedLines[0]!, long, deep, ...seedLines.slice(1)];
    writeFileSync(join(dir, 'events.ndjson'), `${lines.join('\n')}\n`);
    const rec = loadRecording(dir);
    expect(rec.records.length).toBe(seedLines.length);
    const warnings = skippedWarnings(rec);
    expect(warnings).toEqual([
      `${join(dir, 'events.ndjson')}:2: unreadable line ignored (longer than ${MAX_LINE_CHARS} characters (${long.length}): not read)`,
      `${join(dir, 'events.ndjson')}:3: unreadable line ignored (nested deeper than ${MAX_EVENT_DEPTH} levels: not read)`,
    ]);
  });

  it('a directory without a log, and a log without a session-start, are one clear refusal each', () => {
    const dir = workdir('fuzz-empty');
    mkdirSync(join(dir, 'rec'));
    expect(() => loadRecording(join(dir, 'rec'))).toThrow(
      `${join(dir, 'rec')}: not a recording (no events.ndjson`,
    );
    writeFileSync(join(dir, 'rec', 'events.ndjson'), `${seedLines.slice(1).join('\n')}\n`);
    expect(() => loadRecording(join(dir, 'rec'))).toThrow(
      `${join(dir, 'rec')}: the recording has no session-start event (is it a gameday recording?)`,
    );
  });
});
