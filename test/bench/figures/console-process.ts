// The console as a user runs it: the built `gameday --sandbox` in tmux at 80x24, left alone, its
// whole process's CPU read from /proc (all threads: the garbage collector's included) and its
// resident memory. The sandbox runs in the same process, so its simulation (every instance's
// CPU, every service's tasks, every alarm) is in the figure too: a real account's console has
// none of that, and waits on AWS instead.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasTmux, TmuxSession } from '../../tui/tmux.js';
import type { Figure, FigureGroup } from '../figure.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** utime + stime of a process, in clock ticks, and its resident set in MB. */
function procStat(pid: number): { ticks: number; rssMB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return { ticks: Number(f[11]) + Number(f[12]), rssMB: rssKB / 1024 };
}

/** Runs the console with `args` in a private tmux, waits for its inventory, lets it settle for
 * `settleMs`, then measures `windowMs` of idling. */
async function idleProcess(
  args: string[],
  settleMs: number,
  windowMs: number,
): Promise<{ cpuPct: number; rssBefore: number; rssAfter: number; slices: number[] }> {
  const records = mkdtempSync(join(tmpdir(), 'gameday-bench-idle-'));
  const hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  // `exec`: the pane's process is gameday itself, whose pid tmux reports.
  const t = new TmuxSession(
    `exec env CI=0 ${process.execPath} dist/cli.js ${args.join(' ')} --record-dir ${records}`,
  );
  try {
    const pid = t.panePid();
    await t.waitFor(/EC2 \(?[1-9]/, 60_000);
    await sleep(settleMs);
    const before = procStat(pid);
    const slices: number[] = [];
    let last = before.ticks;
    const sliceMs = 10_000;
    for (let elapsed = 0; elapsed < windowMs; elapsed += sliceMs) {
      await sleep(sliceMs);
      const now = procStat(pid).ticks;
      slices.push(((now - last) / hz / (sliceMs / 1000)) * 100);
      last = now;
    }
    const after = procStat(pid);
    const cpuPct = ((after.ticks - before.ticks) / hz / (windowMs / 1000)) * 100;
    return { cpuPct, rssBefore: before.rssMB, rssAfter: after.rssMB, slices };
  } finally {
    t.kill();
    rmSync(records, { recursive: true, force: true });
  }
}

const spread = (xs: number[]) => `10-s slices ${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)} %`;

/** Whole-process idle figures: the default sandbox (what `npm start` opens) and the large one. */
export const consoleProcess: FigureGroup = {
  name: 'console-process',
  async skip() {
    return hasTmux ? undefined : 'tmux is not installed';
  },
  async measure() {
    const figures: Figure[] = [];
    const small = await idleProcess(['--sandbox'], 5_000, 60_000);
    figures.push({
      figure: 'npm start (gameday --sandbox) idle, whole process in tmux (60 s)',
      target: '< 2 %',
      targetValue: 2,
      measured: small.cpuPct,
      unit: '%',
      better: 'lower',
      note: `${spread(small.slices)}; rss ${small.rssBefore.toFixed(0)} -> ${small.rssAfter.toFixed(0)} MB; recording on; the simulated region (6 instances, 3 services) runs in the process`,
    });
    // Long enough to hold at least one inventory refresh (every two to three minutes here).
    const large = await idleProcess(['--sandbox', '--sandbox-size', 'large'], 5_000, 240_000);
    figures.push({
      figure: 'gameday --sandbox --sandbox-size large idle, whole process in tmux (240 s)',
      target: '',
      measured: large.cpuPct,
      unit: '%',
      note: `${spread(large.slices)}; rss ${large.rssBefore.toFixed(0)} -> ${large.rssAfter.toFixed(0)} MB; includes simulating 10,000 instances, 10,000 tasks, 2,000 alarms and 21,500 metric series in the same process, and about two inventory refreshes`,
    });
    return figures;
  },
};
