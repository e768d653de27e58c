// The `?` help: every command of the current screen and the global ones, from the same lists the
// key bar uses; dangerous commands are marked, and absent in read-only mode.
import { Box, Text } from 'ink';
import { useSettings } from '../context.js';
import { Priority, useKeypress } from '../hooks/keypress.js';
import { availableCommands, commandLabel, type KeyCommand } from '../keys/commands.js';

/** Help props: command groups by title; any key closes it. */
export interface HelpProps {
  groups: { title: string; commands: readonly KeyCommand[] }[];
  onClose(): void;
}

/** A bordered list of keys and what they do. */
export function Help({ groups, onClose }: HelpProps) {
  const { theme, readOnly } = useSettings();
  useKeypress(
    () => {
      onClose();
      return true;
    },
    { priority: Priority.Dialog },
  );
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border.focused} paddingX={1}>
      <Text bold>{`Keys${readOnly ? ' (read-only: changing commands are off)' : ''}`}</Text>
      {groups.map((g) => (
        <Box key={g.title} flexDirection="column">
          <Text color={theme.text.secondary}>{g.title}</Text>
          {availableCommands(g.commands, { readOnly }).map((c) => (
            <Text key={c.id}>
              <Text bold color={c.dangerous ? theme.status.error : theme.text.accent}>
                {`  ${commandLabel(c).padEnd(8)}`}
              </Text>
              {c.description}
              {c.dangerous ? <Text color={theme.status.error}> (changes AWS)</Text> : null}
            </Text>
          ))}
        </Box>
      ))}
      <Text color={theme.text.secondary}>any key closes this help</Text>
    </Box>
  );
}
