// Confirmation before anything destructive (Shopify's DangerousConfirmationPrompt pattern): with
// `expected` set the operator must type it (the account id or alias) and a wrong answer is refused
// in red; without it, y confirms and n / Esc cancel. Either way Esc always backs out.
import { Box, Text } from 'ink';
import { type ReactNode, useState } from 'react';
import { useTheme } from '../context.js';
import { Priority, useKeypress } from '../hooks/keypress.js';
import { TextField } from './TextField.js';

/** ConfirmDialog props. */
export interface ConfirmDialogProps {
  title: string;
  children?: ReactNode;
  /** Answers accepted when typing is required (e.g. [accountId, alias]); omit for y/n. */
  expected?: string[];
  /** What to call the expected answer in the prompt ("the account id or alias"). */
  expectedLabel?: string;
  confirmLabel?: string;
  onConfirm(): void;
  onCancel(): void;
}

/** The dialog; it outranks every view while mounted. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const theme = useTheme();
  const [error, setError] = useState<string | undefined>();
  const typed = props.expected && props.expected.length > 0;
  useKeypress(
    (input, key) => {
      if (key.escape || (!typed && input === 'n')) props.onCancel();
      // Only a deliberate y confirms: a second Enter from the screen before must not run an attack.
      else if (!typed && input === 'y') props.onConfirm();
      return true;
    },
    { priority: Priority.Dialog, isActive: !typed },
  );
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border.danger} paddingX={1}>
      <Text bold color={theme.status.error}>
        {props.title}
      </Text>
      {props.children}
      {typed ? (
        <Box flexDirection="column">
          <Text>
            {`Type ${props.expectedLabel ?? `"${props.expected![0]}"`} to ${props.confirmLabel ?? 'confirm'}, or press Esc to cancel.`}
          </Text>
          <Box>
            <Text color={theme.text.accent}>{'> '}</Text>
            <TextField
              onChange={() => setError(undefined)}
              onSubmit={(value) => {
                if (props.expected!.includes(value.trim())) props.onConfirm();
                else
                  setError(
                    value.trim() === ''
                      ? 'nothing typed'
                      : `"${value.trim()}" does not match ${props.expectedLabel ?? `"${props.expected![0]}"`}`,
                  );
              }}
              onCancel={props.onCancel}
            />
          </Box>
          {error ? <Text color={theme.status.error}>{`✘ ${error}: not confirmed`}</Text> : null}
        </Box>
      ) : (
        <Text>{`y to ${props.confirmLabel ?? 'confirm'}, n or Esc to cancel`}</Text>
      )}
    </Box>
  );
}
