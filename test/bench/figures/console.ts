// The console with the large sandbox's inventory (10,000 instances): keypress-to-frame for moving,
// filtering and marking, and memory (idle CPU: console-idle.ts). The real App is rendered by ink
// (same options as `gameday`) into a fake terminal inside this process; a key's time runs from the
// stdin write to the next frame ink writes.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { discover } from '../../../src/aws/discovery/index.js';
import { sdkCall } from '../../../src/aws/ops/call.js';
import type { LoopClock } from '../../../src/steady/types.js';
import { rig } from '../../sandbox/support.js';
import { openConsole } from '../console/fake-console.js';
import { type Figure, type FigureGroup, median, percentile } from '../figure.js';

/** Timers that never fire (the key figures must not see header ticks or refreshes). */
const stillClock: LoopClock = {
  now: () => Date.parse('2026-11-25T12:00:00Z'),
  setInterval: () => 0,
  clearInterval: () => {},
  setTimeout: () => 0,
  clearTimeout: () => {},
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A full garbage collection (the bench runs without --expose-gc), so heap figures are live data. */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Presses each key 40 ms apart (faster than key repeat) and returns each key's time to its frame. */
async function timeKeys(ui: ReturnType<typeof openConsole>, keys: string[]): Promise<Timed> {
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
    const { ctx, close } = await rig({ size: 'large', seed: 1 });
    const inventory = await discover(ctx);
    const aws = sdkCall(ctx);
    collect();
    const heapBefore = process.memoryUsage().heapUsed;
    const figures: Figure[] = [];

    const ui = openConsole(async () => inventory, aws, stillClock);
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
    collect(); // what the console keeps while open, not the garbage the keys left
    const heapAfter = process.memoryUsage().heapUsed;
    ui.app.unmount();
    await ui.services.close();

    await close();
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
