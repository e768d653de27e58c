// The console idling with the large inventory, in a process of its own bundled as dist/ is (see
// idle.ts, which builds and runs it): the real App in a fake terminal, the real clock, the steady
// loop every second, the session recorded, and the real inventory refresh (discovery of 10,000
// instances, 10,000 tasks...) against a sandbox whose clock stands still, so nothing changes.
// A refresh costs about a second of CPU, so the console spaces them: the window measured is one
// whole cycle, from the end of the first refresh to the end of the next (a periodic one, as cold
// as every periodic refresh is after minutes of idling), so it holds exactly one.
// Prints one JSON line (IdleMeasured); with GAMEDAY_BENCH_SLICES=1, its CPU every 10 s on stderr.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { discover } from '../../../src/aws/discovery/index.js';
import { sdkCall } from '../../../src/aws/ops/call.js';
import { Session } from '../../../src/session/session.js';
import { realClock } from '../../../src/steady/loop.js';
import { rig } from '../../sandbox/support.js';
import { openConsole } from './fake-console.js';

/** What the child prints. */
export interface IdleMeasured {
  windowMs: number;
  cpuMs: number;
  refreshCpuMs: number;
  /** CPU of both refreshes: the first (which also compiles) and the periodic one. */
  refreshesCpuMs: number[];
  /** Main-thread garbage-collection pauses in the window. */
  gcMs: number;
  frames: number;
  calls: number;
  heapMB: number;
  rssMB: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const limit = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > limit) throw new Error(`${what} did not come in ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

const { sb: sandbox, ctx } = await rig({ size: 'large', seed: 1 });
const records = mkdtempSync(join(tmpdir(), 'gameday-bench-idle-'));
const session = Session.open(
  { title: 'bench idle', region: sandbox.region, sandbox: true },
  { root: records },
);
const refreshes: { cpuMs: number }[] = [];
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });
const ui = openConsole(
  async () => {
    const c0 = cpuMs();
    const inv = await discover(ctx);
    refreshes.push({ cpuMs: cpuMs() - c0 });
    return inv;
  },
  sdkCall(ctx),
  realClock,
  // As the console opens an account: a 15 s period, which the refresh's cost then stretches.
  { session, inventoryRefreshMs: 15_000 },
);
await until(() => refreshes.length >= 1, 60_000, 'the first listing');
const cpuBefore = cpuMs();
const wallBefore = performance.now();
const writesBefore = ui.stdout.writes;
const callsBefore = ctx.counter.total;
const gcBefore = gcMs;
const slices = setInterval(() => {
  if (process.env.GAMEDAY_BENCH_SLICES)
    process.stderr.write(`slice ${cpuMs().toFixed(0)} calls ${ctx.counter.total} gc ${gcMs.toFixed(0)}\n`);
}, 10_000);
await until(() => refreshes.length >= 2, 900_000, 'the next periodic listing');
clearInterval(slices);
const out: IdleMeasured = {
  windowMs: performance.now() - wallBefore,
  cpuMs: cpuMs() - cpuBefore,
  refreshCpuMs: refreshes[1]!.cpuMs,
  refreshesCpuMs: refreshes.map((r) => r.cpuMs),
  gcMs: gcMs - gcBefore,
  frames: ui.stdout.writes - writesBefore,
  calls: ctx.counter.total - callsBefore,
  heapMB: process.memoryUsage().heapUsed / 2 ** 20,
  rssMB: process.memoryUsage().rss / 2 ** 20,
};
ui.app.unmount();
await ui.services.close();
session.close();
rmSync(records, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(out)}\n`);
process.exit(0);
