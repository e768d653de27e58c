// The parameter form: one text field per catalogue parameter, prefilled with the catalogue default
// (or the marked targets); Tab/↓ and ↑ move between fields, Enter checks every field and goes on to
// the blast-radius preview, Esc goes back.
import { Box, Text } from 'ink';
import { useReducer, useRef, useState } from 'react';
import { useTheme } from '../context.js';
import { Priority, useKeypress } from '../hooks/keypress.js';
import type { AttackOption } from '../services.js';
import { TextField } from '../widgets/TextField.js';
import { paramText, parseParam } from './param-values.js';

/** ParamForm props. */
export interface ParamFormProps {
  attack: AttackOption;
  /** An error from the step after (the preview failed). */
  error?: string;
  height: number;
  onSubmit(args: Record<string, unknown>): void;
  onBack(): void;
}

/** The form. */
export function ParamForm({ attack, error, height, onSubmit, onBack }: ParamFormProps) {
  const theme = useTheme();
  const values = useRef<Record<string, string>>(
    Object.fromEntries(attack.params.map((p) => [p.name, paramText(p.initial)])),
  );
  const focus = useRef(0);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [problem, setProblem] = useState<string | undefined>();
  const move = (delta: number) => {
    const n = attack.params.length;
    if (n === 0) return;
    focus.current = (focus.current + delta + n) % n;
    rerender();
  };
  const submit = () => {
    const args: Record<string, unknown> = {};
    try {
      for (const p of attack.params) args[p.name] = parseParam(p, values.current[p.name] ?? '');
    } catch (err) {
      setProblem((err as Error).message);
      return;
    }
    setProblem(undefined);
    onSubmit(args);
  };
  // With no fields to take the keys, Enter and Esc come straight here.
  useKeypress(
    (_input, key) => {
      if (key.return) submit();
      else if (key.escape) onBack();
      return true;
    },
    { priority: Priority.Dialog, isActive: attack.params.length === 0 },
  );
  const visible = Math.max(1, Math.floor((height - 5) / 2));
  const start = Math.max(
    0,
    Math.min(focus.current - Math.floor(visible / 2), attack.params.length - visible),
  );
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{attack.title}</Text>
        <Text color={theme.text.secondary}>{`  ${attack.summary}`}</Text>
      </Text>
      {attack.params.length === 0 ? (
        <Text color={theme.text.secondary}>no parameters: Enter for the preview</Text>
      ) : null}
      {attack.params.slice(start, start + visible).map((p, i) => {
        const index = start + i;
        const here = index === focus.current;
        return (
          <Box key={p.name} flexDirection="column">
            <Text wrap="truncate">
              <Text color={here ? theme.selection.cursor : theme.text.secondary}>{here ? '❯ ' : '  '}</Text>
              <Text bold={here}>{p.name}</Text>
              <Text
                color={theme.text.secondary}
              >{` (${p.type ?? 'str'}${p.required ? ', required' : ''}) ${p.description}`}</Text>
            </Text>
            <Box paddingLeft={4}>
              <TextField
                key={`${p.name}:${here}`}
                initial={values.current[p.name]}
                focus={here}
                placeholder={p.required ? 'required' : 'default'}
                onChange={(v) => {
                  values.current[p.name] = v;
                }}
                onSubmit={submit}
                onCancel={onBack}
                passThrough={(_input, key) => {
                  if (key.tab || key.downArrow) move(key.shift ? -1 : 1);
                  else if (key.upArrow) move(-1);
                  else return false;
                  return true;
                }}
              />
            </Box>
          </Box>
        );
      })}
      {problem || error ? <Text color={theme.status.error}>{`✘ ${problem ?? error}`}</Text> : null}
      <Text color={theme.text.secondary}>tab/↑/↓ move · enter preview the blast radius · esc back</Text>
    </Box>
  );
}
