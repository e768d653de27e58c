// The text of `gameday --help`, built from the command table so it never goes stale.
import { COMMANDS } from './registry.js';

/** The top-level usage text. */
export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    'gameday: a terminal console for chaos-engineering game days on AWS',
    '',
    'Usage:',
    '  gameday [--sandbox] [--region R] [--profile P] [--read-only]   interactive console',
    ...COMMANDS.map((c) => `  gameday ${c.usage.padEnd(width)}   ${c.summary}`),
    '',
    'Options:',
    '  --sandbox          use the simulated region instead of an AWS account',
    '  --region R         AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile)',
    '  --profile P        profile from ~/.aws/config (SSO and assume-role profiles work)',
    '  -h, --help         this text; `gameday COMMAND --help` for a command',
    '  -v, --version      the version',
    '',
    'Environment: AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL (e.g. an emulator), NO_COLOR.',
  ].join('\n');
}
