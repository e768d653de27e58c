// Runbook mode: the console leads a guided game day. One screen per stage of the runbook machine
// (src/scenario/machine.ts): briefing, the team's hypothesis, the steps with their manual gates,
// the observation checklist, the closing questions, and a summary. The view only renders the
// machine and turns keys into its actions; the command runs the engine beside it.
import { Box, Text } from 'ink';
import { useSyncExternalStore } from 'react';
import type { LineFeed } from '../../../scenario/feed.js';
import type { RunbookMachine } from '../../../scenario/machine.js';
import { useTheme } from '../../context.js';
import { Priority, useKeypress } from '../../hooks/keypress.js';
import type { KeyCommand } from '../../keys/commands.js';
import { KeyBar } from '../../widgets/KeyBar.js';
import { BriefingView, SummaryView } from './BriefingView.js';
import { ChecklistView, QuestionView } from './InputViews.js';
import { StepsView } from './StepsView.js';
import { WatchPanel, type WatchSource } from './WatchPanel.js';

/** What the runbook screen shows: the machine, the scenario's title and the engine's last lines. */
export interface RunbookScreenProps {
  machine: RunbookMachine;
  title: string;
  description?: string;
  feed?: LineFeed;
  /** The steady loop (stop alarms, graphed metrics), shown while the steps and checklist run. */
  watch?: WatchSource;
  width?: number;
  /** The operator leaves (after the summary, or q at any time the keys allow it). */
  onExit?(): void;
}

const NO_LINES: readonly string[] = [];
const EMPTY_FEED = { subscribe: () => () => {}, lines: () => NO_LINES };

/** The guided game day, stage by stage. */
export function RunbookScreen(props: RunbookScreenProps) {
  const theme = useTheme();
  const { machine } = props;
  const state = useSyncExternalStore(
    (l) => machine.subscribe(l),
    () => machine.state,
  );
  const feed = props.feed ?? EMPTY_FEED;
  const lines = useSyncExternalStore(
    (l) => feed.subscribe(l),
    () => feed.lines(),
  );
  const width = props.width ?? 80;
  const rb = machine.runbook;
  const keys = commandsFor(state.stage, machine);

  useKeypress(
    (input, key) => {
      if (state.stage === 'briefing' && key.return) machine.begin();
      else if (state.stage === 'steps' && key.return) return machine.passGate();
      else if (state.stage === 'done' && (key.return || input === 'q')) props.onExit?.();
      else return false;
      return true;
    },
    { priority: Priority.Screen },
  );

  let body: React.ReactNode;
  switch (state.stage) {
    case 'briefing':
      body = <BriefingView runbook={rb} description={props.description} />;
      break;
    case 'hypothesis':
      body = (
        <QuestionView
          key="hypothesis"
          heading="Your hypothesis, before the fault goes in"
          question={rb.hypothesisPrompt}
          placeholder="type what the team expects, then enter"
          onSubmit={(t) => machine.submitHypothesis(t)}
        />
      );
      break;
    case 'steps':
      body = <StepsView state={state} lines={lines} />;
      break;
    case 'observations':
      body = <ChecklistView state={state} machine={machine} />;
      break;
    case 'closing':
      body = (
        <QuestionView
          key={`closing-${state.question}`}
          heading={`Closing question ${state.question + 1} of ${rb.closingQuestions.length}`}
          question={rb.closingQuestions[state.question]!}
          placeholder="type the team's answer, then enter"
          allowEmpty
          footer={runLine(state.run)}
          onSubmit={(t) => {
            machine.answer(t);
            return true;
          }}
        />
      );
      break;
    case 'done':
      body = <SummaryView state={state} runbook={rb} />;
      break;
  }
  return (
    <Box flexDirection="column" width={width}>
      <Box justifyContent="space-between">
        <Text bold color={theme.text.accent} wrap="truncate">
          {`Game day: ${props.title}`}
        </Text>
        <Text color={theme.text.secondary}>{stageLabel(state.stage)}</Text>
      </Box>
      <Box flexDirection="column" marginY={1}>
        {body}
      </Box>
      {props.watch && (state.stage === 'steps' || state.stage === 'observations') ? (
        <Box flexDirection="column" marginBottom={1}>
          <WatchPanel source={props.watch} />
        </Box>
      ) : null}
      <KeyBar commands={keys} width={width} />
    </Box>
  );
}

/** One line on where the engine is, for the closing and summary screens. */
export function runLine(run: { methodEnded: boolean; status?: string; deviated?: boolean }): string {
  if (run.status) return `run ${run.status}${run.deviated ? ', the steady state deviated' : ''}`;
  return run.methodEnded ? 'checking the steady state and rolling back...' : 'the fault is still in place';
}

function stageLabel(stage: string): string {
  const n = ['briefing', 'hypothesis', 'steps', 'observations', 'closing', 'done'].indexOf(stage) + 1;
  return `${n}/6 ${stage}`;
}

function commandsFor(stage: string, machine: RunbookMachine): KeyCommand[] {
  switch (stage) {
    case 'briefing':
      return [{ id: 'runbook.begin', keys: ['enter'], description: 'start: state the hypothesis' }];
    case 'hypothesis':
      return [{ id: 'runbook.hypothesis', keys: ['enter'], description: 'record the hypothesis' }];
    case 'steps': {
      const cur = machine.state.steps[machine.state.current];
      return cur?.status === 'waiting'
        ? [{ id: 'runbook.gate', keys: ['enter'], description: 'confirm and continue' }]
        : [];
    }
    case 'observations':
      return [
        { id: 'runbook.move', keys: ['up', 'down'], label: '↑↓', description: 'move' },
        { id: 'runbook.tick', keys: ['space'], description: 'tick / untick' },
        { id: 'runbook.checklist', keys: ['enter'], description: 'checklist done' },
      ];
    case 'closing':
      return [{ id: 'runbook.answer', keys: ['enter'], description: 'record the answer' }];
    default:
      return [{ id: 'runbook.exit', keys: ['enter', 'q'], description: 'finish' }];
  }
}
