// A list cursor that lives in a ref as well as in render state. ink dispatches every key of one
// stdin chunk (tmux `send-keys Down Enter`, a paste, fast typing) before React re-renders, so a
// handler reading the cursor from its render closure would act on the row *before* the move:
// Enter would select the previously highlighted item. Reading the ref always gives the latest.
import { useCallback, useReducer, useRef } from 'react';

/** Cursor movements. */
export type CursorAction =
  | { type: 'move'; delta: number }
  | { type: 'to'; index: number }
  | { type: 'first' }
  | { type: 'last' };

/** The pure cursor rule: moves clamp to [0, count - 1] (0 for an empty list). */
export function cursorReducer(index: number, count: number, action: CursorAction): number {
  const last = Math.max(0, count - 1);
  const clamp = (i: number) => Math.min(last, Math.max(0, i));
  switch (action.type) {
    case 'move':
      return clamp(index + action.delta);
    case 'to':
      return clamp(action.index);
    case 'first':
      return 0;
    case 'last':
      return last;
  }
}

/** What useCursor returns: the index to draw, and a ref and dispatch for key handlers. */
export interface Cursor {
  index: number;
  ref: { readonly current: number };
  dispatch(action: CursorAction): void;
}

/** A cursor over `count` rows whose latest position key handlers read from `ref`. */
export function useCursor(count: number, initial = 0): Cursor {
  const ref = useRef(initial);
  const countRef = useRef(count);
  countRef.current = count;
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  if (ref.current > Math.max(0, count - 1)) ref.current = Math.max(0, count - 1);
  const dispatch = useCallback((action: CursorAction) => {
    const next = cursorReducer(ref.current, countRef.current, action);
    if (next !== ref.current) {
      ref.current = next;
      rerender();
    }
  }, []);
  return { index: ref.current, ref, dispatch };
}
