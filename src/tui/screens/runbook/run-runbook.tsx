// Puts the runbook screen on the terminal (alternate screen, the keypress hub, the theme) until the
// team finishes or quits. Ctrl+C asks the caller to stop the run (which halts and undoes) and exits.
import { render } from 'ink';
import type { LineFeed } from '../../../scenario/feed.js';
import type { RunbookMachine } from '../../../scenario/machine.js';
import { onAltScreen } from '../../alt-screen.js';
import { SettingsProvider } from '../../context.js';
import { KeypressProvider, Priority, useKeypress } from '../../hooks/keypress.js';
import { theme } from '../../theme.js';
import { RunbookScreen } from './RunbookScreen.js';
import type { WatchSource } from './WatchPanel.js';

/** What the launcher needs. */
export interface RunbookAppOptions {
  machine: RunbookMachine;
  title: string;
  description?: string;
  feed: LineFeed;
  /** The steady loop: stop alarms and graphed metrics. */
  watch?: WatchSource;
  /** Ctrl+C: stop the run now (halt and undo). */
  onInterrupt(): void;
}

function Interruptible({ onInterrupt }: { onInterrupt(): void }) {
  useKeypress(
    (input, key) => {
      if (!(key.ctrl && input === 'c')) return false;
      onInterrupt();
      return true;
    },
    { priority: Priority.Critical },
  );
  return null;
}

/** Runs the runbook screen; resolves 'finished' after the summary, 'interrupted' on Ctrl+C. */
export async function runRunbookApp(opts: RunbookAppOptions): Promise<'finished' | 'interrupted'> {
  let outcome: 'finished' | 'interrupted' = 'finished';
  await onAltScreen(async () => {
    const app = render(
      <SettingsProvider value={{ theme, readOnly: false }}>
        <KeypressProvider>
          <Interruptible
            onInterrupt={() => {
              outcome = 'interrupted';
              opts.onInterrupt();
              app.unmount();
            }}
          />
          <RunbookScreen
            machine={opts.machine}
            title={opts.title}
            description={opts.description}
            feed={opts.feed}
            watch={opts.watch}
            width={Math.max(60, Math.min(120, process.stdout.columns ?? 80))}
            onExit={() => app.unmount()}
          />
        </KeypressProvider>
      </SettingsProvider>,
      { exitOnCtrlC: false },
    );
    await app.waitUntilExit();
  });
  return outcome;
}
