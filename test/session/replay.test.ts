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
