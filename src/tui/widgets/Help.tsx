// The `?` help: every command of the current screen and the global ones, from the same lists the
// key bar uses; dangerous commands are marked, and absent in read-only mode. Laid out in two
// columns when one would not fit the height.
import { Box, Text } from 'ink';
import { useSettings } from '../context.js';
import { Priority, useKeypress } from '../hooks/keypress.js';
import { availableCommands, commandLabel, type KeyCommand } from '../keys/commands.js';

/** Help props: command groups by title; any key closes it. */
export interface HelpProps {
  groups: { title: string; commands: readonly KeyCommand[] }[];
  onClose(): void;
  /** Rows available (default: as many as needed). */
  height?: number;
  width?: number;
  /** One line under the keys saying what the screen's symbols mean. */
  legend?: string;
}

type Line = { key: string; title?: string; label?: string; description?: string; dangerous?: boolean };

/** A bordered list of keys and what they do. */
export function Help({ groups, onClose, height, width = 80, legend }: HelpProps) {
  const { theme, readOnly } = useSettings();
  useKeypress(
    () => {
      onClose();
      return true;
    },
    { priority: Priority.Dialog },
  );
  const lines: Line[] = groups.flatMap((g) => [
    { key: `g:${g.title}`, title: g.title },
    ...availableCommands(g.commands, { readOnly }).map((c) => ({
      key: `${g.title}:${c.id}`,
      label: commandLabel(c),
      description: c.description,
      dangerous: c.dangerous,
    })),
  ]);
  const room = height ? Math.max(1, height - 4 - (legend ? 1 : 0)) : lines.length;
  const columns = lines.length > room ? 2 : 1;
  const perColumn = Math.ceil(lines.length / columns);
  const colWidth = Math.floor((width - 4) / columns);
  const line = (l: Line) =>
    l.title ? (
      <Text key={l.key} color={theme.text.secondary} wrap="truncate">
        {l.title}
      </Text>
    ) : (
      <Text key={l.key} wrap="truncate">
        <Text bold color={l.dangerous ? theme.status.error : theme.text.accent}>
          {`  ${(l.label ?? '').padEnd(7)} `}
        </Text>
        {l.description}
        {l.dangerous ? <Text color={theme.status.error}> (changes AWS)</Text> : null}
      </Text>
    );
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={theme.border.focused}
      paddingX={1}
      flexShrink={0}
    >
      <Text bold>{`Keys${readOnly ? ' (read-only: changing commands are off)' : ''}`}</Text>
      <Box flexDirection="row">
        {Array.from({ length: columns }, (_, c) => lines.slice(c * perColumn, (c + 1) * perColumn)).map(
          (col) => (
            <Box key={col[0]?.key ?? 'empty'} flexDirection="column" width={colWidth} flexShrink={0}>
              {col.map(line)}
            </Box>
          ),
        )}
      </Box>
      {legend ? (
        <Text color={theme.text.secondary} wrap="truncate">
          {legend}
        </Text>
      ) : null}
      <Text color={theme.text.secondary}>any key closes this help</Text>
    </Box>
  );
}
