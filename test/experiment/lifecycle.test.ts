// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is Chaos Toolkit placeholder syntax, not a JS template
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/experiment/events.js';
import { logLines } from '../../src/experiment/log.js';
import type { Activity } from '../../src/experiment/types.js';
import { experiment, type FakeCall, runWithFakes } from './fakes.js';

const probe = (name: string, func = 'check', tolerance: unknown = true): Activity => ({
  type: 'probe',
  name,
  tolerance,
  provider: { type: 'python', module: 'test.probes', func, arguments: { value: 1 } },
});
const action = (name: string, extra: Partial<Activity> = {}): Activity => ({
  type: 'action',
  name,
  provider: { type: 'python', module: 'test.actions', func: 'act', arguments: { n: 1 } },
  ...extra,
});
const hypothesis = (...probes: Activity[]) => ({ title: 'hypo', probes });
/** A probe implementation answering from a list, one value per call (the last one repeats). */
const answers = (...values: unknown[]) => {
  let i = 0;
  return () => {
    const v = values[Math.min(i++, values.length - 1)];
    if (v instanceof Error) throw v;
    return v;
  };
};
const names = (entries: { activity: Activity }[]) => entries.map((e) => e.activity.name);

describe('status and deviated (decision table 2.2)', () => {
  it('2.2 everything fine: completed, not deviated, both hypotheses met, rollbacks played', async () => {
    const r = await runWithFakes(experiment());
    expect(r.status).toBe('completed');
    expect(r.deviated).toBe(false);
    expect(r.journal.steady_states.before?.steady_state_met).toBe(true);
    expect(r.journal.steady_states.after?.steady_state_met).toBe(true);
    expect(names(r.journal.run)).toEqual(['attack']);
    expect(names(r.journal.rollbacks)).toEqual(['undo']);
  });

  it('2.2 a failing action: its entry is failed with an ActivityFailed traceback, the run stays completed', async () => {
    const exp = experiment({
      method: [
        {
          type: 'action',
          name: 'breaks',
          provider: { type: 'python', module: 'test.actions', func: 'fail' },
        },
        action('after-it'),
      ],
    });
    const r = await runWithFakes(exp);
    expect(r.status).toBe('completed');
    expect(r.journal.run.map((e) => e.status)).toEqual(['failed', 'succeeded']);
    expect(r.journal.run[0]!.exception?.at(-1)).toBe(
      'chaoslib.exceptions.ActivityFailed: Exception: it broke\n',
    );
    expect(Object.keys(r.journal.run[0]!)).toEqual([
      'activity',
      'output',
      'start',
      'status',
      'exception',
      'end',
      'duration',
    ]);
    expect(names(r.journal.rollbacks)).toEqual(['undo']);
  });

  it('2.2/C9 gate probe outside tolerance (no raise): completed, method skipped, after null, rollbacks played', async () => {
    const r = await runWithFakes(experiment({ 'steady-state-hypothesis': hypothesis(probe('p')) }), {
      impls: { check: answers(false) },
    });
    expect(r.status).toBe('completed');
    expect(r.deviated).toBe(false);
    expect(r.journal.run).toEqual([]);
    expect(r.journal.steady_states.after).toBeNull();
    expect(r.journal.steady_states.before?.probes[0]?.tolerance_met).toBe(false);
    expect(names(r.journal.rollbacks)).toEqual(['undo']);
  });

  it('2.2 a probe that raises in the before-hypothesis: failed, later probes not run, method and rollbacks skipped', async () => {
    const calls: FakeCall[] = [];
    const exp = experiment({
      'steady-state-hypothesis': hypothesis(probe('raises', 'raise', true), probe('never-run')),
    });
    const r = await runWithFakes(exp, { calls });
    expect(r.status).toBe('failed');
    const before = r.journal.steady_states.before!;
    expect(before.steady_state_met).toBe(false);
    expect(before.probes.map((p) => [p.activity.name, p.status, p.tolerance_met])).toEqual([
      ['raises', 'failed', false],
    ]);
    expect(calls.map((c) => c.fn)).toEqual(['test.probes.raise']);
    expect(r.journal.run).toEqual([]);
    expect(r.journal.rollbacks).toEqual([]);
  });

  it('2.2 after-hypothesis outside tolerance: completed and deviated, rollbacks played', async () => {
    const r = await runWithFakes(experiment({ 'steady-state-hypothesis': hypothesis(probe('p')) }), {
      impls: { check: answers(true, false) },
    });
    expect([r.status, r.deviated]).toEqual(['completed', true]);
    expect(names(r.journal.rollbacks)).toEqual(['undo']);
  });

  it('2.2 after-hypothesis probe raises: failed and deviated, rollbacks not played under default', async () => {
    const r = await runWithFakes(experiment({ 'steady-state-hypothesis': hypothesis(probe('p')) }), {
      impls: { check: answers(true, new Error('gone')) },
    });
    expect([r.status, r.deviated]).toEqual(['failed', true]);
    expect(r.journal.rollbacks).toEqual([]);
  });

  it('2.2 an unexpected error in the method (a ref to nothing): aborted, after skipped, rollbacks played', async () => {
    const exp = experiment({ method: [{ ref: 'nowhere' } as Activity] });
    const r = await runWithFakes(exp);
    expect(r.status).toBe('aborted');
    expect(r.journal.steady_states.after).toBeNull();
    expect(names(r.journal.rollbacks)).toEqual(['undo']);
  });
});

describe('hypothesis strategies (1.8)', () => {
  const run = (
    strategy: 'default' | 'before-method-only' | 'after-method-only' | 'during-method-only' | 'continuously',
  ) => runWithFakes(experiment(), { hypothesisStrategy: strategy });

  it('1.8 before-method-only: only the gate runs', async () => {
    const r = await run('before-method-only');
    expect(r.journal.steady_states.before).not.toBeNull();
    expect(r.journal.steady_states.after).toBeNull();
    expect(r.journal.steady_states.during).toEqual([]);
  });
  it('1.8 after-method-only: only the deviation check runs', async () => {
    const r = await run('after-method-only');
    expect(r.journal.steady_states.before).toBeNull();
    expect(r.journal.steady_states.after).not.toBeNull();
  });
  it('1.8 during-method-only: neither gate nor check, the hypothesis loops during the method', async () => {
    const r = await run('during-method-only');
    expect(r.journal.steady_states.before).toBeNull();
    expect(r.journal.steady_states.after).toBeNull();
    expect(r.journal.steady_states.during.length).toBeGreaterThan(0);
    expect(r.types).toContain('continuous-start');
  });
  it('1.8 continuously: gate, loop and check; frequency is the wait between iterations', async () => {
    const r = await runWithFakes(experiment(), {
      hypothesisStrategy: 'continuously',
      hypothesisFrequency: 2.5,
    });
    expect(r.journal.steady_states.before).not.toBeNull();
    expect(r.journal.steady_states.after).not.toBeNull();
    expect(r.journal.steady_states.during.length).toBeGreaterThan(0);
    expect(r.time.sleeps.length).toBeGreaterThan(0);
    expect(r.time.sleeps.every((ms) => ms === 2500)).toBe(true);
  });
  it('1.8 continuously + fail-fast: the first deviation fails the run, the method stops after the activity in progress', async () => {
    let release: () => void = () => {};
    const loopEnded = new Promise<void>((r) => (release = r));
    const calls: FakeCall[] = [];
    const exp = experiment({
      'steady-state-hypothesis': hypothesis(probe('p')),
      method: [action('first'), action('second')],
    });
    const r = await runWithFakes(exp, {
      hypothesisStrategy: 'continuously',
      failFast: true,
      calls,
      emit: (e: RunEvent) => e.type === 'continuous-end' && release(),
      impls: { check: answers(true, false, true), 'test.actions.act': () => loopEnded.then(() => []) },
    });
    expect(r.status).toBe('failed');
    expect(r.deviated).toBe(false);
    expect(names(r.journal.run)).toEqual(['first']);
    expect(r.journal.steady_states.during.at(-1)?.steady_state_met).toBe(false);
    expect(r.journal.rollbacks).toEqual([]);
    const lines = r.events.flatMap(logLines).map((l) => l.message);
    expect(lines).toContain('Terminating immediately the experiment after 100.0% hypothesis deviated');
  });
});

describe('rollback strategies (1.8, C10)', () => {
  it('1.8 always: played even when the run failed', async () => {
    const r = await runWithFakes(experiment({ 'steady-state-hypothesis': hypothesis(probe('x', 'raise')) }), {
      rollbackStrategy: 'always',
    });
    expect(r.status).toBe('failed');
    expect(names(r.journal.rollbacks)).toEqual(['undo']);
  });
  it('1.8 never: not played even when all is fine', async () => {
    const r = await runWithFakes(experiment(), { rollbackStrategy: 'never' });
    expect(r.status).toBe('completed');
    expect(r.journal.rollbacks).toEqual([]);
  });
  it('1.8 deviated: played only when the run deviated', async () => {
    const fine = await runWithFakes(experiment(), { rollbackStrategy: 'deviated' });
    expect(fine.journal.rollbacks).toEqual([]);
    const dev = await runWithFakes(experiment({ 'steady-state-hypothesis': hypothesis(probe('p')) }), {
      rollbackStrategy: 'deviated',
      impls: { check: answers(true, false) },
    });
    expect(dev.deviated).toBe(true);
    expect(names(dev.journal.rollbacks)).toEqual(['undo']);
  });
  it('1.8 a failing rollback does not stop the later ones', async () => {
    const exp = experiment({
      rollbacks: [
        { type: 'action', name: 'r1', provider: { type: 'python', module: 'test.actions', func: 'fail' } },
        action('r2'),
      ],
    });
    const r = await runWithFakes(exp);
    expect(r.journal.rollbacks.map((e) => [e.activity.name, e.status])).toEqual([
      ['r1', 'failed'],
      ['r2', 'succeeded'],
    ]);
  });
});

describe('interruption (Ctrl-C as an AbortSignal)', () => {
  const pausing = () =>
    experiment({ method: [action('attack', { pauses: { after: 60 } }), action('never-reached')] });

  it('an abort during a pause: interrupted, nothing after it runs, rollbacks not played under default', async () => {
    const ac = new AbortController();
    const calls: FakeCall[] = [];
    const r = await runWithFakes(pausing(), {
      signal: ac.signal,
      calls,
      emit: (e: RunEvent) => e.type === 'pause' && ac.abort(),
    });
    expect(r.status).toBe('interrupted');
    expect(r.journal.steady_states.after).toBeNull();
    expect(names(r.journal.run)).toEqual(['attack']);
    expect(calls.filter((c) => c.fn === 'test.actions.act')).toHaveLength(1);
    expect(r.journal.rollbacks).toEqual([]);
    expect(r.events.flatMap(logLines).map((l) => l.message)).toContain(
      'Received a termination signal (Ctrl-C)...',
    );
  });
  it('an abort during a pause with --rollback-strategy always: interrupted and rollbacks played', async () => {
    const ac = new AbortController();
    const r = await runWithFakes(pausing(), {
      signal: ac.signal,
      rollbackStrategy: 'always',
      emit: (e: RunEvent) => e.type === 'pause' && ac.abort(),
    });
    expect(r.status).toBe('interrupted');
    expect(names(r.journal.rollbacks)).toEqual(['undo']);
  });
  it('an abort while a provider call is in flight: the call is not waited for and has no entry', async () => {
    const ac = new AbortController();
    const r = await runWithFakes(experiment(), {
      signal: ac.signal,
      impls: {
        'test.actions.act': () => {
          ac.abort();
          return new Promise(() => {});
        },
      },
      rollbackStrategy: 'never',
    });
    expect(r.status).toBe('interrupted');
    expect(r.journal.run).toEqual([]);
  });
});

describe('unexpected errors and rollback interruption', () => {
  it('a tolerance that cannot be evaluated (Python TypeError) aborts the run instead of crashing it', async () => {
    const exp = experiment({ 'steady-state-hypothesis': hypothesis(probe('p', 'check', [1, 5])) });
    const r = await runWithFakes(exp, { impls: { check: () => 'not a number' } });
    expect(r.status).toBe('aborted');
    expect(r.journal.run).toEqual([]);
    expect(r.events.flatMap(logLines).map((l) => l.message)).toContain(
      'Experiment ran into an un expected fatal error, aborting now.',
    );
  });
  it('a second interruption during the rollbacks stops them: interrupted, the remaining ones skipped', async () => {
    const rb = new AbortController();
    const calls: FakeCall[] = [];
    const exp = experiment({ rollbacks: [action('r1', { pauses: { after: 30 } }), action('r2')] });
    const r = await runWithFakes(exp, {
      rollbackSignal: rb.signal,
      calls,
      emit: (e: RunEvent) => e.type === 'pause' && rb.abort(),
    });
    expect(r.status).toBe('interrupted');
    expect(names(r.journal.rollbacks)).toEqual(['r1']);
    expect(r.events.flatMap(logLines).map((l) => l.message)).toContain(
      'Received an exit signal.Terminating now without running the remaining rollbacks.',
    );
  });
});

describe('listeners', () => {
  it('a listener that throws does not change the run or its journal', async () => {
    const r = await runWithFakes(experiment(), {
      emit: () => {
        throw new Error('view bug');
      },
    });
    expect(r.status).toBe('completed');
    expect(names(r.journal.rollbacks)).toEqual(['undo']);
  });
});

describe('method details (1.2, C2, C3, C5)', () => {
  it('C2 a background activity is journaled when it actually starts, after its own pause', async () => {
    const exp = experiment({
      method: [action('bg', { background: true, pauses: { before: 1 } }), action('fg')],
    });
    const r = await runWithFakes(exp);
    expect(names(r.journal.run)).toEqual(['fg', 'bg']);
    const lines = r.events.flatMap(logLines).map((l) => l.message);
    expect(lines.indexOf('Pausing before next activity for 1s...')).toBeLessThan(lines.indexOf('Action: fg'));
    expect(lines).toContain('Action: bg [in background]');
  });
  it('1.2 refs resolve (the journal records the target); C3 a rollback ref logs "Rollback: None"', async () => {
    const exp = experiment({
      method: [{ ref: 'healthy' } as Activity],
      rollbacks: [{ ref: 'healthy' } as Activity],
    });
    const r = await runWithFakes(exp);
    expect(names(r.journal.run)).toEqual(['healthy']);
    expect(r.journal.run[0]!.activity.provider?.module).toBe('test.probes');
    const lines = r.events.flatMap(logLines).map((l) => l.message);
    const i = lines.indexOf('Rollback: None');
    expect(lines[i + 1]).toBe('Probe: healthy');
  });
  it('1.2 python arguments are substituted and defaults filled; the journal keeps the raw ${...}', async () => {
    const calls: FakeCall[] = [];
    const exp = experiment({
      configuration: { ids: ['i-1'], region: 'eu-west-1' },
      method: [
        {
          type: 'action',
          name: 'stop',
          provider: {
            type: 'python',
            module: 'chaosaws.ec2.actions',
            func: 'stop_instances',
            arguments: { instance_ids: '${ids}' },
          },
        },
      ],
    });
    const r = await runWithFakes(exp, { calls });
    expect(calls.find((c) => c.fn.endsWith('stop_instances'))?.args).toEqual({
      instance_ids: ['i-1'],
      az: null,
      filters: null,
      force: false,
    });
    expect(r.journal.run[0]!.activity.provider?.arguments).toEqual({ instance_ids: '${ids}' });
  });
  it('1.3/C5 a probe tolerance gets `value` injected, and the journal copy shows it', async () => {
    const calls: FakeCall[] = [];
    const exp = experiment({
      'steady-state-hypothesis': {
        title: 'h',
        probes: [
          {
            type: 'probe',
            name: 'p',
            provider: { type: 'python', module: 'test.probes', func: 'value', arguments: { value: 42 } },
            tolerance: {
              type: 'probe',
              name: 't',
              provider: { type: 'python', module: 'test.probes', func: 'check', arguments: {} },
            },
          },
        ],
      },
    });
    const r = await runWithFakes(exp, { calls, impls: { check: (a) => a.value === 42 } });
    expect(r.journal.steady_states.before?.steady_state_met).toBe(true);
    const tol = r.journal.experiment['steady-state-hypothesis']?.probes?.[0]?.tolerance as {
      provider: { arguments: unknown };
    };
    expect(tol.provider.arguments).toEqual({ value: 42 });
    expect(exp['steady-state-hypothesis']?.probes?.[0]?.tolerance).toMatchObject({
      provider: { arguments: {} },
    });
  });
  it('dry activities: nothing is called, entries succeed with null output, pauses are skipped', async () => {
    const calls: FakeCall[] = [];
    const exp = experiment({ method: [action('a', { pauses: { before: 5, after: 5 } })] });
    const r = await runWithFakes(exp, { dry: 'activities', calls });
    expect(calls).toEqual([]);
    expect(r.journal.run[0]).toMatchObject({ status: 'succeeded', output: null });
    expect(r.time.sleeps).toEqual([]);
    expect(r.journal.experiment.dry).toBe('activities');
  });
  it('C13 not dry: the journal copy has dry null and the title substituted', async () => {
    const r = await runWithFakes(experiment({ title: 'hit ${svc}', configuration: { svc: 'web' } }));
    expect(r.journal.experiment.dry).toBeNull();
    expect(r.journal.experiment.title).toBe('hit web');
  });
});
