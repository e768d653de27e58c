// The in-memory region: every resource the sandbox knows, the seeded PRNG, the metric store, and
// the tick loop that runs the dynamics every 10 simulated seconds.
import { MetricStore } from './metrics.js';
import type {
  ActivityRec,
  AppRec,
  AsgRec,
  InstanceRec,
  LaunchConfigRec,
  LaunchTemplateRec,
  SecurityGroupRec,
  SubnetRec,
  VolumeRec,
} from './model.js';
import type {
  AlarmHistoryRec,
  AlarmRec,
  ClusterRec,
  ContainerInstanceRec,
  ServiceRec,
  TaskDefRec,
  TaskRec,
} from './model-ecs.js';
import { Rng } from './rng.js';

/** The simulation's step: metrics, health checks and schedulers all move in 10-second ticks. */
export const TICK_MS = 10_000;

/** A piece of dynamics run at each tick (ASG reconciler, ECS scheduler, traffic, alarms). */
export type Dynamic = (world: World, t: number) => void;

/** The sandbox's fixed account: plausible, and the same as moto's default so ARNs compare. */
export const SANDBOX_ACCOUNT = '123456789012';

/** The whole simulated region. Read it from tests; change it only through the SDK (or a preset). */
export class World {
  readonly rng: Rng;
  readonly account = SANDBOX_ACCOUNT;
  readonly azs: string[];
  /** Time of the last tick that ran (ms since epoch, a multiple of TICK_MS). */
  time: number;
  readonly instances = new Map<string, InstanceRec>();
  readonly volumes = new Map<string, VolumeRec>();
  readonly subnets = new Map<string, SubnetRec>();
  readonly vpcs: { id: string; cidr: string; isDefault: boolean }[] = [];
  readonly securityGroups = new Map<string, SecurityGroupRec>();
  readonly launchTemplates = new Map<string, LaunchTemplateRec>();
  readonly launchConfigs = new Map<string, LaunchConfigRec>();
  readonly asgs = new Map<string, AsgRec>();
  readonly activities: ActivityRec[] = [];
  readonly apps = new Map<string, AppRec>();
  readonly clusters = new Map<string, ClusterRec>();
  readonly taskDefs = new Map<string, TaskDefRec>();
  readonly services = new Map<string, ServiceRec>();
  readonly tasks = new Map<string, TaskRec>();
  readonly containerInstances = new Map<string, ContainerInstanceRec>();
  readonly alarms = new Map<string, AlarmRec>();
  readonly alarmHistory: AlarmHistoryRec[] = [];
  readonly metrics: MetricStore;
  readonly dynamics: Dynamic[] = [];
  private ipCounter = 10;
  /** Bumped by every tick and every mutating call: read-side indexes are valid for one version. */
  version = 0;
  private readonly memos = new Map<string, { version: number; value: unknown }>();

  constructor(
    readonly region: string,
    seed: number,
    readonly now: () => number,
    retentionMs: number,
  ) {
    this.rng = new Rng(seed);
    this.azs = ['a', 'b', 'c'].map((s) => `${region}${s}`);
    const t = now();
    this.time = t - (t % TICK_MS);
    this.metrics = new MetricStore(retentionMs);
  }

  /** Runs every tick up to time t (at most 6 hours of catch-up; beyond that, time jumps). */
  advanceTo(t: number): void {
    const maxTicks = (6 * 3600_000) / TICK_MS;
    if ((t - this.time) / TICK_MS > maxTicks) this.time = t - (t % TICK_MS) - maxTicks * TICK_MS;
    while (this.time + TICK_MS <= t) {
      this.time += TICK_MS;
      this.version++;
      for (const d of this.dynamics) d(this, this.time);
    }
  }

  /** An index built once per world version (for read calls that would otherwise rescan everything). */
  memo<T>(key: string, build: () => T): T {
    const hit = this.memos.get(key);
    if (hit && hit.version === this.version) return hit.value as T;
    const value = build();
    if (this.memos.size > 256) this.memos.clear();
    this.memos.set(key, { version: this.version, value });
    return value;
  }

  /** An AWS-style id: prefix plus 17 hex digits. */
  id(prefix: string): string {
    return `${prefix}-${this.rng.hex(17)}`;
  }

  /** An ARN in this region and account. */
  arn(service: string, resource: string): string {
    return `arn:aws:${service}:${this.region}:${this.account}:${resource}`;
  }

  /** The next private IP in the sandbox VPC. */
  nextIp(): string {
    const n = this.ipCounter++;
    return `10.0.${(n >> 8) & 255}.${n & 255}`;
  }

  /** A public IP for instances in public subnets (documentation range, never routable). */
  publicIp(): string {
    return `203.0.113.${1 + this.rng.int(254)}`;
  }

  /** Finds an ECS cluster by name or ARN (undefined if absent or inactive). */
  cluster(ref: string | undefined): ClusterRec | undefined {
    const name = clusterName(ref ?? 'default');
    const c = this.clusters.get(name);
    return c && c.status !== 'INACTIVE' ? c : undefined;
  }

  /** Adds a VPC with its "default" security group (every VPC has one). */
  addVpc(cidr: string, isDefault: boolean): string {
    const id = this.id('vpc');
    this.vpcs.push({ id, cidr, isDefault });
    const sg = this.id('sg');
    const all = { IpProtocol: '-1', IpRanges: [], UserIdGroupPairs: [{ GroupId: sg, UserId: this.account }] };
    this.securityGroups.set(sg, {
      id: sg,
      name: 'default',
      description: 'default VPC security group',
      vpcId: id,
      ingress: [all],
      egress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], UserIdGroupPairs: [] }],
      tags: [],
    });
    return id;
  }

  /** The "default" security group of a VPC. */
  defaultGroup(vpcId: string): { GroupId: string; GroupName: string } {
    for (const g of this.securityGroups.values())
      if (g.vpcId === vpcId && g.name === 'default') return { GroupId: g.id, GroupName: g.name };
    return { GroupId: 'sg-00000000000000000', GroupName: 'default' };
  }

  /** The activity log of one group, newest first. */
  activitiesOf(asg: string): ActivityRec[] {
    return this.activities.filter((a) => a.asg === asg).reverse();
  }

  /** A plain JSON snapshot: same seed and same steps give the same string. */
  toJSON(): Record<string, unknown> {
    const seriesOut = [...this.metrics.series.entries()].map(([k, s]) => [k, s.points]);
    return {
      region: this.region,
      time: this.time,
      rng: this.rng.state(),
      instances: [...this.instances.values()],
      volumes: [...this.volumes.values()],
      subnets: [...this.subnets.values()],
      vpcs: this.vpcs,
      securityGroups: [...this.securityGroups.values()],
      launchTemplates: [...this.launchTemplates.values()],
      launchConfigs: [...this.launchConfigs.values()],
      asgs: [...this.asgs.values()],
      activities: this.activities,
      apps: [...this.apps.values()],
      clusters: [...this.clusters.values()],
      taskDefs: [...this.taskDefs.values()],
      services: [...this.services.values()],
      tasks: [...this.tasks.values()],
      containerInstances: [...this.containerInstances.values()],
      alarms: [...this.alarms.values()],
      alarmHistory: this.alarmHistory,
      metrics: seriesOut,
    };
  }
}

/** The name in a cluster reference (a name or an ARN `.../cluster/NAME`). */
export function clusterName(ref: string): string {
  const i = ref.lastIndexOf('cluster/');
  return ref.startsWith('arn:') && i >= 0 ? ref.slice(i + 'cluster/'.length) : ref;
}

/** The last path segment of an ARN or the reference itself (service and task references). */
export function lastSegment(ref: string): string {
  return ref.startsWith('arn:') ? ref.slice(ref.lastIndexOf('/') + 1) : ref;
}
