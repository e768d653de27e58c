// Timestamps as chaoslib writes them: Python's datetime.isoformat() in UTC with an explicit
// `+00:00` offset and microseconds (omitted when zero, as Python does).

/** `2025-04-26T00:12:46.036684+00:00` for epoch milliseconds (fractions give the microseconds). */
export function isoUtc(ms: number): string {
  const whole = Math.floor(ms);
  const micros = Math.round((ms - whole) * 1000) + (whole % 1000) * 1000;
  const base = new Date(whole - (whole % 1000)).toISOString().slice(0, 19);
  return `${base}${micros ? `.${String(Math.min(micros, 999999)).padStart(6, '0')}` : ''}+00:00`;
}

/** Seconds between two epoch-millisecond instants, rounded to microseconds like timedelta. */
export function secondsBetween(startMs: number, endMs: number): number {
  return Math.round((endMs - startMs) * 1000) / 1e6;
}
