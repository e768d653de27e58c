// A small shop's inventory for console tests: an ASG "web" of instances over three AZs, a few
// loose instances, an ECS cluster with services and tasks, and alarms.
import type { Ec2Instance, Inventory } from '../../src/aws/inventory.js';
import type { AttackOption } from '../../src/tui/services.js';

const AZS = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

/** The inventory; `extra` adds that many more instances (for 10,000-row tests). */
export function shopInventory(extra = 0): Inventory {
  const web: Ec2Instance[] = Array.from({ length: 6 }, (_, i) => ({
    id: `i-0web${i}`,
    name: `web-${i}`,
    state: 'running',
    type: 't3.small',
    az: AZS[i % 3],
    asg: 'web-asg',
    tags: { Name: `web-${i}`, role: 'web', 'chaos:allowed': 'true' },
  }));
  const others: Ec2Instance[] = [
    {
      id: 'i-0db0',
      name: 'db-primary',
      state: 'running',
      type: 'r6g.large',
      az: AZS[0],
      tags: { Name: 'db-primary', role: 'db' },
    },
    {
      id: 'i-0bastion',
      name: 'bastion',
      state: 'stopped',
      type: 't3.micro',
      az: AZS[1],
      tags: { Name: 'bastion', role: 'ops' },
    },
  ];
  const many: Ec2Instance[] = Array.from({ length: extra }, (_, i) => ({
    id: `i-1${String(i).padStart(6, '0')}`,
    name: `batch-${i}`,
    state: 'running',
    az: AZS[i % 3],
    tags: { role: 'batch' },
  }));
  return {
    identity: { account: '123456789012', arn: 'arn:aws:sts::123456789012:assumed-role/GameDay/alice' },
    region: 'eu-west-1',
    discoveredAt: '2026-11-25T12:00:00Z',
    instances: [...web, ...others, ...many],
    autoScalingGroups: [
      {
        name: 'web-asg',
        min: 3,
        max: 9,
        desired: 6,
        azs: AZS,
        instances: web.map((w) => ({ id: w.id, az: w.az, lifecycle: 'InService', health: 'Healthy' })),
        suspended: [],
        healthCheckType: 'ELB',
        healthCheckGracePeriod: 60,
        targetGroupArns: [],
        tags: { role: 'web', 'chaos:allowed': 'true' },
      },
    ],
    clusters: [
      {
        name: 'shop',
        arn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/shop',
        status: 'ACTIVE',
        activeServices: 2,
        runningTasks: 3,
        pendingTasks: 0,
        containerInstances: 0,
        tags: {},
      },
    ],
    services: [
      {
        cluster: 'shop',
        name: 'cart',
        arn: 'arn:svc/cart',
        status: 'ACTIVE',
        launchType: 'FARGATE',
        desired: 2,
        running: 2,
        pending: 0,
        tags: {},
      },
      {
        cluster: 'shop',
        name: 'checkout',
        arn: 'arn:svc/checkout',
        status: 'ACTIVE',
        launchType: 'FARGATE',
        desired: 1,
        running: 1,
        pending: 0,
        tags: {},
      },
    ],
    tasks: [
      {
        cluster: 'shop',
        arn: 'arn:task/aaa111',
        id: 'aaa111',
        service: 'cart',
        lastStatus: 'RUNNING',
        desiredStatus: 'RUNNING',
        az: AZS[0],
        tags: {},
      },
      {
        cluster: 'shop',
        arn: 'arn:task/bbb222',
        id: 'bbb222',
        service: 'cart',
        lastStatus: 'RUNNING',
        desiredStatus: 'RUNNING',
        az: AZS[1],
        tags: {},
      },
      {
        cluster: 'shop',
        arn: 'arn:task/ccc333',
        id: 'ccc333',
        service: 'checkout',
        lastStatus: 'RUNNING',
        desiredStatus: 'RUNNING',
        az: AZS[2],
        tags: {},
      },
    ],
    containerInstances: [],
    alarms: [
      {
        name: 'web-5xx',
        state: 'OK',
        namespace: 'AWS/ApplicationELB',
        metric: 'HTTPCode_Target_5XX_Count',
        comparison: '>',
        threshold: 10,
        dimensions: {},
      },
      {
        name: 'web-healthy-hosts',
        state: 'ALARM',
        namespace: 'AWS/ApplicationELB',
        metric: 'HealthyHostCount',
        comparison: '<',
        threshold: 4,
        dimensions: {},
      },
    ],
    gaps: [],
  };
}

/** The shop plus an EC2-backed "ops" cluster with two container instances (one draining, its
 * agent disconnected). */
export function withHosts(): Inventory {
  const inv = shopInventory();
  const arn = (id: string) => `arn:aws:ecs:eu-west-1:123456789012:container-instance/ops/${id}`;
  const ids = ['0a1b2c3d4e5f60718293a4b5c6d7e8f9', '9f8e7d6c5b4a39281706f5e4d3c2b1a0'];
  return {
    ...inv,
    clusters: [
      ...inv.clusters,
      {
        name: 'ops',
        arn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/ops',
        status: 'ACTIVE',
        activeServices: 0,
        runningTasks: 3,
        pendingTasks: 1,
        containerInstances: 2,
        tags: { 'chaos:allowed': 'true' },
      },
    ],
    containerInstances: [
      {
        cluster: 'ops',
        arn: arn(ids[0]!),
        id: ids[0]!,
        ec2InstanceId: 'i-0host1',
        status: 'ACTIVE',
        runningTasks: 3,
        pendingTasks: 1,
        agentConnected: true,
        az: AZS[0],
        instanceType: 't3.medium',
      },
      {
        cluster: 'ops',
        arn: arn(ids[1]!),
        id: ids[1]!,
        ec2InstanceId: 'i-0host2',
        status: 'DRAINING',
        runningTasks: 0,
        pendingTasks: 0,
        agentConnected: false,
        az: AZS[1],
        instanceType: 't3.medium',
      },
    ],
  };
}

/** The stop-instances attack as the console offers it, prefilled for two web instances. */
export const STOP: AttackOption = {
  id: 'chaosaws.ec2.actions.stop_instances',
  title: 'Stop instances',
  targetKind: 'EC2 instances',
  summary: 'Stops the instances.',
  undo: 'StartInstances on the same ids',
  dryRun: 'ec2-dry-run',
  params: [
    {
      name: 'instance_ids',
      description: 'ids',
      required: false,
      type: 'List[str]',
      initial: ['i-0web0', 'i-0web1'],
    },
    { name: 'force', description: 'force stop', required: false, type: 'bool', initial: false },
  ],
};
