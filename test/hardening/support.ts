// Drives the built CLI (dist/cli.js) as a child process for the hardening tests: write an
// experiment, start a run, wait for a log line or for the k-th recorded event, send a signal,
// then read what the recording says (pending undos, undone events, how the run ended).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type RecordedEvent, readRecordingLog } from '../../src/session/recorder.js';
import { pendingUndos } from '../../src/session/recover.js';

/** The built CLI, built once if missing. */
export const CLI = resolve('dist/cli.js');

/** Builds dist/ when it is not there yet. */
export function ensureBuilt(): void {
  if (!existsSync(CLI)) execFileSync('node', ['scripts/build.mjs']);
}

/** A fresh working directory for one case. */
export function workdir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `gd-${prefix}-`));
}

/** Writes an experiment as JSON into dir and returns its path. */
export function writeExperiment(dir: string, name: string, experiment: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(experiment, null, 2));
  return path;
}

/** A running CLI child: its output so far, a way to wait for a line, and its exit. */
export interface Child {
  proc: ChildProcess;
  stderr(): string;
  stdout(): string;
  /** Resolves when stderr (or stdout) contains `text`; rejects if the process exits first. */
  waitFor(text: string | RegExp): Promise<void>;
  exit: Promise<number | null>;
}

/** Starts `node dist/cli.js ...args` in cwd with the given extra environment. */
export function startCli(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Child {
  const proc = spawn(process.execPath, [CLI, ...args], {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { test: (s: string) => boolean; done: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters])
      if (w.test(err) || w.test(out)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done();
      }
  };
  proc.stdout!.on('data', (d) => {
    out += d;
    check();
  });
  proc.stderr!.on('data', (d) => {
    err += d;
    check();
  });
  const exit = new Promise<number | null>((res) => proc.on('close', (code) => res(code)));
  return {
    proc,
    stderr: () => err,
    stdout: () => out,
    exit,
    waitFor(text) {
      const test = (s: string) => (typeof text === 'string' ? s.includes(text) : text.test(s));
      return new Promise<void>((res, rej) => {
        if (test(err) || test(out)) return res();
        waiters.push({ test, done: res });
        void exit.then(() =>
          rej(new Error(`the CLI exited before printing ${String(text)}; stderr:\n${err}\nstdout:\n${out}`)),
        );
      });
    },
  };
}

/** The one recording directory under root (fails when there is not exactly one). */
export function onlyRecording(root: string): string {
  const names = existsSync(root) ? readdirSync(root) : [];
  if (names.length !== 1) throw new Error(`expected one recording under ${root}, found ${names.join(', ')}`);
  return join(root, names[0]!);
}

/** What a recording says about its undos and how the run ended. */
export interface UndoAccount {
  events: RecordedEvent[];
  recorded: number[];
  undone: number[];
  pending: number[];
  /** Ids undone more than once. */
  twice: number[];
  runStatus?: string;
  ended: boolean;
}

/** Reads a recording's log and tallies its undo records. */
export function undoAccount(dir: string): UndoAccount {
  const { events } = readRecordingLog(dir);
  const ids = (type: string) =>
    events
      .filter((e) => e.event.type === type)
      .map((e) => Number(e.event.id ?? (e.event.record as { id: number }).id));
  const undone = ids('undone');
  return {
    events,
    recorded: events
      .filter((e) => e.event.type === 'undo-recorded')
      .map((e) => (e.event.record as { id: number }).id),
    undone,
    pending: pendingUndos(events).map((p) => p.id),
    twice: undone.filter((id, i) => undone.indexOf(id) !== i),
    runStatus: events.find((e) => e.event.type === 'run-end')?.event.status as string | undefined,
    ended: events.some((e) => e.event.type === 'session-end'),
  };
}

/** Lines of a file, or 0 when it does not exist yet. */
export function lineCount(path: string): number {
  if (!existsSync(path)) return 0;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.endsWith('}')).length;
}
