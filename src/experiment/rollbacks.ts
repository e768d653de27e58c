// Rollbacks per strategy (chaostoolkit.md 1.8): default plays them unless the run failed or was
// interrupted; always / never / deviated; a failing rollback does not stop the later ones.
import { executeActivity } from './activity.js';
import { errorMessage, Interrupted } from './errors.js';
import type { RunContext } from './run-context.js';
import type { Activity } from './types.js';

/** Whether a strategy plays the rollbacks for this run's status and deviation. */
export function shouldPlayRollbacks(strategy: string, status: string | null, deviated: boolean): boolean {
  if (strategy === 'always') return true;
  if (strategy === 'never') return false;
  if (strategy === 'default') return status !== 'failed' && status !== 'interrupted';
  if (strategy === 'deviated') return deviated;
  return false;
}

/** Applies the strategy and plays the rollbacks when it says so. */
export async function runRollbacks(ctx: RunContext, strategy: string, signal: AbortSignal): Promise<void> {
  const play = shouldPlayRollbacks(strategy, ctx.status, ctx.deviated);
  ctx.emit({ type: 'rollback-decision', strategy, play, deviated: ctx.deviated });
  if (!play) return;
  const rollbacks = (Array.isArray(ctx.experiment.rollbacks) ? ctx.experiment.rollbacks : []) as Activity[];
  ctx.emit({ type: 'rollbacks-start', count: rollbacks.length });
  const background: Promise<unknown>[] = [];
  try {
    for (const item of rollbacks) {
      const run = executeActivity(ctx, item, { phase: 'rollback', signal }).catch((err) => {
        if (err instanceof Interrupted) throw err;
        ctx.emit({ type: 'note', level: 'error', message: `  => failed: ${errorMessage(err)}` });
      });
      if (item.background === true) background.push(run);
      else await run;
    }
    const settled = await Promise.allSettled(background);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (err) {
    if (!(err instanceof Interrupted)) throw err;
    ctx.status = 'interrupted';
    ctx.emit({ type: 'interrupted', during: 'rollbacks' });
  }
  ctx.emit({ type: 'rollbacks-end' });
}
