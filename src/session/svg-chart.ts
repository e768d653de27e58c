// An SVG line chart for the HTML report: one path per series (gaps where there was no datapoint),
// y range with labels, and a vertical marker per attack start (solid) and end (dashed). Written by
// hand so the page stays self-contained (no chart library, no external assets).
import type { ReportChart } from './report-model.js';

/** Colours for series, in order. */
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'];
const W = 720;
const H = 220;
const PAD = { left: 56, right: 16, top: 16, bottom: 36 };

/** Escapes text for HTML/SVG. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The chart as an <svg> element (string). */
export function svgChart(chart: ReportChart): string {
  const n = Math.max(1, ...chart.series.map((s) => s.points.length));
  const values = chart.series.flatMap((s) => s.points.filter((p): p is number => p !== null));
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (lo > 0 && lo / (hi || 1) < 0.5) lo = 0;
  if (hi === lo) hi = lo + 1;
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (n <= 1 ? iw / 2 : (i * iw) / (n - 1));
  const y = (v: number) => PAD.top + ih - ((v - lo) / (hi - lo)) * ih;
  const f = (v: number) => v.toFixed(1);
  const parts: string[] = [];
  parts.push(
    `<rect x="${PAD.left}" y="${PAD.top}" width="${iw}" height="${ih}" class="plot"/>`,
    `<text x="${PAD.left - 6}" y="${f(y(hi) + 4)}" class="axis" text-anchor="end">${label(hi)}</text>`,
    `<text x="${PAD.left - 6}" y="${f(y(lo) + 4)}" class="axis" text-anchor="end">${label(lo)}</text>`,
    `<text x="${PAD.left}" y="${PAD.top + ih + 14}" class="axis">0 s</text>`,
    `<text x="${W - PAD.right}" y="${PAD.top + ih + 14}" class="axis" text-anchor="end">${Math.round(((n - 1) * chart.periodMs) / 1000)} s</text>`,
  );
  // Attacks are numbered in start order; the caption says which number is which attack.
  const starts = chart.markers.filter((m) => m.kind === 'start');
  for (const m of chart.markers) {
    const mx = f(x(Math.min(m.index, n - 1)));
    const num = m.kind === 'start' ? starts.indexOf(m) + 1 : 0;
    parts.push(
      `<line x1="${mx}" y1="${PAD.top}" x2="${mx}" y2="${PAD.top + ih}" class="marker ${m.kind}"><title>${esc(`${m.kind === 'start' ? 'attack' : 'ended'}: ${m.label}`)}</title></line>`,
    );
    if (num) {
      const row = (num - 1) % 2;
      parts.push(
        `<text x="${mx}" y="${H - 16 + row * 12}" class="marker-label" text-anchor="middle">▲${num}</text>`,
      );
    }
  }
  chart.series.forEach((s, si) => {
    let d = '';
    let pen = false;
    s.points.forEach((p, i) => {
      if (p === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${f(x(i))} ${f(y(p))} `;
      pen = true;
    });
    const colour = COLOURS[si % COLOURS.length];
    parts.push(
      `<path d="${d.trim() || `M${PAD.left} ${PAD.top + ih}`}" fill="none" stroke="${colour}" stroke-width="2" class="series"><title>${esc(s.spec.label)}</title></path>`,
    );
  });
  const legend = chart.series
    .map(
      (s, si) =>
        `<span class="key" style="border-color:${COLOURS[si % COLOURS.length]}">${esc(s.spec.label)}</span>`,
    )
    .join(' ');
  return (
    `<figure class="chart"><figcaption>${esc(chart.title)}${chart.unit ? ` <small>(${esc(chart.unit)})</small>` : ''} ${legend}</figcaption>` +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(chart.title)}">${parts.join('')}</svg>` +
    (starts.length
      ? `<p class="markers">${starts.map((m, i) => `<span>▲${i + 1} ${esc(m.label)}</span>`).join(' · ')} <span class="muted">(dashed: ended)</span></p>`
      : '') +
    '</figure>'
  );
}

function label(v: number): string {
  return Math.abs(v) >= 100 ? String(Math.round(v)) : String(Math.round(v * 100) / 100);
}
