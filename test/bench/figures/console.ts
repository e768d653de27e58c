// The console with the large sandbox's inventory (10,000 instances): keypress-to-frame for moving,
// filtering and marking, idle CPU with the periodic work running, and memory. The real App is
// rendered by ink (same options as `gameday`) into a fake terminal inside this process; a key's
// time runs from the stdin write to the next frame ink writes.
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import { createElement } from 'react';
import { AwsContext } from '../../../src/aws/clients.js';
import { discover } from '../../../src/aws/discovery/index.js';
import type { Inventory } from '../../../src/aws/inventory.js';
import { sdkCall } from '../../../src/aws/ops/call.js';
import { createSandbox } from '../../../src/sandbox/index.js';
import { realClock } from '../../../src/steady/loop.js';
import type { LoopClock } from '../../../src/steady/types.js';
import { App } from '../../../src/tui/App.js';
import { buildServices } from '../../../src/tui/wiring/services.js';
import { type Figure, type FigureGroup, median, percentile } from '../figure.js';

/** An 80x24 terminal that tells a waiting key when the next frame arrives. */
class FakeStdout extends EventEmitter {
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
class FakeStdin extends EventEmitter {
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

/** Timers that never fire (the key figures must not see header ticks or refreshes). */
const stillClock: LoopClock = {
  now: () => Date.parse('2026-11-25T12:00:00Z'),
  setInterval: () => 0,
  clearInterval: () => {},
  setTimeout: () => 0,
  clearTimeout: () => {},
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `done()` (polled every 50 ms), or fails naming what never came. */
async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const limit = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > limit) throw new Error(`${what} did not come in ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

/** This process's CPU time so far (ms, all threads). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function open(
  listInventory: () => Promise<Inventory>,
  aws: ReturnType<typeof sdkCall>,
  clock: LoopClock,
) {
  const services = buildServices({
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
      inventoryRefreshMs: 5_000,
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

/** Presses each key 40 ms apart (faster than key repeat) and returns each key's time to its frame. */
async function timeKeys(ui: Awaited<ReturnType<typeof open>>, keys: string[]): Promise<Timed> {
  const out: number[] = [];
  const cpu: number[] = [];
  for (const k of keys) {
    await sleep(40);
    const frame = ui.stdout.nextFrame(2000);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    ui.stdin.press(k);
    if (!(await frame)) throw new Error(`no frame after key ${JSON.stringify(k)}`);
    out.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: out, cpu };
}

/** Each key's wall time to its frame, and the process CPU it took (less sensitive to load). */
interface Timed {
  wall: number[];
  cpu: number[];
}

const keyFigure = (what: string, { wall: times, cpu }: Timed, note: string): Figure => ({
  figure: `console ${what}: keypress-to-frame p95 (10,000 rows)`,
  target: '< 50 ms',
  targetValue: 50,
  measured: percentile(times, 95),
  unit: 'ms',
  better: 'lower',
  note: `${note}; median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms, CPU per key median ${median(cpu).toFixed(1)} ms p95 ${percentile(cpu, 95).toFixed(1)} ms, n=${times.length}`,
});

/** The console figures. */
export const consoleFigures: FigureGroup = {
  name: 'console',
  async measure() {
    const sandbox = createSandbox({ size: 'large', clock: 'virtual', seed: 1 });
    const ctx = await AwsContext.create({
      region: sandbox.region,
      credentials: sandbox.credentials,
      plugins: [sandbox.plugin],
      env: {},
    });
    const inventory = await discover(ctx);
    const aws = sdkCall(ctx);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const figures: Figure[] = [];

    const ui = await open(async () => inventory, aws, stillClock);
    await ui.services.inventory(); // the model's first load is in flight; let it land
    await sleep(300);
    if (!ui.stdout.writes) throw new Error('the console drew nothing');
    const moving = await timeKeys(ui, [
      ...Array<string>(60).fill('j'),
      ...Array<string>(20).fill('\u001B[6~'),
      ...Array<string>(20).fill('k'),
    ]);
    figures.push(keyFigure('moving', moving, 'j x60, page down x20, k x20'));
    const marking = await timeKeys(ui, Array<string>(50).fill(' '));
    figures.push(keyFigure('marking', marking, 'space x50 (marks and moves down)'));
    // '/' opens the field; each typed character re-filters 10,000 rows; backspace widens again.
    const typed = ['/', ...'batch', '\u007F', '\u007F', ...'ch-1', '\u007F', '\u007F', '\u007F', '\u007F'];
    const filtering = await timeKeys(ui, typed);
    figures.push(keyFigure('filtering', filtering, `"/" then ${typed.length - 1} edits of the filter`));
    const heapAfter = process.memoryUsage().heapUsed;
    ui.app.unmount();
    await ui.services.close();

    // Idle: the real clock (header tick, steady loop each second on the sandbox) and the real
    // inventory refresh (discovery of the 10,000 instances, 10,000 tasks... at each refresh; the
    // sandbox's clock stands still, so nothing changes). A refresh costs about a second of CPU,
    // so the console spaces them (at most 0.5% of a core): the window is one whole cycle, from
    // the end of one refresh to the end of the next, so it holds exactly one.
    const refreshes: { endedAt: number; cpuMs: number }[] = [];
    const list = async () => {
      const c0 = cpuMs();
      const inv = await discover(ctx);
      refreshes.push({ endedAt: performance.now(), cpuMs: cpuMs() - c0 });
      return inv;
    };
    const idle = await open(list, aws, realClock);
    await until(() => refreshes.length >= 1, 30_000, 'the first listing');
    await sleep(1000);
    idle.stdin.press('r'); // a warm listing (the first one also compiles): it sets the spacing
    await until(() => refreshes.length >= 2, 30_000, 'the listing asked for with r');
    await sleep(0);
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const writesBefore = idle.stdout.writes;
    const callsBefore = ctx.counter.total;
    await until(() => refreshes.length >= 3, 600_000, 'the next periodic listing');
    const calls = ctx.counter.total - callsBefore;
    const used = process.cpuUsage(cpuBefore);
    const wall = performance.now() - wallBefore;
    const frames = idle.stdout.writes - writesBefore;
    const refresh = refreshes[2]!;
    idle.app.unmount();
    await idle.services.close();
    await ctx.destroy();
    sandbox.close();
    const cpuPct = ((used.user + used.system) / 1000 / wall) * 100;
    const refreshPct = (refresh.cpuMs / wall) * 100;
    figures.push({
      figure: 'console idle CPU (10,000 rows; refresh, steady loop and clock running)',
      target: '< 2 %',
      targetValue: 2,
      measured: cpuPct,
      unit: '%',
      better: 'lower',
      note: `one refresh cycle of ${(wall / 1000).toFixed(0)} s: the refresh ${refresh.cpuMs.toFixed(0)} ms of CPU (${refreshPct.toFixed(2)} %), the rest ${(cpuPct - refreshPct).toFixed(2)} %; ${frames} writes (3 a frame), ${calls} AWS calls (${calls > 1000 ? 'one listing, ' : ''}3 a tick); process CPU of all threads, the in-process sandbox answering`,
    });
    figures.push({
      figure: 'console heap growth while used (10,000 rows)',
      target: '',
      measured: (heapAfter - heapBefore) / 2 ** 20,
      unit: 'MB',
      note: `heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB in all`,
    });
    return figures;
  },
};
