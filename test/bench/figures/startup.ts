// Cold start of the built CLI: `--help` and `--version` answer before ink or the SDK load.
import { execFileSync, spawnSync } from 'node:child_process';
import { type Figure, type FigureGroup, median } from '../figure.js';

/** Whole-process wall times of `node dist/cli.js ARGS`, `runs` times. */
function timeRuns(args: string[], runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    times.push(performance.now() - started);
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return times;
}

/** One `gameday --sandbox` in a private tmux at 80x24: ms until the header shows, and until the
 * inventory's first rows do (discovery done), polling the pane. */
function firstFrame(): { header: number; rows: number } {
  const socket = `gdbench-${process.pid}-${Math.floor(Math.random() * 1e6)}`;
  const tmux = (...a: string[]) => execFileSync('tmux', ['-L', socket, ...a], { encoding: 'utf8' });
  const started = performance.now();
  tmux(
    'new-session',
    '-d',
    '-s',
    'x',
    '-x',
    '80',
    '-y',
    '24',
    `CI=0 ${process.execPath} dist/cli.js --sandbox --no-record`,
  );
  let header = Number.NaN;
  try {
    while (performance.now() - started < 20_000) {
      const screen = tmux('capture-pane', '-p', '-t', 'x');
      const at = performance.now() - started;
      if (Number.isNaN(header) && screen.includes('SANDBOX')) header = at;
      if (/EC2 \([1-9]/.test(screen)) return { header: Number.isNaN(header) ? at : header, rows: at };
    }
    throw new Error('the console never showed its inventory in 20 s');
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
  }
}

/** First-frame figures (median of 5), or none when tmux is missing. */
function firstFrames(): Figure[] {
  if (spawnSync('tmux', ['-V']).status !== 0) return [];
  const runs = Array.from({ length: 5 }, firstFrame);
  const header = median(runs.map((r) => r.header));
  const rows = median(runs.map((r) => r.rows));
  return [
    {
      figure: 'gameday --sandbox first frame in tmux 80x24 (median of 5)',
      target: '< 1000 ms',
      targetValue: 1000,
      measured: header,
      unit: 'ms',
      better: 'lower',
      note: `the header; inventory rows at ${rows.toFixed(0)} ms; header before discovery done in ${runs.filter((r) => r.header < r.rows).length}/5 runs`,
    },
  ];
}

/** `gameday --help` / `--version` wall time, min and median of 30 whole-process runs, next to Node
 * alone and an empty ES module (the floor any ESM entry pays: Node 20 has no compile cache). The
 * four are timed in turn, round by round, so the floors see the same machine load as gameday;
 * the note gives gameday's own cost: the median, over the rounds, of its time minus the empty
 * module's. */
export const startup: FigureGroup = {
  name: 'startup',
  async measure() {
    const runs = 30;
    const nodeAlone: number[] = [];
    const emptyEsm: number[] = [];
    const help: number[] = [];
    const version: number[] = [];
    for (let i = 0; i < runs; i++) {
      nodeAlone.push(...timeRuns(['-e', '0'], 1));
      emptyEsm.push(...timeRuns(['--input-type=module', '-e', 'process.stdout.write("")'], 1));
      help.push(...timeRuns(['dist/cli.js', '--help'], 1));
      version.push(...timeRuns(['dist/cli.js', '--version'], 1));
    }
    const over = (xs: number[]) => median(xs.map((x, i) => x - emptyEsm[i]!)).toFixed(0);
    const floor = `node -e 0: min ${Math.min(...nodeAlone).toFixed(0)} / median ${median(nodeAlone).toFixed(0)} ms; an empty ES module: min ${Math.min(...emptyEsm).toFixed(0)} / median ${median(emptyEsm).toFixed(0)} ms`;
    return [
      {
        figure: `gameday --help (median of ${runs})`,
        target: '< 150 ms',
        targetValue: 150,
        measured: median(help),
        unit: 'ms',
        better: 'lower',
        note: `min ${Math.min(...help).toFixed(0)} ms; ${over(help)} ms over an empty ES module in the same rounds; ${floor}`,
      },
      {
        figure: `gameday --version (median of ${runs})`,
        target: '< 150 ms',
        targetValue: 150,
        measured: median(version),
        unit: 'ms',
        better: 'lower',
        note: `min ${Math.min(...version).toFixed(0)} ms; ${over(version)} ms over an empty ES module`,
      },
      ...firstFrames(),
    ];
  },
};
