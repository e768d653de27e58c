// `npm run bench`: measures every figure, prints one table (figure, target, measured, ratio) and,
// with `--json FILE`, writes it as JSON (`--markdown FILE`: as a Markdown table; `--only A,B`: those
// groups alone, by name). Benchmarks print; they never fail on timings.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Figure, type FigureGroup, ratio } from './figure.js';

// The figures measure what ships: dist/ is built with React's production mode, so the bench runs
// it too (set before React is first imported, hence the dynamic imports).
process.env.NODE_ENV ??= 'production';
const GROUPS: FigureGroup[] = await Promise.all([
  import('./figures/startup.js').then((m) => m.startup),
  import('./figures/discovery-sandbox.js').then((m) => m.discoverySandbox),
  import('./figures/discovery-growth.js').then((m) => m.discoveryGrowth),
  import('./figures/discovery-moto.js').then((m) => m.discoveryMoto),
  import('./figures/run-moto.js').then((m) => m.runMoto),
  import('./figures/engine-corpus.js').then((m) => m.engineCorpus),
  import('./figures/steady-loop.js').then((m) => m.steadyLoop),
  import('./figures/console.js').then((m) => m.consoleFigures),
  import('./figures/console-idle.js').then((m) => m.consoleIdle),
  import('./figures/sandbox-simulation.js').then((m) => m.sandboxSimulation),
  import('./figures/console-process.js').then((m) => m.consoleProcess),
]);

const { values } = parseArgs({
  options: {
    json: { type: 'string' },
    markdown: { type: 'string' },
    only: { type: 'string' },
    // Re-print (and re-render as Markdown) a saved --json file without measuring again.
    'from-json': { type: 'string' },
  },
});
const saved = values['from-json']
  ? (JSON.parse(readFileSync(values['from-json'], 'utf8')) as {
      figures: (Figure & { group: string })[];
      skipped: { group: string; reason: string }[];
    })
  : undefined;
const rows: (Figure & { group: string })[] = saved?.figures ?? [];
const skipped: { group: string; reason: string }[] = saved?.skipped ?? [];
for (const group of saved ? [] : GROUPS) {
  if (values.only && !values.only.split(',').includes(group.name)) continue;
  const reason = await group.skip?.();
  if (reason) {
    skipped.push({ group: group.name, reason });
    continue;
  }
  process.stderr.write(`bench: ${group.name}...\n`);
  try {
    for (const f of await group.measure()) rows.push({ ...f, group: group.name });
  } catch (err) {
    skipped.push({ group: group.name, reason: `failed: ${(err as Error).message}` });
  }
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n >= 100 ? n.toFixed(0) : n.toFixed(2));
const table = rows.map((r) => {
  const q = ratio(r);
  return [
    r.figure,
    r.target || '-',
    `${fmt(r.measured)} ${r.unit}`,
    q === undefined ? '-' : `${q.toFixed(2)}x`,
    r.note ?? '',
  ];
});
const head = ['figure', 'target', 'measured', 'ratio', 'note'];
const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) =>
  cells
    .map((c, i) => c.padEnd(widths[i]!))
    .join('  ')
    .trimEnd();
process.stdout.write(
  `${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${table.map(line).join('\n')}\n`,
);
for (const s of skipped) process.stdout.write(`skipped ${s.group}: ${s.reason}\n`);
if (values.json) writeFileSync(values.json, `${JSON.stringify({ figures: rows, skipped }, null, 2)}\n`);
// The same table in Markdown, as the README's "Performance" section shows it.
if (values.markdown) {
  const cell = (c: string) => c.replaceAll('|', '\\|');
  const md = [
    head,
    head.map(() => '---'),
    ...table.map((r) => r.map((c, i) => (i === 1 && c === '-' ? '' : c))),
  ]
    .map((r) => `| ${r.map(cell).join(' | ')} |`)
    .join('\n');
  writeFileSync(values.markdown, `${md}\n`);
}
// A figure may leave work behind (an experiment still waiting on sandbox time): do not wait for it.
process.exit(0);
