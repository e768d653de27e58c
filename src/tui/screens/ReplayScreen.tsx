// `gameday replay` in the live view: the header, then the target diff (k keeps the recorded ids, r
// re-resolves), the typed account confirmation outside the sandbox, then the live view of the run
// (probe strips, graphs with attack markers, the engine's events) with halt, pause and quit.
// Everything comes from the ReplayModel and its steady loop; this screen never fetches.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { diffLines, hasDifferences } from '../../session/replay-diff.js';
import { realClock } from '../../steady/loop.js';
import type { LoopClock } from '../../steady/types.js';
import { useTheme } from '../context.js';
import { useCommands } from '../hooks/commands.js';
import { Priority } from '../hooks/keypress.js';
import { useStore } from '../hooks/store.js';
import type { Size } from '../hooks/terminal-size.js';
import type { KeyCommand } from '../keys/commands.js';
import type { ReplayModel } from '../models/replay-model.js';
import { ConfirmDialog } from '../widgets/ConfirmDialog.js';
import { Header } from '../widgets/Header.js';
import { Help } from '../widgets/Help.js';
import { KeyBar } from '../widgets/KeyBar.js';
import { QuitDialog } from '../widgets/QuitDialog.js';
import { LIVE_COMMANDS, LiveScreen } from './LiveScreen.js';

/** Keys on the diff screen. */
export const REPLAY_DIFF_COMMANDS: KeyCommand[] = [
  { id: 'keep', keys: ['k'], description: 'keep recorded ids', dangerous: true },
  { id: 'resolve', keys: ['r'], description: 're-resolve targets', dangerous: true },
  { id: 'up', keys: ['up'], description: 'scroll', visible: false },
  { id: 'down', keys: ['down'], label: '↑↓', description: 'scroll' },
  { id: 'help', keys: ['?'], description: 'help' },
  { id: 'quit', keys: ['q', 'ctrl+c'], label: 'q', description: 'quit' },
];

/** Keys while the replay runs (and after it ended). */
export const REPLAY_RUN_COMMANDS: KeyCommand[] = [
  { id: 'halt', keys: ['h'], description: 'halt+undo', dangerous: true },
  // the graph picker needs the console's graph control; a replay graphs what was recorded
  ...LIVE_COMMANDS.filter((c) => c.id !== 'graphs'),
  { id: 'pause', keys: ['p'], description: 'pause probes' },
  { id: 'help', keys: ['?'], description: 'help' },
  { id: 'quit', keys: ['q', 'ctrl+c'], label: 'q', description: 'quit' },
];

/** ReplayScreen props. */
export interface ReplayScreenProps {
  model: ReplayModel;
  size: Size;
  clock?: LoopClock;
  /** Called once when the operator has quit (after undoing, if asked). */
  onExit(): void;
}

/** The replay frame. */
export function ReplayScreen({ model, size, clock = realClock, onExit }: ReplayScreenProps) {
  const theme = useTheme();
  const st = useStore(model);
  const snap = useStore(model.loop);
  const [started] = useState(() => clock.now());
  const [asking, setAsking] = useState(false);
  const [exiting, setExiting] = useState(false);
  const [scroll, setScroll] = useState(0);
  const [help, setHelp] = useState(false);
  const quit = (undo: boolean) => {
    if (exiting) return;
    setExiting(true);
    setAsking(false);
    void model.close({ undo }).finally(onExit);
  };
  const askQuit = () => (model.active() > 0 ? setAsking(true) : quit(false));
  const inDiff = st.phase === 'diff';
  useCommands(
    REPLAY_DIFF_COMMANDS,
    (id) => {
      if (id === 'keep') model.choose('keep-ids');
      else if (id === 'resolve') model.choose('re-resolve');
      else if (id === 'up') setScroll((n) => Math.max(0, n - 1));
      else if (id === 'down') setScroll((n) => n + 1);
      else if (id === 'help') setHelp(true);
      else quit(false);
    },
    { priority: Priority.Screen, isActive: inDiff && !exiting && !help },
  );
  const running = st.phase === 'running' || st.phase === 'done';
  useCommands(
    REPLAY_RUN_COMMANDS.filter((c) => c.id !== 'chart'),
    (id) => {
      if (id === 'halt') void model.halt('halted by the operator');
      else if (id === 'pause') model.loop.setPaused(!model.loop.snapshot().paused);
      else if (id === 'help') setHelp(true);
      else askQuit();
    },
    { priority: Priority.Global, isActive: running && !asking && !exiting && !help },
  );
  const bodyHeight = size.height - 2 - 1 - 1 - 1;
  const rec = model.recording;
  const title = `Replay · ${rec.start.title}`;
  const line =
    st.phase === 'diff'
      ? `${title} · targets recorded vs now`
      : st.phase === 'confirm'
        ? `${title} · confirm before acting`
        : `${title} · ${st.mode === 're-resolve' ? 're-resolved targets' : 'recorded ids'} · ${
            st.phase === 'done'
              ? `ended: ${st.status}${st.exitCode ? ' (exit 1)' : ''} · q quits`
              : `running ${st.current ?? '…'}`
          }`;
  return (
    <Box flexDirection="column" width={size.width} height={size.height}>
      <Header
        info={model.info}
        elapsedMs={clock.now() - started}
        width={size.width}
        active={model.active()}
        canHalt={running}
      />
      <Text bold wrap="truncate" color={st.phase === 'done' ? theme.status.ok : theme.text.accent}>
        {line}
      </Text>
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {help ? (
          <Help
            groups={[
              {
                title: inDiff ? 'Replay: targets' : 'Replay: live view',
                commands: inDiff ? REPLAY_DIFF_COMMANDS : REPLAY_RUN_COMMANDS,
              },
            ]}
            onClose={() => setHelp(false)}
            height={bodyHeight}
            width={size.width}
          />
        ) : asking ? (
          <QuitDialog
            active={model.active()}
            onUndoAndQuit={() => quit(true)}
            onQuitLeaving={() => quit(false)}
            onStay={() => setAsking(false)}
          />
        ) : st.phase === 'confirm' ? (
          <ConfirmDialog
            title={`Replay ${model.diffs.length} attack(s) on LIVE account ${model.info.account ?? '?'} (${model.info.region})`}
            expected={[model.info.account, model.info.alias].filter((x): x is string => Boolean(x))}
            expectedLabel="the account id"
            confirmLabel="replay the attacks"
            onConfirm={() => model.confirm()}
            onCancel={() => model.back()}
          >
            <Text>{`${st.mode === 're-resolve' ? 'Re-resolving the targets' : 'Keeping the recorded ids'}; every change is undone on halt or quit.`}</Text>
          </ConfirmDialog>
        ) : inDiff ? (
          <DiffView model={model} height={bodyHeight} scroll={scroll} />
        ) : (
          <LiveScreen snapshot={snap} width={size.width} height={bodyHeight} isActive={!asking && !help} />
        )}
      </Box>
      <Text color={theme.status.warn} wrap="truncate">
        {st.flash ?? ''}
      </Text>
      <KeyBar commands={inDiff ? REPLAY_DIFF_COMMANDS : REPLAY_RUN_COMMANDS} width={size.width} />
    </Box>
  );
}

function DiffView({ model, height, scroll }: { model: ReplayModel; height: number; scroll: number }) {
  const theme = useTheme();
  const changed = hasDifferences(model.diffs);
  const lines = diffLines(model.diffs);
  const room = Math.max(1, height - 4);
  const from = Math.min(scroll, Math.max(0, lines.length - room));
  const colour = (l: string) =>
    /^\s+gone:/.test(l)
      ? theme.status.error
      : /^\s+(new|changed):/.test(l)
        ? theme.status.warn
        : /same targets$/.test(l)
          ? theme.status.ok
          : /^\S/.test(l)
            ? theme.text.accent
            : undefined;
  return (
    <Box flexDirection="column">
      <Text bold color={changed ? theme.status.warn : theme.status.ok}>
        {changed
          ? 'The targets changed since the recording:'
          : 'No changes: the selectors resolve to the recorded targets.'}
      </Text>
      {lines.slice(from, from + room).map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of lines
        <Text key={from + i} wrap="truncate" color={colour(l)}>
          {l}
        </Text>
      ))}
      {lines.length > room ? (
        <Text color={theme.text.secondary}>
          {`lines ${from + 1}-${Math.min(lines.length, from + room)} of ${lines.length} (↑↓ scroll)`}
        </Text>
      ) : null}
      <Text color={theme.text.secondary} wrap="truncate">
        k acts on the recorded ids · r runs the selectors again · q quits, nothing done
      </Text>
    </Box>
  );
}
