// `npm run test:chaos`: runs the hardening suite (test/hardening, moto when available) with a tally
// file, then prints what it measured: stages × signals undone, crash points recovered, faults
// injected vs runs that ended with every change undone, fuzz cases vs crashes, stop conditions.
// Exits non-zero when any test failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TallyLine } from './tally.js';

const tally = join(mkdtempSync(join(tmpdir(), 'gd-chaos-')), 'tally.ndjson');
const run = spawnSync('npx', ['vitest', 'run', 'test/hardening'], {
  stdio: 'inherit',
  env: { ...process.env, GAMEDAY_CHAOS_TALLY: tally },
});
const lines: TallyLine[] = existsSync(tally)
  ? readFileSync(tally, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as TallyLine)
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
out.push('', 'Hostile recordings');
for (const l of lines.filter((x) => x.table === 'fuzz'))
  out.push(`  ${l.n} ${l.row}: ${l.ok ? '0 crashes' : 'CRASHES'}`);
out.push('', 'Stop conditions');
for (const l of lines.filter((x) => x.table === 'stop'))
  out.push(`  ${l.row}: ${l.ok ? l.col : 'NOT undone'}`);
out.push(
  '',
  'Not measured here: secrets planted vs leaked, two consoles on one account (see docs/safety.md)',
  '',
);
process.stdout.write(out.join('\n'));
process.exit(run.status ?? 1);
