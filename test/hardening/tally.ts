// The hardening tests' counts for the `npm run test:chaos` table: each case appends one line
// (which guarantee, row, column, held or not) to the file GAMEDAY_CHAOS_TALLY names; without it,
// nothing is written and the tests run as ordinary tests.
import { appendFileSync } from 'node:fs';

/** One counted case. */
export interface TallyLine {
  table: string;
  row: string;
  col: string;
  ok: boolean;
  n?: number;
}

/** Counts one case (or n cases) for the chaos report. */
export function recordTally(table: string, row: string, col: string, ok: boolean, n = 1): void {
  const file = process.env.GAMEDAY_CHAOS_TALLY;
  if (!file) return;
  const line: TallyLine = { table, row, col, ok, n };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}
