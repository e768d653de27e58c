// `gameday review`: the live view fed by a recording instead of the steady loop. The Playback model
// (src/session/playback.ts) turns the recording into the same snapshots; this screen adds the
// playback bar (position, speed, paused) and its keys. No AWS call is possible from here.
import { Box, render, Text } from 'ink';
import { useEffect } from 'react';
import type { Playback } from '../../session/playback.js';
import { SettingsProvider, useTheme } from '../context.js';
import { useCommands } from '../hooks/commands.js';
import { KeypressProvider, Priority } from '../hooks/keypress.js';
import { useStore } from '../hooks/store.js';
import { useTerminalSize } from '../hooks/terminal-size.js';
import type { KeyCommand } from '../keys/commands.js';
import { KeyBar } from '../widgets/KeyBar.js';
import { LIVE_COMMANDS, LiveScreen } from './LiveScreen.js';

/** The review's keys. */
export const REVIEW_COMMANDS: KeyCommand[] = [
  { id: 'toggle', keys: ['space'], description: 'play/pause' },
  { id: 'back', keys: ['left'], description: '-10s' },
  { id: 'forward', keys: ['right'], description: '+10s' },
  { id: 'start', keys: ['home'], description: 'start' },
  { id: 'end', keys: ['end'], description: 'end' },
  { id: 'speed1', keys: ['1'], description: '1x' },
  { id: 'speed10', keys: ['2'], description: '10x' },
  { id: 'speed60', keys: ['3'], description: '60x' },
  { id: 'quit', keys: ['q', 'ctrl+c'], label: 'q', description: 'quit' },
];

/** ReviewScreen props. */
export interface ReviewScreenProps {
  playback: Playback;
  width: number;
  height: number;
  onExit(): void;
}

/** The review screen: playback bar, the live view of the snapshot, the key bar. */
export function ReviewScreen({ playback, width, height, onExit }: ReviewScreenProps) {
  const theme = useTheme();
  const snap = useStore(playback);
  useEffect(() => () => playback.dispose(), [playback]);
  useCommands(
    REVIEW_COMMANDS,
    (id) => {
      if (id === 'toggle') playback.toggle();
      else if (id === 'back') playback.seekBy(-10_000 * Math.max(1, playback.speed / 10));
      else if (id === 'forward') playback.seekBy(10_000 * Math.max(1, playback.speed / 10));
      else if (id === 'start') playback.seek(0);
      else if (id === 'end') playback.seek(playback.duration);
      else if (id === 'speed1') playback.setSpeed(1);
      else if (id === 'speed10') playback.setSpeed(10);
      else if (id === 'speed60') playback.setSpeed(60);
      else if (id === 'quit') {
        playback.dispose();
        onExit();
      }
    },
    { priority: Priority.Screen },
  );
  const rec = playback.recording;
  const bar = `${playback.paused ? '‖ paused' : '▶ playing'} ${playback.speed}x  ${clock(playback.position)} / ${clock(playback.duration)}`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate">
        <Text bold>{`Review · ${rec.start.title}`}</Text>
        <Text
          color={theme.text.secondary}
        >{`  ${rec.start.region}${rec.start.sandbox ? ' (sandbox)' : ''} · ${rec.name}`}</Text>
      </Text>
      <Text color={playback.paused ? theme.status.warn : theme.status.ok}>{bar}</Text>
      <LiveScreen snapshot={snap} width={width} height={Math.max(10, height - 4)} />
      <KeyBar commands={[...REVIEW_COMMANDS, ...LIVE_COMMANDS]} width={width} />
    </Box>
  );
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

function Sized({ playback, onExit }: { playback: Playback; onExit(): void }) {
  const size = useTerminalSize();
  return <ReviewScreen playback={playback} width={size.width} height={size.height} onExit={onExit} />;
}

/** Renders the review on the terminal until the operator quits. */
export async function runReview(playback: Playback): Promise<void> {
  const app = render(
    <SettingsProvider value={{ readOnly: true }}>
      <KeypressProvider>
        <Sized playback={playback} onExit={() => app.unmount()} />
      </KeypressProvider>
    </SettingsProvider>,
    { exitOnCtrlC: false },
  );
  playback.play();
  await app.waitUntilExit();
}
