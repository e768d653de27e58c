// The engine: an in-process run of each real Chaos Toolkit experiment of the corpus on the sandbox,
// with declared pauses skipped (sleep is a no-op), timed per file.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AwsContext } from '../../../src/aws/clients.js';
import { discover } from '../../../src/aws/discovery/index.js';
import { loadFunctionRegistry } from '../../../src/commands/functions.js';
import { parseExperimentText } from '../../../src/experiment/load.js';
import { runExperiment } from '../../../src/experiment/runner.js';
import { createSandbox } from '../../../src/sandbox/index.js';
import { type Figure, type FigureGroup, median } from '../figure.js';

const CORPUS = join(import.meta.dirname, '../../fixtures/experiment/corpus');

/**
 * The configuration the corpus reads from the environment, filled with what the sandbox has (the
 * default world, seed 1, as `loadFunctionRegistry({ sandbox: true })` opens it): a running
 * instance outside any ASG and its AZ, and a local HTTP service that answers 200 "42" for the
 * experiments' "application must respond" probes. Unknown keys get the service's URL.
 */
async function corpusEnv(serviceUrl: string): Promise<Record<string, string>> {
  const sandbox = createSandbox({ seed: 1, clock: 'virtual' });
  const ctx = await AwsContext.create({
    region: sandbox.region,
    credentials: sandbox.credentials,
    plugins: [sandbox.plugin],
    env: {},
  });
  const inv = await discover(ctx);
  await ctx.destroy();
  sandbox.close();
  const target = inv.instances.find((i) => i.state === 'running' && !i.asg) ?? inv.instances[0]!;
  const known: Record<string, string> = {
    INSTANCE_ID: target.id,
    EC2_INSTANCE_ID: target.id,
    AVAILABILITY_ZONE: target.az ?? '',
    EC2_AZ: target.az ?? '',
    AWS_REGION: inv.region,
  };
  return new Proxy(known, {
    get: (o, k) => (typeof k === 'string' ? (o[k] ?? serviceUrl) : undefined),
  });
}

const RUN_LIMIT_MS = 3000;

/** One figure per corpus file: median wall time of 5 runs. */
export const engineCorpus: FigureGroup = {
  name: 'engine-corpus',
  async measure() {
    const figures: Figure[] = [];
    const server = createServer((_req, res) => res.end('42'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const env = await corpusEnv(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.json'))) {
      const text = readFileSync(join(CORPUS, file), 'utf8');
      const times: number[] = [];
      let status = '';
      let error = '';
      let why = '';
      for (let i = 0; i < 6 && !error; i++) {
        const fns = await loadFunctionRegistry({ sandbox: true, guard: { allowUntagged: true, seed: 1 } });
        const started = performance.now();
        // Waits inside actions (an instance reaching "running") follow the sandbox's clock, which
        // runs at wall speed: a run still going after RUN_LIMIT_MS is reported, not waited for.
        let limit: NodeJS.Timeout | undefined;
        const result = await Promise.race([
          runExperiment(parseExperimentText(text, file), {
            registry: fns.registry,
            sleep: async () => {},
            env,
          }),
          new Promise<never>((_, reject) => {
            limit = setTimeout(
              () =>
                reject(new Error(`still running after ${RUN_LIMIT_MS} ms (an action waits on sandbox time)`)),
              RUN_LIMIT_MS,
            );
          }),
        ])
          .catch((err: Error) => {
            error = err.message;
            return undefined;
          })
          .finally(() => clearTimeout(limit));
        if (i > 0) times.push(performance.now() - started); // the first run warms the SDK and JIT
        status = result?.status ?? 'not run';
        why = result ? firstFailure(result.journal) : '';
        if (error) {
          void fns.close().catch(() => {}); // the run is still waiting; leave it (run.ts exits)
          break;
        }
        // Undoing may wait on sandbox time too (a restarted instance must be stopped to start).
        const undone = await Promise.race([
          fns.undoAll().then(() => true),
          new Promise<false>((r) => setTimeout(() => r(false), RUN_LIMIT_MS)),
        ]);
        if (!undone) {
          error = `undoing still waiting after ${RUN_LIMIT_MS} ms (on sandbox time)`;
          void fns.close().catch(() => {});
          break;
        }
        await fns.close();
      }
      if (error) {
        figures.push({
          figure: `engine run: ${file.replace(/\.json$/, '').slice(0, 60)}`,
          target: '< 50 ms',
          measured: Number.NaN,
          unit: 'ms',
          note: `not measured: ${error.slice(0, 90)}`,
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
        note: `status ${status}${why ? `: ${why}` : ''}`,
      });
    }
    server.close();
    return figures;
  },
};

/** The first activity that did not succeed, as "name: reason" (short), or ''. */
function firstFailure(journal: unknown): string {
  const j = journal as {
    steady_states?: { before?: { probes?: Activity[] }; after?: { probes?: Activity[] } };
    run?: Activity[];
  };
  const all = [
    ...(j.steady_states?.before?.probes ?? []),
    ...(j.run ?? []),
    ...(j.steady_states?.after?.probes ?? []),
  ];
  const bad = all.find((a) => a.status !== 'succeeded');
  if (!bad) return '';
  const reason = String(bad.exception?.at(-1) ?? bad.status)
    .replace(/^chaoslib\.exceptions\.ActivityFailed: /, '')
    .trim();
  return `${bad.activity?.name}: ${reason}`.slice(0, 110);
}

interface Activity {
  status: string;
  activity?: { name?: string };
  exception?: string[];
}
