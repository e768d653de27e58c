// The run lifecycle (chaoslib's Runner._run, lib >= 1.35 semantics, chaostoolkit.md 1.8 and 2.2):
// gate hypothesis, method (with background activities and a continuous hypothesis), deviation
// check, rollbacks per strategy. It only emits events; the journal and the log are projections.
import { executeActivity } from './activity.js';
import { type ExperimentVars, loadConfiguration, loadSecrets } from './configuration.js';
import { loadDynamicConfiguration } from './dynamic-config.js';
import { errorMessage, Interrupted } from './errors.js';
import type { RunEvent } from './events.js';
import { hasHypothesis, runHypothesis } from './hypothesis.js';
import { projectJournal } from './journal.js';
import { defaultProviders } from './providers/index.js';
import type { ProviderSet } from './providers/types.js';
import type { FunctionRegistry } from './registry.js';
import { runRollbacks } from './rollbacks.js';
import { type Clock, RunContext, realClock, realSleep, type Sleep } from './run-context.js';
import {
  type DryMode,
  type HypothesisStrategy,
  type RollbackStrategy,
  runsAfter,
  runsBefore,
  runsDuring,
} from './strategy.js';
import { substitute } from './substitute.js';
import type { Activity, Experiment, Journal, RunStatus } from './types.js';

/** Everything a run needs; all of it injectable so the console and tests drive the same runner. */
export interface RunOptions {
  registry: FunctionRegistry;
  /** Receives every event as it happens. */
  emit?: (event: RunEvent) => void;
  hypothesisStrategy?: HypothesisStrategy;
  rollbackStrategy?: RollbackStrategy;
  dry?: DryMode;
  /** Seconds between continuous hypothesis iterations (default 1). */
  hypothesisFrequency?: number;
  failFast?: boolean;
  vars?: ExperimentVars;
  env?: Record<string, string | undefined>;
  /** Interrupts the run (Ctrl-C). */
  signal?: AbortSignal;
  /** Interrupts the rollbacks (a second Ctrl-C). */
  rollbackSignal?: AbortSignal;
  clock?: Clock;
  sleep?: Sleep;
  providers?: Partial<ProviderSet>;
  host?: { platform: string; node: string };
}

/** The outcome of a run. */
export interface RunResult {
  status: RunStatus;
  deviated: boolean;
  journal: Journal;
  events: RunEvent[];
}

/** chaoslib version whose semantics (and journal shape) this runner follows. */
export const CHAOSLIB_COMPAT_VERSION = '1.45.0';

/** Runs a (validated) experiment. Throws only for configuration errors, before anything runs. */
export async function runExperiment(experiment: Experiment, opts: RunOptions): Promise<RunResult> {
  const env = opts.env ?? process.env;
  const staticConfig = loadConfiguration(experiment.configuration, opts.vars?.configuration ?? {}, env);
  const secrets = loadSecrets(experiment.secrets, opts.vars?.secrets ?? {}, env);
  const signal = opts.signal ?? new AbortController().signal;
  const providers = { ...defaultProviders, ...opts.providers };
  const clock = opts.clock ?? realClock;
  const sleep = opts.sleep ?? realSleep;
  const emit = opts.emit ?? (() => {});
  const configuration = await loadDynamicConfiguration(staticConfig, secrets, {
    providers,
    registry: opts.registry,
    signal,
    emit,
    clock,
  });
  const ctx = new RunContext(
    experiment,
    opts.registry,
    providers,
    configuration,
    secrets,
    clock,
    sleep,
    opts.dry,
    emit,
  );
  const strategy = opts.hypothesisStrategy ?? 'default';
  const rollbackStrategy = opts.rollbackStrategy ?? 'default';
  const title =
    typeof experiment.title === 'string'
      ? substitute(experiment.title, configuration, secrets)
      : experiment.title;
  const withSsh = hasHypothesis(ctx) && strategy !== 'skip';
  ctx.emit({
    type: 'run-start',
    experiment: { ...experiment, title: title as string, dry: opts.dry ?? null },
    hypothesisStrategy: strategy,
    rollbackStrategy,
    dry: opts.dry ?? null,
    hasHypothesis: hasHypothesis(ctx),
    host: {
      ...(opts.host ?? { platform: 'unknown', node: 'unknown' }),
      chaoslibVersion: CHAOSLIB_COMPAT_VERSION,
    },
  });

  try {
    let gatePassed = true;
    if (withSsh && runsBefore(strategy)) {
      const state = await runHypothesis(ctx, 'before', signal);
      if (!state.steady_state_met) {
        gatePassed = false;
        if (state.probes.at(-1)?.status === 'failed') ctx.status = 'failed';
      }
    }
    if (gatePassed) {
      const loop = withSsh && runsDuring(strategy) ? startContinuous(ctx, opts, signal) : undefined;
      let methodDone = false;
      try {
        await runMethod(ctx, signal);
        methodDone = true;
      } finally {
        await loop?.stop();
      }
      const stillRunning = ctx.status !== 'interrupted' && ctx.status !== 'aborted';
      if (methodDone && stillRunning && withSsh && runsAfter(strategy)) await runAfter(ctx, signal);
    }
  } catch (err) {
    if (err instanceof Interrupted) {
      ctx.status = 'interrupted';
      ctx.emit({ type: 'interrupted', during: 'run' });
    } else {
      ctx.status = 'aborted';
      ctx.emit({ type: 'aborted', message: errorMessage(err) });
    }
  }

  await runRollbacks(ctx, rollbackStrategy, opts.rollbackSignal ?? new AbortController().signal);
  const status: RunStatus = ctx.status ?? 'completed';
  ctx.emit({ type: 'run-end', status, deviated: ctx.deviated });
  return { status, deviated: ctx.deviated, journal: projectJournal(ctx.events), events: ctx.events };
}

async function runAfter(ctx: RunContext, signal: AbortSignal): Promise<void> {
  const state = await runHypothesis(ctx, 'after', signal);
  if (!state.steady_state_met) {
    ctx.deviated = true;
    if (state.probes.at(-1)?.status === 'failed') ctx.status = 'failed';
  }
}

// The method: activities in order, background ones started and awaited at the end. Unexpected
// errors abort the run (status aborted); interruptions propagate.
async function runMethod(ctx: RunContext, signal: AbortSignal): Promise<void> {
  const method = (Array.isArray(ctx.experiment.method) ? ctx.experiment.method : []) as Activity[];
  ctx.emit({ type: 'method-start', count: method.length });
  const background: Promise<unknown>[] = [];
  try {
    for (const item of method) {
      if (ctx.stopped) break;
      const run = executeActivity(ctx, item, { phase: 'method', signal });
      if (item.background === true) {
        run.catch(() => {});
        background.push(run);
      } else await run;
    }
    const settled = await Promise.allSettled(background);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (err) {
    if (err instanceof Interrupted) throw err;
    await Promise.allSettled(background);
    ctx.status = 'aborted';
    ctx.emit({ type: 'aborted', message: errorMessage(err) });
  }
  ctx.emit({ type: 'method-end' });
}

// The during-method loop: one hypothesis per iteration, `frequency` seconds apart, until the
// method ends; with fail-fast the first deviation fails the run.
function startContinuous(
  ctx: RunContext,
  opts: RunOptions,
  runSignal: AbortSignal,
): { stop(): Promise<void> } {
  const frequency = opts.hypothesisFrequency ?? 1;
  const stopper = new AbortController();
  const loopSignal = AbortSignal.any([runSignal, stopper.signal]);
  ctx.emit({ type: 'continuous-start', frequency });
  const done = (async () => {
    let failed = 0;
    let failFastRatio: number | undefined;
    try {
      for (let iteration = 1; !stopper.signal.aborted; iteration++) {
        if (ctx.stopped) break;
        const state = await runHypothesis(ctx, 'during', runSignal, iteration);
        if (!state.steady_state_met) {
          failed++;
          const ratio = (failed * 100) / iteration;
          if (opts.failFast && ratio >= 0) {
            failFastRatio = ratio;
            ctx.status = 'failed';
            break;
          }
        }
        await ctx.sleep(frequency * 1000, loopSignal);
      }
    } catch (err) {
      if (!(err instanceof Interrupted)) {
        ctx.status = 'aborted';
        ctx.emit({ type: 'aborted', message: errorMessage(err) });
      }
    }
    ctx.emit({ type: 'continuous-end', failFastRatio });
  })();
  return {
    stop: async () => {
      stopper.abort();
      await done;
    },
  };
}
