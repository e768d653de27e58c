// The live view's graph picker: every series the console can graph (probe values, alarm metrics,
// the targets' standard metrics) with a check box; space toggles, enter graphs the checked ones
// from the next tick on, esc leaves the graphs as they were. At most 500 CloudWatch series, so a
// tick still costs one GetMetricData call.
import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import { MAX_QUERIES_PER_CALL } from '../../steady/metrics.js';
import { useTheme } from '../context.js';
import { useCommands } from '../hooks/commands.js';
import { useCursor } from '../hooks/cursor.js';
import { Priority } from '../hooks/keypress.js';
import type { KeyCommand } from '../keys/commands.js';
import type { GraphOption } from '../services.js';
import { fitText, windowStart } from '../widgets/layout.js';

/** The picker's keys (the help lists them; they take the keys before the live view's). */
export const GRAPH_PICKER_COMMANDS: KeyCommand[] = [
  { id: 'up', keys: ['up', 'k'], label: '↑/k', description: 'up', visible: false },
  { id: 'down', keys: ['down', 'j'], label: '↓/j', description: 'down', visible: false },
  { id: 'toggle', keys: ['space'], description: 'graph / drop' },
  { id: 'apply', keys: ['enter'], description: 'apply' },
  { id: 'cancel', keys: ['escape'], label: 'esc', description: 'cancel' },
];

const GROUP: Record<GraphOption['group'], string> = { probe: 'probe', alarm: 'alarm', target: 'target' };

/** GraphPicker props: `chosen` are the ids graphed now. */
export interface GraphPickerProps {
  options: GraphOption[];
  chosen: readonly string[];
  width: number;
  height: number;
  onApply(choice: GraphOption[]): void;
  onCancel(): void;
}

/** The picker. */
export function GraphPicker({ options, chosen, width, height, onApply, onCancel }: GraphPickerProps) {
  const theme = useTheme();
  const cursor = useCursor(options.length);
  const [checked, setChecked] = useState(
    () => new Set(chosen.filter((id) => options.some((o) => o.id === id))),
  );
  const checkedRef = useRef(checked);
  checkedRef.current = checked;
  const [warning, setWarning] = useState<string | undefined>();
  const seriesCount = (set: ReadonlySet<string>) => options.filter((o) => o.series && set.has(o.id)).length;

  useCommands(
    GRAPH_PICKER_COMMANDS,
    (id) => {
      switch (id) {
        case 'up':
          return cursor.dispatch({ type: 'move', delta: -1 });
        case 'down':
          return cursor.dispatch({ type: 'move', delta: 1 });
        case 'toggle': {
          const o = options[cursor.ref.current];
          if (!o) return;
          const next = new Set(checkedRef.current);
          if (next.has(o.id)) next.delete(o.id);
          else if (o.series && seriesCount(next) >= MAX_QUERIES_PER_CALL)
            return setWarning(`at most ${MAX_QUERIES_PER_CALL} series: one GetMetricData call per tick`);
          else next.add(o.id);
          checkedRef.current = next;
          setWarning(undefined);
          setChecked(next);
          return cursor.dispatch({ type: 'move', delta: 1 });
        }
        case 'apply':
          return onApply(options.filter((o) => checkedRef.current.has(o.id)));
        case 'cancel':
          return onCancel();
      }
    },
    { priority: Priority.Dialog },
  );

  const listHeight = Math.max(1, height - 3);
  const start = windowStart(cursor.index, listHeight, options.length);
  return (
    <Box flexDirection="column" width={width}>
      <Text>
        <Text bold>Graphs</Text>
        <Text color={theme.text.secondary}>
          {`  ${checked.size} chosen, ${seriesCount(checked)} CloudWatch series (max ${MAX_QUERIES_PER_CALL}, one call per tick)`}
        </Text>
      </Text>
      {options.length === 0 ? <Text color={theme.text.secondary}>nothing to graph yet</Text> : null}
      {options.slice(start, start + listHeight).map((o, i) => {
        const here = start + i === cursor.index;
        const on = checked.has(o.id);
        return (
          <Text key={o.id} inverse={here && theme.colour} bold={here}>
            <Text color={theme.selection.cursor}>{here ? '❯ ' : '  '}</Text>
            <Text color={on ? theme.selection.marked : theme.text.secondary}>{on ? '[x] ' : '[ ] '}</Text>
            <Text color={theme.text.secondary}>{`${GROUP[o.group].padEnd(7)}`}</Text>
            {fitText(o.label, Math.max(4, width - 14))}
          </Text>
        );
      })}
      <Text color={warning ? theme.status.warn : theme.text.secondary} wrap="truncate">
        {warning ?? 'space graph/drop · enter apply · esc cancel'}
      </Text>
    </Box>
  );
}
