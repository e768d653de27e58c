// A recording's ticks are a time index: the console idling measures every fifth period only, so
// its samples can skip ticks. These lay samples on the full grid of ticks (null where a period was
// not measured) and read the loop's period as time per tick, so charts keep their time axis.
// Recordings are input like any other: ticks that are not whole numbers, or gaps too wide to lay
// out, fall back to one slot per sample (as recordings were read before).

/** A recorded sample's place in time. */
export interface TickStamp {
  tick: number;
  at: number;
}

/** At most this many slots in the grids of one recording (a day of one-second ticks is 86,400;
 * past it, the charts go back to one slot per sample). */
export const MAX_GRID_SLOTS = 200_000;

/** The loop's period: the median over consecutive recorded ticks of their time apart divided by
 * the ticks apart (undefined with fewer than two ticks, or none that make sense). */
export function periodPerTick(samples: readonly TickStamp[]): number | undefined {
  const first = new Map<number, number>();
  for (const s of samples)
    if (Number.isFinite(s.tick) && Number.isFinite(s.at) && !first.has(s.tick)) first.set(s.tick, s.at);
  const ticks = [...first.keys()].sort((a, b) => a - b);
  const per = ticks
    .slice(1)
    .map((t, i) => (first.get(t)! - first.get(ticks[i]!)!) / (t - ticks[i]!))
    .filter((p) => Number.isFinite(p) && p > 0)
    .sort((a, b) => a - b);
  return per.length ? Math.max(1, Math.round(per[Math.floor(per.length / 2)]!)) : undefined;
}

/** Slots several grids built from one recording may take together (one report). */
export interface GridBudget {
  left: number;
}

/** A budget for the grids of one recording. */
export const gridBudget = (): GridBudget => ({ left: MAX_GRID_SLOTS });

/** Whether the samples' ticks can be laid on a grid: whole numbers spanning what the budget has. */
function griddable(
  samples: readonly { tick: number }[],
  budget: GridBudget,
): { from: number; to: number } | undefined {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const s of samples) {
    if (!Number.isSafeInteger(s.tick)) return undefined;
    from = Math.min(from, s.tick);
    to = Math.max(to, s.tick);
  }
  if (to - from + 1 > budget.left) return undefined;
  budget.left -= to - from + 1;
  return { from, to };
}

/** The samples, one slot per tick from the first recorded to the last (null: not measured then);
 * ticks that cannot be laid out (or that would take more than the budget) give one slot per
 * sample instead. */
export function onTickGrid<T extends { tick: number }>(
  samples: readonly T[],
  budget: GridBudget = gridBudget(),
): { ticks: number[]; slots: (T | null)[] } {
  if (!samples.length) return { ticks: [], slots: [] };
  const span = griddable(samples, budget);
  if (!span) return { ticks: samples.map((s) => s.tick), slots: [...samples] };
  const byTick = new Map<number, T>();
  for (const s of samples) if (!byTick.has(s.tick)) byTick.set(s.tick, s);
  const ticks: number[] = [];
  const slots: (T | null)[] = [];
  for (let t = span.from; t <= span.to; t++) {
    ticks.push(t);
    slots.push(byTick.get(t) ?? null);
  }
  return { ticks, slots };
}

/** How many empty slots go before a sample at `tick` that follows one at `last`: the periods
 * between them, none when the ticks are not whole numbers in order or the gap is too wide, and no
 * more than the budget has left (what is given is taken from it). */
export function slotsBetween(
  last: number | undefined,
  tick: number,
  budget: GridBudget = gridBudget(),
): number {
  if (last === undefined || !Number.isSafeInteger(last) || !Number.isSafeInteger(tick)) return 0;
  const gap = tick - last - 1;
  const n = gap > 0 && gap < MAX_GRID_SLOTS ? Math.min(gap, budget.left) : 0;
  budget.left -= n;
  return n;
}
