// The runbook screens where the team types or ticks: a question with a text field (the hypothesis
// before the fault, the closing questions after it) and the observation checklist.
import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import type { RunbookMachine, RunbookState } from '../../../scenario/machine.js';
import { useTheme } from '../../context.js';
import { Priority, useKeypress } from '../../hooks/keypress.js';
import { TextField } from '../../widgets/TextField.js';

/** A question and a one-line answer; `onSubmit` returns false to refuse the text (stays open). */
export function QuestionView(props: {
  heading: string;
  question: string;
  placeholder: string;
  allowEmpty?: boolean;
  footer?: string;
  onSubmit(text: string): boolean;
}) {
  const theme = useTheme();
  const [refused, setRefused] = useState(false);
  return (
    <Box flexDirection="column">
      <Text bold>{props.heading}</Text>
      <Text>{props.question}</Text>
      <Box marginTop={1}>
        <Text color={theme.text.accent}>{'> '}</Text>
        <TextField
          placeholder={props.placeholder}
          onSubmit={(text) => {
            if (!props.allowEmpty && !text.trim()) return setRefused(true);
            if (!props.onSubmit(text)) setRefused(true);
          }}
        />
      </Box>
      {refused ? (
        <Text color={theme.status.warn}>Write something first: it is recorded with the run.</Text>
      ) : null}
      {props.footer ? <Text color={theme.text.secondary}>{props.footer}</Text> : null}
    </Box>
  );
}

/** The observation checklist: ↑/↓ move, space ticks, enter records it. */
export function ChecklistView({ state, machine }: { state: RunbookState; machine: RunbookMachine }) {
  const theme = useTheme();
  const [cursor, setCursor] = useState(0);
  const ref = useRef(0);
  const move = (to: number) => {
    ref.current = Math.max(0, Math.min(state.observations.length - 1, to));
    setCursor(ref.current);
  };
  useKeypress(
    (input, key) => {
      if (key.upArrow) move(ref.current - 1);
      else if (key.downArrow) move(ref.current + 1);
      else if (input === ' ') machine.toggleObservation(ref.current);
      else if (key.return) machine.confirmObservations();
      else return false;
      return true;
    },
    { priority: Priority.Screen + 1 },
  );
  return (
    <Box flexDirection="column">
      <Text bold>What did we see? Tick what the team confirms.</Text>
      {state.observations.map((o, i) => (
        <Text key={o.text} color={i === cursor ? theme.selection.cursor : undefined}>
          {`${i === cursor ? '›' : ' '} [${o.confirmed ? 'x' : ' '}] ${o.text}`}
        </Text>
      ))}
    </Box>
  );
}
