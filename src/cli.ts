#!/usr/bin/env node
// Entry point. `--help` and `--version` answer from this file alone; anything else loads the
// program (./main.js), whose commands, ink and the AWS SDK each load only when needed.
import { quickAnswer } from './commands/quick.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Output piped into `head` or a closed pager is not an error: stop quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
const quick = quickAnswer(process.argv.slice(2));
if (quick !== undefined) process.stdout.write(quick);
else await import('./main.js');
