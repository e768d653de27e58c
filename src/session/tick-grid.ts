// A recording's ticks are a time index: the console idling measures every fifth period only, so
// its samples can skip ticks. These lay samples on the full grid of ticks (null where a period was
// not measured) and read the loop's period as time per tick, so charts keep their time axis.

/** A recorded sample's place in time. */
export interface TickStamp {
  tick: number;
  at: number;
}

/** The loop's period: the median over consecutive recorded ticks of their time apart divided by
 * the ticks apart (undefined with fewer than two ticks). */
export function periodPerTick(samples: readonly TickStamp[]): number | undefined {
  const first = new Map<number, number>();
  for (const s of samples) if (!first.has(s.tick)) first.set(s.tick, s.at);
  const ticks = [...first.keys()].sort((a, b) => a - b);
  const per = ticks
    .slice(1)
    .map((t, i) => (first.get(t)! - first.get(ticks[i]!)!) / (t - ticks[i]!))
    .sort((a, b) => a - b);
  return per.length ? Math.max(1, Math.round(per[Math.floor(per.length / 2)]!)) : undefined;
}

/** The samples, one slot per tick from the first recorded to the last (null: not measured then). */
export function onTickGrid<T extends { tick: number }>(
  samples: readonly T[],
): { ticks: number[]; slots: (T | null)[] } {
  if (!samples.length) return { ticks: [], slots: [] };
  const byTick = new Map<number, T>();
  for (const s of samples) if (!byTick.has(s.tick)) byTick.set(s.tick, s);
  const from = Math.min(...byTick.keys());
  const to = Math.max(...byTick.keys());
  const ticks: number[] = [];
  const slots: (T | null)[] = [];
  for (let t = from; t <= to; t++) {
    ticks.push(t);
    slots.push(byTick.get(t) ?? null);
  }
  return { ticks, slots };
}
