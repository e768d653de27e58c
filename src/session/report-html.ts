// `gameday report RECORDING --html`: one self-contained page (inline CSS, inline SVG, no scripts,
// no external assets) with every graphed series and its attack markers, the hypothesis results
// before/after, the attacks, the timeline with notes, and the undo outcome.
import type { SteadyState } from '../experiment/types.js';
import type { ReportModel } from './report-model.js';
import { esc, svgChart } from './svg-chart.js';

const CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222;background:#fff}
h1{margin-bottom:.2rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f5f5}code{background:#f3f3f3;padding:0 .2rem;border-radius:3px}
.ok{color:#1a7f37;font-weight:600}.bad{color:#c62828;font-weight:600}.muted{color:#777}
.warn{background:#fff4e5;border-left:4px solid #f0a020;padding:.4rem .8rem}
.chart{margin:1rem 0}.chart svg{width:100%;height:auto;background:#fff}
.plot{fill:#fafafa;stroke:#ccc}.axis{font-size:11px;fill:#555}
.marker{stroke-width:1.5}.marker.start{stroke:#c62828}.marker.end{stroke:#2e7d32;stroke-dasharray:4 3}
.marker-label{font-size:11px;fill:#c62828}.markers{font-size:.85em;color:#c62828;margin:.2rem 0}.key{border-left:10px solid;padding-left:.3rem;margin-left:.6rem;font-size:.85em}
.timeline li{margin:.15rem 0}.kind{display:inline-block;min-width:7.5rem;font-family:ui-monospace,monospace;font-size:.85em}
@media (prefers-color-scheme:dark){body{background:#111;color:#ddd}th{background:#222}td,th{border-color:#333}.plot{fill:#181818;stroke:#444}.chart svg{background:#111}.axis{fill:#aaa}code{background:#222}}
`;

/** The report as a self-contained HTML page. */
export function reportHtml(m: ReportModel): string {
  const body: string[] = [];
  body.push(`<h1>${esc(m.title)}</h1>`);
  if (m.description) body.push(`<p>${esc(m.description)}</p>`);
  for (const w of m.warnings) body.push(`<p class="warn">${esc(w)}</p>`);
  body.push(
    `<table class="meta">${m.meta.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}<tr><th>Recording</th><td><code>${esc(m.recording)}</code></td></tr></table>`,
  );
  body.push('<h2>Hypothesis</h2>');
  body.push(
    `<p>${m.hypothesis ? esc(m.hypothesis) : '<span class="muted">No hypothesis was written down.</span>'}</p>`,
  );
  body.push(
    `<p>Result: <span class="${m.deviated || m.status !== 'completed' ? 'bad' : 'ok'}">${esc(m.deviated ? 'deviated' : m.status)}</span></p>`,
  );
  const names = [
    ...new Set([...(m.before?.probes ?? []), ...(m.after?.probes ?? [])].map((p) => String(p.activity.name))),
  ];
  body.push(
    `<table class="hypothesis"><tr><th>Probe</th><th>Before</th><th>After</th></tr>${
      names
        .map((n) => `<tr><td>${esc(n)}</td>${probeCell(m.before, n)}${probeCell(m.after, n)}</tr>`)
        .join('') || '<tr><td colspan="3" class="muted">No Chaos Toolkit probes were watched.</td></tr>'
    }</table>`,
  );
  body.push('<h2>Graphs</h2>');
  body.push(
    m.charts.length ? m.charts.map(svgChart).join('\n') : '<p class="muted">No series were graphed.</p>',
  );
  body.push('<h2>Attacks</h2>');
  body.push(
    m.attacks.length
      ? `<table class="attacks"><tr><th>#</th><th>Attack</th><th>Function</th><th>Targets</th><th>Started</th><th>Took</th><th>Outcome</th></tr>${m.attacks
          .map(
            (a, i) =>
              `<tr><td>${i + 1}</td><td>${esc(a.title)}</td><td><code>${esc(a.fn)}</code></td><td>${esc(a.targets.map((t) => t.id).join(', ') || '–')}${a.selection ? `<br><small>${esc(a.selection)}</small>` : ''}</td><td>+${a.offset}s</td><td>${a.seconds === null ? '–' : `${a.seconds}s`}</td><td class="${a.outcome === 'succeeded' ? 'ok' : 'bad'}">${esc(a.outcome)}</td></tr>`,
          )
          .join('')}</table>`
      : '<p class="muted">No attacks.</p>',
  );
  body.push('<h2>Timeline</h2>');
  body.push(
    m.timeline.length
      ? `<ul class="timeline">${m.timeline.map((t) => `<li><span class="muted">+${t.offset}s</span> <span class="kind">${esc(t.kind)}</span> ${esc(t.text)}</li>`).join('')}</ul>`
      : '<p class="muted">Nothing happened.</p>',
  );
  body.push('<h2>Undo</h2>');
  body.push(
    m.undos.length
      ? `<table class="undo"><tr><th>Attack</th><th>Undo</th><th>Outcome</th></tr>${m.undos
          .map(
            (u) =>
              `<tr><td>${esc(u.attack)}</td><td>${esc(u.description)}</td><td class="${u.status === 'undone' || u.status === 'settled' ? 'ok' : 'bad'}">${esc(u.status)}${u.error ? ` <small>${esc(u.error)}</small>` : ''}</td></tr>`,
          )
          .join('')}</table>`
      : '<p class="muted">No change needed undoing.</p>',
  );
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(m.title)} — gameday report</title><style>${CSS}</style></head>
<body>
${body.join('\n')}
<footer class="muted"><p>Generated by gameday from <code>${esc(m.recording)}</code>.</p></footer>
</body></html>
`;
}

function probeCell(s: SteadyState | null, name: string): string {
  const p = s?.probes.find((x) => x.activity.name === name);
  if (!p) return '<td class="muted">–</td>';
  return `<td class="${p.tolerance_met ? 'ok' : 'bad'}">${p.tolerance_met ? 'met' : 'not met'} <small>${esc(JSON.stringify(p.output) ?? 'null')}</small></td>`;
}
