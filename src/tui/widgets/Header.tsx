// The header, always on screen: which account, as whom, where, in what mode, for how long, and
// how to stop. An operator must never wonder whether this is production.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { useTheme } from '../context.js';
import type { Store } from '../hooks/store.js';
import { useCoarse, useNowText } from '../models/ticker.js';
import { clock } from './layout.js';

/** Who and where the console is connected to, and its modes. */
export interface HeaderInfo {
  account?: string;
  alias?: string;
  /** Caller ARN; shown shortened to its last path (assumed-role/Admin/alice). */
  caller?: string;
  region: string;
  sandbox: boolean;
  readOnly: boolean;
  dryRun: boolean;
}

/** Header props: `active` is the number of changes not yet undone. Given a ticker (`ticking`),
 * the clock and the active count refresh on its ticks without re-rendering the header's parent. */
export interface HeaderProps {
  info: HeaderInfo;
  elapsedMs: number;
  width: number;
  active?: number | (() => number);
  ticking?: { now: Store<number>; since: number };
  /** False where h does nothing (a replay's target diff): the halt hint is not shown. */
  canHalt?: boolean;
}

/** The caller ARN's readable tail: arn:aws:sts::1:assumed-role/Admin/alice -> assumed-role/Admin/alice. */
export function shortCaller(arn: string | undefined): string {
  if (!arn) return '?';
  const i = arn.indexOf(':', arn.indexOf('::') + 2);
  return i > 0 ? arn.slice(i + 1) : arn;
}

/** Two lines: identity and badges, then the clock and the halt hint. */
export const Header = memo(function Header({
  info,
  elapsedMs,
  width,
  active = 0,
  ticking,
  canHalt = true,
}: HeaderProps) {
  const theme = useTheme();
  const account = info.account ? `${info.account}${info.alias ? ` (${info.alias})` : ''}` : 'account ?';
  const badges: { text: string; colour: string | undefined }[] = [];
  if (info.sandbox) badges.push({ text: 'SANDBOX', colour: theme.badge.sandbox });
  else badges.push({ text: 'LIVE AWS', colour: theme.badge.live });
  if (info.readOnly) badges.push({ text: 'READ-ONLY', colour: theme.badge.readOnly });
  if (info.dryRun) badges.push({ text: 'DRY-RUN', colour: theme.badge.dryRun });
  const caller = shortCaller(info.caller);
  const maxCaller = Math.max(8, width - 40);
  return (
    <Box flexDirection="column" width={width}>
      <Box justifyContent="space-between">
        <Text>
          <Text bold color={theme.text.accent}>
            gameday
          </Text>
          <Text>{` ${account}`}</Text>
          <Text color={theme.text.secondary}>{` ${info.region}`}</Text>
        </Text>
        <Text>
          {badges.map((b) => (
            <Text key={b.text} bold color={b.colour}>{` [${b.text}]`}</Text>
          ))}
        </Text>
      </Box>
      <Box justifyContent="space-between">
        <Text color={theme.text.secondary}>
          {`as ${caller.length > maxCaller ? `…${caller.slice(-(maxCaller - 1))}` : caller}`}
        </Text>
        <Status
          haltHint={!info.readOnly && canHalt}
          active={active}
          now={ticking?.now ?? elapsedMs}
          since={ticking ? ticking.since : 0}
        />
      </Box>
    </Box>
  );
});

/** The changes still active, the halt hint and the clock: the only part that ticks. */
function Status(p: {
  haltHint: boolean;
  active: number | (() => number);
  now: number | Store<number>;
  since: number;
}) {
  const theme = useTheme();
  // A ticker slowed down while the console idles shows minutes, not seconds that jump; the text
  // is what re-renders, so an idle minute draws one frame.
  const coarse = useCoarse(p.now);
  const shown = useNowText(p.now, (t) => clock(t - p.since, coarse));
  const active = typeof p.active === 'function' ? p.active() : p.active;
  return (
    <Text>
      {active > 0 ? <Text bold color={theme.status.error}>{`● ${active} active  `}</Text> : null}
      {!p.haltHint ? null : (
        <Text color={active > 0 ? theme.status.error : theme.text.secondary}>h halt+undo</Text>
      )}
      <Text color={theme.text.secondary}>{`  ⏱ ${shown}`}</Text>
    </Text>
  );
}
