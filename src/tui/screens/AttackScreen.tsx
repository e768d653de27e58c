// The attack flow on screen: the picker (only attacks that apply to every marked target), the
// parameter form, the blast-radius preview, the confirmation (typed account id or alias outside
// the sandbox; dry run one key away), then the outcome.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { useTheme } from '../context.js';
import { Priority, useKeypress } from '../hooks/keypress.js';
import { useStore } from '../hooks/store.js';
import type { KeyCommand } from '../keys/commands.js';
import type { AttackFlow } from '../models/attack-flow.js';
import { ConfirmDialog } from '../widgets/ConfirmDialog.js';
import type { HeaderInfo } from '../widgets/Header.js';
import { SelectList } from '../widgets/SelectList.js';
import { ParamForm } from './ParamForm.js';
import { PreviewPanel } from './PreviewPanel.js';

/** The attack screens' commands, for the key bar and help. */
export const ATTACK_COMMANDS: KeyCommand[] = [
  { id: 'move', keys: ['up', 'down'], label: '↑/↓', description: 'choose' },
  { id: 'enter', keys: ['enter'], description: 'next / run', dangerous: true },
  { id: 'dry', keys: ['d'], description: 'dry run' },
  { id: 'back', keys: ['escape'], description: 'back' },
];

/** AttackScreen props. */
export interface AttackScreenProps {
  flow: AttackFlow;
  info: HeaderInfo;
  width: number;
  height: number;
  /** The flow ended: `live` when an attack ran (show the live view), else back to the inventory. */
  onExit(to: 'live' | 'inventory'): void;
}

/** The screen. */
export function AttackScreen({ flow, info, width, height, onExit }: AttackScreenProps) {
  const theme = useTheme();
  const s = useStore(flow);
  const [confirming, setConfirming] = useState(false);
  const blocked = (s.preview?.refused.length ?? 0) > 0;
  useKeypress(
    (input, key) => {
      if (s.stage === 'pick' && key.escape) {
        flow.close();
        onExit('inventory');
      } else if (s.stage === 'preview' || s.stage === 'previewing') {
        if (key.escape) flow.back();
        else if (input === 'd' && s.stage === 'preview') void flow.run(true);
        else if (key.return && s.stage === 'preview' && !blocked) setConfirming(true);
      } else if (s.stage === 'done') {
        if (key.return || key.escape) {
          const ran = s.result?.ok && !s.dryRun;
          flow.close();
          onExit(ran ? 'live' : 'inventory');
        }
      } else return false;
      return true;
    },
    { priority: Priority.Screen, isActive: !confirming },
  );
  const targets = s.targets.map((t) => t.label);
  const typed = !info.sandbox;
  return (
    <Box flexDirection="column" width={width}>
      <Text color={theme.text.secondary} wrap="truncate">
        {`Targets (${targets.length}): ${targets.slice(0, 6).join(', ')}${targets.length > 6 ? ', …' : ''}`}
      </Text>
      {s.stage === 'pick' ? (
        s.options.length === 0 ? (
          <Text color={theme.status.warn}>
            {`no attack applies to all ${s.targets.length} marked target(s) (${[...new Set(s.targets.map((t) => t.kind))].join(', ')}): mark one kind · esc back`}
          </Text>
        ) : (
          <Box flexDirection="column">
            <Text bold>Choose an attack</Text>
            <SelectList
              items={s.options.map((o) => ({
                key: o.id,
                label: o.title,
                value: o,
                hint: `${o.targetKind} · ${family(o.id)}`,
              }))}
              onSelect={(item) => flow.choose(item.value)}
              height={Math.max(3, height - 4)}
            />
            <Text color={theme.text.secondary}>↑/↓ choose · enter parameters · esc back</Text>
          </Box>
        )
      ) : null}
      {s.stage === 'params' && s.attack ? (
        <ParamForm
          attack={s.attack}
          error={s.error}
          height={height - 1}
          onSubmit={(args) => void flow.submit(args)}
          onBack={() => flow.back()}
        />
      ) : null}
      {(s.stage === 'preview' || s.stage === 'previewing') && s.attack ? (
        confirming ? (
          <ConfirmDialog
            title={`${s.attack.title} on ${s.preview?.resources.length ?? 0} resource(s) in ${info.account ?? '?'} ${info.region}`}
            expected={typed ? typedAnswers(info) : undefined}
            expectedLabel={typed ? (info.account ? 'the account id or alias' : 'the region') : undefined}
            confirmLabel="run it"
            onConfirm={() => {
              setConfirming(false);
              void flow.run(false);
            }}
            onCancel={() => setConfirming(false)}
          >
            <Text wrap="truncate">{`Changes: ${(s.preview?.resources ?? []).join(', ')}`}</Text>
            <Text wrap="truncate">{`Undo: ${s.preview?.undo ?? ''}`}</Text>
          </ConfirmDialog>
        ) : (
          <PreviewPanel attack={s.attack} preview={s.preview} height={height - 1} width={width} />
        )
      ) : null}
      {s.stage === 'running' ? (
        <Text
          color={theme.status.warn}
        >{`${s.dryRun ? 'dry-running' : 'running'} ${s.attack?.title ?? ''}… (v watches it live, h halts and undoes)`}</Text>
      ) : null}
      {s.stage === 'done' && s.result ? (
        <Box flexDirection="column">
          <Text bold color={s.result.ok ? theme.status.ok : theme.status.error}>
            {`${s.result.ok ? '✔' : '✘'} ${s.dryRun ? 'Dry run: ' : ''}${s.result.message}`}
          </Text>
          <Text color={theme.text.secondary}>
            {s.result.ok && !s.dryRun ? 'enter: watch it live' : 'enter: back to the inventory'}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}

/** "chaosaws.ec2" or "gameday": tells same-named attacks of the two families apart. */
function family(id: string): string {
  return id.startsWith('chaosaws.') ? id.split('.').slice(0, 2).join('.') : 'gameday (FIS-style)';
}

/** What must be typed outside the sandbox: the account id or alias (the region until the account is known). */
function typedAnswers(info: HeaderInfo): string[] {
  const ids = [info.account, info.alias].filter((x): x is string => Boolean(x));
  return ids.length ? ids : [info.region];
}
