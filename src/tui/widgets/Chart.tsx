// A titled line chart of one or more series with units, a legend and attack markers.
import { Box, Text } from 'ink';
import { useTheme } from '../context.js';
import { type PlotMarker, type PlotSeries, plotLines } from './chart-text.js';

/** Chart props: `height` counts plot rows only (title, markers and time axis come on top). */
export interface ChartProps {
  title: string;
  unit?: string;
  series: PlotSeries[];
  markers?: PlotMarker[];
  height: number;
  width: number;
  stepSeconds?: number;
  min?: number;
}

/** Renders the chart; the legend says what ▲/△ mean when markers are present. */
export function Chart({ title, unit, series, markers = [], height, width, stepSeconds, min }: ChartProps) {
  const theme = useTheme();
  const lines = plotLines({ series, markers, height, width, unit, stepSeconds, min });
  const last = series.map((s) => {
    const v = [...s.points].reverse().find((p) => p !== null);
    return `${s.label} ${v === undefined || v === null ? '–' : String(Math.round(v * 100) / 100)}`;
  });
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{title}</Text>
        {unit ? <Text color={theme.text.secondary}>{` (${unit})`}</Text> : null}
        <Text color={theme.text.secondary}>{`  ${last.join('  ')}`}</Text>
        {markers.length ? <Text color={theme.status.warn}>{'  ▲ attack  △ ended'}</Text> : null}
      </Text>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows of a fixed-height plot are positional
        <Text key={i} color={i < lines.length - 2 ? theme.chart[0] : theme.status.warn}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
