// The live view: the steady-state panel (each probe with its tolerance and a pass/fail strip),
// a chart of CloudWatch or probe series with attack markers (c cycles charts, g picks what is
// graphed), and the event log. Everything comes from the steady loop's snapshot; never fetches.
import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import type { LoopEvent, LoopSnapshot } from '../../steady/types.js';
import { useTheme } from '../context.js';
import { useCommands } from '../hooks/commands.js';
import { Priority } from '../hooks/keypress.js';
import type { KeyCommand } from '../keys/commands.js';
import type { GraphControl, GraphOption, TargetRef } from '../services.js';
import { Chart } from '../widgets/Chart.js';
import { GraphPicker } from './GraphPicker.js';
import { chartsOf, stripText } from './live-layout.js';

/** The live view's own commands (halt, note, pause and quit are global). */
export const LIVE_COMMANDS: KeyCommand[] = [
  { id: 'chart', keys: ['c'], description: 'next chart' },
  { id: 'graphs', keys: ['g'], description: 'graphs' },
];

const EVENT_SYMBOL: Record<LoopEvent['kind'], string> = {
  note: '✎',
  'attack-start': '▲',
  'attack-end': '△',
  'probe-failed': '✘',
  'probe-recovered': '✔',
  alarm: '⚠',
  'stop-condition': '■',
  halt: '■',
  pause: '‖',
  resume: '▶',
  graphs: '≈',
  error: '!',
};

/** LiveScreen props. */
export interface LiveScreenProps {
  snapshot: LoopSnapshot;
  width: number;
  height: number;
  isActive?: boolean;
  /** The operator's choice of graphs (g); without it the defaults stay. */
  graphs?: GraphControl;
  /** Targets marked in the inventory: their metrics are offered too. */
  marked?: readonly TargetRef[];
}

/** The screen. */
export function LiveScreen({ snapshot: s, width, height, isActive, graphs, marked }: LiveScreenProps) {
  const theme = useTheme();
  const [, setChartIndex] = useState(0);
  const chartRef = useRef(0);
  const focusRef = useRef<string | undefined>(undefined);
  const [picking, setPicking] = useState<{ options: GraphOption[]; chosen: string[] } | undefined>();
  const charts = chartsOf(s);
  useCommands(
    LIVE_COMMANDS,
    (id) => {
      if (id === 'graphs') {
        if (graphs) setPicking({ options: graphs.options(marked ?? []), chosen: graphs.chosen() });
        return;
      }
      chartRef.current = charts.length ? (chartRef.current + 1) % charts.length : 0;
      setChartIndex(chartRef.current);
    },
    { priority: Priority.Screen, isActive: isActive !== false && !picking },
  );
  if (picking && graphs)
    return (
      <GraphPicker
        options={picking.options}
        chosen={picking.chosen}
        width={width}
        height={height}
        onCancel={() => setPicking(undefined)}
        onApply={(choice) => {
          const before = new Set(picking.chosen);
          graphs.apply(choice);
          // Show the first newly graphed series at once (its chart fills in from the next tick).
          const added = choice.find((c) => c.series && !before.has(c.id))?.series;
          focusRef.current = added ? (added.chart ?? added.metric) : undefined;
          chartRef.current = 0;
          setPicking(undefined);
        }}
      />
    );
  const focus = focusRef.current ? charts.findIndex((c) => c.title === focusRef.current) : -1;
  if (focus >= 0) {
    chartRef.current = focus;
    focusRef.current = undefined;
  }
  const shown = Math.min(chartRef.current, Math.max(0, charts.length - 1));
  const chart = charts[shown];
  const probeLines = Math.min(s.probes.length, 4);
  const chartHeight = Math.max(3, Math.min(10, height - probeLines - 10));
  const eventLines = Math.max(1, height - probeLines - (chart ? chartHeight + 3 : 1) - 3);
  const stripWidth = Math.max(5, width - 44);
  const status = [
    `tick ${s.tick} every ${s.periodMs / 1000}s`,
    `${s.metricCalls} GetMetricData`,
    s.paused ? 'PROBES PAUSED' : '',
    s.halted ? 'HALTED' : '',
  ].filter(Boolean);
  return (
    <Box flexDirection="column" width={width}>
      <Text>
        <Text bold>Steady state</Text>
        <Text
          color={s.halted || s.paused ? theme.status.warn : theme.text.secondary}
        >{`  ${status.join(' · ')}`}</Text>
      </Text>
      <Text color={theme.text.secondary} wrap="truncate">{`halts and undoes on: ${s.stopConditions}`}</Text>
      {s.probes.length === 0 ? <Text color={theme.text.secondary}>no probes configured</Text> : null}
      {s.probes.slice(0, probeLines).map((p) => {
        const ok = p.last?.ok;
        const head = `${ok === undefined ? '…' : ok ? '✔' : '✘'} ${p.spec.title}`.slice(0, 26).padEnd(26);
        const tol = p.spec.tolerance.slice(0, 12).padEnd(12);
        return (
          <Text key={p.spec.id} wrap="truncate">
            <Text
              color={ok === undefined ? theme.text.secondary : ok ? theme.status.ok : theme.status.error}
              bold={ok === false}
            >
              {head}
            </Text>
            <Text color={theme.text.secondary}>{` ${tol} `}</Text>
            {runs(stripText(p.strip, stripWidth)).map((r) => (
              <Text
                key={r.start}
                color={
                  r.ch === '✔' ? theme.status.ok : r.ch === '✘' ? theme.status.error : theme.status.muted
                }
              >
                {r.ch.repeat(r.count)}
              </Text>
            ))}
          </Text>
        );
      })}
      {chart ? (
        <Box flexDirection="column">
          <Chart
            title={`${chart.title}${charts.length > 1 ? ` [${shown + 1}/${charts.length}]` : ''}`}
            unit={chart.unit}
            series={chart.series}
            markers={chart.markers}
            height={chartHeight}
            width={width}
            stepSeconds={s.periodMs / 1000}
          />
        </Box>
      ) : (
        <Text color={theme.text.secondary}>no series to graph yet</Text>
      )}
      <Text bold>Events</Text>
      {s.events.length === 0 ? <Text color={theme.text.secondary}>nothing yet (n adds a note)</Text> : null}
      {s.events.slice(-eventLines).map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the log only grows at the end
        <Text key={`${e.at}:${i}`} wrap="truncate" color={eventColour(theme, e.kind)}>
          {`${new Date(e.at).toISOString().slice(11, 19)} ${EVENT_SYMBOL[e.kind]} ${e.text}`}
        </Text>
      ))}
    </Box>
  );
}

function eventColour(theme: ReturnType<typeof useTheme>, kind: LoopEvent['kind']) {
  if (kind === 'probe-failed' || kind === 'stop-condition' || kind === 'halt' || kind === 'error')
    return theme.status.error;
  if (kind === 'attack-start' || kind === 'alarm') return theme.status.warn;
  if (kind === 'probe-recovered' || kind === 'attack-end') return theme.status.ok;
  return undefined;
}

/** Runs of one symbol in a strip, so a 40-tick strip is a few Text nodes, not forty. */
function runs(strip: string): { ch: string; count: number; start: number }[] {
  const out: { ch: string; count: number; start: number }[] = [];
  let pos = 0;
  for (const ch of strip) {
    const last = out[out.length - 1];
    if (last && last.ch === ch) last.count++;
    else out.push({ ch, count: 1, start: pos });
    pos++;
  }
  return out;
}
