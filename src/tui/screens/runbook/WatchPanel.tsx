// What the team watches while the fault is in place: the stop alarms' states, the last points of
// each graphed metric, and whether a stop condition halted the run. Fed by the steady loop.
import { Box, Text } from 'ink';
import { useSyncExternalStore } from 'react';
import type { LoopSnapshot } from '../../../steady/types.js';
import { useTheme } from '../../context.js';

/** The part of the steady loop the panel reads. */
export interface WatchSource {
  snapshot(): LoopSnapshot;
  subscribe(listener: () => void): () => void;
}

/** Stop alarms and the latest metric points, a line each. */
export function WatchPanel({ source, points = 8 }: { source: WatchSource; points?: number }) {
  const theme = useTheme();
  const snap = useSyncExternalStore(source.subscribe, source.snapshot);
  const alarms = Object.entries(snap.alarms);
  const halt = [...snap.events].reverse().find((e) => e.kind === 'halt' || e.kind === 'stop-condition');
  return (
    <Box flexDirection="column">
      <Text
        color={theme.text.secondary}
      >{`Stop conditions: ${snap.stopConditions}${snap.armed ? ' (armed)' : ''}`}</Text>
      {alarms.length ? (
        <Text>
          {alarms.map(([name, state], i) => (
            <Text
              key={name}
              color={
                state === 'ALARM' ? theme.status.error : state === 'OK' ? theme.status.ok : theme.status.muted
              }
            >
              {`${i ? '  ' : ''}${name} ${state}`}
            </Text>
          ))}
        </Text>
      ) : null}
      {snap.series.map((s) => {
        const last = s.points.slice(-points).map((p) => (p === null ? '·' : format(p)));
        return (
          <Text key={s.spec.id} wrap="truncate">
            <Text color={theme.text.secondary}>{`${s.spec.label}: `}</Text>
            {last.length ? last.join(' ') : 'waiting for data'}
          </Text>
        );
      })}
      {snap.halted && halt ? <Text color={theme.status.error}>{`HALTED: ${halt.text}`}</Text> : null}
    </Box>
  );
}

function format(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
