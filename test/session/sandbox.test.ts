// The proof on the sandbox: a recorded session (the console's way: catalogue through the guard,
// steady loop, notes, halt) gives an experiment that validates against the catalogue and runs on
// a fresh sandbox with the same attacks on the same targets; its journal has chaos's shape; the
// review shows the recorded graph values.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AwsContext } from '../../src/aws/clients.js';
import { sdkCall } from '../../src/aws/ops/call.js';
import { Guard, type GuardEvent } from '../../src/catalog/guard.js';
import { catalogRegistry } from '../../src/catalog/index.js';
import { runExperiment } from '../../src/experiment/runner.js';
import type { Experiment } from '../../src/experiment/types.js';
import { validateExperiment } from '../../src/experiment/validate.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { snapshotAt } from '../../src/session/playback.js';
import { loadRecording, type Recording } from '../../src/session/recording.js';
import { sandboxSession } from './sandbox-session.js';
import { tempRoot } from './support.js';

const CORPUS_JOURNAL = 'test/fixtures/experiment/journals/Mickael-Roger__chaostoolkit-ansible__journal.json';

let dir: string;
let rec: Recording;
let experiment: Experiment;

beforeAll(async () => {
  dir = await sandboxSession(tempRoot());
  rec = loadRecording(dir);
  experiment = JSON.parse(readFileSync(join(dir, 'experiment.json'), 'utf8'));
}, 120_000);

/** The changes (not reads) a guard sent, as "service:Operation ids". */
function changes(events: GuardEvent[]): string[] {
  return events.flatMap((e) =>
    e.type === 'change' ? [`${e.call.service}:${e.call.operation} ${e.targets.join(',')}`] : [],
  );
}

describe('a recorded sandbox session', () => {
  it('records what the guard changed, in order, with the undo played at the halt', () => {
    const guardChanges = changes(rec.guard);
    expect(guardChanges).toEqual([
      'autoscaling:SuspendProcesses web',
      expect.stringMatching(/^ec2:StopInstances i-[0-9a-f]+$/),
    ]);
    expect(rec.guard.filter((e) => e.type === 'undone')).toHaveLength(2);
  });

  it('experiment.json validates against the catalogue and pins the instance the seed picked', () => {
    const registry = catalogRegistry({
      guard: new Guard(),
      aws: async () => {
        throw new Error('validation must not call AWS');
      },
    });
    const issues = validateExperiment(experiment, { registry, env: {} });
    expect(issues.filter((i) => i.level === 'error')).toEqual([]);
    const stopped = changes(rec.guard)[1]!.split(' ')[1];
    expect(experiment.method![1]!.provider!.arguments).toEqual({ instance_ids: [stopped], selection: 'ALL' });
    // Newest first, as the guard undoes: start the instance before healing resumes.
    expect(experiment.rollbacks!.map((r) => `${r.provider?.module}.${r.provider?.func}`)).toEqual([
      'chaosaws.ec2.actions.start_instances',
      'chaosaws.asg.actions.resume_processes',
    ]);
    const ext = (experiment.extensions as { name: string; targets: { selectors: unknown }[] }[]).find(
      (x) => x.name === 'gameday',
    )!;
    expect(ext.targets[1]!.selectors).toEqual({ tags: { Name: 'web' }, selection: 'COUNT(1)' });
  });

  it("runs on a fresh sandbox: the same attacks on the same targets, then the rollbacks; the journal has chaos's shape", async () => {
    const sandbox = createSandbox({ clock: 'virtual' });
    const ctx = await AwsContext.create({
      region: sandbox.region,
      credentials: sandbox.credentials,
      plugins: [sandbox.plugin],
      env: {},
      maxAttempts: 1,
    });
    try {
      const events: GuardEvent[] = [];
      const guard = new Guard({
        seed: 7,
        recorder: (e) => void events.push(e),
        sleep: async (ms) => sandbox.clock.advance(ms),
      });
      const aws = sdkCall(ctx);
      const result = await runExperiment(experiment, {
        registry: catalogRegistry({ guard, aws: async () => aws }),
        env: {},
        // Pauses pass on the sandbox's clock, so the run sees what the session saw, instantly.
        sleep: async (ms) => sandbox.clock.advance(ms),
      });
      expect(result.status).toBe('completed');
      expect(result.journal.steady_states.before?.steady_state_met).toBe(true);
      expect(result.journal.run.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
      const recorded = changes(rec.guard);
      expect(changes(events).slice(0, 2)).toEqual(recorded);
      expect(changes(events).slice(2)).toEqual([
        `ec2:StartInstances ${recorded[1]!.split(' ')[1]}`,
        'autoscaling:ResumeProcesses web',
      ]);
      expect(result.journal.rollbacks.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
      const corpus = JSON.parse(readFileSync(CORPUS_JOURNAL, 'utf8'));
      expect(Object.keys(result.journal)).toEqual(Object.keys(corpus));
    } finally {
      await ctx.destroy();
      sandbox.close();
    }
  }, 60_000);

  it("journal.json of the session has the corpus journal's keys and chaos's run entry keys", () => {
    const journal = JSON.parse(readFileSync(join(dir, 'journal.json'), 'utf8'));
    const corpus = JSON.parse(readFileSync(CORPUS_JOURNAL, 'utf8'));
    expect(Object.keys(journal)).toEqual(Object.keys(corpus));
    expect(Object.keys(journal.steady_states)).toEqual(Object.keys(corpus.steady_states));
    for (const entry of journal.run)
      expect(Object.keys(entry).sort()).toEqual(Object.keys(corpus.run[0]).sort());
    expect(journal.steady_states.before.steady_state_met).toBe(true);
    expect(journal.rollbacks.map((r: { status: string }) => r.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('review renders the same graph values as were recorded', () => {
    const snap = snapshotAt(rec, rec.t1 - rec.t0);
    const points = rec.session.filter((e) => e.type === 'metric-points');
    expect(snap.series.length).toBeGreaterThan(0);
    for (const s of snap.series)
      expect(s.points).toEqual(
        points.map((p) => (p as { points: Record<string, number | null> }).points[s.spec.id] ?? null),
      );
    expect(snap.series.some((s) => s.points.some((v) => v !== null))).toBe(true);
    expect(snap.probes[0]!.values.every((v) => typeof v === 'number')).toBe(true);
  });
});
