// Pure text layout helpers shared by the widgets: fitting cells into columns and choosing which
// slice of a long list is on screen. Kept free of React so they are cheap to test and to call.

/** Pads or truncates (with an ellipsis) to exactly `width` display cells. */
export function fitText(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length > width) return width === 1 ? '…' : `${chars.slice(0, width - 1).join('')}…`;
  const pad = ' '.repeat(width - chars.length);
  return align === 'right' ? pad + text : text + pad;
}

/** The first visible row so the cursor stays on screen, roughly centred, never past the end. */
export function windowStart(cursor: number, height: number, count: number): number {
  if (count <= height) return 0;
  const centred = cursor - Math.floor(height / 2);
  return Math.max(0, Math.min(centred, count - height));
}

/** Widths for columns: fixed ones as given, `flex` ones share what is left (at least `minFlex`). */
export function columnWidths(specs: (number | 'flex')[], total: number, gap = 1, minFlex = 6): number[] {
  const fixed = specs.reduce<number>((s, w) => s + (w === 'flex' ? 0 : w), 0);
  const flexCount = specs.filter((w) => w === 'flex').length;
  const free = total - fixed - gap * Math.max(0, specs.length - 1);
  const each = flexCount ? Math.max(minFlex, Math.floor(free / flexCount)) : 0;
  return specs.map((w) => (w === 'flex' ? each : w));
}

/** "3s ago", "2m ago", "1h ago": how old a refresh is, in the header and footers ("<1m ago" for
 * seconds while the console idles, so the text changes once a minute). */
export function ago(ms: number, coarse = false): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return coarse ? '<1m ago' : `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  return `${Math.floor(s / 3600)}h ago`;
}

/** HH:MM:SS of an elapsed time: the session clock (coarse: "12m", "1h05m", while the console idles). */
export function clock(ms: number, coarse = false): string {
  if (coarse) {
    const m = Math.max(0, Math.floor(ms / 60_000));
    return m >= 60 ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m` : `${m}m`;
  }
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${hh}:${mm}:${ss}`;
}
