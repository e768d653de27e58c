// A virtualized table: whatever the row count, only the rows that fit on screen are rendered, each
// as one line of text, so 10,000 instances scroll as fast as ten.
import { Box, Text } from 'ink';
import { useTheme } from '../context.js';
import type { Colour } from '../theme.js';
import { columnWidths, fitText, windowStart } from './layout.js';

/** One column: its header, width (cells or a share of the rest) and how a row shows in it. */
export interface Column<R> {
  header: string;
  width: number | 'flex';
  align?: 'left' | 'right';
  value(row: R): string;
  /** A semantic colour for the cell (state, health), if any. */
  colour?(row: R): Colour;
}

/** Table props: rows are the whole list; `height` is how many rows fit below the header. */
export interface TableProps<R> {
  columns: Column<R>[];
  rows: readonly R[];
  cursor: number;
  height: number;
  width: number;
  isMarked?(row: R): boolean;
  rowKey(row: R): string;
  /** Shown instead of rows when there are none. */
  empty?: string;
}

/** Renders the header and the visible slice of rows, with a cursor and mark column. */
export function Table<R>({ columns, rows, cursor, height, width, isMarked, rowKey, empty }: TableProps<R>) {
  const theme = useTheme();
  const widths = columnWidths(
    columns.map((c) => c.width),
    width - 2,
  );
  const start = windowStart(cursor, height, rows.length);
  const visible = rows.slice(start, start + height);
  const header = columns.map((c, i) => fitText(c.header, widths[i]!, c.align)).join(' ');
  return (
    <Box flexDirection="column">
      <Text bold color={theme.text.secondary}>
        {`  ${header}`}
      </Text>
      {visible.length === 0 ? <Text color={theme.status.muted}>{`  ${empty ?? 'nothing here'}`}</Text> : null}
      {visible.map((row, i) => {
        const index = start + i;
        const here = index === cursor;
        const marked = isMarked?.(row) ?? false;
        const lead = `${here ? '❯' : ' '}${marked ? '●' : ' '}`;
        return (
          <Text key={rowKey(row)} inverse={here && theme.colour} bold={here}>
            <Text color={marked ? theme.selection.marked : theme.selection.cursor}>{lead}</Text>
            {columns.map((c, ci) => {
              const cell = fitText(c.value(row), widths[ci]!, c.align);
              const sep = ci === 0 ? '' : ' ';
              const colour = c.colour?.(row);
              return colour ? (
                <Text key={c.header} color={colour}>
                  {sep + cell}
                </Text>
              ) : (
                sep + cell
              );
            })}
          </Text>
        );
      })}
    </Box>
  );
}

/** "rows 41-60 of 10000": where the visible slice sits in the list. */
export function rangeText(cursor: number, height: number, count: number): string {
  if (count === 0) return '0 rows';
  const start = windowStart(cursor, height, count);
  return `rows ${start + 1}-${Math.min(count, start + height)} of ${count}`;
}
