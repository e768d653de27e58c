// Renders the console on the terminal until the operator quits: the alternate screen (restored on
// any exit), our own Ctrl-C handling (so quitting can undo first), incremental redraws (no flicker
// at a 1 s tick).
import { render } from 'ink';
import { App } from './App.js';
import { onAltScreen } from './alt-screen.js';
import type { ConsoleServices } from './services.js';
import type { HeaderInfo } from './widgets/Header.js';

/** Options for a console run. */
export interface RunConsoleOptions {
  readOnly: boolean;
  inventoryRefreshMs: number;
  /** Closes the console from outside (a SIGINT/SIGTERM the caller has already handled). */
  signal?: AbortSignal;
}

/** What the console shows first (known from the flags) and the services it waits for. */
export interface ConsoleStart {
  info: HeaderInfo;
  ready: Promise<ConsoleServices>;
}

/** How the console ended: quit, or handed a scenario to runbook mode. */
export interface ConsoleOutcome {
  play?: string;
}

/** Shows the console and resolves when it has been quit; rejects with `ready`'s error if the
 * services could not be built (the first frame is already up by then). */
export async function runConsole(start: ConsoleStart, opts: RunConsoleOptions): Promise<ConsoleOutcome> {
  let failure: { err: unknown } | undefined;
  const outcome: ConsoleOutcome = {};
  return onAltScreen(async () => {
    const app = render(
      <App
        boot={{
          info: start.info,
          ready: start.ready,
          onFailed: (err) => {
            failure = { err };
            app.unmount();
          },
        }}
        settings={{ readOnly: opts.readOnly }}
        inventoryRefreshMs={opts.inventoryRefreshMs}
        onExit={() => app.unmount()}
        onPlay={(file) => {
          outcome.play = file;
          app.unmount();
        }}
      />,
      { exitOnCtrlC: false, incrementalRendering: true },
    );
    opts.signal?.addEventListener('abort', () => app.unmount(), { once: true });
    await app.waitUntilExit();
    if (failure) throw failure.err;
    return outcome;
  });
}
