// The text of `gameday --help`, built from the command table so it never goes stale. Laid out
// for an 80-column terminal: each usage on its own line, its summary indented below.
import { COMMAND_LIST } from './command-list.js';

/** The top-level usage text. */
export function helpText(): string {
  return [
    'gameday: a terminal console for chaos-engineering game days on AWS',
    '',
    'Usage:',
    '  gameday [--sandbox] [--region R] [--profile P] [--read-only]',
    '      the interactive console (npm start opens it on the sandbox)',
    ...COMMAND_LIST.flatMap((c) => [`  gameday ${c.usage}`, `      ${c.summary}`]),
    '',
    'Options:',
    '  --sandbox          use the simulated region instead of an AWS account',
    '  --region R         AWS region (else AWS_REGION, AWS_DEFAULT_REGION, profile)',
    '  --profile P        a profile of ~/.aws/config (SSO and assume-role work)',
    '  -h, --help         this text; `gameday COMMAND --help` for a command',
    '  -v, --version      the version',
    '',
    'Environment: AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL (an emulator), NO_COLOR.',
  ].join('\n');
}
