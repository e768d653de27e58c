// The engine: an in-process run of each real Chaos Toolkit experiment of the corpus on the sandbox,
// with declared pauses skipped (sleep is a no-op), timed per file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFunctionRegistry } from '../../../src/commands/functions.js';
import { parseExperimentText } from '../../../src/experiment/load.js';
import { runExperiment } from '../../../src/experiment/runner.js';
import { type Figure, type FigureGroup, median } from '../figure.js';

const CORPUS = join(import.meta.dirname, '../../fixtures/experiment/corpus');

/** One figure per corpus file: median wall time of 5 runs. */
export const engineCorpus: FigureGroup = {
  name: 'engine-corpus',
  async measure() {
    const figures: Figure[] = [];
    for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.json'))) {
      const text = readFileSync(join(CORPUS, file), 'utf8');
      const times: number[] = [];
      let status = '';
      let error = '';
      for (let i = 0; i < 6 && !error; i++) {
        const fns = await loadFunctionRegistry({ sandbox: true, guard: { allowUntagged: true, seed: 1 } });
        const started = performance.now();
        const result = await runExperiment(parseExperimentText(text, file), {
          registry: fns.registry,
          sleep: async () => {},
          // Some corpus files read env configuration (ELB_ROOT_URL...): give every key a local value.
          env: new Proxy({} as Record<string, string>, {
            get: (_, k) => (typeof k === 'string' ? 'http://127.0.0.1:9' : undefined),
          }),
        }).catch((err: Error) => {
          error = err.message;
          return undefined;
        });
        if (i > 0) times.push(performance.now() - started); // the first run warms the SDK and JIT
        status = result?.status ?? 'not run';
        await fns.undoAll();
        await fns.close();
      }
      if (error) {
        figures.push({
          figure: `engine run: ${file.replace(/\.json$/, '').slice(0, 60)}`,
          target: '< 50 ms',
          measured: Number.NaN,
          unit: 'ms',
          note: `not run: ${error.slice(0, 80)}`,
        });
        continue;
      }
      figures.push({
        figure: `engine run: ${file.replace(/\.json$/, '').slice(0, 60)}`,
        target: '< 50 ms',
        targetValue: 50,
        measured: median(times),
        unit: 'ms',
        better: 'lower',
        note: `status ${status}`,
      });
    }
    return figures;
  },
};
