// The one keypress hub: a single ink `useInput` feeds every handler in priority order, and a
// handler that returns true consumes the key, so a dialog takes keys before the view beneath it.
// Without a raw-mode stdin (piped, CI) the hub stays inactive instead of crashing ink.
import { type Key, useInput, useStdin } from 'ink';
import { createContext, type ReactNode, useContext, useLayoutEffect, useRef } from 'react';

/** Who gets a key first: higher numbers first; among equals, the most recently mounted. */
export const Priority = { View: 0, Screen: 10, Global: 50, Dialog: 100, Critical: 200 } as const;

/** A key handler: return true when the key was consumed. */
export type KeyHandler = (input: string, key: Key) => unknown;

interface Registration {
  seq: number;
  priority: number;
  handler: { current: KeyHandler };
}

/** The registry behind the provider; exported for tests that dispatch without ink. */
export class KeypressHub {
  private regs: Registration[] = [];
  private seq = 0;

  /** Adds a handler and returns its removal. */
  add(priority: number, handler: { current: KeyHandler }): () => void {
    const reg = { seq: this.seq++, priority, handler };
    this.regs.push(reg);
    this.regs.sort((a, b) => b.priority - a.priority || b.seq - a.seq);
    return () => {
      this.regs = this.regs.filter((r) => r !== reg);
    };
  }

  private queue: [string, Key][] = [];
  private draining = false;

  /**
   * Offers a key to each handler in order until one consumes it. Text that arrived as one chunk
   * ("/web\r" from fast typing, a paste or tmux) is split into keys and handed out one per
   * event-loop turn, after React has re-rendered for the previous one: '/' opens the filter and
   * the field it mounts gets "web". Keys keep their order across chunks, and a key that arrives in
   * the same task as the one before waits its turn too.
   */
  dispatch(input: string, key: Key): void {
    const keys =
      input.length > 1 && !key.ctrl && !key.meta ? splitText(input, key) : [[input, key] as [string, Key]];
    this.queue.push(...keys);
    if (!this.draining) this.drain();
  }

  /** True while split keys are still waiting for their turn (tests wait for it). */
  get pending(): boolean {
    return this.queue.length > 0;
  }

  private drain(): void {
    const next = this.queue.shift();
    if (!next) {
      this.draining = false;
      return;
    }
    this.draining = true;
    this.dispatchOne(next[0], next[1]);
    // The next key waits for the next event-loop turn even when it is not queued yet, so a second
    // chunk read in this same task sees React's commit of this key (and the handlers it mounts).
    setImmediate(() => this.drain());
  }

  private dispatchOne(input: string, key: Key): boolean {
    for (const reg of [...this.regs]) {
      if (reg.handler.current(input, key) === true) return true;
    }
    return false;
  }
}

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** Splits a text chunk into single keys: characters, with CR as Enter, TAB, DEL and Ctrl+letter as theirs. */
export function splitText(input: string, base: Key): [string, Key][] {
  return [...input].map((ch): [string, Key] => {
    if (ch === '\r' || ch === '\n') return ['', { ...NO_KEY, return: true }];
    if (ch === '\t') return ['', { ...NO_KEY, tab: true }];
    if (ch === '\u007F' || ch === '\b') return ['', { ...NO_KEY, backspace: true }];
    const code = ch.charCodeAt(0);
    // Other C0 controls are Ctrl+letter (0x15 is Ctrl+U), reported as ink does: the letter, ctrl.
    if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ...NO_KEY, ctrl: true }];
    return [ch, { ...base, shift: /[A-Z]/.test(ch) }];
  });
}

const HubContext = createContext<KeypressHub | null>(null);

/** Owns the single useInput of the app; everything below registers through useKeypress. */
export function KeypressProvider({ children }: { children: ReactNode }) {
  const hub = useRef(new KeypressHub()).current;
  const { isRawModeSupported } = useStdin();
  useInput((input, key) => void hub.dispatch(input, key), { isActive: isRawModeSupported });
  return <HubContext.Provider value={hub}>{children}</HubContext.Provider>;
}

/**
 * Registers a key handler with the hub. The newest closure is always the one called, but keys that
 * arrive in one stdin chunk are dispatched before React re-renders: read state that a previous key
 * may have changed from a ref (see useCursor), never from the render's closure.
 */
export function useKeypress(handler: KeyHandler, opts: { priority?: number; isActive?: boolean } = {}): void {
  const hub = useContext(HubContext);
  const ref = useRef(handler);
  ref.current = handler;
  const priority = opts.priority ?? Priority.View;
  const active = opts.isActive ?? true;
  // A layout effect registers at commit, before the next key of the same stdin chunk is handled:
  // '/' opening the filter and the "web" typed right after it both land where they should.
  useLayoutEffect(() => {
    if (!hub || !active) return;
    return hub.add(priority, ref);
  }, [hub, priority, active]);
}
