// The blast radius before anything changes: the exact resources, the AWS calls, the undo, and
// what the guard refused and why. Enter runs (after confirmation), d dry-runs, esc goes back.
import { Box, Text } from 'ink';
import { useTheme } from '../context.js';
import type { AttackOption, AttackPreview } from '../services.js';

/** PreviewPanel props. */
export interface PreviewPanelProps {
  attack: AttackOption;
  preview?: AttackPreview;
  height: number;
  width: number;
}

/** The panel (keys are taken by the attack screen). */
export function PreviewPanel({ attack, preview, height, width }: PreviewPanelProps) {
  const theme = useTheme();
  if (!preview)
    return <Text color={theme.text.secondary}>{`computing the blast radius of ${attack.title}…`}</Text>;
  const budget = Math.max(4, height - 4);
  const section = (title: string, items: string[], colour?: string, max = 4) => {
    const shown = items.slice(0, max);
    return (
      <Box flexDirection="column" key={title}>
        <Text bold color={colour}>{`${title} (${items.length})`}</Text>
        {shown.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines of one section
          <Text key={i} wrap="truncate" color={colour}>
            {`  ${s}`.slice(0, width)}
          </Text>
        ))}
        {items.length > shown.length ? (
          <Text color={theme.text.secondary}>{`  … ${items.length - shown.length} more`}</Text>
        ) : null}
      </Box>
    );
  };
  const each = Math.max(1, Math.floor((budget - 4) / 3));
  const blocked = preview.refused.length > 0;
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{`Blast radius: ${attack.title}`}</Text>
        <Text
          color={theme.text.secondary}
        >{`  (${attack.dryRun === 'ec2-dry-run' ? 'real EC2 dry run available' : 'dry run shows the plan'})`}</Text>
      </Text>
      {section('Resources', preview.resources, undefined, each)}
      {section('Calls', preview.calls, undefined, each)}
      <Text wrap="truncate">
        <Text bold>Undo: </Text>
        {preview.undo}
      </Text>
      {blocked ? section('Refused by the guard', preview.refused, theme.status.error, each) : null}
      {preview.notes.map((n) => (
        <Text key={n} color={theme.text.secondary} wrap="truncate">
          {n}
        </Text>
      ))}
      <Text color={blocked ? theme.status.error : theme.text.secondary}>
        {blocked
          ? 'the guard refuses this: d dry run · esc back'
          : 'enter run (asks to confirm) · d dry run · esc back'}
      </Text>
    </Box>
  );
}
