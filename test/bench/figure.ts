// One benchmark figure: what was measured, the target it is held to, and the measurement.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A row of the benchmark table. */
export interface Figure {
  figure: string;
  /** Human-readable target, e.g. "< 250 ms"; empty when the figure is only printed. */
  target: string;
  /** The target as a number in the figure's unit, when there is one. */
  targetValue?: number;
  measured: number;
  unit: string;
  /** How the figure compares: "lower" = smaller is better (ratio = measured/target). */
  better?: 'lower' | 'higher';
  note?: string;
}

/** A group of figures that share set-up (a world, a server). */
export interface FigureGroup {
  name: string;
  /** Why the group could not run here (e.g. moto missing), or undefined. */
  skip?: () => Promise<string | undefined>;
  measure: () => Promise<Figure[]>;
}

/** measured / target, or undefined when there is no numeric target. */
export function ratio(f: Figure): number | undefined {
  if (f.targetValue === undefined || f.targetValue === 0) return undefined;
  return f.measured / f.targetValue;
}

/** The median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The p-th percentile (nearest rank) of a list of numbers. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** A full garbage collection, so heap figures start from (and end at) what is really retained;
 * node was not started with --expose-gc, so the flag is set now and gc taken from a new context. */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
