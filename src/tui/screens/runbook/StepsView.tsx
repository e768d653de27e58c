// The steps of the runbook as they happen: each gate waits for the team (enter), each attack shows
// whether it is ready, running, done or failed, with the engine's latest log lines beneath.
import { Box, Text } from 'ink';
import type { RunbookState, StepStatus } from '../../../scenario/machine.js';
import { useTheme } from '../../context.js';
import type { Theme } from '../../theme.js';

const MARK: Record<StepStatus, string> = {
  pending: '·',
  waiting: '▶',
  ready: '·',
  running: '…',
  passed: '✓',
  done: '✓',
  failed: '✗',
  skipped: '-',
};

/** The step list, the gate in focus, and the last lines of the engine's log. */
export function StepsView({ state, lines }: { state: RunbookState; lines: readonly string[] }) {
  const theme = useTheme();
  const cur = state.steps[state.current];
  return (
    <Box flexDirection="column">
      <Text bold>Steps</Text>
      {state.steps.map((st, i) => (
        <Text
          key={st.step.type === 'gate' ? `gate:${st.step.title}` : `attack:${st.step.activity}`}
          color={colour(theme, st.status)}
          bold={i === state.current}
        >
          {`${MARK[st.status]} ${st.step.type === 'gate' ? 'confirm: ' : 'attack:  '}${st.step.title}${label(st.status)}`}
        </Text>
      ))}
      <Box marginTop={1} flexDirection="column">
        {!state.run.methodStarted ? (
          <Text color={theme.text.secondary}>Checking the steady state before the fault...</Text>
        ) : cur?.status === 'waiting' ? (
          <>
            <Text color={theme.text.accent}>{`Waiting for the team: ${cur.step.title}`}</Text>
            {cur.step.detail ? <Text color={theme.text.secondary}>{cur.step.detail}</Text> : null}
            <Text>Press enter once it is done.</Text>
          </>
        ) : cur?.status === 'running' ? (
          <Text color={theme.status.warn}>{`Running: ${cur.step.title}`}</Text>
        ) : null}
      </Box>
      <Box marginTop={1} flexDirection="column">
        {lines.slice(-5).map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: log lines are positional, the same text can repeat
          <Text key={`${lines.length - 5 + i}`} color={theme.text.secondary} wrap="truncate">
            {l}
          </Text>
        ))}
      </Box>
    </Box>
  );
}

function label(status: StepStatus): string {
  if (status === 'waiting') return '  (waiting for enter)';
  if (status === 'running') return '  (running)';
  if (status === 'failed') return '  (failed)';
  if (status === 'skipped') return '  (did not run)';
  return '';
}

function colour(theme: Theme, status: StepStatus) {
  if (status === 'failed') return theme.status.error;
  if (status === 'passed' || status === 'done') return theme.status.ok;
  if (status === 'waiting') return theme.text.accent;
  if (status === 'running') return theme.status.warn;
  return theme.text.secondary;
}
