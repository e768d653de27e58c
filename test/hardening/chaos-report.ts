// `npm run test:chaos`: runs the hardening suite (test/hardening, moto when available) with a tally
// file, then prints what it measured: stages × signals undone, crash points recovered, faults
// injected vs runs that ended with every change undone, fuzz cases vs crashes, stop conditions,
// secrets planted vs leaked, concurrency cases. Exits non-zero when any test failed.
// `--from-tally FILE` prints the table from a tally an earlier run wrote (`.ci/run` sets
// GAMEDAY_CHAOS_TALLY for `npm test`, so CI runs the suite once) and exits 0.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TallyLine } from './tally.js';

const at = process.argv.indexOf('--from-tally');
const fromTally = at >= 0 ? process.argv[at + 1] : undefined;
if (at >= 0 && !fromTally) {
  process.stderr.write('chaos-report: --from-tally needs the tally file written by the hardening tests\n');
  process.exit(2);
}
const tally = fromTally ?? join(mkdtempSync(join(tmpdir(), 'gd-chaos-')), 'tally.ndjson');
const run = fromTally
  ? undefined
  : // the replay's live-view halt/quit/signal cases live with the replay screen's tests
    spawnSync(
      'npx',
      ['vitest', 'run', 'test/hardening', 'test/tui/replay-screen.test.tsx', 'test/tui/replay.e2e.test.ts'],
      {
        stdio: 'inherit',
        env: { ...process.env, GAMEDAY_CHAOS_TALLY: tally },
      },
    );
const lines: TallyLine[] = existsSync(tally)
  ? readFileSync(tally, 'utf8')
      .split('\n')
      .filter(Boolean)
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as TallyLine];
        } catch {
          return []; // a line torn by a killed worker
        }
      })
  : [];

const out: string[] = ['', 'gameday chaos report', ''];
const signals = lines.filter((l) => l.table === 'signals');
const cols = [...new Set(signals.map((l) => l.col))];
const rows = [...new Set(signals.map((l) => l.row))];
const width = Math.max(10, ...rows.map((r) => r.length));
out.push(`Undo under signals (✔ every change undone, recording closed; · not applicable)`);
out.push(`  ${'stage'.padEnd(width)}  ${cols.map((c) => c.padEnd(8)).join(' ')}`);
for (const r of rows)
  out.push(
    `  ${r.padEnd(width)}  ${cols
      .map((c) => {
        const hit = signals.filter((l) => l.row === r && l.col === c);
        return (hit.length ? (hit.every((l) => l.ok) ? '✔' : '✘') : '·').padEnd(8);
      })
      .join(' ')}`,
  );
const sum = (table: string, row: string) =>
  lines.filter((l) => l.table === table && l.row === row).reduce((a, l) => a + (l.n ?? 1), 0);
out.push('', 'Crash recovery (kill -9, then gameday recover --yes)');
out.push(`  kill points recovered: ${sum('crash', 'kill -9 points')}`);
out.push(`  changes left by the kills and undone by recover: ${sum('crash', 'changes left by the kill')}`);
out.push('', 'AWS faults on undo');
for (const l of lines.filter((x) => x.table === 'faults'))
  out.push(`  ${l.row}: ${l.col}: ${l.ok ? 'every change undone' : 'CHANGES LEFT'}`);
out.push('', 'Hostile input (fuzz cases vs crashes)');
for (const l of lines.filter((x) => x.table === 'fuzz'))
  out.push(`  ${l.n} ${l.row}: ${l.ok ? '0 crashes' : 'CRASHES'}`);
out.push('', 'Stop conditions');
for (const l of lines.filter((x) => x.table === 'stop'))
  out.push(`  ${l.row}: ${l.ok ? l.col : 'NOT undone'}`);
out.push('', 'Secrets (every artifact and output line searched: as is, JSON-escaped, base64)');
for (const l of lines.filter((x) => x.table === 'secrets' && x.row === 'planted values'))
  out.push(`  planted: ${l.n} values; searched: ${l.col}`);
for (const l of lines.filter((x) => x.table === 'secrets' && x.row === 'leaked'))
  out.push(`  leaked: ${l.n}${l.ok ? '' : '  LEAKS'}`);
out.push('', 'Two sessions on one account (recover vs a running or killed session)');
const concurrency = lines.filter((x) => x.table === 'concurrency');
for (const row of [...new Set(concurrency.map((l) => l.row))]) {
  const cases = concurrency.filter((l) => l.row === row);
  const held = cases.filter((l) => l.ok).reduce((a, l) => a + (l.n ?? 1), 0);
  const all = cases.reduce((a, l) => a + (l.n ?? 1), 0);
  out.push(`  ${row}: ${held} of ${all} case(s): ${cases[0]!.col}${held === all ? '' : '  NOT HELD'}`);
}
if (!lines.length) out.push('', `No tally lines in ${tally}: the hardening tests did not run.`);
out.push('');
process.stdout.write(out.join('\n'));
process.exit(run ? (run.status ?? 1) : 0);
