// The guard on an in-memory EC2: the order of its checks, undo records before changes, undoAll in
// reverse with retries, settled undos, and the property that nothing untagged, nothing over the
// caps and nothing in dry run is ever changed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindEntry } from '../../src/catalog/bind.js';
import { Guard, type GuardEvent, type GuardOptions } from '../../src/catalog/guard.js';
import { findEntry } from '../../src/catalog/index.js';
import { type FakeInstance, fakeAws } from './fake-aws.js';

const OPT = { 'chaos:allowed': 'true' };

function session(list: FakeInstance[], options: GuardOptions = {}) {
  const fake = fakeAws(list);
  const events: GuardEvent[] = [];
  const guard = new Guard({
    seed: 3,
    recorder: (e) => void events.push(e),
    sleep: async () => {},
    ...options,
  });
  const call = (id: string, args: Record<string, unknown>, dry = false) =>
    bindEntry(findEntry(id)!, { guard, aws: async () => fake.aws }).call(args, {
      configuration: {},
      secrets: {},
      signal: new AbortController().signal,
      dry,
      activityName: id,
    });
  const mutations = () => fake.calls.filter((c) => c.operation !== 'DescribeInstances');
  return { fake, guard, events, call, mutations };
}

const inst = (id: string, tags: Record<string, string> = OPT, az = 'us-east-1a'): FakeInstance => ({
  id,
  az,
  state: 'running',
  tags,
});

describe('guard', () => {
  it('read-only mode refuses before anything else, even for opted-in resources', async () => {
    const s = session([inst('i-1')], { readOnly: true });
    await expect(s.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ['i-1'] })).rejects.toThrow(
      'read-only mode: chaosaws.ec2.actions.stop_instances refused',
    );
    expect(s.mutations()).toEqual([]);
  });

  it('the per-attack cap refuses the whole attack before its first change', async () => {
    const s = session(
      ['a', 'b', 'c'].map((x) => inst(`i-${x}`)),
      { maxTargetsPerAttack: 2 },
    );
    await expect(
      s.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ['i-a', 'i-b', 'i-c'] }),
    ).rejects.toThrow(
      'it would change 3 resources, over the per-attack cap of 2 (raise it with --max-targets)',
    );
    expect(s.mutations()).toEqual([]);
  });

  it('the session cap counts distinct resources across attacks', async () => {
    const s = session(
      ['a', 'b', 'c'].map((x) => inst(`i-${x}`)),
      { maxTargetsPerSession: 2 },
    );
    await s.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ['i-a', 'i-b'] });
    await s.call('chaosaws.ec2.actions.start_instances', { instance_ids: ['i-a'] });
    await expect(s.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ['i-c'] })).rejects.toThrow(
      'over the session cap of 2',
    );
  });

  it('records the undo before the change and announces its settings first', async () => {
    const s = session([inst('i-1')], { allowUntagged: { reason: 'operator said so' } });
    await s.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ['i-1'] });
    expect(s.events.map((e) => e.type)).toEqual(['guard-config', 'undo-recorded', 'change']);
    expect(s.events[0]).toMatchObject({ widened: 'operator said so', optIn: 'chaos:allowed=true', seed: 3 });
  });

  it('the recorder is awaited before the change is sent (write-ahead)', async () => {
    const order: string[] = [];
    const fake = fakeAws([inst('i-1')]);
    const guard = new Guard({
      seed: 1,
      recorder: async (e) => {
        await new Promise((r) => setTimeout(r, 5));
        order.push(e.type);
      },
    });
    const aws: typeof fake.aws = async (s, o, i) => {
      if (o !== 'DescribeInstances') order.push(`aws:${o}`);
      return fake.aws(s, o, i);
    };
    await bindEntry(findEntry('chaosaws.ec2.actions.stop_instances')!, { guard, aws: async () => aws }).call(
      { instance_ids: ['i-1'] },
      { configuration: {}, secrets: {}, signal: new AbortController().signal, dry: false, activityName: 'x' },
    );
    expect(order).toEqual(['guard-config', 'undo-recorded', 'change', 'aws:StopInstances']);
  });

  it('undoAll plays active undos newest first, retrying a failing call', async () => {
    const s = session([inst('i-1'), inst('i-2')], { undoAttempts: 3 });
    await s.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ['i-1'] });
    await s.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ['i-2'] });
    s.fake.failNext.set('StartInstances', 1);
    const r = await s.guard.undoAll();
    expect(r).toEqual({ undone: 2, failed: [] });
    const starts = s.fake.calls
      .filter((c) => c.operation === 'StartInstances')
      .map((c) => c.input.InstanceIds);
    expect(starts).toEqual([['i-2'], ['i-2'], ['i-1']]);
    expect([...s.fake.instances.values()].map((i) => i.state)).toEqual(['running', 'running']);
  });

  it('undoing a stop skips instances terminated meanwhile (their group replaced them)', async () => {
    const s = session([inst('i-1'), inst('i-2')]);
    await s.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ['i-1', 'i-2'] });
    s.fake.instances.get('i-2')!.state = 'terminated';
    expect(await s.guard.undoAll()).toEqual({ undone: 1, failed: [] });
    const starts = s.fake.calls
      .filter((c) => c.operation === 'StartInstances')
      .map((c) => c.input.InstanceIds);
    expect(starts).toEqual([['i-1', 'i-2'], ['i-1']]);
    expect(s.fake.instances.get('i-1')!.state).toBe('running');
  });

  it('an undo that keeps failing is reported, not dropped silently', async () => {
    const s = session([inst('i-1')], { undoAttempts: 2 });
    await s.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ['i-1'] });
    s.fake.failNext.set('StartInstances', 5);
    const r = await s.guard.undoAll();
    expect(r.undone).toBe(0);
    expect(r.failed[0]).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('RequestLimitExceeded'),
    });
    expect(s.events.at(-1)).toMatchObject({ type: 'undo-failed' });
  });

  it('a rollback that starts the instances settles the stop undo, and its own: nothing left in place', async () => {
    const s = session([inst('i-1')]);
    await s.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ['i-1'] });
    await s.call('chaosaws.ec2.actions.start_instances', { instance_ids: ['i-1'] });
    expect(s.guard.records().map((r) => r.status)).toEqual(['settled', 'settled']);
    expect(s.guard.active()).toEqual([]);
    expect(await s.guard.undoAll()).toEqual({ undone: 0, failed: [] });
    expect(s.fake.instances.get('i-1')!.state).toBe('running');
  });

  it('starting an instance we did not stop is a change of its own, with its undo', async () => {
    const s = session([inst('i-1'), inst('i-2')]);
    await s.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ['i-1'] });
    s.fake.instances.get('i-2')!.state = 'stopped';
    await s.call('chaosaws.ec2.actions.start_instances', { instance_ids: ['i-1', 'i-2'] });
    expect(s.guard.records().map((r) => r.status)).toEqual(['settled', 'active']);
  });

  it('asks the operator last, once per attack, with every target; a "no" changes nothing', async () => {
    const asked: string[][] = [];
    let answer = false;
    const s = session([inst('i-1'), inst('i-2'), inst('i-3', {})], {
      confirm: ({ targets }) => {
        asked.push(targets.map((t) => t.id));
        return answer;
      },
    });
    await expect(
      s.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ['i-1', 'i-2'] }),
    ).rejects.toThrow('not confirmed by the operator; nothing was changed');
    expect(s.mutations()).toEqual([]);
    // refused by the opt-in tag first: the operator is not even asked
    await expect(s.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ['i-3'] })).rejects.toThrow(
      'not tagged',
    );
    expect(asked).toEqual([['i-1', 'i-2']]);
    answer = true;
    await s.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ['i-1', 'i-2'] });
    expect(asked).toHaveLength(2);
    expect(s.mutations().map((c) => c.operation)).toEqual(['StopInstances']);
    // dry run needs no confirmation
    const dry = session([inst('i-1')], { dryRun: true, confirm: () => false });
    await dry.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ['i-1'] });
  });

  it('chaosaws stop on a spot instance cancels its request and terminates it (no undo for those)', async () => {
    const s = session([inst('i-1'), { ...inst('i-2'), spotRequest: 'sir-2' }]);
    const out = (await s.call('chaosaws.ec2.actions.stop_instances', {
      instance_ids: ['i-1', 'i-2'],
    })) as unknown[];
    expect(out).toHaveLength(2);
    expect(
      s.mutations().map((c) => [c.operation, c.input.InstanceIds ?? c.input.SpotInstanceRequestIds]),
    ).toEqual([
      ['StopInstances', ['i-1']],
      ['CancelSpotInstanceRequests', ['sir-2']],
      ['TerminateInstances', ['i-2']],
    ]);
    expect(s.guard.active().map((r) => r.description)).toEqual(['start i-1']);
  });

  it('terminations record no undo', async () => {
    const s = session([inst('i-1')]);
    await s.call('chaosaws.ec2.actions.terminate_instances', { instance_ids: ['i-1'] });
    expect(s.guard.records()).toEqual([]);
    expect(s.events.find((e) => e.type === 'change')).toMatchObject({ undo: null });
  });

  it('--allow-untagged still honours an explicit opt-out tag', async () => {
    const s = session([inst('i-1', {}), inst('i-2', { 'chaos:allowed': 'false' })], { allowUntagged: true });
    await s.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ['i-1'] });
    await expect(s.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ['i-2'] })).rejects.toThrow(
      'i-2 (chaos:allowed=false) opted out',
    );
  });
});

// Random worlds: up to 12 instances over 3 AZs, each opted in or not, running or stopped.
const world = fc
  .uniqueArray(
    fc.record({
      n: fc.integer({ min: 0, max: 999 }),
      az: fc.constantFrom('us-east-1a', 'us-east-1b', 'us-east-1c'),
      optIn: fc.constantFrom('true', 'false', undefined),
      app: fc.constantFrom('web', 'db'),
      state: fc.constantFrom('running' as const, 'stopped' as const),
    }),
    { selector: (r) => r.n, minLength: 1, maxLength: 12 },
  )
  .map((rows) =>
    rows.map(
      (r): FakeInstance => ({
        id: `i-${r.n}`,
        az: r.az,
        state: r.state,
        tags: { app: r.app, ...(r.optIn ? { 'chaos:allowed': r.optIn } : {}) },
      }),
    ),
  );

// Random attacks: native stop/reboot/terminate with tags/az/selection, or chaosaws by filters.
const attack = fc.oneof(
  fc.record({
    id: fc.constantFrom(
      'gameday.actions.stop_instances',
      'gameday.actions.reboot_instances',
      'gameday.actions.terminate_instances',
    ),
    args: fc.record({
      tags: fc.constantFrom({ app: 'web' }, { app: 'db' }),
      az: fc.constantFrom(undefined, 'us-east-1a', 'us-east-1b'),
      selection: fc.oneof(
        fc.constant('ALL'),
        fc.integer({ min: 1, max: 12 }).map((n) => `COUNT(${n})`),
        fc.integer({ min: 1, max: 100 }).map((n) => `PERCENT(${n})`),
      ),
    }),
  }),
  fc.record({
    id: fc.constantFrom(
      'chaosaws.ec2.actions.stop_instances',
      'chaosaws.ec2.actions.terminate_instances',
      'chaosaws.ec2.actions.stop_instance',
    ),
    args: fc.constantFrom(
      { filters: [{ Name: 'tag:app', Values: ['web'] }] },
      { filters: [{ Name: 'tag:app', Values: ['db'] }] },
    ),
  }),
);

describe('guard properties', () => {
  it('never touches a resource without the opt-in tag, nor more than the caps; dry run changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        world,
        fc.array(attack, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        async (instances, attacks, perAttack, perSession, dry) => {
          const s = session(instances, {
            maxTargetsPerAttack: perAttack,
            maxTargetsPerSession: perSession,
            dryRun: dry,
          });
          const before = JSON.stringify([...s.fake.instances.values()]);
          const touched = new Set<string>();
          for (const a of attacks) {
            const mark = s.mutations().length;
            try {
              await s.call(a.id, a.args);
            } catch {
              // refusals and empty selections are fine; what matters is what reached AWS
            }
            const ids = new Set(
              s
                .mutations()
                .slice(mark)
                .filter((c) => !c.input.DryRun)
                .flatMap((c) => c.input.InstanceIds as string[]),
            );
            expect(ids.size).toBeLessThanOrEqual(perAttack);
            for (const id of ids) touched.add(id);
          }
          const real = s.mutations().filter((c) => !c.input.DryRun);
          for (const c of real)
            for (const id of c.input.InstanceIds as string[])
              expect(instances.find((i) => i.id === id)!.tags['chaos:allowed']).toBe('true');
          expect(touched.size).toBeLessThanOrEqual(perSession);
          if (dry) {
            expect(real).toEqual([]);
            expect(JSON.stringify([...s.fake.instances.values()])).toBe(before);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
