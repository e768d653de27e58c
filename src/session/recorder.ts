// The write-ahead recording of a session (DESIGN.md, "the spine"): every event is appended to
// recordings/<utc-time>-<slug>/events.ndjson and flushed to disk before the caller goes on, so a
// crash loses at most the event being written and `gameday recover` can find undos not yet done.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
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
    return this.appendAll([{ source, event }])[0]!;
  }

  /** Writes several events in one write and one flush (a steady tick's samples: one fsync, not
   * one per probe), all on disk before returning. */
  appendAll(items: readonly { source: EventSource; event: RecordedEvent['event'] }[]): RecordedEvent[] {
    if (this.fd === undefined) throw new Error(`recording ${this.dir} is closed`);
    const t = this.now();
    const records = items.map(({ source, event }): RecordedEvent => ({ seq: ++this.seq, t, source, event }));
    writeSync(this.fd, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    fsyncSync(this.fd);
    return records;
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

/** The largest events.ndjson gameday reads; a bigger log is refused before reading a byte. */
export const MAX_LOG_BYTES = 256 * 1024 * 1024;
/** The longest line kept (characters); a longer one is skipped without parsing it. */
export const MAX_LINE_CHARS = 1024 * 1024;
/** The deepest nesting of arrays/objects kept in one event; deeper lines are skipped unparsed. */
export const MAX_EVENT_DEPTH = 64;

/** A log gameday will not read (too big, unreadable); the message names the path and the limit. */
export class RecordingLogError extends Error {
  override name = 'RecordingLogError';
}

/** Reads events.ndjson, keeping every whole event and naming the lines it had to skip. */
export function readRecordingLog(dir: string, check?: EventCheck): RecordingLog {
  return parseRecordingLog(readRecordingBytes(dir).toString('utf8'), check);
}

/** The bytes of a recording's event log (RecordingLogError when unreadable or implausibly large). */
export function readRecordingBytes(dir: string): Buffer {
  const path = join(dir, 'events.ndjson');
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_LOG_BYTES)
      throw new RecordingLogError(
        `${path}: the event log is ${mib(size)} MiB, over the ${mib(MAX_LOG_BYTES)} MiB gameday reads; it is not a recording gameday wrote, or split it`,
      );
    bytes = readFileSync(path);
  } catch (err) {
    if (err instanceof RecordingLogError) throw err;
    throw new RecordingLogError(`${path}: cannot read the event log: ${(err as Error).message}`);
  }
  return bytes;
}

/** Says what is wrong with an event's fields (undefined: nothing); such lines are skipped. */
export type EventCheck = (source: string, event: RecordedEvent['event']) => string | undefined;

/** Parses the text of an event log: whole events kept, every other line skipped with its reason. */
export function parseRecordingLog(text: string, check?: EventCheck): RecordingLog {
  const events: RecordedEvent[] = [];
  const skipped: RecordingLog['skipped'] = [];
  let line = 0;
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\n', at);
    const stop = end === -1 ? text.length : end;
    line++;
    const reason = readLine(text, at, stop, events, check);
    if (reason) skipped.push({ line, reason });
    at = stop + 1;
  }
  return { events, skipped };
}

// Parses one line into `events`; returns why it was skipped, or undefined.
function readLine(
  text: string,
  from: number,
  to: number,
  events: RecordedEvent[],
  check: EventCheck | undefined,
): string | undefined {
  if (to - from > MAX_LINE_CHARS) return `longer than ${MAX_LINE_CHARS} characters (${to - from}): not read`;
  const line = text.slice(from, to);
  if (!line.trim()) return undefined;
  if (nestingDepth(line) > MAX_EVENT_DEPTH) return `nested deeper than ${MAX_EVENT_DEPTH} levels: not read`;
  try {
    const parsed = JSON.parse(line) as RecordedEvent;
    const event = parsed?.event as unknown;
    if (
      typeof parsed !== 'object' ||
      parsed === null ||
      !Number.isFinite(parsed.seq) ||
      typeof parsed.t !== 'number' ||
      !(Math.abs(parsed.t) <= 8.64e15) ||
      typeof parsed.source !== 'string' ||
      typeof event !== 'object' ||
      event === null ||
      Array.isArray(event) ||
      typeof (event as { type?: unknown }).type !== 'string'
    )
      return 'not an event (seq, t, source and event.type are required)';
    const problem = check?.(parsed.source, parsed.event);
    if (problem) return `malformed event: ${problem}`;
    events.push(parsed);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

// The deepest [ / { nesting of a JSON text, ignoring brackets inside strings.
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return max;
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
