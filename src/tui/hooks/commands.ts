// Binds a screen's named commands to the keypress hub: a key runs the command it names, and in
// read-only mode dangerous commands are not there at all (the key falls through, does nothing).
import type { Key } from 'ink';
import { useSettings } from '../context.js';
import { availableCommands, findCommand, type KeyCommand } from '../keys/commands.js';
import { Priority, useKeypress } from './keypress.js';

/** Runs `onCommand(id)` for keys matching `commands`; returning false from it lets the key through. */
export function useCommands(
  commands: readonly KeyCommand[],
  onCommand: (id: string, input: string, key: Key) => unknown,
  opts: { priority?: number; isActive?: boolean } = {},
): void {
  const { readOnly } = useSettings();
  useKeypress(
    (input, key) => {
      const cmd = findCommand(availableCommands(commands, { readOnly }), input, key);
      if (!cmd) return false;
      return onCommand(cmd.id, input, key) !== false;
    },
    { priority: opts.priority ?? Priority.Screen, isActive: opts.isActive },
  );
}
