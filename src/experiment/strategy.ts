// Run strategies (chaostoolkit.md 1.8): which hypothesis checks run when, which rollbacks play, and
// the precedence CLI flag > experiment `runtime` > "default".
import { type Experiment, isObject } from './types.js';

/** The hypothesis strategies `chaos run --hypothesis-strategy` accepts. */
export const HYPOTHESIS_STRATEGIES = [
  'default',
  'before-method-only',
  'after-method-only',
  'during-method-only',
  'continuously',
];
/** The rollback strategies `chaos run --rollback-strategy` accepts. */
export const ROLLBACK_STRATEGIES = ['default', 'always', 'never', 'deviated'];
/** `--dry` modes. */
export const DRY_MODES = ['probes', 'actions', 'activities', 'pause'] as const;

/** A hypothesis strategy (plus `skip`, reachable only through `runtime`). */
export type HypothesisStrategy =
  | 'default'
  | 'before-method-only'
  | 'after-method-only'
  | 'during-method-only'
  | 'continuously'
  | 'skip';
/** A rollback strategy; anything unknown means "never played" like chaoslib. */
export type RollbackStrategy = string;
/** What `--dry` skips. */
export type DryMode = (typeof DRY_MODES)[number];

/** Strategies from flags, else the experiment's `runtime` (a missing one there resets to default). */
export function resolveStrategies(
  exp: Experiment,
  flags: { hypothesis?: string; rollbacks?: string },
): { hypothesis: HypothesisStrategy; rollbacks: RollbackStrategy } {
  let hypothesis = 'default';
  let rollbacks = 'default';
  if (isObject(exp.runtime)) {
    const h = isObject(exp.runtime.hypothesis) ? exp.runtime.hypothesis.strategy : undefined;
    const r = isObject(exp.runtime.rollbacks) ? exp.runtime.rollbacks.strategy : undefined;
    if (typeof h === 'string') hypothesis = h;
    if (typeof r === 'string') rollbacks = r;
  }
  if (flags.hypothesis) hypothesis = flags.hypothesis;
  if (flags.rollbacks) rollbacks = flags.rollbacks;
  if (hypothesis === 'continously') hypothesis = 'continuously';
  if (![...HYPOTHESIS_STRATEGIES, 'skip'].includes(hypothesis))
    throw new Error(`Unknown strategy ${hypothesis}`);
  return { hypothesis: hypothesis as HypothesisStrategy, rollbacks };
}

/** Whether the gate hypothesis runs before the method. */
export const runsBefore = (s: HypothesisStrategy) =>
  s === 'default' || s === 'before-method-only' || s === 'continuously';
/** Whether the deviation check runs after the method. */
export const runsAfter = (s: HypothesisStrategy) =>
  s === 'default' || s === 'after-method-only' || s === 'continuously';
/** Whether the hypothesis loops during the method. */
export const runsDuring = (s: HypothesisStrategy) => s === 'during-method-only' || s === 'continuously';

/** Whether an activity of this type is skipped (not run) under a dry mode. */
export function isDryFor(dry: DryMode | undefined, activityType: unknown): boolean {
  if (dry === 'activities') return true;
  if (dry === 'actions') return activityType === 'action';
  if (dry === 'probes') return activityType === 'probe';
  return false;
}
