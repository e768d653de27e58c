// Running one probe on a tick: its value within a timeout (a hung probe fails with "timed out"),
// checked against its tolerance (a tolerance that throws fails the probe), and the number to graph.
import type { LoopClock, ProbeSpec, ProbeState } from './types.js';

/** What one run of a probe gave. */
export type ProbeOutcome = NonNullable<ProbeState['last']>;

/** A probe that took longer than its timeout. */
export class ProbeTimeout extends Error {
  override name = 'ProbeTimeout';
  constructor(ms: number) {
    super(`timed out after ${Math.round(ms / 100) / 10}s`);
  }
}

/** Runs the probe, never longer than `timeoutMs` by the clock, and checks its tolerance. */
export async function runProbe(
  spec: ProbeSpec,
  signal: AbortSignal,
  clock: LoopClock,
  timeoutMs: number,
): Promise<ProbeOutcome> {
  let handle: unknown;
  const timeout = new Promise<never>((_, reject) => {
    handle = clock.setTimeout(() => reject(new ProbeTimeout(timeoutMs)), timeoutMs);
  });
  try {
    const value = await Promise.race([spec.run(signal), timeout]);
    try {
      return { ok: spec.check(value), value };
    } catch (err) {
      return { ok: false, value, error: `tolerance check failed: ${message(err)}` };
    }
  } catch (err) {
    return { ok: false, error: message(err) };
  } finally {
    clock.clearTimeout(handle);
  }
}

/** The number graphed for an outcome: the probe's measure of its value, or the value if numeric. */
export function measure(spec: ProbeSpec, last: ProbeOutcome): number | null {
  if (last.error !== undefined) return null;
  const n = spec.measure ? spec.measure(last.value) : last.value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
