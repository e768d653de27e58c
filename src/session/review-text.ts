// The review as plain text, for when there is no terminal to play it in (pipes, CI, a quick look):
// the live view's snapshot at a moment, series values, probe strips and the event log.
import type { LoopSnapshot } from '../steady/types.js';

/** The snapshot as lines of text. */
export function snapshotText(s: LoopSnapshot, heading: string): string {
  const out = [
    heading,
    `tick ${s.tick}, every ${s.periodMs / 1000}s${s.halted ? ', HALTED' : ''}`,
    '',
    'Probes:',
  ];
  for (const p of s.probes)
    out.push(
      `  ${p.spec.title} (${p.spec.tolerance}): ${p.strip.map((x) => (x === null ? '·' : x ? '✔' : '✘')).join('')}`,
    );
  if (!s.probes.length) out.push('  none');
  out.push('', 'Series:');
  for (const x of s.series)
    out.push(
      `  ${x.spec.metric} ${x.spec.label}${x.spec.unit ? ` (${x.spec.unit})` : ''}: ${x.points.map((v) => (v === null ? '–' : String(round(v)))).join(' ')}`,
    );
  if (!s.series.length) out.push('  none');
  out.push('', 'Attacks:');
  for (const m of s.markers) out.push(`  tick ${m.tick} ${m.kind === 'start' ? '▲' : '△'} ${m.label}`);
  if (!s.markers.length) out.push('  none');
  out.push('', 'Events:');
  for (const e of s.events) out.push(`  ${new Date(e.at).toISOString().slice(11, 19)} ${e.kind}: ${e.text}`);
  if (!s.events.length) out.push('  none');
  return `${out.join('\n')}\n`;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
