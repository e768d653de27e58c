// The console's frame: header, the current screen, overlays (help, note, quit) and the key bar,
// plus the global keys (halt, note, pause, help, quit). Screens get their data from the models
// created here (inventory poller, attack flow, steady loop); none of them fetches.
import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { realClock } from '../steady/loop.js';
import type { LoopClock } from '../steady/types.js';
import { useSettings } from './context.js';
import { useCommands } from './hooks/commands.js';
import { Priority } from './hooks/keypress.js';
import { useStore } from './hooks/store.js';
import type { Size } from './hooks/terminal-size.js';
import type { KeyCommand } from './keys/commands.js';
import { GLOBAL_COMMANDS } from './keys/global.js';
import { AttackFlow } from './models/attack-flow.js';
import { InventoryModel } from './models/inventory-model.js';
import { Ticker } from './models/ticker.js';
import { ATTACK_COMMANDS, AttackScreen } from './screens/AttackScreen.js';
import { InventoryScreen } from './screens/InventoryScreen.js';
import { INVENTORY_COMMANDS } from './screens/inventory-columns.js';
import { LIVE_COMMANDS, LiveScreen } from './screens/LiveScreen.js';
import { SCENARIO_COMMANDS, ScenariosScreen } from './screens/ScenariosScreen.js';
import type { ConsoleServices, TargetRef } from './services.js';
import { Header } from './widgets/Header.js';
import { Help } from './widgets/Help.js';
import { KeyBar } from './widgets/KeyBar.js';
import { QuitDialog } from './widgets/QuitDialog.js';
import { TextField } from './widgets/TextField.js';

/** While idle, the steady loop measures once per this many periods. */
export const IDLE_SAMPLE_EVERY = 5;

/** What the live view's probe strips show (its `?` help says it). */
const LIVE_LEGEND = `✔ within tolerance  ✘ outside  · not measured (paused, or idle: every ${IDLE_SAMPLE_EVERY}th s)`;

/** The smallest terminal the console lays out in. */
export const MIN_SIZE: Size = { width: 80, height: 24 };

/** Console props. */
export interface ConsoleProps {
  services: ConsoleServices;
  size: Size;
  clock?: LoopClock;
  inventoryRefreshMs?: number;
  /** Called once when the operator has quit (after undoing, if asked). */
  onExit(): void;
  /** Called when the operator picks a scenario to play: the console closes and runbook mode opens. */
  onPlay?(file: string): void;
}

type Screen = 'inventory' | 'attack' | 'live' | 'scenarios';
type Overlay = 'help' | 'quit' | 'note' | undefined;

const SCREEN_COMMANDS: Record<Screen, { title: string; commands: KeyCommand[] }> = {
  inventory: { title: 'Inventory', commands: INVENTORY_COMMANDS },
  attack: { title: 'Attack', commands: ATTACK_COMMANDS },
  live: { title: 'Live view', commands: LIVE_COMMANDS },
  scenarios: { title: 'Scenarios', commands: SCENARIO_COMMANDS },
};

/** The console. */
export function Console({
  services,
  size,
  clock = realClock,
  inventoryRefreshMs,
  onExit,
  onPlay,
}: ConsoleProps) {
  const { theme, readOnly } = useSettings();
  const inventory = useMemo(
    () => new InventoryModel(() => services.inventory(), { refreshMs: inventoryRefreshMs, clock }),
    [services, clock, inventoryRefreshMs],
  );
  // After an attack or a halt the inventory refreshes at once (a large account otherwise waits
  // about a minute between refreshes), so the rows show what changed.
  const flow = useMemo(
    () => new AttackFlow(services, () => void inventory.refresh({ shown: true })),
    [services, inventory],
  );
  const inv = useStore(inventory);
  const [screen, setScreen] = useState<Screen>('inventory');
  const [overlay, setOverlay] = useState<Overlay>();
  const [marked, setMarked] = useState(new Map<string, TargetRef>());
  const [flash, setFlash] = useState<string | undefined>();
  // The clock ticks in the header and the inventory's freshness text only, not in this tree.
  const ticker = useMemo(() => new Ticker(clock, 5000), [clock]);
  const started = useRef(clock.now()).current;
  const ticking = useMemo(() => ({ now: ticker, since: started }), [ticker, started]);
  const exiting = useRef(false);
  const scenarios = useMemo(() => services.scenarios?.() ?? [], [services]);
  // Idle (browsing, nothing in place): the clock ticks every 5 s and the clock and freshness show
  // minutes, so an idle console draws a frame a minute instead of every second, and the steady
  // loop measures every fifth period (a fifth of the AWS calls); the live view, an attack in
  // progress or a change still active bring the seconds, and every period, back at once.
  const idle = (screen === 'inventory' || screen === 'scenarios') && services.activeChanges() === 0;
  useEffect(() => {
    ticker.setPeriod(idle ? 5000 : 1000);
    services.steady.setSampleEvery(idle ? IDLE_SAMPLE_EVERY : 1);
  }, [ticker, idle, services]);

  useEffect(() => {
    inventory.start();
    services.steady.start();
    return () => {
      inventory.stop();
      services.steady.stop();
    };
  }, [inventory, services]);

  const halt = async () => {
    const n = services.activeChanges();
    setFlash(n ? `halting: undoing ${n} change(s)…` : 'halting: nothing active to undo');
    try {
      const r = await services.haltAndUndo();
      setFlash(
        r.failed.length
          ? `halted: undid ${r.undone}, FAILED ${r.failed.length}: ${r.failed.join('; ')}`
          : `halted: undid ${r.undone} change(s)`,
      );
      if (r.undone || r.failed.length) void inventory.refresh({ shown: true });
    } catch (err) {
      setFlash(`halt failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const quit = async (undo: boolean) => {
    if (exiting.current) return;
    exiting.current = true;
    if (undo) await halt();
    onExit();
  };

  const tooSmall = size.width < MIN_SIZE.width || size.height < MIN_SIZE.height;
  // Too small: the screens stay mounted but hidden; the global keys (q quits) still work.
  useCommands(
    GLOBAL_COMMANDS,
    (id) => {
      switch (id) {
        case 'halt':
          return void halt();
        case 'note':
          return setOverlay('note');
        case 'pause':
          return services.steady.setPaused(!services.steady.snapshot().paused);
        case 'inventory':
          flow.close();
          return setScreen('inventory');
        case 'live':
          flow.close();
          return setScreen('live');
        case 'scenarios':
          flow.close();
          return setScreen('scenarios');
        case 'help':
          return setOverlay('help');
        case 'quit':
          if (services.activeChanges() > 0 && !readOnly) return setOverlay('quit');
          return void quit(false);
      }
    },
    { priority: Priority.Global, isActive: overlay === undefined || tooSmall },
  );

  const header = (
    <Header
      info={services.info}
      elapsedMs={0}
      ticking={ticking}
      width={size.width}
      active={() => services.activeChanges()}
    />
  );
  // Too small: the message shows and the screens stay mounted but hidden and deaf, so growing the
  // terminal back restores them as they were (tab, cursor, filter, marks).
  const bodyHeight = Math.max(1, size.height - 2 - 1 - (flash ? 1 : 0) - (overlay === 'note' ? 1 : 0));
  const screenActive = overlay === undefined && !tooSmall;
  // Halt first (it must always be in sight), then the screen's keys, then the other global keys.
  const commands = [
    ...GLOBAL_COMMANDS.filter((c) => c.id === 'halt'),
    ...SCREEN_COMMANDS[screen].commands,
    ...GLOBAL_COMMANDS.filter((c) => c.id === 'help' || c.id === 'quit'),
    ...GLOBAL_COMMANDS.filter((c) => !['halt', 'help', 'quit'].includes(c.id)),
  ];
  const frame = (
    <Box display={tooSmall ? 'none' : 'flex'} flexDirection="column" width={size.width} height={size.height}>
      {header}
      {/* Clip rows only: horizontal clipping re-slices every line of every frame (ink's sliceAnsi),
          and the screens already fit their lines to the width. */}
      <Box flexDirection="column" height={bodyHeight} overflowY="hidden">
        {overlay === 'help' ? (
          <Help
            groups={[
              { title: SCREEN_COMMANDS[screen].title, commands: SCREEN_COMMANDS[screen].commands },
              { title: 'Everywhere', commands: GLOBAL_COMMANDS },
            ]}
            onClose={() => setOverlay(undefined)}
            height={bodyHeight}
            width={size.width}
            legend={screen === 'live' ? LIVE_LEGEND : undefined}
          />
        ) : overlay === 'quit' ? (
          <QuitDialog
            active={services.activeChanges()}
            onUndoAndQuit={() => void quit(true)}
            onQuitLeaving={() => void quit(false)}
            onStay={() => setOverlay(undefined)}
          />
        ) : screen === 'inventory' ? (
          <InventoryScreen
            snapshot={inv}
            now={ticker}
            refreshedAt={inventory.refreshedAt}
            width={size.width}
            height={bodyHeight}
            marked={marked}
            isActive={screenActive}
            onToggleMark={(key, t) =>
              setMarked((m) => {
                const next = new Map(m);
                if (next.has(key)) next.delete(key);
                else next.set(key, t);
                return next;
              })
            }
            onClearMarks={() => setMarked(new Map())}
            onAttack={(targets) => {
              flow.open(targets);
              setScreen('attack');
            }}
            onRefresh={() => void inventory.refresh({ shown: true })}
            attacksFor={(t) => services.attacksFor(t)}
          />
        ) : screen === 'attack' ? (
          <AttackScreen
            flow={flow}
            info={services.info}
            width={size.width}
            height={bodyHeight}
            onExit={(to) => {
              if (to === 'live') setMarked(new Map());
              setScreen(to);
            }}
          />
        ) : screen === 'scenarios' ? (
          <ScenariosScreen
            scenarios={scenarios}
            width={size.width}
            height={bodyHeight}
            readOnly={readOnly || !onPlay}
            isActive={screenActive}
            onPlay={(s) => {
              const n = services.activeChanges();
              if (n > 0) return setFlash(`${n} change(s) still active: halt (h) before starting a scenario`);
              if (exiting.current) return;
              exiting.current = true;
              onPlay?.(s.file);
            }}
          />
        ) : (
          <SteadyLive
            services={services}
            width={size.width}
            height={bodyHeight}
            isActive={screenActive}
            marked={[...marked.values()]}
          />
        )}
      </Box>
      {flash ? (
        <Text color={theme.status.warn} wrap="truncate">
          {flash}
        </Text>
      ) : null}
      {overlay === 'note' ? (
        <Box>
          <Text color={theme.text.accent}>note: </Text>
          <TextField
            placeholder="what the team sees (enter to stamp it, esc to drop)"
            focus={!tooSmall}
            onSubmit={(text) => {
              if (text.trim()) services.steady.note(text.trim());
              setOverlay(undefined);
            }}
            onCancel={() => setOverlay(undefined)}
          />
        </Box>
      ) : null}
      <KeyBar commands={commands} width={size.width} />
    </Box>
  );
  return (
    <>
      {tooSmall ? (
        <Text bold color={theme.status.warn}>
          {`gameday needs at least ${MIN_SIZE.width}x${MIN_SIZE.height}; this terminal is ${size.width}x${size.height}. Make me bigger (q quits).`}
        </Text>
      ) : null}
      {frame}
    </>
  );
}

/** The live view, subscribed to the steady loop here so that loop ticks re-render only this
 * screen, and nothing while another screen shows. */
function SteadyLive(p: {
  services: ConsoleServices;
  width: number;
  height: number;
  isActive: boolean;
  marked: TargetRef[];
}) {
  const loop = useStore(p.services.steady);
  return (
    <LiveScreen
      snapshot={loop}
      width={p.width}
      height={p.height}
      isActive={p.isActive}
      graphs={p.services.graphs}
      marked={p.marked}
    />
  );
}
