// Asked on quit while changes are still active: undo them first (the default), leave them (they
// stay recorded for `gameday recover`), or stay.
import { Box, Text } from 'ink';
import { useTheme } from '../context.js';
import { Priority, useKeypress } from '../hooks/keypress.js';

/** QuitDialog props. */
export interface QuitDialogProps {
  active: number;
  onUndoAndQuit(): void;
  onQuitLeaving(): void;
  onStay(): void;
}

/** The dialog. */
export function QuitDialog({ active, onUndoAndQuit, onQuitLeaving, onStay }: QuitDialogProps) {
  const theme = useTheme();
  useKeypress(
    (input, key) => {
      if (input === 'y' || key.return) onUndoAndQuit();
      else if (input === 'n') onQuitLeaving();
      else if (key.escape || input === 'q') onStay();
      return true;
    },
    { priority: Priority.Dialog },
  );
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border.danger} paddingX={1}>
      <Text bold color={theme.status.error}>{`${active} change(s) are still active.`}</Text>
      <Text>y / enter: undo them, then quit</Text>
      <Text>n: quit and leave them (gameday recover can undo them later)</Text>
      <Text>esc: stay</Text>
    </Box>
  );
}
