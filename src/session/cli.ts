// What the recording commands (report, export, review, replay) share: argv parsing with one clear
// usage error, loading RECORDING with its warnings on stderr, and writing output to a file or stdout.
import { writeFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UserError } from '../util/errors.js';
import { loadRecording, type Recording, skippedWarnings } from './recording.js';

/** Parses argv for `command`; a bad flag or a missing RECORDING is a usage error (exit 2). */
export function parseRecordingArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  usage: string,
  argv: string[],
  options: O,
): { values: Record<string, string | boolean | undefined>; recording: string | undefined; help: boolean } {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
    }) as typeof parsed;
  } catch (err) {
    throw new UserError(`${command}: ${(err as Error).message.split('\n')[0]} (${usage})`, 2);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return { values, recording: undefined, help: true };
  if (parsed.positionals.length !== 1)
    throw new UserError(`${command}: expected exactly one RECORDING directory (${usage})`, 2);
  return { values, recording: parsed.positionals[0], help: false };
}

/** Loads a recording and prints why lines were skipped (a torn last line after a crash). */
export function openRecording(path: string, warn: (line: string) => void = stderrLine): Recording {
  const rec = loadRecording(path);
  for (const w of skippedWarnings(rec)) warn(`warning: ${w}`);
  return rec;
}

/** Writes `text` to FILE, or to stdout when no file is given; a failed write is one clear error. */
export function writeOutput(text: string, file: string | undefined): void {
  if (!file) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(file, text);
  } catch (err) {
    throw new UserError(`cannot write ${file}: ${(err as Error).message}`, 1);
  }
}

/** One line on stderr. */
export function stderrLine(line: string): void {
  process.stderr.write(`${line}\n`);
}
