// The inventory: tabs for EC2, ASGs, ECS (clusters > services > tasks), ECS hosts (container
// instances) and alarms; move with j/k or arrows, filter with `/` (words and tag k=v), mark targets
// with space, details with Enter, attack the marked targets with `a`. The table is virtualized; the model refreshes on a period.

import { Box, Text } from 'ink';
import { useMemo, useRef, useState } from 'react';
import { useTheme } from '../context.js';
import { useCommands } from '../hooks/commands.js';
import { useCursor } from '../hooks/cursor.js';
import { Priority } from '../hooks/keypress.js';
import type { Store } from '../hooks/store.js';
import type { InventorySnapshot } from '../models/inventory-model.js';
import { useCoarse, useNowText } from '../models/ticker.js';
import type { AttackOption, TargetRef } from '../services.js';
import { ago } from '../widgets/layout.js';
import { type Column, rangeText, Table } from '../widgets/Table.js';
import { TextField } from '../widgets/TextField.js';
import { COLUMNS, INVENTORY_COMMANDS, statusColumn } from './inventory-columns.js';
import { filterRows, type InventoryRow, rowsFor, TABS, type TabId, tabLabels } from './inventory-rows.js';
import { statusColour } from './status-colour.js';

/** InventoryScreen props. */
export interface InventoryScreenProps {
  snapshot: InventorySnapshot;
  /** The time, fixed or ticking (only the freshness text re-renders on a tick). */
  now: number | Store<number>;
  /** When the data was last confirmed, read on each tick (a refresh that found nothing new does
   * not redraw the screen); default the snapshot's `updatedAt`. */
  refreshedAt?: () => number | undefined;
  width: number;
  height: number;
  marked: ReadonlyMap<string, TargetRef>;
  onToggleMark(key: string, target: TargetRef): void;
  onClearMarks(): void;
  onAttack(targets: TargetRef[]): void;
  onRefresh(): void;
  attacksFor(targets: readonly TargetRef[]): AttackOption[];
  /** False while a dialog or another screen has the keys. */
  isActive?: boolean;
}

/** The inventory screen. */
export function InventoryScreen(props: InventoryScreenProps) {
  const theme = useTheme();
  const [tab, setTab] = useState<TabId>('ec2');
  const tabRef = useRef<TabId>('ec2');
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState(false);
  const [details, setDetails] = useState<InventoryRow | undefined>();
  const inv = props.snapshot.inventory;
  const all = useMemo(() => rowsFor(tab, inv), [tab, inv]);
  const rows = useMemo(() => filterRows(all, filter), [all, filter]);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const cursor = useCursor(rows.length);
  const tableHeight = Math.max(
    1,
    props.height -
      4 -
      (editing || filter ? 1 : 0) -
      (inv?.gaps.length ? 1 : 0) -
      (props.snapshot.error ? 1 : 0),
  );
  const active = (props.isActive ?? true) && !editing;

  const switchTab = (delta: number) => {
    const i = TABS.findIndex((t) => t.id === tabRef.current);
    const next = TABS[(i + delta + TABS.length) % TABS.length]!.id;
    tabRef.current = next;
    setTab(next);
    setDetails(undefined);
    cursor.dispatch({ type: 'first' });
  };
  const current = () => rowsRef.current[cursor.ref.current];

  useCommands(
    INVENTORY_COMMANDS,
    (id) => {
      if (details && id !== 'escape' && id !== 'details' && id !== 'attack') return true;
      switch (id) {
        case 'up':
          return cursor.dispatch({ type: 'move', delta: -1 });
        case 'down':
          return cursor.dispatch({ type: 'move', delta: 1 });
        case 'pageUp':
          return cursor.dispatch({ type: 'move', delta: -tableHeight });
        case 'pageDown':
          return cursor.dispatch({ type: 'move', delta: tableHeight });
        case 'first':
          return cursor.dispatch({ type: 'first' });
        case 'last':
          return cursor.dispatch({ type: 'last' });
        case 'nextTab':
          return switchTab(1);
        case 'prevTab':
          return switchTab(-1);
        case 'mark': {
          const row = current();
          if (row) props.onToggleMark(row.key, row.target);
          return cursor.dispatch({ type: 'move', delta: 1 });
        }
        case 'clearMarks':
          return props.onClearMarks();
        case 'details':
          return setDetails((d) => (d ? undefined : current()));
        case 'filter':
          return setEditing(true);
        case 'refresh':
          return props.onRefresh();
        case 'attack': {
          const row = details ?? current();
          const targets = props.marked.size ? [...props.marked.values()] : row ? [row.target] : [];
          if (targets.length) props.onAttack(targets);
          return;
        }
        case 'escape':
          if (details) setDetails(undefined);
          else setFilter('');
          return;
      }
    },
    { priority: Priority.Screen, isActive: active },
  );

  const counts: Record<TabId, number> = {
    ec2: inv?.instances.length ?? 0,
    asg: inv?.autoScalingGroups.length ?? 0,
    ecs: (inv?.clusters.length ?? 0) + (inv?.services.length ?? 0) + (inv?.tasks.length ?? 0),
    hosts: inv?.containerInstances.length ?? 0,
    alarms: inv?.alarms.length ?? 0,
  };
  const columns: Column<InventoryRow>[] = COLUMNS[tab].map((c, i) => ({
    header: c.header,
    width: c.width,
    value: (r) => r.cells[i] ?? '',
    colour: i === statusColumn(tab) ? (r) => statusColour(theme, r.status) : undefined,
  }));
  return (
    <Box flexDirection="column" width={props.width}>
      <Box justifyContent="space-between">
        <Text>
          {tabLabels(counts, props.width).map((label, i) => (
            <Text
              key={TABS[i]!.id}
              bold={TABS[i]!.id === tab}
              inverse={TABS[i]!.id === tab}
              color={TABS[i]!.id === tab ? theme.text.accent : theme.text.secondary}
            >
              {label}
            </Text>
          ))}
        </Text>
        <Freshness snapshot={props.snapshot} now={props.now} refreshedAt={props.refreshedAt} />
      </Box>
      {details ? (
        <DetailsPanel row={details} attacks={props.attacksFor([details.target])} height={tableHeight + 1} />
      ) : (
        <Table
          columns={columns}
          rows={rows}
          cursor={cursor.index}
          height={tableHeight}
          width={props.width}
          rowKey={(r) => r.key}
          isMarked={(r) => props.marked.has(r.key)}
          empty={
            !inv
              ? (props.snapshot.error ?? 'discovering…')
              : filter
                ? `nothing matches "${filter}"`
                : emptyText(tab, inv)
          }
        />
      )}
      {inv?.gaps.length ? (
        <Text color={theme.status.warn} wrap="truncate">
          {`not listed: ${inv.gaps.map((g) => `${g.kinds.join('/')} (${g.message})`).join('; ')}`}
        </Text>
      ) : null}
      {props.snapshot.error ? (
        <Text color={theme.status.error} wrap="truncate">{`✘ ${props.snapshot.error}`}</Text>
      ) : null}
      <Text color={theme.text.secondary} wrap="truncate">
        {`${rangeText(cursor.index, tableHeight, rows.length)}${rows.length !== all.length ? ` (of ${all.length})` : ''} · ${props.marked.size} marked`}
        {props.marked.size
          ? ` (${[...props.marked.values()]
              .map((t) => t.label)
              .slice(0, 3)
              .join(', ')}${props.marked.size > 3 ? ', …' : ''})`
          : ''}
      </Text>
      {editing ? (
        <Box>
          <Text color={theme.text.accent}>/</Text>
          <TextField
            initial={filter}
            placeholder="words or tag k=v"
            onChange={(v) => {
              setFilter(v);
              cursor.dispatch({ type: 'first' });
            }}
            onSubmit={() => setEditing(false)}
            onCancel={() => {
              setFilter('');
              setEditing(false);
            }}
          />
        </Box>
      ) : filter ? (
        <Text color={theme.text.accent}>{`filter: ${filter}  (/ edit, esc clear)`}</Text>
      ) : null}
    </Box>
  );
}

/** What an empty tab says: an ECS hosts tab is empty because Fargate has no instances to list. */
function emptyText(tab: TabId, inv: InventorySnapshot['inventory']): string {
  if (tab !== 'hosts' || !inv?.clusters.length) return 'none in this region';
  return `no container instances: ${inv.clusters.length === 1 ? 'the cluster runs' : `all ${inv.clusters.length} clusters run`} on Fargate only, which has none to drain`;
}

function DetailsPanel({
  row,
  attacks,
  height,
}: {
  row: InventoryRow;
  attacks: AttackOption[];
  height: number;
}) {
  const theme = useTheme();
  const lines: [string, string][] = [
    ...row.details,
    ['Attacks', attacks.length ? attacks.map((a) => a.title).join(', ') : 'none apply'],
  ];
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={theme.border.focused}
      paddingX={1}
      height={height}
    >
      {lines.slice(0, Math.max(1, height - 3)).map(([k, v]) => (
        <Text key={k} wrap="truncate">
          <Text color={theme.text.secondary}>{`${k.padEnd(20)} `}</Text>
          <Text
            color={k === 'State' || k === 'Status' ? statusColour(theme, v.split(' ')[0] ?? '') : undefined}
          >
            {v}
          </Text>
        </Text>
      ))}
      <Text color={theme.text.secondary}>enter/esc close · a attack</Text>
    </Box>
  );
}

/** "updated 3s ago" (or the refresh's failure): re-renders alone on each tick. */
function Freshness({
  snapshot,
  now,
  refreshedAt,
}: {
  snapshot: InventorySnapshot;
  now: number | Store<number>;
  refreshedAt?: () => number | undefined;
}) {
  const theme = useTheme();
  const coarse = useCoarse(now);
  // The text, not the time, re-renders: idle, "updated <1m ago" stands for a minute.
  const updated = useNowText(now, (t) => {
    const at = refreshedAt ? refreshedAt() : snapshot.updatedAt;
    return at !== undefined ? `updated ${ago(t - at, coarse)}` : '';
  });
  return (
    <Text color={snapshot.error ? theme.status.error : theme.text.secondary}>
      {snapshot.loading && !snapshot.inventory
        ? 'discovering…'
        : snapshot.refreshing
          ? 'refreshing…'
          : snapshot.error
            ? `refresh failed, ${updated || 'no data'}`
            : updated}
    </Text>
  );
}
