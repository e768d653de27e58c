// A recorded game day on the sandbox, driven the way the console drives one: the real catalogue
// behind a guard whose events the Session records, the real steady loop (catalogue probe, alarm
// metrics in GetMetricData) on the sandbox's virtual clock, an attack, notes, a halt with undo.
// Run directly (`npx tsx test/session/sandbox-session.ts DIR [--hold]`) it writes a recording to DIR;
// with --hold it prints "attack done" after the attack and keeps ticking (for the kill -9 test).
import { AwsContext } from '../../src/aws/clients.js';
import { discover } from '../../src/aws/discovery/index.js';
import { sdkCall } from '../../src/aws/ops/call.js';
import { Guard } from '../../src/catalog/guard.js';
import { catalogEntries } from '../../src/catalog/index.js';
import type { CatalogEntry } from '../../src/catalog/types.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { Session } from '../../src/session/session.js';
import { SteadyLoop } from '../../src/steady/loop.js';
import type { LoopClock, MetricResult } from '../../src/steady/types.js';
import { alarmSeries, defaultProbes } from '../../src/tui/wiring/steady-setup.js';

/** First attack: turn off the web ASG's healing. */
export const SUSPEND_ARGS = { asg_names: ['web'], process_names: ['HealthCheck', 'ReplaceUnhealthy'] };
/** Second attack: stop one instance of the web ASG, picked by tag with the seeded generator. */
export const ATTACK_ARGS = { tags: { Name: 'web' }, selection: 'COUNT(1)' };
/** The guard seed of the session (recorded; a replay with it picks the same instance). */
export const GUARD_SEED = 42;
const PERIOD = 10_000;

/** Drives the session and returns its directory; `onAttackDone` runs after the attack ended. */
export async function sandboxSession(
  root: string,
  opts: { onAttackDone?: () => void; holdTicks?: number } = {},
): Promise<string> {
  const sandbox = createSandbox({ clock: 'virtual' });
  const ctx = await AwsContext.create({
    region: sandbox.region,
    credentials: sandbox.credentials,
    plugins: [sandbox.plugin],
    env: {},
    maxAttempts: 1,
  });
  const aws = sdkCall(ctx);
  try {
    const inventory = await discover(ctx);
    const session = Session.open(
      {
        title: 'Stop one web instance',
        description:
          'Stop one instance of the web Auto Scaling group and watch capacity, errors and latency.',
        accountId: inventory.identity.account,
        region: sandbox.region,
        sandbox: true,
        operator: 'gameday-example',
        gamedayVersion: '0.1.0',
      },
      { root, now: () => sandbox.clock.now() },
    );
    // Undo backoff waits on the sandbox's clock, as the console's guard does.
    const guard = new Guard({
      seed: GUARD_SEED,
      recorder: session.guardEvent,
      sleep: async (ms) => sandbox.clock.advance(ms),
    });
    const entries = catalogEntries({ guard, aws: async () => aws });
    const probes = defaultProbes(inventory, entries).filter((p) => p.id === 'asg:web');
    const series = alarmSeries(inventory).filter(
      (s) => s.dimensions.AutoScalingGroupName === 'web' || s.namespace === 'AWS/ApplicationELB',
    );
    const clock: LoopClock = {
      now: () => sandbox.clock.now(),
      setInterval: () => 0,
      clearInterval: () => {},
      setTimeout: () => 0,
      clearTimeout: () => {},
    };
    const loop = new SteadyLoop({
      probes,
      series,
      periodMs: PERIOD,
      maxProbeFailures: 0,
      clock,
      stopOnAlarms: ['web-high-5xx'],
      fetchMetrics: async (queries, start, end) => {
        const r = await aws('cloudwatch', 'GetMetricData', {
          MetricDataQueries: queries,
          StartTime: new Date(start.getTime() - 3600_000),
          EndTime: end,
          ScanBy: 'TimestampDescending',
        });
        return (r.MetricDataResults ?? []) as MetricResult[];
      },
      alarmStates: async (names) => {
        const r = await aws('cloudwatch', 'DescribeAlarms', { AlarmNames: names });
        const alarms = (r.MetricAlarms ?? []) as { AlarmName: string; StateValue: string }[];
        return Object.fromEntries(alarms.map((a) => [a.AlarmName, a.StateValue]));
      },
    });
    session.watchProbe(
      { id: 'asg:web', title: 'ASG web healthy', tolerance: '>= desired' },
      {
        type: 'probe',
        name: 'web-asg-healthy',
        tolerance: { type: 'jsonpath', path: '$.ok', expect: true },
        provider: {
          type: 'python',
          module: 'gameday.probes',
          func: 'asg_healthy_vs_desired',
          arguments: { asg_name: 'web' },
        },
      },
    );
    const alarm = inventory.alarms.find((a) => a.name === 'web-high-5xx');
    session.stopConditions([{ name: 'web-high-5xx', ...(alarm?.arn ? { arn: alarm.arn } : {}) }]);
    session.hypothesis(
      'Losing one web instance: the ASG notices and replaces it, and the 5xx alarm stays quiet.',
    );
    const off = session.attachLoop(loop);
    const step = async (n: number) => {
      for (let i = 0; i < n; i++) {
        sandbox.clock.advance(PERIOD);
        await loop.tick();
      }
    };
    await step(4);
    session.note('baseline: 6 of 6 healthy, no 5xx');
    await attack(
      session,
      entries,
      'chaosaws.asg.actions.suspend_processes',
      SUSPEND_ARGS,
      'suspend-web-healing',
    );
    session.note('web ASG will not replace unhealthy instances now');
    await step(1);
    await attack(session, entries, 'gameday.actions.stop_instances', ATTACK_ARGS, 'stop-one-web-instance');
    opts.onAttackDone?.();
    await step(opts.holdTicks ?? 8);
    session.note(
      'the ASG still counts 6 healthy: with HealthCheck suspended it never noticed the stopped instance',
    );
    // The end of the exercise: undo everything (the guard records each undo it plays).
    const undo = await guard.undoAll();
    session.note(
      `end of the exercise: undid ${undo.undone} change(s)${undo.failed.length ? `, ${undo.failed.length} failed` : ''}`,
    );
    await step(3);
    off();
    session.close();
    return session.dir;
  } finally {
    await ctx.destroy();
    sandbox.close();
  }
}

// One attack as the console makes it: recorded start, the catalogue call through the guard, end.
async function attack(
  session: Session,
  entries: CatalogEntry[],
  id: string,
  args: Record<string, unknown>,
  name: string,
): Promise<void> {
  const entry = entries.find((e) => e.id === id)!;
  const attackId = session.attackStart({
    title: entry.title,
    module: entry.module,
    func: entry.func,
    arguments: args,
    targets: [],
  });
  try {
    const output = await entry.call(args, {
      configuration: {},
      secrets: {},
      signal: new AbortController().signal,
      dry: false,
      activityName: name,
    });
    session.attackEnd(attackId, { ok: true, output });
  } catch (err) {
    session.attackEnd(attackId, { ok: false, message: (err as Error).message });
  }
}

// Run as a script: write a recording to the directory given.
if (process.argv[1]?.endsWith('sandbox-session.ts') && process.argv[2]) {
  const hold = process.argv.includes('--hold');
  sandboxSession(process.argv[2], {
    onAttackDone: () => process.stdout.write('attack done\n'),
    holdTicks: hold ? 100_000 : undefined,
  }).then(
    (dir) => process.stdout.write(`${dir}\n`),
    (err) => {
      process.stderr.write(`${(err as Error).stack}\n`);
      process.exit(1);
    },
  );
}
