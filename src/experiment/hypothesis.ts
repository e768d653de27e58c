// The steady-state hypothesis (chaoslib's run_steady_state_hypothesis): probes in order, stopping
// at the first probe that raises or misses its tolerance; probe tolerances get `value` injected.
import { executeActivity, runProvider } from './activity.js';
import { ActivityFailed } from './errors.js';
import type { HypothesisPhase } from './events.js';
import { pyTruthy } from './pyvalue.js';
import type { RunContext } from './run-context.js';
import { withinTolerance } from './tolerance.js';
import { type Activity, isObject, type SteadyState } from './types.js';

/** True when the experiment has a hypothesis with at least one probe. */
export function hasHypothesis(ctx: RunContext): boolean {
  const h = ctx.experiment['steady-state-hypothesis'];
  return isObject(h) && Array.isArray(h.probes) && h.probes.length > 0;
}

/** Runs the hypothesis once and returns its state (also emitted as hypothesis-end). */
export async function runHypothesis(
  ctx: RunContext,
  phase: HypothesisPhase,
  signal: AbortSignal,
  iteration?: number,
): Promise<SteadyState> {
  const hypo = ctx.experiment['steady-state-hypothesis'] ?? {};
  ctx.emit({ type: 'hypothesis-start', phase, title: String(hypo.title ?? ''), iteration });
  const state: SteadyState = { steady_state_met: null, probes: [] };
  const probes = (hypo.probes ?? []) as Activity[];
  const done = (met: boolean, probeRaised = false) => {
    state.steady_state_met = met;
    ctx.emit({ type: 'hypothesis-end', phase, state, probeRaised });
    return state;
  };
  const dryProbes = ctx.dry === 'probes' || ctx.dry === 'activities';
  for (const [index, probe] of probes.entries()) {
    const entry = await executeActivity(ctx, probe, { phase: 'hypothesis', hypothesisPhase: phase, signal });
    if (entry.status === 'failed') {
      state.probes.push({ ...entry, tolerance_met: false });
      return done(false, true);
    }
    if (dryProbes) {
      state.probes.push({ ...entry, tolerance_met: true });
      continue;
    }
    const met = await withinTolerance(probe.tolerance, entry.output, {
      configuration: ctx.configuration,
      secrets: ctx.secrets,
      runProbe: (tol, value) => runToleranceProbe(ctx, tol, value, index, signal),
    });
    state.probes.push({ ...entry, tolerance_met: met });
    if (!met) return done(false);
  }
  return done(true);
}

// chaoslib writes `value` into the tolerance's provider.arguments (a KeyError when there are none)
// and calls the provider; a truthy result passes, ActivityFailed does not.
async function runToleranceProbe(
  ctx: RunContext,
  tol: Record<string, unknown>,
  value: unknown,
  probeIndex: number,
  signal: AbortSignal,
): Promise<boolean> {
  const provider = isObject(tol.provider) ? tol.provider : undefined;
  if (!provider || !isObject(provider.arguments))
    throw new Error("KeyError: 'arguments' (a probe tolerance needs an arguments object)");
  const withValue = {
    ...tol,
    provider: { ...provider, arguments: { ...provider.arguments, value } },
  } as Activity;
  let met: boolean;
  try {
    met = pyTruthy(await runProvider(ctx, withValue, signal));
  } catch (err) {
    if (!(err instanceof ActivityFailed)) throw err;
    met = false;
  }
  ctx.emit({ type: 'tolerance-probe', probeIndex, value, met });
  return met;
}
