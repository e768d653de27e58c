// Replay: the diff of recorded targets vs what the selectors resolve to now (gone, new, changed),
// pinning or re-resolving, and a replay of the example recording on the sandbox that acts on the
// same instance and is itself recorded.
import { cpSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/aws/inventory.js';
import { replayRecording } from '../../src/commands/replay.js';
import { attacksOf } from '../../src/session/attacks.js';
import { pinRecordedIds, withRecordedSelectors } from '../../src/session/pin.js';
import { projectExperiment } from '../../src/session/project-experiment.js';
import { readRecordingLog } from '../../src/session/recorder.js';
import { loadRecording } from '../../src/session/recording.js';
import { pendingUndos } from '../../src/session/recover.js';
import { hasDifferences, targetDiffs } from '../../src/session/replay-diff.js';
import { runCli } from '../support/cli.js';
import { scriptedSession, tempRoot } from './support.js';

const inst = (id: string, state: string, tags: Record<string, string> = {}) => ({
  id,
  state,
  tags,
  asg: 'web',
});
const inventory = (instances: ReturnType<typeof inst>[]): Inventory => ({
  identity: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/x' },
  region: 'us-east-1',
  discoveredAt: '',
  instances,
  autoScalingGroups: [],
  clusters: [],
  services: [
    {
      cluster: 'shop',
      name: 'cart',
      arn: 'arn:svc',
      desired: 2,
      running: 2,
      pending: 0,
      tags: {},
      status: 'ACTIVE',
    },
  ],
  tasks: [],
  containerInstances: [],
  alarms: [],
  gaps: [],
});

describe('replay diff', () => {
  it('names what is gone, new and changed, per attack', async () => {
    const rec = loadRecording((await scriptedSession()).dir);
    const attacks = attacksOf(rec);
    const web = { 'aws:autoscaling:groupName': 'web' };
    const diffs = targetDiffs(
      attacks,
      inventory([
        inst('i-0aaa111', 'stopped', web),
        inst('i-0ddd444', 'running', web),
        inst('i-0bbb222', 'running', web),
      ]),
    );
    // stop_instances by id: the instance is still there, but stopped now.
    expect(diffs[0]).toMatchObject({
      attack: 'stop-instances',
      gone: [],
      added: [],
      changed: [{ id: 'i-0aaa111', from: 'running', to: 'stopped' }],
    });
    // reboot picked COUNT(1) by tag: i-0ccc333 is gone; i-0ddd444 is new in its pool (i-0bbb222 was in it then).
    expect(diffs[1]).toMatchObject({ attack: 'reboot-instances', gone: ['i-0ccc333'], added: ['i-0ddd444'] });
    expect(diffs[1]!.now.map((n) => n.id)).toEqual(['i-0ddd444', 'i-0bbb222']);
    expect(diffs[2]).toMatchObject({
      attack: 'delete-service',
      gone: [],
      added: [],
      changed: [{ id: 'cart', from: 'ACTIVE', to: 'ACTIVE' }].slice(1),
    });
    expect(hasDifferences(diffs)).toBe(true);
    expect(hasDifferences(targetDiffs(attacks.slice(2), inventory([])))).toBe(false);
  });

  it('keeping ids pins what was hit where the function takes ids; re-resolving puts the selectors back', async () => {
    const rec = loadRecording((await scriptedSession()).dir);
    const attacks = attacksOf(rec);
    const exp = projectExperiment(rec);
    expect(exp.method![1]!.provider!.arguments).toEqual({ instance_ids: ['i-0ccc333'], selection: 'ALL' });
    expect(pinRecordedIds(exp, attacks).unpinned).toEqual(['delete-service']);
    const again = withRecordedSelectors(exp, attacks);
    expect(again.method![1]!.provider!.arguments).toEqual({
      tags: { 'aws:autoscaling:groupName': 'web' },
      selection: 'COUNT(1)',
    });
  });
});

describe('replay on the sandbox', () => {
  it('acts on the recorded instance, with the recorded seed, and records the replay', async () => {
    const lines: string[] = [];
    const copy = join(tempRoot(), 'stop-one-web-instance');
    cpSync('recordings/20260105T090000Z-stop-one-web-instance', copy, { recursive: true });
    const outcome = await replayRecording({
      recording: copy,
      sandbox: true,
      record: true,
      out: (l) => lines.push(l),
      // No waiting: the recorded pauses are what a real replay would sit through.
      sleep: async () => {},
    });
    expect(outcome.mode).toBe('keep-ids');
    expect(outcome.exitCode).toBe(0);
    const original = loadRecording(copy);
    const replay = loadRecording(outcome.recordingDir!);
    const changed = (r: typeof replay) =>
      r.guard.flatMap((e) => (e.type === 'change' ? [`${e.call.operation} ${e.targets.join(',')}`] : []));
    expect(changed(replay).slice(0, 2)).toEqual(changed(original).slice(0, 2));
    expect(replay.start.title).toBe('Replay of Stop one web instance');
    expect(replay.run.at(-1)).toMatchObject({ type: 'run-end', status: 'completed' });
    expect(lines).toContain(`replay recorded in ${outcome.recordingDir}`);
    expect(dirname(outcome.recordingDir!)).toBe(dirname(copy));
    // Nothing is left changed: what the rollbacks could not start yet, the final undo did.
    expect(
      replay.guard.filter((e) => e.type === 'undone' || e.type === 'undo-settled').length,
    ).toBeGreaterThan(0);
    expect(replay.guard.filter((e) => e.type === 'undo-failed')).toEqual([]);
    expect(pendingUndos(readRecordingLog(outcome.recordingDir!).events)).toEqual([]);
  }, 120_000);
});

describe('replay --sandbox honours the sandbox size and seed', () => {
  const example = () => {
    const copy = join(tempRoot(), 'stop-one-web-instance');
    cpSync('recordings/20260105T090000Z-stop-one-web-instance', copy, { recursive: true });
    return copy;
  };
  const diffOnly = (recording: string, sandboxSize?: string, sandboxSeed?: string) =>
    replayRecording({ recording, sandbox: true, sandboxSize, sandboxSeed, diffOnly: true, out: () => {} });

  it('the seed the example was made on shows no changes; another seed or an empty sandbox does', async () => {
    const copy = example();
    const same = await diffOnly(copy, 'default', '1');
    expect(hasDifferences(same.diffs)).toBe(false);
    const other = await diffOnly(copy, 'default', '2');
    expect(hasDifferences(other.diffs)).toBe(true);
    // Seed 2 builds other instances: the one stopped then is gone, others are new in the pool.
    const stop = other.diffs.find((d) => d.fn === 'gameday.actions.stop_instances')!;
    expect(stop.gone).toEqual(['i-f1cfa7813c136362d']);
    expect(stop.added.length).toBeGreaterThan(0);
    const empty = await diffOnly(copy, 'empty');
    expect(empty.diffs.flatMap((d) => d.gone)).toContain('i-f1cfa7813c136362d');
  }, 60_000);

  it('a recording made on seed 7 re-resolves to the same ids on seed 7, and differs on seed 8', async () => {
    // Made on a sandbox of seed 7: the example's selectors run again there (its ids do not exist).
    const made = await replayRecording({
      recording: example(),
      sandbox: true,
      sandboxSize: 'default',
      sandboxSeed: '7',
      mode: 're-resolve',
      out: () => {},
      sleep: async () => {},
    });
    expect(made.exitCode).toBe(0);
    // The example's rollback names its instance; re-resolved, that rollback is dropped (the
    // guard's undo starts the instance the replay stopped), so no rollback fails.
    const failedRollbacks = loadRecording(made.recordingDir!).run.filter(
      (e) => e.type === 'activity-end' && e.phase === 'rollback' && e.error,
    );
    expect(failedRollbacks).toEqual([]);
    const seven = await diffOnly(made.recordingDir!, 'default', '7');
    expect(hasDifferences(seven.diffs)).toBe(false);
    const again = await replayRecording({
      recording: made.recordingDir!,
      sandbox: true,
      sandboxSize: 'default',
      sandboxSeed: '7',
      mode: 're-resolve',
      out: () => {},
      sleep: async () => {},
    });
    const stopped = (dir: string) =>
      loadRecording(dir).guard.flatMap((e) =>
        e.type === 'change' && e.call.operation === 'StopInstances' ? e.targets : [],
      );
    expect(stopped(made.recordingDir!)).toHaveLength(1);
    expect(stopped(made.recordingDir!)[0]).not.toBe('i-f1cfa7813c136362d');
    expect(stopped(again.recordingDir!)).toEqual(stopped(made.recordingDir!));
    const eight = await diffOnly(made.recordingDir!, 'default', '8');
    expect(hasDifferences(eight.diffs)).toBe(true);
    expect(eight.diffs.flatMap((d) => d.gone)).toEqual(stopped(made.recordingDir!));
  }, 180_000);

  it('on the command line: the diff on seed 2 names what is gone; a bad size or a seed without --sandbox is one line, exit 2', async () => {
    const copy = example();
    const diff = await runCli(['replay', copy, '--sandbox', '--sandbox-seed', '2', '--diff-only']);
    expect(diff.status, diff.stderr).toBe(0);
    expect(diff.stderr).toContain('gone:     i-f1cfa7813c136362d');
    const size = await runCli(['replay', copy, '--sandbox', '--sandbox-size', 'huge', '--diff-only']);
    expect(size.status).toBe(2);
    expect(size.stderr.trim()).toBe('gameday: --sandbox-size takes default, large, empty, not "huge"');
    const seed = await runCli(['replay', copy, '--seed', '3', '--diff-only']);
    expect(seed.status).toBe(2);
    expect(seed.stderr).toContain('--sandbox-size and --seed describe the sandbox; add --sandbox');
    expect(seed.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
