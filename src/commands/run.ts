// `gameday run FILE`: `chaos run` compatible. Validates, runs headlessly, prints chaos's log lines
// to stderr, writes the journal, and exits like chaos (1 when the status is not completed or the
// run deviated). Usage, load and validation errors exit 2 with one clear message.
import { writeFileSync } from 'node:fs';
import { arch, hostname, release, type } from 'node:os';
import { parseArgs } from 'node:util';
import type { GuardEvent } from '../catalog/guard-types.js';
import { ConfigError } from '../experiment/configuration.js';
import { formatIssue, LoadError } from '../experiment/errors.js';
import type { RunEvent } from '../experiment/events.js';
import { journalJson } from '../experiment/journal.js';
import { loadExperimentFile } from '../experiment/load.js';
import { colourModeFor, formatLine, type Level, logLines } from '../experiment/log.js';
import { runExperiment } from '../experiment/runner.js';
import {
  DRY_MODES,
  type DryMode,
  HYPOTHESIS_STRATEGIES,
  type HypothesisStrategy,
  ROLLBACK_STRATEGIES,
  resolveStrategies,
} from '../experiment/strategy.js';
import type { Experiment } from '../experiment/types.js';
import { validateExperiment } from '../experiment/validate.js';
import { loadVarFiles, parseVars, type VarFileResult } from '../experiment/vars.js';
import type { Session } from '../session/session.js';
import { UserError } from '../util/errors.js';
import { type GuardFlags, type LoadedFunctions, loadFunctionRegistry } from './functions.js';
import type { CommandModule } from './registry.js';
import { openRunSession } from './run-session.js';
import { sandboxSleep } from './sandbox-time.js';

const USAGE =
  'usage: gameday run FILE [--journal-path P] [--dry [probes|actions|activities|pause]] [--rollback-strategy S] ' +
  '[--hypothesis-strategy S] [--hypothesis-frequency N] [--fail-fast] [--var k[:type]=v] [--var-file F] ' +
  '[--no-validation] [--verbose] [--sandbox [--speed X]] [--region R] [--profile P] [--allow-untagged] [--max-targets N] ' +
  '[--max-session-targets N] [--record-dir DIR] [--no-record]';

/** Validation failed; the errors are already printed as ERROR lines (C12), so exit 2 quietly. */
export class ValidationFailed extends Error {
  override name = 'ValidationFailed';
}

/** Writes chaos-style log lines to stderr. */
export function stderrLogger(verbose: boolean): (level: Level, message: string) => void {
  const colour = colourModeFor(process.stderr.isTTY === true);
  return (level, message) => {
    if (level === 'DEBUG' && !verbose) return;
    process.stderr.write(`${formatLine({ t: Date.now(), level, message }, colour)}\n`);
  };
}

/** Loads vars, the experiment and the registry, then validates; exits 2 on any error. */
export async function loadAndValidate(
  file: string,
  opts: {
    vars: string[];
    varFiles: string[];
    sandbox?: boolean;
    sandboxSpeed?: string;
    region?: string;
    profile?: string;
    validate: boolean;
    guard?: GuardFlags;
    /** Every guard event as it happens (the run's recording). */
    onGuardEvent?: (event: GuardEvent) => void;
  },
  log: (level: Level, message: string) => void,
): Promise<{
  experiment: Experiment;
  vars: VarFileResult;
  env: Record<string, string | undefined>;
  close(): Promise<void>;
  registry: Awaited<ReturnType<typeof loadFunctionRegistry>>['registry'];
  functions: LoadedFunctions;
}> {
  const vars = loadVarFiles(opts.varFiles, parseVars(opts.vars));
  const env = { ...process.env, ...vars.env };
  const experiment = loadExperimentFile(file);
  // Its secret values are scrubbed from everything written or printed from here on.
  const { rememberExperimentSecrets } = await import('../session/experiment-secrets.js');
  rememberExperimentSecrets(experiment, vars, env);
  const functions = await loadFunctionRegistry({
    sandbox: opts.sandbox,
    sandboxSpeed: opts.sandboxSpeed,
    region: opts.region,
    profile: opts.profile,
    guard: opts.guard,
    log,
    onGuardEvent: opts.onGuardEvent,
  });
  const { registry, close } = functions;
  if (opts.validate) {
    log('INFO', "Validating the experiment's syntax");
    const issues = validateExperiment(experiment, { registry, env, vars });
    for (const i of issues) if (i.level === 'warning') log('WARNING', formatIssue(file, i));
    const errors = issues.filter((i) => i.level === 'error');
    // A scenario's runbook (extensions, name "gameday") is checked too (src/scenario).
    const { runbookIssues } = await import('../scenario/runbook.js');
    errors.push(...runbookIssues(experiment).map((i) => ({ level: 'error' as const, ...i })));
    if (errors.length) {
      for (const i of errors) log('ERROR', formatIssue(file, i));
      await close();
      throw new ValidationFailed(`${file} is not a valid experiment`);
    }
  }
  return { experiment, vars, env, registry, close, functions };
}

// `--dry` takes an optional mode: `--dry`, `--dry activities`, `--dry=probes`.
function normaliseDry(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--dry') {
      const next = argv[i + 1];
      if (next !== undefined && (DRY_MODES as readonly string[]).includes(next)) {
        out.push(`--dry=${next}`);
        i++;
      } else out.push('--dry=activities');
    } else out.push(a);
  }
  return out;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: normaliseDry(argv),
      allowPositionals: true,
      options: {
        'journal-path': { type: 'string', default: 'journal.json' },
        dry: { type: 'string' },
        'rollback-strategy': { type: 'string' },
        'hypothesis-strategy': { type: 'string' },
        'hypothesis-frequency': { type: 'string' },
        'fail-fast': { type: 'boolean', default: false },
        var: { type: 'string', multiple: true, default: [] },
        'var-file': { type: 'string', multiple: true, default: [] },
        'no-validation': { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        sandbox: { type: 'boolean', default: false },
        speed: { type: 'string' },
        region: { type: 'string' },
        profile: { type: 'string' },
        'allow-untagged': { type: 'boolean', default: false },
        'max-targets': { type: 'string' },
        'max-session-targets': { type: 'string' },
        'record-dir': { type: 'string' },
        'no-record': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UserError(`run: ${firstSentence(err)} (see gameday run --help)`, 2);
  }
}

export const run: CommandModule['run'] = async (argv) => {
  const { values: o, positionals } = parse(argv);
  if (o.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UserError(`run: expected exactly one experiment FILE (${USAGE})`, 2);
  const dry = o.dry as DryMode | undefined;
  if (dry !== undefined && !(DRY_MODES as readonly string[]).includes(dry))
    throw new UserError(`run: --dry must be one of ${DRY_MODES.join(', ')}, not "${dry}"`, 2);
  let hypo = o['hypothesis-strategy'];
  const log = stderrLogger(o.verbose);
  if (hypo === 'continously') {
    log('WARNING', "'continously' is deprecated, use 'continuously'");
    hypo = 'continuously';
  }
  if (hypo !== undefined && !HYPOTHESIS_STRATEGIES.includes(hypo))
    throw new UserError(
      `run: --hypothesis-strategy must be one of ${HYPOTHESIS_STRATEGIES.join(', ')}, not "${hypo}"`,
      2,
    );
  const rb = o['rollback-strategy'];
  if (rb !== undefined && !ROLLBACK_STRATEGIES.includes(rb))
    throw new UserError(
      `run: --rollback-strategy must be one of ${ROLLBACK_STRATEGIES.join(', ')}, not "${rb}"`,
      2,
    );
  const freqText = o['hypothesis-frequency'];
  const frequency = freqText === undefined ? 1 : Number(freqText);
  if (!Number.isFinite(frequency) || frequency < 0)
    throw new UserError(`run: --hypothesis-frequency must be a number of seconds, not "${freqText}"`, 2);

  const file = positionals[0]!;
  // Guard events reach the recording once it is open (it opens after validation succeeds).
  let session: Session | undefined;
  let loaded: Awaited<ReturnType<typeof loadAndValidate>>;
  try {
    loaded = await loadAndValidate(
      file,
      {
        vars: o.var,
        varFiles: o['var-file'],
        sandbox: o.sandbox,
        sandboxSpeed: o.speed,
        region: o.region,
        profile: o.profile,
        validate: !o['no-validation'],
        guard: {
          allowUntagged: o['allow-untagged'],
          // a scenario's runbook caps each attack at its blast radius unless --max-targets says otherwise
          maxTargets:
            countFlag(o['max-targets'], '--max-targets') ??
            (await import('../scenario/runbook.js')).scenarioCap(file, loadExperimentFile),
          maxSessionTargets: countFlag(o['max-session-targets'], '--max-session-targets'),
        },
        onGuardEvent: (e) => session?.guardEvent(e),
      },
      log,
    );
  } catch (err) {
    if (err instanceof ValidationFailed) return 2;
    if (err instanceof LoadError) throw new UserError(err.message, 2);
    throw err;
  }
  if (!o['no-validation']) log('INFO', 'Experiment looks valid');
  // A scenario's manual gates are logged "(passed headless)" between its attacks (src/scenario).
  const { headlessRunbook } = await import('../scenario/headless.js');
  const runbook = headlessRunbook(loaded.experiment, file, log);
  let strategies: ReturnType<typeof resolveStrategies>;
  try {
    strategies = resolveStrategies(loaded.experiment, { hypothesis: hypo, rollbacks: rb });
  } catch (err) {
    await loaded.close();
    throw new UserError(`${file}: runtime.hypothesis.strategy: ${(err as Error).message}`, 2);
  }
  if (!o['no-record']) {
    const root = o['record-dir'] ?? (await import('../session/record-dir.js')).defaultRecordDir();
    try {
      session = await openRunSession({
        experiment: loaded.experiment,
        root,
        sandbox: o.sandbox,
        region: o.region,
        profile: o.profile,
        connection: loaded.functions.connection,
      });
    } catch (err) {
      await loaded.close();
      throw new UserError(
        `cannot record the run under ${root}: ${(err as Error).message} (give another --record-dir, or --no-record)`,
        1,
      );
    }
    log('INFO', `Recording the run in ${session.dir}`);
  }

  const runAbort = new AbortController();
  const rollbackAbort = new AbortController();
  let signals = 0;
  let inRollbacks = false;
  let undoing = false;
  // SIGTERM is handled exactly like SIGINT: the first interrupts (and, during rollbacks, stops
  // them too); every change still in place is undone before the process ends.
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (sig === 'SIGTERM' && signals === 1)
      log('WARNING', 'Caught SIGTERM signal, interrupting experiment now');
    if (undoing) {
      log(
        'WARNING',
        `Still undoing the changes in place; to leave now, kill the process and run \`gameday recover${session ? ` ${session.dir}` : ''}\``,
      );
      return;
    }
    if (signals === 1) {
      runAbort.abort();
      if (inRollbacks) rollbackAbort.abort();
    } else if (signals === 2) rollbackAbort.abort();
    else if (!undoing) process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const colour = colourModeFor(process.stderr.isTTY === true);
  const emit = (e: RunEvent) => {
    if (e.type === 'rollbacks-start') inRollbacks = true;
    if (e.type === 'rollbacks-end') inRollbacks = false;
    session?.runEvent(e);
    for (const line of logLines(e))
      if (line.level !== 'DEBUG' || o.verbose) process.stderr.write(`${formatLine(line, colour)}\n`);
    runbook?.onEvent(e);
  };
  const sleep = sandboxSleep(o.sandbox, o.speed);
  let endReason = 'crashed';
  try {
    const result = await runExperiment(loaded.experiment, {
      registry: runbook?.registry(loaded.registry) ?? loaded.registry,
      emit,
      hypothesisStrategy: strategies.hypothesis as HypothesisStrategy,
      rollbackStrategy: strategies.rollbacks,
      dry,
      hypothesisFrequency: frequency,
      failFast: o['fail-fast'],
      vars: loaded.vars,
      env: loaded.env,
      signal: runAbort.signal,
      rollbackSignal: rollbackAbort.signal,
      ...(sleep ? { sleep } : {}),
      host: {
        platform: `${type()}-${release()}-${arch()}-with-node${process.versions.node}`,
        node: hostname(),
      },
    });
    // The guard: undo what an interrupted run left in place; record its settings and changes.
    let undoFailed = 0;
    if (runAbort.signal.aborted) {
      undoing = true;
      const undo = await loaded.functions.undoAll();
      undoing = false;
      undoFailed = undo.failed.length;
      session?.halt('interrupted by a signal', undo);
      if (undo.failed.length)
        log(
          'ERROR',
          `${undo.failed.length} change(s) could not be undone: ${undo.failed.join('; ')}. ${
            session
              ? `Finish with \`gameday recover ${session.dir}\` once the cause is fixed`
              : 'Undo them by hand'
          }`,
        );
    }
    endReason = result.status;
    const gameday = loaded.functions.summary();
    if ((gameday.changes as unknown[]).length || (gameday.guard as { widened?: unknown }).widened)
      result.journal.experiment = {
        ...result.journal.experiment,
        extensions: [
          ...(Array.isArray(result.journal.experiment.extensions)
            ? result.journal.experiment.extensions
            : []),
          gameday,
        ],
      };
    runbook?.annotate(result.journal);
    const left = (gameday.changes as { status: string }[]).filter((c) => c.status === 'active').length;
    if (left && session && !undoFailed)
      log(
        'WARNING',
        `${left} change(s) are still in place (no rollback undid them); undo them with \`gameday recover ${session.dir}\``,
      );
    try {
      // Chaos Toolkit writes literal secrets and outputs as they are; gameday redacts (docs/safety.md).
      const { redact } = await import('../session/redact.js');
      writeFileSync(o['journal-path'], `${journalJson(redact(result.journal))}\n`);
    } catch (err) {
      throw new UserError(`cannot write the journal to ${o['journal-path']}: ${(err as Error).message}`, 1);
    }
    return result.status !== 'completed' || result.deviated || undoFailed ? 1 : 0;
  } catch (err) {
    if (err instanceof ConfigError) throw new UserError(`${file}: ${err.path}: ${err.message}`, 2);
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (session) {
      const closed = session.close(endReason);
      for (const e of closed.errors) log('WARNING', `recording ${closed.dir}: ${e}`);
      log('INFO', `Run recorded in ${closed.dir}`);
    }
    await loaded.close();
  }
};

/** A positive whole number from a flag (undefined when absent), or a usage error naming the flag. */
function countFlag(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(`run: ${flag} takes a whole number of resources, not "${text}"`, 2);
  return n;
}

/** The first sentence of an error message (node:util parseArgs adds a long hint after it). */
export function firstSentence(err: unknown): string {
  return String((err as Error).message ?? err)
    .split('\n')[0]!
    .replace(/\. .*$/, '');
}
