// Our own selection list (instead of ink-select-input, which selects the previously highlighted
// item when Down and Enter arrive in one stdin chunk: see test/tui/chunk-races.test.tsx). The
// cursor lives in a ref, so Enter always acts on the row the operator sees highlighted.
import { Box, Text } from 'ink';
import { useTheme } from '../context.js';
import { useCursor } from '../hooks/cursor.js';
import { Priority, useKeypress } from '../hooks/keypress.js';
import { windowStart } from './layout.js';

/** One choice. `disabled` holds the reason it cannot be chosen (shown dimmed, skipped by Enter). */
export interface SelectItem<V> {
  key: string;
  label: string;
  value: V;
  hint?: string;
  disabled?: string;
}

/** SelectList props. */
export interface SelectListProps<V> {
  items: readonly SelectItem<V>[];
  onSelect(item: SelectItem<V>): void;
  onHighlight?(item: SelectItem<V>): void;
  /** Rows to show at most; longer lists scroll. */
  height?: number;
  priority?: number;
  isActive?: boolean;
}

/** A vertical list: ↑/↓ or k/j move, Enter chooses, home/end jump. */
export function SelectList<V>({
  items,
  onSelect,
  onHighlight,
  height,
  priority,
  isActive,
}: SelectListProps<V>) {
  const theme = useTheme();
  const cursor = useCursor(items.length);
  useKeypress(
    (input, key) => {
      const before = cursor.ref.current;
      if (key.upArrow || input === 'k') cursor.dispatch({ type: 'move', delta: -1 });
      else if (key.downArrow || input === 'j') cursor.dispatch({ type: 'move', delta: 1 });
      else if (key.home) cursor.dispatch({ type: 'first' });
      else if (key.end) cursor.dispatch({ type: 'last' });
      else if (key.return) {
        const item = items[cursor.ref.current];
        if (item && !item.disabled) onSelect(item);
        return true;
      } else return false;
      const item = items[cursor.ref.current];
      if (item && cursor.ref.current !== before) onHighlight?.(item);
      return true;
    },
    { priority: priority ?? Priority.Screen, isActive },
  );
  const rows = height ?? items.length;
  const start = windowStart(cursor.index, rows, items.length);
  return (
    <Box flexDirection="column">
      {items.slice(start, start + rows).map((item, i) => {
        const here = start + i === cursor.index;
        const colour = item.disabled
          ? theme.status.muted
          : here
            ? theme.selection.cursor
            : theme.text.primary;
        return (
          <Text key={item.key} color={colour} bold={here}>
            {here ? '❯ ' : '  '}
            {item.label}
            {item.disabled ? <Text color={theme.status.muted}>{`  (${item.disabled})`}</Text> : null}
            {item.hint && !item.disabled ? (
              <Text color={theme.text.secondary}>{`  ${item.hint}`}</Text>
            ) : null}
          </Text>
        );
      })}
    </Box>
  );
}
