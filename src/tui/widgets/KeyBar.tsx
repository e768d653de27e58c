// The key bar at the bottom, generated from the screen's commands, so it never lists a key that
// does nothing nor hides one that does.
import { Text } from 'ink';
import { useSettings } from '../context.js';
import { availableCommands, commandLabel, type KeyCommand, keyBarCommands } from '../keys/commands.js';

/** One line of "key description" pairs, cut to the width. */
export function KeyBar({ commands, width }: { commands: readonly KeyCommand[]; width: number }) {
  const { theme, readOnly } = useSettings();
  const shown = keyBarCommands(availableCommands(commands, { readOnly }));
  const parts: { label: string; description: string; dangerous: boolean }[] = [];
  let used = 0;
  for (const c of shown) {
    const label = commandLabel(c);
    const size = label.length + c.description.length + 3;
    if (used + size > width) break;
    used += size;
    parts.push({ label, description: c.description, dangerous: c.dangerous ?? false });
  }
  return (
    <Text wrap="truncate">
      {parts.map((p) => (
        <Text key={p.label}>
          <Text bold color={p.dangerous ? theme.status.error : theme.text.accent}>
            {p.label}
          </Text>
          <Text color={theme.text.secondary}>{` ${p.description}  `}</Text>
        </Text>
      ))}
    </Text>
  );
}
