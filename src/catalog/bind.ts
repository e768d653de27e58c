// Turns the static catalogue (EntrySpec[]) into registered functions for one session: each call
// gets its AWS door, an Attack on the session's guard, defaults filled in, and a halt-aware sleep.
import type { ActivityContext } from '../experiment/registry.js';
import { ActivityFailed } from './errors.js';
import type { Args, CatalogEntry, CatalogRuntime, EntrySpec, Run } from './types.js';

/** The Chaos Toolkit name of an entry (`chaosaws.ec2.actions.stop_instances`). */
export function entryId(spec: Pick<EntrySpec, 'module' | 'func'>): string {
  return `${spec.module}.${spec.func}`;
}

/** Fills defaults for parameters the caller left out (the engine may already have done so). */
export function withDefaults(spec: EntrySpec, args: Args): Args {
  const out: Args = { ...args };
  for (const p of spec.params) if (!(p.name in out) && !p.required) out[p.name] = p.default ?? null;
  return out;
}

/** Binds one spec; an unsupported one fails with "not supported yet" instead of doing nothing. */
export function bindEntry(spec: EntrySpec, rt: CatalogRuntime | undefined): CatalogEntry {
  const { impl, ...rest } = spec;
  return {
    ...rest,
    id: entryId(spec),
    async call(args: Args, ctx: ActivityContext) {
      if (spec.unsupported || !impl)
        throw new ActivityFailed(
          `${entryId(spec)} is not supported yet: ${spec.unsupported ?? 'no implementation'}`,
        );
      if (!rt) throw new ActivityFailed(`${entryId(spec)} cannot run: the catalogue has no AWS session`);
      const aws = await rt.aws(ctx);
      const run: Run = {
        aws,
        guard: rt.guard,
        attack: rt.guard.attack(ctx.activityName || entryId(spec), aws, { dry: ctx.dry }),
        ctx,
        rng: () => rt.guard.selectionRng(),
        sleep: (ms) => (rt.sleep ?? sleep)(ms, ctx.signal),
        now: () => (rt.now ?? Date.now)(),
        log: (line) => rt.log?.(line),
      };
      return impl(withDefaults(spec, args), run);
    },
  };
}

/** Waits `ms`, resolving false early when the signal fires (halt). */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
