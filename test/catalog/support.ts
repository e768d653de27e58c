// Shared harness for the catalogue tests: a moto-backed (or sandbox-backed) AWS context, a guard
// whose events are collected, a bound registry, and fixture helpers that create resources.
import { AwsContext } from '../../src/aws/clients.js';
import { runPermitted } from '../../src/aws/mutations.js';
import { type AwsCall, sdkCall } from '../../src/aws/ops/call.js';
import type { ClientPlugin } from '../../src/aws/types.js';
import { bindEntry } from '../../src/catalog/bind.js';
import { Guard, type GuardEvent, type GuardOptions } from '../../src/catalog/guard.js';
import { findEntry } from '../../src/catalog/index.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { fixtureCall } from '../support/fixture-call.js';
import { motoEndpoint } from '../support/moto.js';

export const endpoint = (): string => motoEndpoint();

/** Wipes moto's state (each test file starts from an empty region). */
export async function resetMoto(): Promise<void> {
  await fetch(`${endpoint()}/moto-api/reset`, { method: 'POST' });
}

/** A test world: context, raw door, fixture door (permitted), guard + events, and `call`. */
export interface World {
  /** Which backend answers: moto or the sandbox. */
  backend: 'moto' | 'sandbox';
  /** Lets simulated time pass on the sandbox (state transitions take time there); no-op on moto. */
  settle(seconds?: number): void;
  /** The backend's time in ms (the sandbox's virtual clock, else the wall clock). */
  now(): number;
  ctx: AwsContext;
  aws: AwsCall;
  /** Sends setup calls (RunInstances...) with the permit, as fixtures, not through the guard. */
  setup: AwsCall;
  guard: Guard;
  events: GuardEvent[];
  call(id: string, args?: Record<string, unknown>, opts?: { dry?: boolean; name?: string }): Promise<unknown>;
}

export async function makeWorld(
  guardOptions: GuardOptions = {},
  conn: { endpoint?: string; plugins?: ClientPlugin[]; region?: string; sandbox?: Sandbox } = {
    endpoint: endpoint(),
  },
): Promise<World> {
  const ctx = await AwsContext.create({
    endpoint: conn.endpoint,
    plugins: conn.plugins,
    region: conn.region ?? 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
  });
  const aws = sdkCall(ctx);
  const events: GuardEvent[] = [];
  const sandbox = conn.sandbox;
  // On the sandbox's virtual clock, waiting means moving its time forward.
  const advance = async (ms: number) => sandbox?.clock.advance(ms);
  const guard = new Guard({
    seed: 42,
    recorder: (e) => void events.push(e),
    ...(sandbox ? { sleep: advance } : {}),
    ...guardOptions,
  });
  const fixtures = fixtureCall(ctx);
  const setup: AwsCall = (s, o, i) => runPermitted('test-fixture', () => fixtures(s, o, i));
  const rt = {
    guard,
    aws: async () => aws,
    ...(sandbox
      ? {
          now: () => sandbox.clock.now(),
          sleep: async (ms: number) => {
            await advance(ms);
            return true;
          },
        }
      : {}),
  };
  return {
    backend: conn.sandbox ? 'sandbox' : 'moto',
    settle: (seconds = 60) => conn.sandbox?.clock.advance(seconds * 1000),
    now: () => conn.sandbox?.clock.now() ?? Date.now(),
    ctx,
    // Tests read the world with any operation (DescribeSubnets...); the catalogue gets `aws`.
    aws: fixtures,
    setup,
    guard,
    events,
    async call(id, args = {}, opts = {}) {
      const spec = findEntry(id);
      if (!spec) throw new Error(`no catalogue entry ${id}`);
      const entry = bindEntry(spec, rt);
      return entry.call(args, {
        configuration: {},
        secrets: {},
        signal: new AbortController().signal,
        dry: Boolean(opts.dry),
        activityName: opts.name ?? id,
      });
    },
  };
}

export const OPT_IN = [{ Key: 'chaos:allowed', Value: 'true' }];

/** Launches `count` instances (one reservation) with tags; returns their ids. */
export async function launch(
  w: World,
  count: number,
  tags = OPT_IN,
  extra: Record<string, unknown> = {},
): Promise<string[]> {
  const res = await w.setup('ec2', 'RunInstances', {
    ImageId: 'ami-12c6146b',
    InstanceType: 't3.micro',
    MinCount: count,
    MaxCount: count,
    TagSpecifications: tags.length ? [{ ResourceType: 'instance', Tags: tags }] : undefined,
    ...extra,
  });
  w.settle();
  return (res.Instances as Array<{ InstanceId: string }>).map((i) => i.InstanceId);
}

/** State name of each instance id, once transitions had time to finish. */
export async function states(w: World, ids: string[]): Promise<Record<string, string>> {
  w.settle();
  const res = await w.aws('ec2', 'DescribeInstances', { InstanceIds: ids });
  const out: Record<string, string> = {};
  for (const r of res.Reservations ?? [])
    for (const i of r.Instances ?? []) out[i.InstanceId] = i.State?.Name;
  return out;
}

/** Mutating calls the context sent, from its counter. */
export function mutatingCalls(w: World): Record<string, number> {
  const all = w.ctx.counter.toJSON();
  return Object.fromEntries(Object.entries(all).filter(([k]) => !/:(Describe|List|Get)/.test(k)));
}

/** Creates an ASG of `size` instances from a launch template, tagged (propagated) with `tags`. */
export async function makeAsg(
  w: World,
  name: string,
  size: number,
  tags = OPT_IN,
  azs = ['us-east-1a'],
): Promise<string[]> {
  await w.setup('ec2', 'CreateLaunchTemplate', {
    LaunchTemplateName: `${name}-lt`,
    LaunchTemplateData: { ImageId: 'ami-12c6146b', InstanceType: 't3.micro' },
  });
  await w.setup('autoscaling', 'CreateAutoScalingGroup', {
    AutoScalingGroupName: name,
    LaunchTemplate: { LaunchTemplateName: `${name}-lt`, Version: '$Latest' },
    MinSize: 0,
    MaxSize: 10,
    DesiredCapacity: size,
    AvailabilityZones: azs,
    Tags: tags.map((t) => ({
      ...t,
      PropagateAtLaunch: true,
      ResourceId: name,
      ResourceType: 'auto-scaling-group',
    })),
  });
  w.settle();
  const res = await w.aws('autoscaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: [name] });
  return (res.AutoScalingGroups[0].Instances as Array<{ InstanceId: string }>).map((i) => i.InstanceId);
}

/** An ECS cluster (tagged), a Fargate task definition and `tasks` RunTask-started tasks; returns task ARNs. */
export async function makeEcs(
  w: World,
  cluster: string,
  tasks: number,
  tags = [{ key: 'chaos:allowed', value: 'true' }],
): Promise<{ clusterArn: string; taskArns: string[]; subnet: string; sg: string }> {
  const c = await w.setup('ecs', 'CreateCluster', { clusterName: cluster, tags });
  await w.setup('ecs', 'RegisterTaskDefinition', {
    family: `${cluster}-td`,
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'app', image: 'nginx', memory: 512 }],
  });
  const subnets = await w.aws('ec2', 'DescribeSubnets', {});
  const subnet = subnets.Subnets[0].SubnetId as string;
  const sgs = await w.aws('ec2', 'DescribeSecurityGroups', {});
  const sg = sgs.SecurityGroups[0].GroupId as string;
  const taskArns: string[] = [];
  if (tasks > 0) {
    const run = await w.setup('ecs', 'RunTask', {
      cluster,
      taskDefinition: `${cluster}-td`,
      launchType: 'FARGATE',
      count: tasks,
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnet], securityGroups: [sg] } },
    });
    taskArns.push(...(run.tasks as Array<{ taskArn: string }>).map((t) => t.taskArn));
  }
  return { clusterArn: c.cluster.clusterArn, taskArns, subnet, sg };
}

/** A service in the cluster (moto starts no tasks for it). */
export async function makeService(
  w: World,
  cluster: string,
  name: string,
  desired: number,
  env: { subnet: string; sg: string },
): Promise<void> {
  await w.setup('ecs', 'CreateService', {
    cluster,
    serviceName: name,
    taskDefinition: `${cluster}-td`,
    desiredCount: desired,
    launchType: 'FARGATE',
    networkConfiguration: { awsvpcConfiguration: { subnets: [env.subnet], securityGroups: [env.sg] } },
  });
}

/** A backend the catalogue's contract tests run on: moto, and the sandbox (empty world, virtual clock). */
export interface Backend {
  name: 'moto' | 'sandbox';
  skip?: string;
  /** Starts from an empty region (call in beforeAll). */
  begin(): Promise<void>;
  /** A fresh guard and context on the backend's current state. */
  world(guardOptions?: GuardOptions): Promise<World>;
}

/** moto, then the sandbox: every contract test file runs on both. */
export function backends(): Backend[] {
  let sandbox: Sandbox | undefined;
  return [
    {
      name: 'moto',
      skip: endpoint() ? undefined : 'moto is not available',
      begin: resetMoto,
      world: (g) => makeWorld(g),
    },
    {
      name: 'sandbox',
      async begin() {
        sandbox?.close();
        sandbox = createSandbox({ size: 'empty', clock: 'virtual', seed: 11 });
      },
      world: (g) => makeWorld(g, { plugins: [sandbox!.plugin], region: sandbox!.region, sandbox: sandbox! }),
    },
  ];
}
