// The console's Scenarios screen: the guided game days in scenarios/, each with its size (attacks,
// manual gates, blast-radius cap) and, for the highlighted one, what it rehearses. Enter hands the
// chosen scenario to runbook mode (the same as `gameday play FILE`); a broken file is listed with
// its problem so its author sees why it cannot be played.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { useTheme } from '../context.js';
import type { KeyCommand } from '../keys/commands.js';
import type { ScenarioSummary } from '../services.js';
import { fitText } from '../widgets/layout.js';
import { type SelectItem, SelectList } from '../widgets/SelectList.js';

/** The screen's keys (the list itself moves with j/k and arrows). */
export const SCENARIO_COMMANDS: KeyCommand[] = [
  { id: 'scenarios.move', keys: ['j', 'k'], label: 'j/k', description: 'move' },
  { id: 'scenarios.play', keys: ['enter'], description: 'play (runbook mode)', dangerous: true },
];

/** ScenariosScreen props. */
export interface ScenariosScreenProps {
  scenarios: readonly ScenarioSummary[];
  width: number;
  height: number;
  /** Read-only consoles list the scenarios but cannot play them. */
  readOnly: boolean;
  onPlay(scenario: ScenarioSummary): void;
  isActive?: boolean;
}

/** What one scenario costs, in a few words: "2 attacks, 1 gate, cap 2". */
export function scenarioSize(s: ScenarioSummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(s.attacks, 'attack')}, ${plural(s.gates, 'gate')}${s.maxTargets ? `, cap ${s.maxTargets}` : ''}`;
}

/** The scenario list and the highlighted scenario's briefing. */
export function ScenariosScreen({
  scenarios,
  width,
  height,
  readOnly,
  onPlay,
  isActive,
}: ScenariosScreenProps) {
  const theme = useTheme();
  const [here, setHere] = useState(scenarios[0]);
  if (scenarios.length === 0)
    return (
      <Box flexDirection="column" paddingX={1}>
        <Text bold>Scenarios</Text>
        <Text color={theme.text.secondary}>
          No scenarios found: put Chaos Toolkit experiments with a gameday runbook in ./scenarios (see
          docs/scenarios.md).
        </Text>
      </Box>
    );
  const hints = scenarios.map((s) => (s.problem ? 'cannot be played' : scenarioSize(s)));
  // padding, cursor, the gap before the hint and the longest hint
  const titleWidth = Math.max(20, width - 2 - 2 - 2 - Math.max(...hints.map((h) => h.length + 2)));
  const items: SelectItem<ScenarioSummary>[] = scenarios.map((s, i) => ({
    key: s.file,
    label: fitText(s.title, titleWidth),
    value: s,
    hint: s.problem ? undefined : hints[i],
    disabled: s.problem ? 'cannot be played' : readOnly ? 'read-only' : undefined,
  }));
  const listHeight = Math.max(3, Math.min(items.length, height - 6));
  const shown = here ?? scenarios[0]!;
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>
        {`Scenarios (${scenarios.length})`}
        <Text color={theme.text.secondary}>
          {'  guided game days: briefing, hypothesis, steps, findings'}
        </Text>
      </Text>
      <SelectList
        items={items}
        height={listHeight}
        isActive={isActive}
        onHighlight={(i) => setHere(i.value)}
        onSelect={(i) => onPlay(i.value)}
      />
      <Box
        flexDirection="column"
        marginTop={1}
        height={Math.max(2, height - listHeight - 2)}
        overflow="hidden"
      >
        <Text color={theme.text.accent} wrap="truncate">
          {shown.file}
          {shown.tags.length ? <Text color={theme.text.secondary}>{`  ${shown.tags.join(' ')}`}</Text> : null}
        </Text>
        {shown.problem ? (
          <Text color={theme.status.error} wrap="truncate-end">
            {shown.problem}
          </Text>
        ) : (
          <Text color={theme.text.secondary}>{shown.description || 'no description'}</Text>
        )}
      </Box>
    </Box>
  );
}
