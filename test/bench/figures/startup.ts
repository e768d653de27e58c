// Cold start of the built CLI: `--help` and `--version` answer before ink or the SDK load.
import { execFileSync, spawnSync } from 'node:child_process';
import { type Figure, type FigureGroup, median } from '../figure.js';

function timeRun(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
    times.push(performance.now() - started);
    if (r.status !== 0) throw new Error(`gameday ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return median(times);
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

/** `gameday --help` / `--version` wall time, median of 10 whole-process runs. */
export const startup: FigureGroup = {
  name: 'startup',
  async measure() {
    const nodeAlone = (() => {
      const t: number[] = [];
      for (let i = 0; i < 10; i++) {
        const s = performance.now();
        spawnSync(process.execPath, ['-e', '0']);
        t.push(performance.now() - s);
      }
      return median(t);
    })();
    return [
      {
        figure: 'gameday --help (median of 10)',
        target: '< 250 ms',
        targetValue: 250,
        measured: timeRun(['--help'], 10),
        unit: 'ms',
        better: 'lower',
        note: `node -e 0 alone: ${nodeAlone.toFixed(0)} ms`,
      },
      {
        figure: 'gameday --version (median of 10)',
        target: '< 250 ms',
        targetValue: 250,
        measured: timeRun(['--version'], 10),
        unit: 'ms',
        better: 'lower',
      },
      ...firstFrames(),
    ];
  },
};
