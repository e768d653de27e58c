import { Text } from 'ink';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { useCommands } from '../../src/tui/hooks/commands.js';
import { Priority, useKeypress } from '../../src/tui/hooks/keypress.js';
import { availableCommands, type KeyCommand, keyBarCommands } from '../../src/tui/keys/commands.js';
import { Help } from '../../src/tui/widgets/Help.js';
import { KeyBar } from '../../src/tui/widgets/KeyBar.js';
import { keys, renderTui } from './render.js';

const COMMANDS: KeyCommand[] = [
  { id: 'down', keys: ['down', 'j'], description: 'down', visible: false },
  { id: 'halt', keys: ['h'], description: 'halt+undo', dangerous: true },
  { id: 'attack', keys: ['a'], description: 'attack', dangerous: true },
  { id: 'help', keys: ['?'], description: 'help' },
];

function Screen({ dialog }: { dialog?: boolean }) {
  const [log, setLog] = useState<string[]>([]);
  useCommands(COMMANDS, (id) => setLog((l) => [...l, id]));
  useKeypress(
    (input) => {
      setLog((l) => [...l, `dialog:${input}`]);
      return true;
    },
    { priority: Priority.Dialog, isActive: dialog ?? false },
  );
  return <Text>{`log: ${log.join(',')}`}</Text>;
}

describe('keys as named commands', () => {
  it('read-only mode strips dangerous commands', () => {
    expect(availableCommands(COMMANDS, { readOnly: true }).map((c) => c.id)).toEqual(['down', 'help']);
    expect(keyBarCommands(COMMANDS).map((c) => c.id)).toEqual(['halt', 'attack', 'help']);
  });

  it('a key runs its command; any of its keys does', async () => {
    const ui = await renderTui(<Screen />);
    await ui.press('j', keys.down, 'h');
    expect(ui.frame()).toContain('log: down,down,halt');
    await ui.unmount();
  });

  it('dangerous keys do nothing in read-only mode', async () => {
    const ui = await renderTui(<Screen />, { readOnly: true });
    await ui.press('h', 'a', '?');
    expect(ui.frame()).toContain('log: help');
    await ui.unmount();
  });

  it('a dialog outranks the view beneath it', async () => {
    const ui = await renderTui(<Screen dialog />);
    await ui.press('h');
    expect(ui.frame()).toContain('log: dialog:h');
    expect(ui.frame()).not.toContain('halt');
    await ui.unmount();
  });

  it('the key bar and help are generated from the commands, without dangerous ones when read-only', async () => {
    const bar = await renderTui(<KeyBar commands={COMMANDS} width={80} />);
    expect(bar.frame()).toContain('h halt+undo');
    expect(bar.frame()).toContain('? help');
    expect(bar.frame()).not.toContain('down');
    await bar.unmount();
    const roBar = await renderTui(<KeyBar commands={COMMANDS} width={80} />, { readOnly: true });
    expect(roBar.frame()).not.toContain('halt');
    expect(roBar.frame()).toContain('? help');
    await roBar.unmount();
    const help = await renderTui(
      <Help groups={[{ title: 'Inventory', commands: COMMANDS }]} onClose={() => {}} />,
      {
        readOnly: true,
      },
    );
    expect(help.frame()).toContain('read-only');
    expect(help.frame()).toContain('down');
    expect(help.frame()).not.toContain('attack');
    await help.unmount();
  });
});
