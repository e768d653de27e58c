// The CLI's last line of defence for secrets: every write to stdout and stderr (log lines, errors,
// the console's frames) goes through redactText, so a known secret value is never printed.
import { knownSecretForms } from './known-secrets.js';
import { redactText } from './redact.js';

/** Wraps process.stdout.write and process.stderr.write with redactText; installed once by the CLI. */
export function redactStandardStreams(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text =
        typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
      if (text === undefined) return write(chunk, ...rest);
      const clean = redactText(text, knownSecretForms());
      return write(clean === text ? chunk : clean, ...rest);
    }) as typeof stream.write;
  }
}
