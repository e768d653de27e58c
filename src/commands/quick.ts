// The answers that need nothing loaded: `--help` and `--version`. dist/cli.js is built from this
// alone (scripts/build.mjs), so they print before any other file of gameday is read.
import { helpText } from './help.js';
import { VERSION } from './version.js';

/** The text to print for an argv that only asks for help or the version, else undefined. */
export function quickAnswer(argv: readonly string[]): string | undefined {
  const first = argv[0];
  if (first === '--help' || first === '-h' || first === 'help') return `${helpText()}\n`;
  if (first === '--version' || first === '-v') return `${VERSION}\n`;
  return undefined;
}
