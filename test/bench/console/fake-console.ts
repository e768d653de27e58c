// The console in a fake terminal, for the console benchmarks: the real App rendered by ink with
// the options `gameday` uses, into an 80x24 stdout that counts writes and a raw-mode stdin.
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import { createElement } from 'react';
import type { Inventory } from '../../../src/aws/inventory.js';
import type { AwsCall } from '../../../src/catalog/types.js';
import type { LoopClock } from '../../../src/steady/types.js';
import { App } from '../../../src/tui/App.js';
import { buildServices, type ServicesOptions } from '../../../src/tui/wiring/services.js';

/** An 80x24 terminal that tells a waiting key when the next frame arrives. */
export class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 80;
  rows = 24;
  writes = 0;
  private waiter: (() => void) | undefined;
  write = (_chunk: string) => {
    this.writes++;
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
    return true;
  };
  nextFrame(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.waiter = undefined;
        resolve(false);
      }, timeoutMs);
      this.waiter = () => {
        clearTimeout(t);
        resolve(true);
      };
    });
  }
}

/** A raw-mode keyboard: ink reads it on 'readable'. */
export class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  press(s: string) {
    this.data = s;
    this.emit('readable');
  }
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

/** The real console (App, as `gameday` renders it) in a fake 80x24 terminal, with the services
 * built from `aws` and the listing given. */
export function openConsole(
  listInventory: () => Promise<Inventory>,
  aws: AwsCall,
  clock: LoopClock,
  extra: Partial<Pick<ServicesOptions, 'session' | 'metricWindow'>> & { inventoryRefreshMs?: number } = {},
) {
  const services = buildServices({
    ...extra,
    info: {
      account: '000000000000',
      caller: 'arn:aws:sts::000000000000:user/sandbox',
      region: 'eu-west-1',
      sandbox: true,
      readOnly: false,
      dryRun: false,
    },
    aws,
    listInventory,
    clock,
    periodMs: 1000,
  });
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const app = render(
    createElement(App, {
      services,
      clock,
      size: { width: 80, height: 24 },
      inventoryRefreshMs: extra.inventoryRefreshMs ?? 5_000,
      onExit: () => {},
    }),
    {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      exitOnCtrlC: false,
      patchConsole: false,
      incrementalRendering: true,
    },
  );
  return { app, stdout, stdin, services };
}
