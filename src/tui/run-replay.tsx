// Renders `gameday replay` on the terminal until the operator quits: the alternate screen (restored
// on any exit), our own Ctrl-C handling (quitting asks about undoing first), incremental redraws.
import { render } from 'ink';
import { onAltScreen } from './alt-screen.js';
import { SettingsProvider } from './context.js';
import { KeypressProvider } from './hooks/keypress.js';
import { useTerminalSize } from './hooks/terminal-size.js';
import type { ReplayModel } from './models/replay-model.js';
import { ReplayScreen } from './screens/ReplayScreen.js';

function Sized({ model, onExit }: { model: ReplayModel; onExit(): void }) {
  const size = useTerminalSize();
  return <ReplayScreen model={model} size={size} onExit={onExit} />;
}

/** Shows the replay and resolves when it has been quit (or `signal` closed it). */
export async function runReplayApp(model: ReplayModel, signal?: AbortSignal): Promise<void> {
  return onAltScreen(async () => {
    const app = render(
      <SettingsProvider value={{}}>
        <KeypressProvider>
          <Sized model={model} onExit={() => app.unmount()} />
        </KeypressProvider>
      </SettingsProvider>,
      { exitOnCtrlC: false, incrementalRendering: true },
    );
    signal?.addEventListener('abort', () => app.unmount(), { once: true });
    await app.waitUntilExit();
  });
}
