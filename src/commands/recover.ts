// `gameday recover [RECORDING]`: after a crash or kill -9, finds changes whose undo was recorded but
// never played and undoes them (asking first, unless --yes), in the account they were made in.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { UserError } from '../util/errors.js';
import { AWS_FLAGS, connect } from './connect.js';
import type { CommandModule } from './registry.js';

const USAGE = `Usage: gameday recover [RECORDING] [--yes] [--record-dir DIR] [--region R] [--profile P]

Finds recordings (under DIR, default ./recordings) with changes whose undo never ran (a crash, a
kill -9, a lost connection) and undoes them, newest first, through the safety guard. Each undo is
written to the recording, so nothing is undone twice. Sessions still running (another console or
run) are listed and skipped; two recovers at once each take a recording in turn.
  --yes          undo without asking (for scripts)
  --list         only list what is pending
Exit codes: 0 nothing left to undo, 1 something could not be undone (the rest is listed), 2 usage.`;

/** Parses argv, lists unfinished sessions and undoes their pending changes. */
export const run: CommandModule['run'] = async (argv) => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    throw new UserError(`recover: ${(err as Error).message} (see gameday recover --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { unfinishedSessions, recoverSession } = await import('../session/recover.js');
  const { resolve, dirname, basename } = await import('node:path');
  let sessions: ReturnType<typeof unfinishedSessions>;
  if (positionals[0]) {
    const dir = resolve(positionals[0]);
    const { existsSync } = await import('node:fs');
    if (!existsSync(`${dir}/events.ndjson`))
      throw new UserError(`recover: ${positionals[0]} is not a recording (no events.ndjson in it)`);
    sessions = unfinishedSessions(dirname(dir)).filter((s) => basename(s.dir) === basename(dir));
  } else {
    sessions = unfinishedSessions(resolve(values['record-dir'] ?? 'recordings'));
  }
  const { describeHolder } = await import('../session/liveness.js');
  // A session still running (another console or run, its lock names a live process) is its own.
  for (const s of sessions.filter((x) => x.running))
    process.stdout.write(
      `${s.dir}: running in ${describeHolder(s.running!)}, skipped (${s.pending.length} change(s) of its own to undo)\n`,
    );
  sessions = sessions.filter((s) => !s.running);
  if (!sessions.length) {
    process.stdout.write('gameday recover: nothing to undo\n');
    return 0;
  }
  for (const s of sessions) {
    const where = [
      s.origin.account && `account ${s.origin.account}`,
      s.origin.region && `region ${s.origin.region}`,
      s.origin.sandbox && 'sandbox',
    ]
      .filter(Boolean)
      .join(', ');
    process.stdout.write(`${s.dir}${where ? ` (${where})` : ''}: ${s.pending.length} change(s) not undone\n`);
    for (const p of s.pending) process.stdout.write(`  #${p.id} ${p.attack}: undo = ${p.description}\n`);
  }
  if (values.list) return 1;
  if (!values.yes && !process.stdin.isTTY)
    throw new UserError(
      'recover: not a terminal, so it cannot ask; run `gameday recover --yes` to undo the changes listed above',
      1,
    );

  let failures = 0;
  for (const s of sessions) {
    if (s.origin.sandbox) {
      process.stdout.write(
        `${s.dir}: a sandbox session: its simulated world ended with its process; nothing to undo\n`,
      );
      const { dropSandboxUndos } = await import('../session/recover.js');
      dropSandboxUndos(s);
      continue;
    }
    if (!values.yes && !(await confirm(`Undo ${s.pending.length} change(s) of ${basename(s.dir)}? [y/N] `))) {
      process.stdout.write('  skipped\n');
      failures++;
      continue;
    }
    // A session that acted as a role is undone as that role, in that role's account.
    const role = s.origin.assumedRole;
    const conn = await connect(
      { ...values, region: values.region ?? s.origin.region },
      role ? { assumeRole: { roleArn: role.arn, sessionName: role.sessionName } } : {},
    );
    try {
      const { callerIdentity } = await import('../aws/identity.js');
      const identity = await callerIdentity(conn.ctx);
      if (s.origin.account && identity.account !== s.origin.account) {
        process.stdout.write(
          `  refused: recorded in account ${s.origin.account}, but the credentials${role ? ` (as ${role.arn})` : ''} are for ${identity.account}; use the profile of ${s.origin.account}\n`,
        );
        failures++;
        continue;
      }
      const { sdkCall } = await import('../aws/ops/call.js');
      const outcome = await recoverSession(s, sdkCall(conn.ctx));
      if (outcome.skipped) {
        process.stdout.write(
          `  ${outcome.skipped.reason === 'running' ? 'running' : 'being recovered'} in ${describeHolder(outcome.skipped.by)}, skipped\n`,
        );
        continue;
      }
      if (!outcome.undone.length && !outcome.failed.length)
        process.stdout.write('  nothing left: already undone by another recover\n');
      for (const u of outcome.undone) process.stdout.write(`  undone #${u.id}: ${u.description}\n`);
      for (const f of outcome.failed)
        process.stdout.write(`  FAILED #${f.record.id}: ${f.record.description}: ${f.error}\n`);
      if (outcome.failed.length) {
        failures += outcome.failed.length;
        process.stdout.write(
          `  still to undo: run \`gameday recover ${s.dir}\` again once the cause is fixed\n`,
        );
      }
    } finally {
      await conn.close();
    }
  }
  return failures ? 1 : 0;
};

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      ...AWS_FLAGS,
      yes: { type: 'boolean', short: 'y' },
      list: { type: 'boolean' },
      'record-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
}
