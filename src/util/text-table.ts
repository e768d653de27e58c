// Plain-text tables for command output: columns padded to their widest cell, long cells clipped.

/** A column: its heading and how to read a cell from a row. */
export interface Column<T> {
  title: string;
  cell: (row: T) => string | number | undefined;
  /** Clip cells longer than this (with an ellipsis). */
  max?: number;
  align?: 'left' | 'right';
}

/** Renders rows as an indented table with a heading line. */
export function textTable<T>(rows: readonly T[], columns: Column<T>[], indent = '  '): string {
  const cells = rows.map((r) =>
    columns.map((c) => {
      const v = c.cell(r);
      const s = v === undefined || v === '' ? '-' : String(v);
      return c.max && s.length > c.max ? `${s.slice(0, c.max - 1)}…` : s;
    }),
  );
  const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map((row) => row[i]!.length)));
  const line = (parts: string[]) =>
    indent +
    parts
      .map((p, i) => (columns[i]!.align === 'right' ? p.padStart(widths[i]!) : p.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.title)), ...cells.map(line)].join('\n');
}
