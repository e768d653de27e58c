// The program behind dist/cli.js (everything but --help and --version): scrubs the output streams,
// then hands the argv to the command it names.
import { main } from './commands/main.js';
import { redactStandardStreams } from './session/redact-streams.js';

// No known secret is ever printed: every line to stdout and stderr is scrubbed (docs/safety.md).
redactStandardStreams();
process.exitCode = await main(process.argv.slice(2));
