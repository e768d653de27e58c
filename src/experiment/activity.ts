// Running one activity the way chaoslib's execute_activity does: pause before, run (unless dry),
// record the run entry, pause after. An ActivityFailed becomes a `failed` entry and the run goes
// on; an interruption propagates.
import { ActivityFailed, Interrupted } from './errors.js';
import type { ActivityPhase, HypothesisPhase } from './events.js';
import { pyStr } from './pyvalue.js';
import type { RunContext } from './run-context.js';
import { isDryFor } from './strategy.js';
import { substitute } from './substitute.js';
import { isoUtc, secondsBetween } from './time.js';
import { type Activity, isObject, type RunEntry } from './types.js';
import { refTable } from './validate.js';

/** Where and how an activity is being run. */
export interface ActivityCall {
  phase: ActivityPhase;
  hypothesisPhase?: HypothesisPhase;
  signal: AbortSignal;
}

/** Resolves a `{"ref"}` stub to its activity; a missing target is an unexpected error, like chaoslib. */
export function resolveActivity(ctx: RunContext, item: Activity): Activity {
  if (typeof item.ref === 'string' && item.ref) {
    const target = refTable(ctx.experiment).get(item.ref);
    if (!target) throw new Error(`could not find referenced activity '${item.ref}'`);
    return target as Activity;
  }
  return item;
}

function pauseSeconds(ctx: RunContext, v: unknown): number {
  const n = substitute(v, ctx.configuration, ctx.secrets);
  if (typeof n === 'number') return n;
  const f = Number(n);
  if (Number.isFinite(f)) return f;
  throw new Error(`pause must be a number, got ${pyStr(n)}`);
}

/** Runs the provider of `activity` (no pauses, no journal entry): what a probe tolerance uses. */
export async function runProvider(
  ctx: RunContext,
  activity: Activity,
  signal: AbortSignal,
): Promise<unknown> {
  const type = activity.provider?.type;
  if (type !== 'python' && type !== 'process' && type !== 'http')
    throw new ActivityFailed(`unknown provider type '${pyStr(type)}'`);
  return ctx.providers[type](activity, ctx.providerContext(signal));
}

/** Executes one declared item (activity or ref) and returns its journal run entry. */
export async function executeActivity(
  ctx: RunContext,
  item: Activity,
  call: ActivityCall,
): Promise<RunEntry> {
  const activity = resolveActivity(ctx, item);
  const dryHere = isDryFor(ctx.dry, activity.type);
  const skipPause = dryHere || ctx.dry === 'pause';
  const pauses = isObject(activity.pauses) ? activity.pauses : {};
  const name = String(activity.name ?? '');
  const before = pauses.before !== undefined && pauses.before !== null ? pauseSeconds(ctx, pauses.before) : 0;
  if (before) {
    ctx.emit({ type: 'pause', when: 'before', seconds: before, activity: name, skipped: skipPause });
    if (!skipPause) await ctx.sleep(before * 1000, call.signal);
  }
  if (call.signal.aborted) throw new Interrupted('interrupted');
  const id = ctx.id();
  const background = activity.background === true;
  ctx.emit({
    type: 'activity-start',
    id,
    phase: call.phase,
    hypothesisPhase: call.hypothesisPhase,
    activity,
    declaredName: typeof item.name === 'string' ? item.name : null,
    background,
  });
  const start = ctx.clock.now();
  let output: unknown = null;
  let error: string | undefined;
  try {
    if (!dryHere) output = (await runProvider(ctx, activity, call.signal)) ?? null;
  } catch (err) {
    if (err instanceof Interrupted) throw err;
    if (!(err instanceof ActivityFailed)) throw err;
    error = err.message;
  }
  const end = ctx.clock.now();
  const entry: RunEntry =
    error === undefined
      ? {
          activity,
          output,
          start: isoUtc(start),
          status: 'succeeded',
          end: isoUtc(end),
          duration: secondsBetween(start, end),
        }
      : {
          activity,
          output: null,
          start: isoUtc(start),
          status: 'failed',
          exception: [`chaoslib.exceptions.ActivityFailed: ${error}\n`],
          end: isoUtc(end),
          duration: secondsBetween(start, end),
        };
  ctx.emit({
    type: 'activity-end',
    id,
    phase: call.phase,
    hypothesisPhase: call.hypothesisPhase,
    entry,
    error,
  });
  const after = pauses.after !== undefined && pauses.after !== null ? pauseSeconds(ctx, pauses.after) : 0;
  if (after) {
    ctx.emit({ type: 'pause', when: 'after', seconds: after, activity: name, skipped: skipPause });
    if (!skipPause) await ctx.sleep(after * 1000, call.signal);
  }
  return entry;
}
