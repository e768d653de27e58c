// The console's services over the sandbox (virtual clock): the same SDK clients, catalogue and
// guard a real account uses, so these prove the wiring end to end without a terminal.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AwsContext } from '../../src/aws/clients.js';
import { discover } from '../../src/aws/discovery/index.js';
import { sdkCall } from '../../src/aws/ops/call.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { Session } from '../../src/session/session.js';
import { realClock } from '../../src/steady/loop.js';
import { rowsFor } from '../../src/tui/screens/inventory-rows.js';
import type { TargetRef } from '../../src/tui/services.js';
import { buildServices, type ServicesOptions } from '../../src/tui/wiring/services.js';
import { fieldsFor } from '../../src/tui/wiring/target-args.js';

let sandbox: Sandbox | undefined;
let ctx: AwsContext | undefined;
afterEach(async () => {
  await ctx?.destroy();
  sandbox?.close();
});

/** The guard's waits between undo attempts pass on the sandbox's clock (an instance still
 * stopping is started again once it has stopped), not on the wall. */
const virtualWaits = {
  sleep: async (ms: number) => {
    sandbox!.clock.advance(ms);
  },
};

async function open(readOnly = false, session?: Session, extra: Partial<ServicesOptions> = {}) {
  sandbox = createSandbox({ seed: 7, clock: 'virtual' });
  ctx = await AwsContext.create({
    region: sandbox.region,
    credentials: sandbox.credentials,
    plugins: [sandbox.plugin],
    env: {},
  });
  const c = ctx;
  const services = buildServices({
    info: { region: sandbox.region, sandbox: true, readOnly, dryRun: false },
    aws: sdkCall(c),
    listInventory: () => discover(c),
    clock: { ...realClock, now: () => sandbox!.clock.now() },
    session,
    metricWindow: (end) => ({
      start: new Date(end.getTime() - 3 * 3600_000),
      end: new Date(end.getTime() + 48 * 3600_000),
    }),
    ...extra,
  });
  const inv = await services.inventory();
  const target = (name: string): TargetRef => rowsFor('ec2', inv).find((r) => r.cells[1] === name)!.target;
  return { services, inv, target };
}

describe('console services over the sandbox', () => {
  it('offers only attacks that apply to every marked kind, prefilled with the targets', async () => {
    const { services, target } = await open();
    const web = target('web');
    const options = services.attacksFor([web]);
    expect(options.map((o) => o.title)).toContain('Terminate instances');
    const stop = options.find((o) => o.id === 'chaosaws.ec2.actions.stop_instances')!;
    expect(stop.params.find((p) => p.name === 'instance_ids')!.initial).toEqual([web.id]);
    expect(services.attacksFor([web, { kind: 'alarms', id: 'x', label: 'x', tags: {} }])).toEqual([]);
  });

  it('the preview shows the exact calls and what the guard refuses, and changes nothing', async () => {
    const { services, target } = await open();
    const web = target('web');
    const db = target('db-primary');
    const stop = services.attacksFor([web]).find((o) => o.id === 'chaosaws.ec2.actions.stop_instances')!;
    const ok = await services.preview({
      attack: stop,
      targets: [web],
      args: { instance_ids: [web.id] },
      dryRun: false,
    });
    expect(ok.refused).toEqual([]);
    expect(ok.resources).toEqual([web.id]);
    expect(ok.calls[0]).toContain('ec2:StopInstances');
    const refused = await services.preview({
      attack: stop,
      targets: [db],
      args: { instance_ids: [db.id] },
      dryRun: false,
    });
    expect(refused.refused[0]).toContain(`${db.id} is not tagged chaos:allowed=true`);
    expect(services.activeChanges()).toBe(0);
    const after = await discover(ctx!);
    expect(after.instances.find((i) => i.id === web.id)!.state).toBe('running');
  });

  it('execute stops through the guard and halt undoes it, with markers and events on the loop', async () => {
    const { services, target } = await open();
    // a loose instance: an ASG member would be replaced by its group once stopped
    const web = target('batch-1');
    const stop = services.attacksFor([web]).find((o) => o.id === 'chaosaws.ec2.actions.stop_instances')!;
    const r = await services.execute({
      attack: stop,
      targets: [web],
      args: { instance_ids: [web.id] },
      dryRun: false,
    });
    expect(r.ok).toBe(true);
    expect(services.activeChanges()).toBe(1);
    sandbox!.clock.advance(60_000);
    let inv = await discover(ctx!);
    expect(inv.instances.find((i) => i.id === web.id)!.state).toBe('stopped');
    const halted = await services.haltAndUndo();
    expect(halted).toEqual({ undone: 1, failed: [] });
    sandbox!.clock.advance(60_000);
    inv = await discover(ctx!);
    expect(inv.instances.find((i) => i.id === web.id)!.state).toBe('running');
    const snap = services.steady.snapshot();
    expect(snap.markers.map((m) => m.kind)).toEqual(['start', 'end']);
    expect(snap.events.at(-1)!.text).toBe('halted by the operator: undid 1 change(s)');
  });

  it('a marked container instance is offered the drain, prefilled; executing drains it and halt makes it ACTIVE', async () => {
    const { services, inv } = await open();
    const hosts = rowsFor('hosts', inv);
    expect(hosts.map((r) => r.cells[0])).toEqual(['ops', 'ops', 'ops']);
    expect(hosts.every((r) => r.cells[3] === 'ACTIVE' && r.cells[5] === 'yes')).toBe(true);
    const host = hosts[0]!.target;
    const options = services.attacksFor([host]);
    expect(options.map((o) => o.id)).toEqual(
      expect.arrayContaining([
        'chaosaws.ecs.actions.update_container_instances_state',
        'gameday.actions.ecs_drain_container_instances',
        'chaosaws.ecs.actions.deregister_container_instance',
      ]),
    );
    const drain = options.find((o) => o.id === 'chaosaws.ecs.actions.update_container_instances_state')!;
    const args = Object.fromEntries(drain.params.map((p) => [p.name, p.initial]));
    expect(args).toEqual({ cluster: 'ops', container_instances: [host.id], status: 'DRAINING' });
    const deregister = options.find((o) => o.id === 'chaosaws.ecs.actions.deregister_container_instance')!;
    expect(deregister.params.find((p) => p.name === 'instance_id')!.initial).toBe(host.id);
    const r = await services.execute({ attack: drain, targets: [host], args, dryRun: false });
    expect(r).toMatchObject({ ok: true });
    const drained = await discover(ctx!);
    expect(drained.containerInstances.find((c) => c.arn === host.id)!.status).toBe('DRAINING');
    expect(await services.haltAndUndo()).toEqual({ undone: 1, failed: [] });
    const back = await discover(ctx!);
    expect(back.containerInstances.find((c) => c.arn === host.id)!.status).toBe('ACTIVE');
  });

  it('--on-error continue: an AWS error in an attack is logged with call, resource and reason; the run goes on', async () => {
    const { services, target } = await open();
    const batch1 = target('batch-1');
    const batch2 = target('batch-2');
    const stop = services.attacksFor([batch1]).find((o) => o.id === 'chaosaws.ec2.actions.stop_instances')!;
    const run = (t: TargetRef) =>
      services.execute({ attack: stop, targets: [t], args: { instance_ids: [t.id] }, dryRun: false });
    expect((await run(batch1)).ok).toBe(true);
    sandbox!.faults.set({ service: 'ec2', operation: 'StopInstances', error: 'denied', count: 1 });
    const r = await run(batch2);
    expect(r.ok).toBe(false);
    expect(r.message).toBe(
      `Stop instances failed: ec2:StopInstances on ${batch2.id} was denied: grant the IAM action ec2:StopInstances to the caller (You are not authorized to perform this operation.); the run goes on with 1 change(s) active (h halts and undoes)`,
    );
    const snap = services.steady.snapshot();
    expect(snap.events.at(-1)).toMatchObject({ kind: 'error', text: r.message });
    expect(snap.halted).toBe(false);
    expect(services.activeChanges()).toBe(1);
  });

  it('--on-error halt: an AWS error in an attack halts and undoes every active change', async () => {
    const { services, target } = await open(false, undefined, { onError: 'halt', guard: virtualWaits });
    const batch1 = target('batch-1');
    const batch2 = target('batch-2');
    const stop = services.attacksFor([batch1]).find((o) => o.id === 'chaosaws.ec2.actions.stop_instances')!;
    const run = (t: TargetRef) =>
      services.execute({ attack: stop, targets: [t], args: { instance_ids: [t.id] }, dryRun: false });
    expect((await run(batch1)).ok).toBe(true);
    sandbox!.faults.set({ service: 'ec2', operation: 'StopInstances', error: 'denied', count: 1 });
    const r = await run(batch2);
    expect(r.message).toMatch(/^Stop instances failed: ec2:StopInstances on i-\w+ was denied: grant/);
    expect(services.activeChanges()).toBe(0);
    const snap = services.steady.snapshot();
    expect(snap.halted).toBe(true);
    expect(snap.events.slice(-2).map((e) => `${e.kind}: ${e.text}`)).toEqual([
      `error: ${r.message}`,
      'halt: AWS error in "Stop instances" (--on-error halt): undid 1 change(s)',
    ]);
    sandbox!.clock.advance(60_000);
    const inv = await discover(ctx!);
    expect(inv.instances.find((i) => i.id === batch1.id)!.state).toBe('running');
  });

  it('an AWS error in a probe is a failed sample naming the call; under --on-error halt it undoes active changes', async () => {
    for (const policy of ['continue', 'halt'] as const) {
      const { services, target } = await open(false, undefined, { onError: policy, guard: virtualWaits });
      const batch1 = target('batch-1');
      const stop = services.attacksFor([batch1]).find((o) => o.id === 'chaosaws.ec2.actions.stop_instances')!;
      await services.execute({
        attack: stop,
        targets: [batch1],
        args: { instance_ids: [batch1.id] },
        dryRun: false,
      });
      sandbox!.faults.set({
        service: 'autoscaling',
        operation: 'DescribeAutoScalingGroups',
        error: 'denied',
      });
      await services.steady.tick();
      // The halt a probe's error starts runs beside the tick: let it finish.
      for (let i = 0; i < 50 && services.activeChanges() > 0 && policy === 'halt'; i++)
        await new Promise((r) => setImmediate(r));
      const snap = services.steady.snapshot();
      const probe = snap.probes.find((p) => p.spec.id === 'asg:web')!;
      expect(probe.strip.at(-1)).toBe(false);
      expect(probe.last?.error).toMatch(
        /^autoscaling:DescribeAutoScalingGroups on web was denied: grant the IAM action autoscaling:DescribeAutoScalingGroups/,
      );
      expect(snap.events.map((e) => e.text)).toContain(`ASG web healthy: ${probe.last?.error}`);
      expect(services.activeChanges(), policy).toBe(policy === 'halt' ? 0 : 1);
      expect(
        snap.events.some((e) => e.text.startsWith('AWS error in probe "ASG web healthy"')),
        policy,
      ).toBe(policy === 'halt');
      await ctx?.destroy();
      sandbox?.close();
    }
  });

  it("graphs offer the attacked targets' metrics; a choice is recorded and fetched in the one GetMetricData call", async () => {
    const root = mkdtempSync(join(tmpdir(), 'gd-console-'));
    try {
      const session = Session.open({ title: 'graphs', region: 'us-east-1', sandbox: true }, { root });
      const { services, target } = await open(false, session);
      const batch = target('batch-1');
      const stop = services.attacksFor([batch]).find((o) => o.id === 'chaosaws.ec2.actions.stop_instances')!;
      await services.execute({
        attack: stop,
        targets: [batch],
        args: { instance_ids: [batch.id] },
        dryRun: false,
      });
      const options = services.graphs!.options([]);
      const cpu = options.find((o) => o.id === `ec2-cpu:${batch.id}`)!;
      expect(cpu).toMatchObject({ group: 'target', label: `CPUUtilization ${batch.label}` });
      const chosen = new Set(services.graphs!.chosen());
      services.graphs!.apply([...options.filter((o) => chosen.has(o.id)), cpu]);
      const before = ctx!.counter.toJSON()['cloudwatch:GetMetricData'] ?? 0;
      sandbox!.clock.advance(120_000);
      await services.steady.tick();
      expect(ctx!.counter.toJSON()['cloudwatch:GetMetricData']).toBe(before + 1);
      const series = services.steady.snapshot().series.find((x) => x.spec.id === cpu.id)!;
      expect(series.points.at(-1)).toEqual(expect.any(Number));
      await services.haltAndUndo();
      const closed = session.close('quit');
      const events = readFileSync(join(closed.dir, 'events.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).event);
      expect(events).toContainEqual(
        expect.objectContaining({
          type: 'loop-event',
          kind: 'graphs',
          text: expect.stringMatching(
            new RegExp(`^graphs: \\+ CPUUtilization batch-1 ${batch.id}; \\d+ series`),
          ),
        }),
      );
      expect(events).toContainEqual(expect.objectContaining({ type: 'metric-series', series: cpu.series }));
      expect(closed.errors).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('read-only: the preview says why the guard refuses', async () => {
    const { services, target } = await open(true);
    const web = target('web');
    const stop = services.attacksFor([web]).find((o) => o.id === 'chaosaws.ec2.actions.stop_instances')!;
    const p = await services.preview({
      attack: stop,
      targets: [web],
      args: { instance_ids: [web.id] },
      dryRun: false,
    });
    expect(p.refused[0]).toContain('read-only mode');
  });

  it('one steady tick makes one GetMetricData call for all alarm series and probes the ASG', async () => {
    const { services } = await open();
    const before = ctx!.counter.toJSON()['cloudwatch:GetMetricData'] ?? 0;
    await services.steady.tick();
    const snap = services.steady.snapshot();
    expect((ctx!.counter.toJSON()['cloudwatch:GetMetricData'] ?? 0) - before).toBe(1);
    expect(snap.series.length).toBeGreaterThan(1);
    expect(snap.series.some((s) => s.points.at(-1) !== null)).toBe(true);
    expect(snap.probes[0]!.spec.title).toBe('ASG web healthy');
    expect(snap.probes[0]!.strip).toEqual([true]);
  });
});

describe('console session recording', () => {
  it('records the guard (write-ahead), the attack, the loop ticks, notes and the halt', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gd-console-'));
    try {
      const session = Session.open({ title: 'console test', region: 'us-east-1', sandbox: true }, { root });
      const { services, target } = await open(false, session);
      const batch = target('batch-1');
      const stop = services.attacksFor([batch]).find((o) => o.id === 'chaosaws.ec2.actions.stop_instances')!;
      await services.steady.tick();
      await services.execute({
        attack: stop,
        targets: [batch],
        args: { instance_ids: [batch.id] },
        dryRun: false,
      });
      services.steady.note('batch-1 is down');
      sandbox!.clock.advance(60_000);
      await services.steady.tick();
      await services.haltAndUndo();
      const closed = session.close('quit');
      const lines = readFileSync(join(closed.dir, 'events.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const types = lines.map((l) => `${l.source}:${l.event.type}`);
      for (const t of [
        'session:session-start',
        'steady:probe-sample',
        'console:attack-start',
        'guard:undo-recorded',
        'guard:change',
        'console:attack-end',
        'steady:note',
        'console:halt',
        'guard:undone',
        'session:session-end',
      ])
        expect(types).toContain(t);
      expect(types.indexOf('guard:undo-recorded')).toBeLessThan(types.indexOf('guard:change'));
      const start = lines.find((l) => l.event.type === 'attack-start').event;
      expect(start).toMatchObject({
        module: 'chaosaws.ec2.actions',
        func: 'stop_instances',
        arguments: { instance_ids: [batch.id] },
      });
      expect(closed.errors).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('fieldsFor', () => {
  it('fills ASG and ECS parameters from targets and keeps catalogue defaults', () => {
    const fields = fieldsFor(
      [
        { name: 'asg_name', required: true, type: 'str', description: '' },
        { name: 'tags', required: false, type: 'Dict[str, str]', default: null, description: '' },
        { name: 'selection', required: false, type: 'str', default: 'ALL', description: '' },
      ],
      [{ kind: 'autoScalingGroups', id: 'web', label: 'web', tags: {} }],
    );
    expect(fields.map((f) => f.initial)).toEqual(['web', { 'aws:autoscaling:groupName': 'web' }, 'ALL']);
    const ecs = fieldsFor(
      [
        { name: 'cluster', required: true, type: 'str', description: '' },
        { name: 'service', required: true, type: 'str', description: '' },
      ],
      [{ kind: 'services', id: 'cart', label: 'shop/cart', tags: {}, cluster: 'shop' }],
    );
    expect(ecs.map((f) => f.initial)).toEqual(['shop', 'cart']);
  });
});
