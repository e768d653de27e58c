// Cold start of the built CLI: `--help` and `--version` answer before ink or the SDK load.
import { spawnSync } from 'node:child_process';
import { type FigureGroup, median } from '../figure.js';

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
    ];
  },
};
