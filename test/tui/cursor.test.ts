import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cursorReducer } from '../../src/tui/hooks/cursor.js';
import { KeypressHub, splitText } from '../../src/tui/hooks/keypress.js';

describe('cursorReducer', () => {
  it('always stays inside the list', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.integer({ min: -100, max: 100 }), fc.nat(60), (count, delta, start) => {
        const i = cursorReducer(Math.min(start, Math.max(0, count - 1)), count, { type: 'move', delta });
        expect(i).toBeGreaterThanOrEqual(0);
        expect(i).toBeLessThanOrEqual(Math.max(0, count - 1));
      }),
    );
    expect(cursorReducer(3, 10, { type: 'last' })).toBe(9);
    expect(cursorReducer(3, 10, { type: 'first' })).toBe(0);
  });
});

describe('KeypressHub', () => {
  it('offers keys by priority, newest first among equals, and splits text chunks', async () => {
    const hub = new KeypressHub();
    const seen: string[] = [];
    const key = splitText('a', {} as never)[0]![1];
    hub.add(0, { current: (i) => void seen.push(`view:${i}`) });
    const remove = hub.add(100, {
      current: (i) => {
        seen.push(`dialog:${i}`);
        return i === 'x';
      },
    });
    const settle = async () => {
      while (hub.pending) await new Promise((r) => setImmediate(r));
    };
    hub.dispatch('x', key);
    hub.dispatch('y', key);
    // a key arriving in the same task waits its turn (React commits in between)
    expect(seen).toEqual(['dialog:x']);
    await settle();
    remove();
    hub.dispatch('ab\r', key);
    await settle();
    expect(seen).toEqual(['dialog:x', 'dialog:y', 'view:y', 'view:a', 'view:b', 'view:']);
    const [ctrlU] = splitText('\u0015', key);
    expect(ctrlU![0]).toBe('u');
    expect(ctrlU![1].ctrl).toBe(true);
  });
});
