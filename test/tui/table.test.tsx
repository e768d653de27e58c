import { describe, expect, it } from 'vitest';
import { columnWidths, fitText, windowStart } from '../../src/tui/widgets/layout.js';
import { type Column, rangeText, Table } from '../../src/tui/widgets/Table.js';
import { renderTui } from './render.js';

interface Row {
  id: string;
  state: string;
}
const ROWS: Row[] = Array.from({ length: 10_000 }, (_, i) => ({
  id: `i-${String(i).padStart(5, '0')}`,
  state: i % 2 ? 'running' : 'stopped',
}));
const COLUMNS: Column<Row>[] = [
  { header: 'ID', width: 10, value: (r) => r.id },
  { header: 'STATE', width: 'flex', value: (r) => r.state },
];

describe('Table', () => {
  it('renders only the visible rows of 10,000, around the cursor', async () => {
    const ui = await renderTui(
      <Table columns={COLUMNS} rows={ROWS} cursor={5000} height={10} width={60} rowKey={(r) => r.id} />,
    );
    const lines = ui.frame().split('\n');
    expect(lines).toHaveLength(11);
    expect(ui.frame()).toContain('❯ i-05000');
    expect(ui.frame()).not.toContain('i-00000');
    expect(rangeText(5000, 10, ROWS.length)).toBe('rows 4996-5005 of 10000');
    await ui.unmount();
  });

  it('shows marks and an empty message', async () => {
    const ui = await renderTui(
      <Table
        columns={COLUMNS}
        rows={ROWS.slice(0, 3)}
        cursor={0}
        height={5}
        width={60}
        rowKey={(r) => r.id}
        isMarked={(r) => r.id === 'i-00001'}
      />,
    );
    expect(ui.frame()).toMatch(/ ●i-00001/);
    await ui.unmount();
    const none = await renderTui(
      <Table
        columns={COLUMNS}
        rows={[]}
        cursor={0}
        height={5}
        width={60}
        rowKey={(r) => r.id}
        empty="no instances"
      />,
    );
    expect(none.frame()).toContain('no instances');
    await none.unmount();
  });

  it('layout helpers keep the cursor visible and fit cells', () => {
    expect(windowStart(0, 10, 100)).toBe(0);
    expect(windowStart(99, 10, 100)).toBe(90);
    expect(windowStart(3, 10, 5)).toBe(0);
    expect(fitText('abcdef', 4)).toBe('abc…');
    expect(fitText('ab', 4, 'right')).toBe('  ab');
    expect(columnWidths([10, 'flex', 'flex'], 40)).toEqual([10, 14, 14]);
  });
});
