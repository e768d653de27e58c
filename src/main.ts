#!/usr/bin/env node
// Entry point. Answers --help and --version before loading anything heavy, then hands the argv to
// the command it names, each loaded on demand so ink and the AWS SDK load only when needed.
import { main } from './commands/main.js';
import { redactStandardStreams } from './session/redact-streams.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Output piped into `head` or a closed pager is not an error: stop quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
// No known secret is ever printed: every line to stdout and stderr is scrubbed (docs/safety.md).
redactStandardStreams();
process.exitCode = await main(process.argv.slice(2));
