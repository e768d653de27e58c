// A one-line text input driven by the keypress hub, its value and caret held in a ref. We do not
// use ink-text-input here: it receives "prod\r" (text and Enter in one stdin chunk, as fast typing
// or tmux send it) as literal text, so Enter is lost and "\r" lands in the value, and its handlers
// read the render closure, so two keys in one chunk act on a stale value. The hub splits chunks
// into single keys, and the ref makes each key see the previous one's effect.
import { Text } from 'ink';
import { useReducer, useRef } from 'react';
import { useTheme } from '../context.js';
import { Priority, useKeypress } from '../hooks/keypress.js';

/** TextField props. The field consumes every key while focused, so views beneath stay still. */
export interface TextFieldProps {
  initial?: string;
  placeholder?: string;
  focus?: boolean;
  onChange?(value: string): void;
  onSubmit(value: string): void;
  onCancel?(): void;
  /** Keys the field lets through instead of consuming (Tab / ↑ / ↓ to move between fields). */
  passThrough?(input: string, key: import('ink').Key): boolean;
  priority?: number;
}

/** Text editing on a value+caret pair: printable input, ←/→, home/end, backspace, ctrl+u. */
export function editText(
  state: { value: string; caret: number },
  input: string,
  key: import('ink').Key,
): { value: string; caret: number } | undefined {
  const { value, caret } = state;
  if (key.leftArrow) return { value, caret: Math.max(0, caret - 1) };
  if (key.rightArrow) return { value, caret: Math.min(value.length, caret + 1) };
  if (key.home || (key.ctrl && input === 'a')) return { value, caret: 0 };
  if (key.end || (key.ctrl && input === 'e')) return { value, caret: value.length };
  // Terminals send DEL (0x7f) for Backspace and ink reports it as `delete`: both erase backwards.
  if (key.backspace || key.delete)
    return caret > 0 ? { value: value.slice(0, caret - 1) + value.slice(caret), caret: caret - 1 } : state;
  if (key.ctrl && input === 'u') return { value: '', caret: 0 };
  if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.tab || key.return || key.escape)
    return undefined;
  if (input === '') return undefined;
  return { value: value.slice(0, caret) + input + value.slice(caret), caret: caret + input.length };
}

/** A text field that submits on Enter and cancels on Escape. */
export function TextField(props: TextFieldProps) {
  const theme = useTheme();
  const focus = props.focus ?? true;
  const initial = props.initial ?? '';
  const ref = useRef({ value: initial, caret: initial.length });
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useKeypress(
    (input, key) => {
      if (props.passThrough?.(input, key)) return false;
      if (key.return) props.onSubmit(ref.current.value);
      else if (key.escape) props.onCancel?.();
      else {
        const next = editText(ref.current, input, key);
        if (next && (next.value !== ref.current.value || next.caret !== ref.current.caret)) {
          const changed = next.value !== ref.current.value;
          ref.current = next;
          rerender();
          if (changed) props.onChange?.(next.value);
        }
      }
      return true;
    },
    { priority: props.priority ?? Priority.Dialog, isActive: focus },
  );
  const { value, caret } = ref.current;
  if (value === '' && props.placeholder)
    return (
      <Text color={theme.text.secondary}>
        {focus ? <Text inverse>{props.placeholder[0]}</Text> : props.placeholder[0]}
        {props.placeholder.slice(1)}
      </Text>
    );
  if (!focus) return <Text>{value}</Text>;
  return (
    <Text>
      {value.slice(0, caret)}
      <Text inverse>{value[caret] ?? ' '}</Text>
      {value.slice(caret + 1)}
    </Text>
  );
}
