// `gameday report RECORDING`: the Markdown rendering of the report model (what a team pastes into
// its post-incident notes): hypothesis and results, attacks, timeline with notes, undo outcome,
// and a line per graphed series (min / max / last) since Markdown has no charts.
import type { SteadyState } from '../experiment/types.js';
import type { ReportModel } from './report-model.js';

/** The report as Markdown. */
export function reportMarkdown(m: ReportModel): string {
  const out: string[] = [`# ${m.title}`, ''];
  if (m.description) out.push(m.description, '');
  for (const w of m.warnings) out.push(`> **Warning:** ${w}`, '');
  out.push(
    '| | |',
    '|---|---|',
    ...m.meta.map(([k, v]) => `| ${k} | ${cell(v)} |`),
    `| Recording | ${m.recording} |`,
    '',
  );
  out.push('## Hypothesis', '', m.hypothesis ?? '_No hypothesis was written down._', '');
  out.push(`Result: **${m.deviated ? 'deviated' : m.status}**.`, '');
  out.push('| Probe | Before | After |', '|---|---|---|');
  const names = [
    ...new Set([...(m.before?.probes ?? []), ...(m.after?.probes ?? [])].map((p) => String(p.activity.name))),
  ];
  for (const n of names) out.push(`| ${cell(n)} | ${probeCell(m.before, n)} | ${probeCell(m.after, n)} |`);
  if (!names.length) out.push('| _no Chaos Toolkit probes were watched_ | | |');
  out.push('', '## Attacks', '');
  if (!m.attacks.length) out.push('_No attacks._');
  else {
    out.push(
      '| # | Attack | Function | Targets | Started (s) | Took (s) | Outcome |',
      '|---|---|---|---|---|---|---|',
    );
    m.attacks.forEach((a, i) => {
      const targets =
        cell(a.targets.map((t) => t.id).join(', ') || '–') + (a.selection ? ` (${a.selection})` : '');
      out.push(
        `| ${i + 1} | ${cell(a.title)} | \`${a.fn}\` | ${targets} | ${a.offset} | ${a.seconds ?? '–'} | ${cell(a.outcome)} |`,
      );
    });
  }
  out.push('', '## Timeline', '');
  for (const t of m.timeline) out.push(`- **+${t.offset}s** ${t.kind}: ${t.text}`);
  if (!m.timeline.length) out.push('_Nothing happened._');
  out.push('', '## Undo', '');
  if (!m.undos.length) out.push('_No change needed undoing._');
  for (const u of m.undos)
    out.push(`- ${u.attack}: ${u.description} — **${u.status}**${u.error ? ` (${u.error})` : ''}`);
  out.push('', '## Graphs', '');
  for (const c of m.charts)
    for (const s of c.series) {
      const vals = s.points.filter((p): p is number => p !== null);
      out.push(
        `- ${s.spec.label} (${s.spec.namespace} ${s.spec.metric} ${s.spec.stat}${s.spec.unit ? `, ${s.spec.unit}` : ''}): ` +
          (vals.length
            ? `min ${round(Math.min(...vals))}, max ${round(Math.max(...vals))}, last ${round(vals.at(-1)!)} over ${s.points.length} ticks`
            : 'no datapoints'),
      );
    }
  if (!m.charts.length) out.push('_No series were graphed._');
  out.push('', '_The HTML report (`gameday report --html`) draws these series with the attack markers._', '');
  return out.join('\n');
}

function probeCell(s: SteadyState | null, name: string): string {
  const p = s?.probes.find((x) => x.activity.name === name);
  if (!p) return '–';
  return `${p.tolerance_met ? 'met' : 'NOT met'} (${cell(JSON.stringify(p.output))})`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
