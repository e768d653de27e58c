// The first and last screens of runbook mode: the briefing the facilitator reads out (what we do,
// the blast radius, the stop conditions, the rollback), and the summary of what the team recorded.
import { Box, Text } from 'ink';
import type { RunbookState } from '../../../scenario/machine.js';
import type { Runbook } from '../../../scenario/runbook.js';
import { useTheme } from '../../context.js';

/** The briefing: read it out, then enter. */
export function BriefingView({ runbook, description }: { runbook: Runbook; description?: string }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold>Briefing</Text>
      {description ? <Text color={theme.text.secondary}>{description}</Text> : null}
      {runbook.briefing.map((p) => (
        <Text key={p}>{`• ${p}`}</Text>
      ))}
      <Box flexDirection="column" marginTop={1}>
        <Text>
          <Text bold>Blast radius: </Text>
          {`at most ${runbook.blastRadius.maxTargets} resource(s). ${runbook.blastRadius.description}`}
        </Text>
        <Text>
          <Text bold>Stop conditions: </Text>
          {runbook.stopConditions.alarms.length ? `alarms ${runbook.stopConditions.alarms.join(', ')}. ` : ''}
          {runbook.stopConditions.description}
        </Text>
        <Text>
          <Text bold>Rollback: </Text>
          {runbook.rollback}
        </Text>
        <Text>
          <Text bold>Steps: </Text>
          {`${runbook.steps.filter((s) => s.type === 'attack').length} run by the console, ${runbook.steps.filter((s) => s.type === 'gate').length} confirmed by the team`}
        </Text>
      </Box>
      <Box marginTop={1}>
        <Text color={theme.text.accent}>Press enter when the team is ready.</Text>
      </Box>
    </Box>
  );
}

/** What the day recorded: hypothesis, outcome, checklist, answers. */
export function SummaryView({ state, runbook }: { state: RunbookState; runbook: Runbook }) {
  const theme = useTheme();
  const run = state.run.status
    ? `${state.run.status}${state.run.deviated ? ' (the steady state deviated)' : ''}`
    : 'still finishing (rollbacks)';
  return (
    <Box flexDirection="column">
      <Text bold>Game day recorded</Text>
      <Text>{`Hypothesis: ${state.hypothesis ?? '(none)'}`}</Text>
      <Text>{`Run: ${run}`}</Text>
      <Text color={theme.text.secondary}>{`Expected: ${runbook.expectedOutcome}`}</Text>
      <Text>{`Observations confirmed: ${state.observations.filter((o) => o.confirmed).length} of ${state.observations.length}`}</Text>
      {state.answers.map((a) => (
        <Text key={a.question}>{`${a.question} ${a.text || '(no answer)'}`}</Text>
      ))}
    </Box>
  );
}
