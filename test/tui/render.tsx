// Test helper: renders inside React's act() so effects (and ink's useInput subscriptions) are
// flushed before the next key, strips ANSI from frames, and wraps the tree in the keypress hub.
import { stripVTControlCharacters } from 'node:util';
import { render as inkRender } from 'ink-testing-library';
import { act, type ReactElement } from 'react';
import { SettingsProvider } from '../../src/tui/context.js';
import { KeypressProvider } from '../../src/tui/hooks/keypress.js';
import { type Theme, themeFor } from '../../src/tui/theme.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Escape sequences for keys, to write to the fake stdin. */
export const keys = {
  up: '\u001B[A',
  down: '\u001B[B',
  left: '\u001B[D',
  right: '\u001B[C',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  space: ' ',
  pageDown: '\u001B[6~',
  ctrlC: '\u0003',
  ctrlU: '\u0015',
} as const;

/** Options: read-only mode, a theme (default: colour on), and whether to add the hub. */
export interface RenderOptions {
  readOnly?: boolean;
  theme?: Theme;
  bare?: boolean;
}

/** Renders a tree and returns act-wrapped controls. */
export async function renderTui(element: ReactElement, opts: RenderOptions = {}) {
  const tree = opts.bare ? (
    element
  ) : (
    <SettingsProvider value={{ readOnly: opts.readOnly ?? false, theme: opts.theme ?? themeFor({}) }}>
      <KeypressProvider>{element}</KeypressProvider>
    </SettingsProvider>
  );
  let instance!: ReturnType<typeof inkRender>;
  await act(async () => {
    instance = inkRender(tree);
  });
  return {
    frame: () => stripVTControlCharacters(instance.lastFrame() ?? ''),
    rawFrame: () => instance.lastFrame() ?? '',
    /** Every frame ink wrote so far (one per redraw). */
    get frames(): readonly string[] {
      return instance.frames;
    },
    /** Writes each input as its own stdin chunk. */
    async press(...inputs: string[]) {
      for (const input of inputs) {
        await act(async () => {
          instance.stdin.write(input);
        });
        // The hub hands out the keys of a multi-key chunk one event-loop turn apart; each turn in
        // its own act() so React renders between them, as it does outside tests.
        for (let i = 0; i < input.length; i++)
          await act(async () => {
            await new Promise((r) => setImmediate(r));
          });
      }
    },
    /** Gives the fake terminal a new size and emits 'resize', as a terminal window does. */
    async resize(columns: number, rows: number) {
      await act(async () => {
        Object.defineProperty(instance.stdout, 'columns', { value: columns, configurable: true });
        Object.defineProperty(instance.stdout, 'rows', { value: rows, configurable: true });
        instance.stdout.emit('resize');
      });
    },
    /** Runs something (a model update, a timer advance) inside act. */
    async act(fn: () => void | Promise<void>) {
      await act(async () => {
        await fn();
      });
    },
    async rerender(next: ReactElement) {
      await act(async () => {
        instance.rerender(
          opts.bare ? (
            next
          ) : (
            <SettingsProvider value={{ readOnly: opts.readOnly ?? false, theme: opts.theme ?? themeFor({}) }}>
              <KeypressProvider>{next}</KeypressProvider>
            </SettingsProvider>
          ),
        );
      });
    },
    async unmount() {
      await act(async () => {
        instance.unmount();
      });
    },
  };
}
