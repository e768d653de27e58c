// A synthetic but realistic console session: the real Session and the real SteadyLoop (driven
// tick by tick on a fake clock), guard events as the guard emits them, two attacks, notes, a halt.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GuardEvent } from '../../src/catalog/guard-types.js';
import { type AttackInfo, Session } from '../../src/session/session.js';
import { SteadyLoop } from '../../src/steady/loop.js';
import type { LoopClock, MetricQuery } from '../../src/steady/types.js';

/** CPU values the fake CloudWatch returns, one per tick. */
export const CPU = [20, 21, 22, 48, 71, 69, 40, 30, 25, 24, 23];
/** Whether the probe passes on each tick. */
export const HEALTHY = [true, true, true, true, false, false, true, true, true, true, true];

/** A fresh temp directory for recordings. */
export function tempRoot(): string {
  return mkdtempSync(join(tmpdir(), 'gd-session-'));
}

/** A clock both the session and the loop read; `advance` moves it. */
export function fakeClock(start = Date.parse('2026-11-25T13:00:00Z')) {
  let now = start;
  const loopClock: LoopClock = {
    now: () => now,
    setInterval: () => 0,
    clearInterval: () => {},
    setTimeout: () => 0,
    clearTimeout: () => {},
  };
  const advance = (ms: number): void => {
    now += ms;
  };
  return { now: () => now, advance, loopClock };
}

/** Options for the scripted session. */
export interface ScriptOptions {
  root?: string;
  /** Extra arguments for the first attack (a secret-looking value, for the redaction test). */
  extraArgs?: Record<string, unknown>;
  note?: string;
  /** Skip the halt at the end. */
  noHalt?: boolean;
}

/** Runs the scripted session and closes it; returns the session (its dir holds the recording). */
export async function scriptedSession(opts: ScriptOptions = {}): Promise<Session> {
  const clock = fakeClock();
  const session = Session.open(
    {
      title: 'Lose one web instance',
      description: 'Stop one instance of the web ASG and watch the error rate.',
      accountId: '123456789012',
      region: 'us-east-1',
      sandbox: true,
      operator: 'ana',
      gamedayVersion: '0.1.0',
    },
    { root: opts.root ?? tempRoot(), now: clock.now },
  );
  let tick = 0;
  const loop = new SteadyLoop({
    clock: clock.loopClock,
    periodMs: 5000,
    maxProbeFailures: 0,
    probes: [
      {
        id: 'healthy',
        title: 'web ASG healthy',
        tolerance: '== true',
        run: async () => HEALTHY[tick - 1] ?? true,
        check: (v) => v === true,
      },
    ],
    series: [
      {
        id: 'cpu',
        label: 'web CPU',
        namespace: 'AWS/EC2',
        metric: 'CPUUtilization',
        dimensions: { AutoScalingGroupName: 'web' },
        stat: 'Average',
        periodSeconds: 60,
        unit: 'Percent',
      },
    ],
    fetchMetrics: async (queries: MetricQuery[]) =>
      queries.map((q) => ({ Id: q.Id, Timestamps: [new Date(clock.now())], Values: [CPU[tick - 1] ?? 0] })),
  });
  session.watchProbe(
    { id: 'healthy', title: 'web ASG healthy', tolerance: '== true' },
    {
      type: 'probe',
      name: 'web-asg-healthy',
      tolerance: true,
      provider: {
        type: 'python',
        module: 'chaosaws.asg.probes',
        func: 'desired_equals_healthy',
        arguments: { asg_names: ['web'] },
      },
    },
  );
  session.stopConditions([{ name: 'web-5xx-high' }]);
  session.hypothesis(
    'Losing one web instance keeps the site up: the ASG stays healthy and CPU stays under 80%.',
  );
  const off = session.attachLoop(loop);
  const step = async () => {
    clock.advance(5000);
    tick++;
    await loop.tick();
  };
  const guard = (e: GuardEvent) => session.guardEvent(e);
  await step();
  await step();
  session.note(opts.note ?? 'baseline looks fine');
  await step();
  guard({
    type: 'guard-config',
    readOnly: false,
    optIn: 'chaos:allowed=true',
    widened: null,
    maxTargetsPerAttack: 10,
    maxTargetsPerSession: 25,
    dryRun: false,
    seed: 42,
  });
  const first: AttackInfo = {
    title: 'Stop instances',
    module: 'chaosaws.ec2.actions',
    func: 'stop_instances',
    arguments: { instance_ids: ['i-0aaa111'], ...opts.extraArgs },
    targets: [
      {
        kind: 'instances',
        id: 'i-0aaa111',
        state: 'running',
        az: 'us-east-1a',
        parent: 'web',
        tags: { 'chaos:allowed': 'true', 'aws:autoscaling:groupName': 'web' },
      },
    ],
  };
  const a1 = session.attackStart(first);
  guard({
    type: 'undo-recorded',
    record: {
      id: 1,
      attack: 'stop-instances',
      description: 'start i-0aaa111',
      calls: [{ service: 'ec2', operation: 'StartInstances', input: { InstanceIds: ['i-0aaa111'] } }],
      change: { service: 'ec2', operation: 'StopInstances', input: { InstanceIds: ['i-0aaa111'] } },
      callsDone: 0,
      targets: [{ kind: 'instances', id: 'i-0aaa111', tags: {} }],
      status: 'active',
      at: new Date(clock.now()).toISOString(),
    },
  });
  guard({
    type: 'change',
    attack: 'stop-instances',
    call: { service: 'ec2', operation: 'StopInstances', input: { InstanceIds: ['i-0aaa111'] } },
    targets: ['i-0aaa111'],
    undo: 1,
  });
  clock.advance(800);
  session.attackEnd(a1, {
    ok: true,
    output: [{ InstanceId: 'i-0aaa111', CurrentState: { Name: 'stopping' } }],
  });
  await step();
  await step();
  session.note('CPU is climbing on the other two');
  await step();
  await step();
  clock.advance(30_000);
  guard({
    type: 'selection',
    attack: 'reboot-one',
    quantity: 'COUNT(1)',
    seed: 1234,
    candidates: ['i-0bbb222', 'i-0ccc333'],
    chosen: ['i-0ccc333'],
  });
  const a2 = session.attackStart({
    title: 'Reboot instances',
    module: 'gameday.actions',
    func: 'reboot_instances',
    arguments: { tags: { 'aws:autoscaling:groupName': 'web' }, selection: 'COUNT(1)' },
    targets: [{ kind: 'instances', id: 'i-0ccc333', state: 'running', az: 'us-east-1b', parent: 'web' }],
    selection: { quantity: 'COUNT(1)', seed: 1234 },
  });
  clock.advance(500);
  session.attackEnd(a2, { ok: true, output: { rebooted: ['i-0ccc333'] } });
  await step();
  await step();
  session.attackStart({
    title: 'Delete service',
    module: 'chaosaws.ecs.actions',
    func: 'delete_service',
    arguments: { cluster: 'shop', service: 'cart' },
    targets: [{ kind: 'services', id: 'cart', parent: 'shop', state: 'ACTIVE' }],
  });
  clock.advance(200);
  await step();
  await step();
  if (!opts.noHalt) {
    guard({ type: 'undone', id: 1, attack: 'stop-instances', description: 'start i-0aaa111' });
    session.halt('operator pressed h', { undone: 1, failed: [] });
  }
  off();
  session.close();
  return session;
}
