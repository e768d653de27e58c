// The runbook machine without React or AWS: headless gates pass in order between the attacks, a
// run that stops early skips the attacks it never reached, a halt releases whatever the gates
// hold, and the library lists every scenario with its runbook's shape.
import { describe, expect, it, vi } from 'vitest';
import type { RunEvent } from '../../src/experiment/events.js';
import { loadExperimentFile } from '../../src/experiment/load.js';
import { type ActivityContext, registryOf } from '../../src/experiment/registry.js';
import { headlessRunbook } from '../../src/scenario/headless.js';
import { listScenarios } from '../../src/scenario/library.js';
import { RunbookMachine, type RunbookRecord } from '../../src/scenario/machine.js';
import { parseRunbook } from '../../src/scenario/runbook.js';

const FILE = 'scenarios/asg-launch-suspended.json';
const ev = (e: Record<string, unknown>) => ({ t: 0, ...e }) as unknown as RunEvent;
const end = (name: string, ok = true) =>
  ev({
    type: 'activity-end',
    id: 1,
    phase: 'method',
    entry: { activity: { name }, status: ok ? 'succeeded' : 'failed' },
    error: ok ? undefined : 'boom',
  });
const ctx = (activityName: string, signal = new AbortController().signal): ActivityContext => ({
  configuration: {},
  secrets: {},
  signal,
  dry: false,
  activityName,
});

describe('runbook machine', () => {
  it('headless: each gate is logged as passed when the attack before it ends, never before', () => {
    const log: string[] = [];
    const h = headlessRunbook(loadExperimentFile(FILE), FILE, (_l, m) => log.push(m))!;
    h.onEvent(ev({ type: 'method-start', count: 4 }));
    expect(log).toEqual([
      'manual gate: Agree the halt criteria before starting: errors alarm, or latency alarm for more than two minutes (passed headless)',
    ]);
    h.onEvent(end('suspend-launch'));
    expect(log).toHaveLength(1);
    h.onEvent(end('terminate-web-instances'));
    expect(log.at(-1)).toBe(
      'manual gate: Confirm the on-call was paged for low healthy hosts (web-low-healthy-hosts) (passed headless)',
    );
    h.onEvent(end('web-capacity-without-launch'));
    h.onEvent(end('launch-still-suspended'));
    expect(log.filter((l) => l.startsWith('manual gate'))).toHaveLength(3);
    expect(log.filter((l) => l.startsWith('observe:'))).toHaveLength(4);
    expect(h.machine.state.stage).toBe('done');
  });

  it('a run that ends before the method finishes marks the attacks it never ran as skipped', () => {
    const records: RunbookRecord[] = [];
    const m = new RunbookMachine(parseRunbook(loadExperimentFile(FILE), FILE)!, {
      auto: true,
      onRecord: (r) => records.push(r),
    });
    m.begin();
    m.onRunEvent(ev({ type: 'method-start', count: 4 }));
    m.onRunEvent(end('suspend-launch', false));
    m.onRunEvent(ev({ type: 'run-end', status: 'aborted', deviated: false }));
    const attacks = records.filter((r) => r.kind === 'attack');
    expect(attacks.map((a) => a.kind === 'attack' && `${a.activity}:${a.status}`)).toEqual([
      'suspend-launch:failed',
      'terminate-web-instances:skipped',
      'web-capacity-without-launch:skipped',
      'launch-still-suspended:skipped',
    ]);
    expect(m.state.stage).toBe('done');
    expect(m.state.run.status).toBe('aborted');
  });

  it('with a team, an attack waits at its gate until enter, and a halt releases it as interrupted', async () => {
    const m = new RunbookMachine(parseRunbook(loadExperimentFile(FILE), FILE)!);
    const fn = vi.fn(async () => 'done');
    const gated = m.gate(
      registryOf([
        { module: 'chaosaws.asg.actions', func: 'suspend_processes', kind: 'action', params: [], call: fn },
      ]),
    );
    m.begin();
    expect(m.submitHypothesis('   ')).toBe(false);
    expect(m.submitHypothesis('four instances carry it')).toBe(true);
    m.onRunEvent(ev({ type: 'method-start', count: 4 }));
    const halt = new AbortController();
    const call = gated
      .get('chaosaws.asg.actions', 'suspend_processes')!
      .call({}, ctx('suspend-launch', halt.signal));
    await Promise.resolve();
    expect(fn).not.toHaveBeenCalled();
    expect(m.state.steps[0]!.status).toBe('waiting');
    halt.abort();
    await expect(call).rejects.toThrow('interrupted');
    expect(fn).not.toHaveBeenCalled();
  });

  it('activities that are not runbook steps are never held', async () => {
    const m = new RunbookMachine(parseRunbook(loadExperimentFile(FILE), FILE)!);
    const fn = vi.fn(async () => 'OK');
    const gated = m.gate(
      registryOf([{ module: 'gameday.probes', func: 'alarm_state', kind: 'probe', params: [], call: fn }]),
    );
    m.begin();
    m.submitHypothesis('h');
    await gated.get('gameday.probes', 'alarm_state')!.call({}, ctx('web-5xx-alarm-ok'));
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('the library lists every scenario with its runbook shape', () => {
    const all = listScenarios('scenarios');
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(all.filter((s) => s.problem)).toEqual([]);
    const suspended = all.find((s) => s.file.endsWith('asg-launch-suspended.json'))!;
    expect(suspended).toMatchObject({
      attacks: 4,
      gates: 3,
      maxTargets: 2,
      title: 'The web group cannot launch while instances die',
    });
  });
});
