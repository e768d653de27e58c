// Renders the console on the terminal until the operator quits: the alternate screen (restored on
// any exit), our own Ctrl-C handling (so quitting can undo first), incremental redraws (no flicker
// at a 1 s tick).
import { render } from 'ink';
import { App } from './App.js';
import type { ConsoleServices } from './services.js';

/** Options for a console run. */
export interface RunConsoleOptions {
  readOnly: boolean;
  inventoryRefreshMs: number;
  /** Closes the console from outside (a SIGINT/SIGTERM the caller has already handled). */
  signal?: AbortSignal;
}

/** Shows the console and resolves when it has been quit. */
export async function runConsole(services: ConsoleServices, opts: RunConsoleOptions): Promise<void> {
  process.stdout.write('\u001B[?1049h\u001B[H');
  let restored = false;
  const restore = () => {
    if (!restored) process.stdout.write('\u001B[?1049l');
    restored = true;
  };
  process.once('exit', restore);
  try {
    const app = render(
      <App
        services={services}
        settings={{ readOnly: opts.readOnly }}
        inventoryRefreshMs={opts.inventoryRefreshMs}
        onExit={() => app.unmount()}
      />,
      { exitOnCtrlC: false, incrementalRendering: true },
    );
    opts.signal?.addEventListener('abort', () => app.unmount(), { once: true });
    await app.waitUntilExit();
  } finally {
    restore();
    process.off('exit', restore);
  }
}
