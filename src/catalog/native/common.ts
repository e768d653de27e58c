// Pieces the native (gameday.*) attacks share: FIS-style durations, instance candidates found by
// ids/tags/AZ/state, the seeded selection, and "undo after a duration" for time-boxed attacks.
import { optStr, optStrList, tagDict, tagsOf } from '../args.js';
import { describeInstances, type Instance, instancesOf } from '../chaosaws/ec2-common.js';
import { ActivityFailed, CatalogInputError } from '../errors.js';
import type { UndoRecord } from '../guard.js';
import { opt } from '../params.js';
import { type Candidate, parseQuantity, type Selection, select } from '../selection.js';
import type { Args, Run } from '../types.js';

/** Seconds from `90`, `"90"`, `"90s"`, `"5m"`, `"1h"` or ISO 8601 `"PT1M30S"`; undefined when absent. */
export function parseDuration(v: unknown, where = 'duration'): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number' && v >= 0) return v;
  const t = String(v).trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const simple = /^(\d+(?:\.\d+)?)(s|m|h)$/i.exec(t);
  if (simple)
    return Number(simple[1]) * { s: 1, m: 60, h: 3600 }[simple[2]!.toLowerCase() as 's' | 'm' | 'h'];
  const iso = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/i.exec(t);
  if (iso && (iso[1] || iso[2] || iso[3]))
    return Number(iso[1] ?? 0) * 3600 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0);
  throw new CatalogInputError(`${where}: "${t}" is not a duration (use seconds, 90s, 5m, 1h or PT5M)`);
}

/** The target parameters every native instance attack takes. */
export const TARGET_PARAMS = [
  opt('instance_ids', null, 'List[str]', 'explicit instance ids'),
  opt('tags', null, 'Dict[str, str]', 'instances carrying all these tags ({"k": "v"} or "k=v,k2=v2")'),
  opt('az', null, 'str', 'only instances in this availability zone'),
  opt('states', ['running'], 'List[str]', 'only instances in these states'),
  opt(
    'selection',
    'ALL',
    'str',
    'ALL, COUNT(n) or PERCENT(n) of the matches, picked with the seeded generator',
  ),
];

/** An instance as a selection candidate. */
export interface InstanceCandidate extends Candidate {
  instance: Instance;
}

/** Finds instances by ids/tags (server-side) and AZ/state (client-side: moto ignores the AZ filter), then selects. */
export async function selectInstances(a: Args, run: Run): Promise<Selection<InstanceCandidate>> {
  const ids = optStrList(a, 'instance_ids');
  const tags = tagDict(a.tags) ?? {};
  const filters = Object.entries(tags).map(([k, v]) => ({ Name: `tag:${k}`, Values: [v] }));
  if (!ids?.length && filters.length === 0 && !optStr(a, 'az'))
    throw new ActivityFailed('give instance_ids, tags or az to say which instances to target');
  const res = await describeInstances(run.aws, ids?.length ? { ids } : { filters });
  const cands: InstanceCandidate[] = instancesOf(res).map((i) => ({
    id: String(i.InstanceId),
    tags: tagsOf(i.Tags),
    az: i.Placement?.AvailabilityZone,
    state: i.State?.Name,
    instance: i,
  }));
  const states = optStrList(a, 'states');
  const sel = select(
    cands,
    { tags, az: optStr(a, 'az'), states: states?.length ? states : undefined },
    parseQuantity(String(a.selection ?? 'ALL'), 'selection'),
    run.rng(),
  );
  if (sel.chosen.length === 0)
    throw new ActivityFailed('no instance matches the target (check ids, tags, az and states)');
  await run.attack.recordSelection(sel);
  return sel;
}

/** JSON form of a selection for return values (ids only). */
export function selectionOut(sel: Selection): Record<string, unknown> {
  return {
    quantity: sel.quantity,
    seed: sel.seed,
    candidates: sel.candidates,
    chosen: sel.chosen.map((c) => c.id),
  };
}

/**
 * Waits `seconds`, then plays the undo records (newest first): the FIS "post action". Halted early,
 * it leaves them active for the halt's undoAll. Returns whether the undo ran and what failed.
 */
export async function undoAfter(
  run: Run,
  seconds: number | undefined,
  records: readonly UndoRecord[],
  tolerate?: (rec: UndoRecord) => boolean,
): Promise<{ restored: boolean; failed: string[] }> {
  if (seconds === undefined || run.attack.dry) return { restored: false, failed: [] };
  if (!(await run.sleep(seconds * 1000))) return { restored: false, failed: [] };
  const failed: string[] = [];
  for (const rec of [...records].reverse())
    if (!(await run.guard.undo(rec)) && !tolerate?.(rec))
      failed.push(`${rec.description}: ${rec.error ?? 'failed'}`);
  if (failed.length) throw new ActivityFailed(`could not undo after the duration: ${failed.join('; ')}`);
  return { restored: true, failed };
}
