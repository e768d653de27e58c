// The engine: an in-process run of each real Chaos Toolkit experiment of the corpus on the sandbox,
// with declared pauses skipped (sleep is a no-op) and the sandbox on virtual time (waits inside
// actions and undos advance its clock), timed per file from the first activity (the sandbox's world
// is built before).
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

/** A run or an undo still going after this long is reported, not waited for (a hang, not a wait). */
const RUN_LIMIT_MS = 10_000;

/** Resolves `p`, or rejects after RUN_LIMIT_MS saying what was still going. */
function limited<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what} still going after ${RUN_LIMIT_MS} ms`)),
        RUN_LIMIT_MS,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

/** One run of a corpus file on a fresh registry, then its undo: both timed. */
async function runOnce(text: string, file: string, env: Record<string, string>) {
  // The sandbox on virtual time: an action polling for a state, or an undo retrying while an
  // instance is still stopping, advances the sandbox's clock instead of sleeping.
  const fns = await loadFunctionRegistry({
    sandbox: true,
    sandboxVirtualTime: true,
    guard: { allowUntagged: true, seed: 1 },
  });
  try {
    // The sandbox region is opened (its world built) before the clock starts: the figure is the
    // engine's run, not the simulator's set-up.
    const opening = performance.now();
    await fns.connection({});
    const started = performance.now();
    const result = await limited(
      runExperiment(parseExperimentText(text, file), { registry: fns.registry, sleep: async () => {}, env }),
      'the run',
    );
    const ran = performance.now();
    await limited(fns.undoAll(), 'undoing');
    const undone = performance.now();
    await fns.close();
    return {
      ms: ran - started,
      undoMs: undone - ran,
      openMs: started - opening,
      status: result.status,
      why: firstFailure(result.journal),
    };
  } catch (err) {
    void fns.close().catch(() => {}); // still going; leave it (run.ts exits)
    throw err;
  }
}

/** One figure per corpus file (median wall time of 5 runs, after a warm-up pass over the whole
 * corpus so the first file does not pay for the JIT), then the corpus's spread. */
export const engineCorpus: FigureGroup = {
  name: 'engine-corpus',
  async measure() {
    const figures: Figure[] = [];
    const perFile: { file: string; ms: number }[] = [];
    const opens: number[] = [];
    const server = createServer((_req, res) => res.end('42'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const env = await corpusEnv(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.json'))
      .map((file) => ({ file, text: readFileSync(join(CORPUS, file), 'utf8') }));
    const failed = new Map<string, string>();
    for (const { file, text } of files)
      await runOnce(text, file, env).catch((err: Error) => failed.set(file, err.message));
    for (const { file, text } of files) {
      const name = `engine run: ${file.replace(/\.json$/, '').slice(0, 60)}`;
      const runs: Awaited<ReturnType<typeof runOnce>>[] = [];
      let error = failed.get(file) ?? '';
      for (let i = 0; i < 5 && !error; i++)
        await runOnce(text, file, env).then(
          (r) => runs.push(r),
          (err: Error) => {
            error = err.message;
          },
        );
      if (error) {
        figures.push({
          figure: name,
          target: '< 50 ms',
          measured: Number.NaN,
          unit: 'ms',
          note: `not measured: ${error}`,
        });
        continue;
      }
      const last = runs.at(-1)!;
      const ms = median(runs.map((r) => r.ms));
      perFile.push({ file, ms });
      opens.push(...runs.map((r) => r.openMs));
      figures.push({
        figure: name,
        target: '< 50 ms',
        targetValue: 50,
        measured: ms,
        unit: 'ms',
        better: 'lower',
        note: `status ${last.status}${last.why ? `: ${last.why}` : ''}; undo after it ${median(runs.map((r) => r.undoMs)).toFixed(1)} ms`,
      });
    }
    server.close();
    if (perFile.length) {
      const ms = perFile.map((f) => f.ms);
      const slowest = perFile.reduce((a, b) => (b.ms > a.ms ? b : a));
      figures.push({
        figure: `engine corpus: slowest of ${perFile.length} files (sandbox, virtual time)`,
        target: '< 50 ms',
        targetValue: 50,
        measured: slowest.ms,
        unit: 'ms',
        better: 'lower',
        note: `min ${Math.min(...ms).toFixed(1)} ms, median ${median(ms).toFixed(1)} ms, max ${slowest.ms.toFixed(1)} ms (${slowest.file.replace(/\.json$/, '')}); the sandbox's world, built before each run, median ${median(opens).toFixed(1)} ms`,
      });
    }
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
