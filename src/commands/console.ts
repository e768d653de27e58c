// `gameday` with no subcommand: the interactive console. Refuses without a terminal (one line,
// exit 2), connects to the account or the sandbox, builds the console's services and renders the
// console (src/tui/run.tsx) until the operator quits.
import { parseArgs } from 'node:util';
import { UserError } from '../util/errors.js';
import { AWS_FLAGS, parsePositive } from './connect.js';
import type { CommandModule } from './registry.js';

const USAGE = `Usage: gameday [--sandbox] [--region R] [--profile P] [--read-only] [--dry-run]
               [--stop-alarm NAME]... [--max-probe-failures N] [--period SECONDS]
               [--on-error continue|halt] [--record-dir DIR] [--no-record]

The interactive console: inventory, targets, attacks, and a live steady-state view.
  --read-only             look, never change anything (dangerous keys are hidden)
  --dry-run               every attack is a dry run (EC2 DryRun=true, others show the plan)
  --stop-alarm NAME       halt and undo when this alarm enters ALARM (repeatable)
  --max-probe-failures N  halt and undo when a probe fails N times in a row (default 10; 0 = never)
  --period SECONDS        steady-state tick (default 1)
  --on-error POLICY       after an AWS error in an attack or a probe (logged
                          with the call, resource and reason): continue
                          (default) goes on, a probe error counting as a
                          failed sample; halt undoes every active change.
                          A failed undo is retried, then reported FAILED
                          and left to gameday recover, never skipped
  --allow-untagged        attack resources without the chaos:allowed=true tag
  --record-dir DIR        where the session is recorded (default ./recordings)
  --no-record             do not record the session
Needs an interactive terminal of at least 80x24.`;

/** Runs the console for the given argv. */
export const run: CommandModule['run'] = async (argv) => {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (err) {
    throw new UserError(`${(err as Error).message} (see gameday --help)`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const onError = values['on-error'] ?? 'continue';
  if (onError !== 'continue' && onError !== 'halt')
    throw new UserError(`--on-error takes continue or halt, not "${onError}" (see gameday --help)`);
  if (!process.stdin.isTTY || !process.stdout.isTTY)
    throw new UserError(
      'the console needs an interactive terminal (stdin/stdout is not a TTY); for scripts use `gameday discover` or `gameday run FILE`',
    );
  const maxProbeFailures =
    values['max-probe-failures'] === undefined ? 10 : Number(values['max-probe-failures']);
  if (!Number.isInteger(maxProbeFailures) || maxProbeFailures < 0)
    throw new UserError(
      `--max-probe-failures takes a whole number (0 = never), not "${values['max-probe-failures']}"`,
    );
  const periodMs = values.period === undefined ? 1000 : parsePositive(values.period, '--period') * 1000;
  // Before the first frame: offer to recover earlier sessions' changes (never those of sessions
  // still running in another console or run).
  const { recoveryOffer } = await import('../session/recover.js');
  const recordRoot = values['record-dir'] ?? (await import('../session/record-dir.js')).defaultRecordDir();
  const offer = recoveryOffer(recordRoot);
  if (offer) {
    process.stderr.write(`gameday: ${offer}\n`);
    if (await askYes('Undo them now, before the console opens? [y/N] ')) {
      const recover = await import('./recover.js');
      const flags = (['region', 'profile', 'timeout'] as const).flatMap((k) =>
        values[k] === undefined ? [] : [`--${k}`, values[k]!],
      );
      const code = await recover.run(['--yes', '--record-dir', recordRoot, ...flags]);
      if (
        code !== 0 &&
        !(await askYes('Some changes are still not undone (listed above). Open the console anyway? [y/N] '))
      )
        return code;
    }
  }

  // The first frame comes before anything connects: ink loads now, the sandbox or the account's
  // clients after it. Until then the header shows the region the flags and environment name.
  const consoleModule = import('../tui/run.js');
  const base = {
    region: values.sandbox
      ? (values.region ?? 'us-east-1')
      : (values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? '…'),
    sandbox: Boolean(values.sandbox),
    readOnly: Boolean(values['read-only']),
    dryRun: Boolean(values['dry-run']),
  };
  let conn: import('./connect.js').Connection | undefined;
  let services: Awaited<ReturnType<typeof prepare>> | undefined;
  let session: Awaited<ReturnType<typeof openSession>> | undefined;
  // Who we are and what the account is called, then the recording and the services: all after the
  // first frame. Bad credentials end the console with one line (the frame was only "connecting…").
  const prepare = async () => {
    const { connect } = await import('./connect.js');
    const c = await connect(values);
    conn = c;
    const [{ buildServices }, { discover }, { sdkCall }, { callerIdentity, accountAlias }, library] =
      await Promise.all([
        import('../tui/wiring/services.js'),
        import('../aws/discovery/index.js'),
        import('../aws/ops/call.js'),
        import('../aws/identity.js'),
        import('../scenario/library.js'),
      ]);
    const [identity, alias] = await Promise.all([callerIdentity(c.ctx), accountAlias(c.ctx)]);
    const info = {
      ...base,
      region: c.ctx.settings.region,
      account: identity.account,
      alias,
      caller: identity.arn,
    };
    session = values['no-record']
      ? undefined
      : await openSession(
          values['record-dir'] ?? (await import('../session/record-dir.js')).defaultRecordDir(),
          info,
        );
    const built = buildServices({
      info,
      aws: sdkCall(c.ctx),
      listInventory: () => discover(c.ctx, { identity }),
      guard: values['allow-untagged'] ? { allowUntagged: true } : {},
      // The sandbox's clock runs --speed times faster than the wall: ask for a wide window and take
      // the latest point; a real account gets the last few periods.
      metricWindow: c.sandbox
        ? (end) => ({
            start: new Date(end.getTime() - 3 * 3600_000),
            end: new Date(end.getTime() + 48 * 3600_000),
          })
        : undefined,
      stopOnAlarms: values['stop-alarm'] ?? [],
      maxProbeFailures,
      periodMs,
      onError,
      onClose: () => c.close(),
      session,
    });
    const scenarioDir = library.defaultScenarioDir();
    return Object.assign(built, { scenarios: () => library.listScenarios(scenarioDir) });
  };
  const ready = prepare().then((s) => {
    services = s;
    return s;
  });
  ready.catch(() => {}); // told through the console (runConsole rethrows it)

  // SIGINT/SIGTERM from outside (kill, a closing terminal, a CI timeout): halt and undo, then close.
  const closing = new AbortController();
  let interrupted: { signal: string; undone: number; failed: string[] } | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = { signal, undone: 0, failed: [] };
    if (!services) return closing.abort(); // nothing can have changed yet
    void services
      .haltAndUndo()
      .then((r) => Object.assign(interrupted!, r))
      .catch((err) => interrupted!.failed.push(String((err as Error).message ?? err)))
      .finally(() => closing.abort());
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let outcome: { play?: string } = {};
  try {
    const { runConsole } = await consoleModule;
    outcome = await runConsole(
      { info: base, ready },
      {
        readOnly: base.readOnly,
        inventoryRefreshMs: base.sandbox ? 5_000 : 15_000,
        signal: closing.signal,
      },
    );
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // Quit while still connecting: the services may arrive after the frame is gone.
    if (!services) services = await ready.catch(() => undefined);
    if (services) await services.close();
    else await conn?.close();
  }
  if (interrupted)
    process.stderr.write(
      `gameday: ${interrupted.signal}: halted and undid ${interrupted.undone} change(s)${interrupted.failed.length ? `; FAILED: ${interrupted.failed.join('; ')}` : ''}\n`,
    );
  const left = services?.activeChanges() ?? 0;
  if (left > 0)
    process.stderr.write(
      `gameday: ${left} change(s) were left active; undo them with \`gameday recover\` or by hand\n`,
    );
  if (session) {
    const why = outcome.play ? `opened scenario ${outcome.play}` : 'quit';
    const closed = session.close(left > 0 ? `${why} with ${left} change(s) active` : why);
    for (const e of closed.errors) process.stderr.write(`gameday: recording ${closed.dir}: ${e}\n`);
    process.stderr.write(`gameday: session recorded in ${closed.dir}\n`);
  }
  if (outcome.play && !interrupted) {
    // Runbook mode on the same account (or the same seeded sandbox), as `gameday play FILE` would.
    const play = await import('./play.js');
    return play.run([outcome.play, ...playFlags(values)]);
  }
  return 0;
};

/** The console's connection and recording flags, as `gameday play` takes them. */
function playFlags(values: ReturnType<typeof parse>['values']): string[] {
  const out: string[] = [];
  for (const name of ['sandbox', 'allow-untagged', 'no-record'] as const)
    if (values[name]) out.push(`--${name}`);
  for (const name of [
    'sandbox-size',
    'seed',
    'speed',
    'region',
    'profile',
    'timeout',
    'record-dir',
  ] as const) {
    const v = values[name];
    if (v !== undefined) out.push(`--${name}`, v);
  }
  return out;
}

/** Asks a yes/no question on the terminal (before the console takes the screen); no means no. */
async function askYes(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** Opens the session's recording (write-ahead), or says in one line why it cannot. */
async function openSession(root: string, info: { account: string; region: string; sandbox: boolean }) {
  const [{ Session }, { VERSION }] = await Promise.all([
    import('../session/session.js'),
    import('./version.js'),
  ]);
  try {
    return Session.open(
      {
        title: `console session${info.sandbox ? ' (sandbox)' : ''}`,
        accountId: info.account,
        region: info.region,
        sandbox: info.sandbox,
        operator: process.env.USER ?? null,
        gamedayVersion: VERSION,
      },
      { root },
    );
  } catch (err) {
    throw new UserError(
      `cannot record the session under ${root}: ${(err as Error).message} (give another --record-dir, or --no-record)`,
    );
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      ...AWS_FLAGS,
      'read-only': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'stop-alarm': { type: 'string', multiple: true },
      'max-probe-failures': { type: 'string' },
      period: { type: 'string' },
      'on-error': { type: 'string' },
      'allow-untagged': { type: 'boolean' },
      'record-dir': { type: 'string' },
      'no-record': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
    strict: true,
  });
}
