// Keys as named commands with metadata (k9s KeyAction): the key bar and the `?` help are generated
// from these lists, so they can never disagree with what a key does, and read-only mode removes
// every dangerous command in one place.
import type { Key } from 'ink';

/** One thing a key does on a screen. */
export interface KeyCommand {
  /** Stable id the screen dispatches on ("inventory.mark", "global.halt"). */
  id: string;
  /** Key specs: a literal character ("h", "/", "?") or a name: up, down, left, right, enter,
   * escape, tab, space, backspace, delete, pageup, pagedown, home, end, ctrl+<letter>. */
  keys: string[];
  /** What the key bar and help print for the key; defaults to the first spec. */
  label?: string;
  description: string;
  /** Shown in the key bar (help lists every command). Default true. */
  visible?: boolean;
  /** Changes AWS resources or undoes changes: hidden and inert in read-only mode. */
  dangerous?: boolean;
}

const NAMED: Record<string, (input: string, key: Key) => boolean> = {
  up: (_i, k) => k.upArrow,
  down: (_i, k) => k.downArrow,
  left: (_i, k) => k.leftArrow,
  right: (_i, k) => k.rightArrow,
  enter: (_i, k) => k.return,
  escape: (_i, k) => k.escape,
  tab: (_i, k) => k.tab && !k.shift,
  'shift+tab': (_i, k) => k.tab && k.shift,
  space: (i) => i === ' ',
  backspace: (_i, k) => k.backspace,
  delete: (_i, k) => k.delete,
  pageup: (_i, k) => k.pageUp,
  pagedown: (_i, k) => k.pageDown,
  home: (_i, k) => k.home,
  end: (_i, k) => k.end,
};

const LABELS: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  enter: 'enter',
  escape: 'esc',
  space: 'space',
  pageup: 'pgup',
  pagedown: 'pgdn',
};

/** True when a keypress matches one key spec. */
export function matchesSpec(spec: string, input: string, key: Key): boolean {
  const named = NAMED[spec];
  if (named) return named(input, key);
  if (spec.startsWith('ctrl+')) return key.ctrl && input === spec.slice(5);
  return !key.ctrl && !key.meta && input === spec;
}

/** The first command (in list order) a keypress triggers, if any. */
export function findCommand(
  commands: readonly KeyCommand[],
  input: string,
  key: Key,
): KeyCommand | undefined {
  return commands.find((c) => c.keys.some((s) => matchesSpec(s, input, key)));
}

/** The commands an operator may use: without the dangerous ones in read-only mode. */
export function availableCommands(
  commands: readonly KeyCommand[],
  opts: { readOnly: boolean },
): KeyCommand[] {
  return opts.readOnly ? commands.filter((c) => !c.dangerous) : [...commands];
}

/** The label the key bar and help show for a command. */
export function commandLabel(c: KeyCommand): string {
  if (c.label) return c.label;
  const first = c.keys[0] ?? '';
  return LABELS[first] ?? first;
}

/** Commands for the key bar: visible ones, de-duplicated by label (the first wins). */
export function keyBarCommands(commands: readonly KeyCommand[]): KeyCommand[] {
  const seen = new Set<string>();
  return commands.filter((c) => {
    if (c.visible === false) return false;
    const label = commandLabel(c);
    if (seen.has(label)) return false;
    seen.add(label);
    return true;
  });
}
