// Runs a scenario file end to end on the sandbox, in process: the real engine runner and the real
// catalogue registry (one guard, capped by the runbook's blast radius) on an AwsContext wired to a
// virtual-clock sandbox, with the runbook machine in headless mode between them. Every timer (the
// engine's pauses, an attack's "after a duration") is a fake timer, and the sandbox clock moves in
// lockstep with it, so minutes of game day take milliseconds and nothing depends on the wall clock.
import { vi } from 'vitest';
import { AwsContext } from '../../src/aws/clients.js';
import { sdkCall } from '../../src/aws/ops/call.js';
import { Guard, type GuardEvent } from '../../src/catalog/guard.js';
import { catalogRegistry } from '../../src/catalog/index.js';
import type { RunEvent } from '../../src/experiment/events.js';
import { loadExperimentFile } from '../../src/experiment/load.js';
import { type RunResult, runExperiment } from '../../src/experiment/runner.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { type HeadlessRunbook, headlessRunbook } from '../../src/scenario/headless.js';

/** What a scenario run leaves behind for assertions. */
export interface ScenarioRun {
  sb: Sandbox;
  ctx: AwsContext;
  result: RunResult;
  runbook: HeadlessRunbook;
  guardEvents: GuardEvent[];
  log: string[];
  /** Outputs of method activities by name (the journal's run entries). */
  outputs: Record<string, unknown>;
  /** Statuses of activities by name. */
  statuses: Record<string, string>;
  /** Virtual seconds the run took. */
  seconds: number;
  close(): Promise<void>;
}

const STEP_MS = 1000;
const LIMIT_MS = 3 * 3600_000;

/** Runs `file` on a fresh default sandbox (seed 7 unless told) and returns what happened. */
export async function runScenario(file: string, opts: { seed?: number; env?: Record<string, string> } = {}) {
  const sb = createSandbox({ clock: 'virtual', seed: opts.seed ?? 7 });
  const ctx = await AwsContext.create({
    region: sb.region,
    credentials: sb.credentials,
    plugins: [sb.plugin],
    env: {},
  });
  const log: string[] = [];
  const experiment = loadExperimentFile(file);
  const runbook = headlessRunbook(
    experiment,
    file,
    (level, m) => log.push(`${level} ${m}`),
    () => sb.clock.now(),
  );
  if (!runbook) throw new Error(`${file} has no runbook`);
  const guardEvents: GuardEvent[] = [];
  const guard = new Guard({
    seed: opts.seed ?? 7,
    maxTargetsPerAttack: runbook.runbook.blastRadius.maxTargets,
    recorder: (e) => void guardEvents.push(e),
  });
  const door = sdkCall(ctx);
  const registry = runbook.registry(catalogRegistry({ guard, aws: async () => door }));
  const started = sb.clock.now();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  let result: RunResult | undefined;
  let failure: unknown;
  try {
    const running = runExperiment(experiment, {
      registry,
      emit: (e: RunEvent) => runbook.onEvent(e),
      clock: { now: () => sb.clock.now() },
      env: { ...opts.env },
    }).then(
      (r) => {
        result = r;
      },
      (err) => {
        failure = err ?? new Error('run failed');
      },
    );
    // Time moves only while everything waits on a timer: real work in flight (an SDK call, a
    // module load) finishes first, so a call never sees the clock jump under it.
    while (!result && !failure && sb.clock.now() - started < LIMIT_MS) {
      for (let turn = 0; turn < 3; turn++) await new Promise((r) => setImmediate(r));
      if (result || failure || vi.getTimerCount() === 0) continue;
      sb.clock.advance(STEP_MS);
      await vi.advanceTimersByTimeAsync(STEP_MS);
    }
    await running;
  } finally {
    vi.useRealTimers();
  }
  if (failure) throw failure;
  if (!result) throw new Error(`${file} did not finish within ${LIMIT_MS / 60000} virtual minutes`);
  const outputs: Record<string, unknown> = {};
  const statuses: Record<string, string> = {};
  for (const e of result.events)
    if (e.type === 'activity-end' && e.phase === 'method') {
      outputs[String(e.entry.activity.name)] = e.entry.output;
      statuses[String(e.entry.activity.name)] = e.entry.status;
    } else if (e.type === 'activity-end' && e.phase === 'rollback')
      statuses[`rollback:${e.entry.activity.name}`] = e.entry.status;
  return {
    sb,
    ctx,
    result,
    runbook,
    guardEvents,
    log,
    outputs,
    statuses,
    seconds: (sb.clock.now() - started) / 1000,
    close: async () => {
      await ctx.destroy();
      sb.close();
    },
  } satisfies ScenarioRun;
}
