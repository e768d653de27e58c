// The write-ahead recording of a session (DESIGN.md, "the spine"): every event is appended to
// recordings/<utc-time>-<slug>/events.ndjson and flushed to disk before the caller goes on, so a
// crash loses at most the event being written and `gameday recover` can find undos not yet done.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Who emitted an event: the engine, the guard, the steady-state loop, the console, the session. */
export type EventSource = 'run' | 'guard' | 'steady' | 'console' | 'session';

/** One line of events.ndjson. */
export interface RecordedEvent {
  /** Position in the log, from 1. */
  seq: number;
  /** Epoch milliseconds when it was recorded. */
  t: number;
  source: EventSource;
  event: { type: string } & Record<string, unknown>;
}

/** A recording directory name: UTC time to the second, then a slug of the title. */
export function recordingName(startedAt: Date, title: string): string {
  const stamp = startedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const slug =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'session';
  return `${stamp}-${slug}`;
}

/** Appends events durably to a recording; one per session. */
export class Recorder {
  private fd: number | undefined;
  private seq = 0;

  private constructor(
    /** The recording directory. */
    readonly dir: string,
    private readonly now: () => number,
  ) {
    this.fd = openSync(join(dir, 'events.ndjson'), 'a');
  }

  /** Creates recordings/<utc-time>-<slug>/ under `root` and opens its log. */
  static create(root: string, title: string, options: { now?: () => number } = {}): Recorder {
    const now = options.now ?? Date.now;
    const base = join(root, recordingName(new Date(now()), title));
    mkdirSync(root, { recursive: true });
    // Two sessions started in the same second with the same title get their own logs (-2, -3...).
    for (let n = 1; ; n++) {
      const dir = n === 1 ? base : `${base}-${n}`;
      try {
        mkdirSync(dir);
        return new Recorder(dir, now);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || n > 999) throw err;
      }
    }
  }

  /** Reopens an existing recording to append to it (recovery), continuing its numbering. */
  static reopen(dir: string, options: { now?: () => number } = {}): Recorder {
    const rec = new Recorder(dir, options.now ?? Date.now);
    const { events } = readRecordingLog(dir);
    rec.seq = events.reduce((max, e) => Math.max(max, e.seq), 0);
    return rec;
  }

  /** The path of the event log. */
  get logPath(): string {
    return join(this.dir, 'events.ndjson');
  }

  /** Writes one event and flushes it to disk before returning. */
  append(source: EventSource, event: RecordedEvent['event']): RecordedEvent {
    if (this.fd === undefined) throw new Error(`recording ${this.dir} is closed`);
    const record: RecordedEvent = { seq: ++this.seq, t: this.now(), source, event };
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    fsyncSync(this.fd);
    return record;
  }

  /** Closes the log (further appends throw). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** What reading a recording's log found. */
export interface RecordingLog {
  events: RecordedEvent[];
  /** Lines that could not be read (a torn last line after a crash), with their line numbers. */
  skipped: { line: number; reason: string }[];
}

/** Reads events.ndjson, keeping every whole event and naming the lines it had to skip. */
export function readRecordingLog(dir: string): RecordingLog {
  const text = readFileSync(join(dir, 'events.ndjson'), 'utf8');
  const events: RecordedEvent[] = [];
  const skipped: RecordingLog['skipped'] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const parsed = JSON.parse(line) as RecordedEvent;
      if (typeof parsed?.seq !== 'number' || typeof parsed.event?.type !== 'string')
        throw new Error('not an event');
      events.push(parsed);
    } catch (err) {
      skipped.push({ line: i + 1, reason: (err as Error).message });
    }
  });
  return { events, skipped };
}
