// The traffic model: each app (a load balancer + target group in front of an ASG or an ECS
// service) gets a request rate with a slow wave and noise, spread over its healthy targets. CPU,
// latency and 5xx follow utilisation, so losing capacity shows in the graphs and trips alarms.
// Publishes the metrics AWS publishes, at 10-second resolution.
import { targetHealthy } from '../ec2-ops.js';
import type { Series } from '../metrics.js';
import type { AppRec, InstanceRec } from '../model.js';
import type { World } from '../world.js';

const TICK_S = 10;

/** Each instance's CPU series, kept so the busiest loop does not rebuild its key every tick. */
const cpuSeries = new WeakMap<InstanceRec, Series>();

/** Publishes one value of `owner`'s metric (an app, a group or a service; its series is looked
 * up once). `dims` is only read the first time. */
function put(
  world: World,
  owner: object,
  t: number,
  namespace: string,
  name: string,
  dims: readonly (readonly [string, string])[],
  value: number,
  unit: string,
  samples?: number[],
): void {
  const series = world.metrics.seriesOwnedBy(owner, namespace, name, dims, t);
  world.metrics.putTo(series, t, { sum: value, count: 1, min: value, max: value, values: samples }, unit);
}

/** Utilisation → latency multiplier (a queue that degrades sharply near saturation). */
function latencyFactor(u: number): number {
  if (u < 0.95) return 1 / (1 - u);
  return 20 + (u - 0.95) * 100;
}

/** The share of requests answered with 5xx at a given utilisation. */
function errorShare(u: number): number {
  if (u <= 0.9) return 0.0005;
  return Math.min(0.6, 0.0005 + (u - 0.9) * 1.2);
}

function appTraffic(
  world: World,
  app: AppRec,
  t: number,
  healthy: number,
  registered: number,
): { u: number; cpu: number } {
  const wave = 1 + 0.12 * Math.sin((2 * Math.PI * t) / 3_600_000);
  const rps = Math.max(0, app.baseRps * wave * (1 + world.rng.normal(0, 0.03)));
  const requests = Math.round(rps * TICK_S);
  const capacity = healthy * app.capacityPerTarget;
  const u = capacity > 0 ? rps / capacity : Number.POSITIVE_INFINITY;
  const lb: [string, string] = ['LoadBalancer', app.loadBalancer];
  const tg: [string, string] = ['TargetGroup', app.targetGroup];
  put(world, app, t, 'AWS/ApplicationELB', 'RequestCount', [lb], requests, 'Count');
  put(world, app, t, 'AWS/ApplicationELB', 'HealthyHostCount', [tg, lb], healthy, 'Count');
  put(
    world,
    app,
    t,
    'AWS/ApplicationELB',
    'UnHealthyHostCount',
    [tg, lb],
    Math.max(0, registered - healthy),
    'Count',
  );
  if (healthy === 0) {
    put(world, app, t, 'AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', [lb], requests, 'Count');
    put(world, app, t, 'AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', [lb], 0, 'Count');
    return { u, cpu: 0 };
  }
  const errors = Math.round(requests * errorShare(u) * (1 + world.rng.normal(0, 0.1)));
  put(world, app, t, 'AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', [lb], Math.max(0, errors), 'Count');
  put(world, app, t, 'AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', [lb], 0, 'Count');
  const mean = app.baseLatency * latencyFactor(u);
  const samples = Array.from({ length: 12 }, () =>
    Math.max(0.001, mean * -Math.log(1 - world.rng.next() * 0.999)),
  );
  const avg = samples.reduce((a, b) => a + b, 0) / samples.length;
  world.metrics.putTo(
    world.metrics.seriesOwnedBy(app, 'AWS/ApplicationELB', 'TargetResponseTime', [lb], t),
    t,
    {
      sum: avg * Math.max(1, requests),
      count: Math.max(1, requests),
      min: Math.min(...samples),
      max: Math.max(...samples),
      values: samples,
    },
    'Seconds',
  );
  return { u, cpu: Math.min(100, 6 + 84 * Math.min(u, 1.2)) };
}

function noisy(world: World, v: number, sd: number): number {
  return Math.max(0, Math.min(100, v + world.rng.normal(0, sd)));
}

/** The dynamics entry: one tick of traffic and the metrics it produces. */
export function traffic(world: World, t: number): void {
  const cpuOf = new Map<string, number>();
  const serviceCpu = new Map<string, number>();
  for (const app of world.apps.values()) {
    if (app.asg) {
      const asg = world.asgs.get(app.asg);
      if (!asg) continue;
      const members = asg.members.filter((m) => m.lifecycle === 'InService');
      const healthy = members.filter((m) => {
        const inst = world.instances.get(m.id);
        return inst !== undefined && targetHealthy(world, inst, t);
      });
      const { cpu } = appTraffic(world, app, t, healthy.length, members.length);
      for (const m of healthy) cpuOf.set(m.id, cpu);
    } else if (app.ecs) {
      const svc = world.services.get(app.ecs.service);
      if (!svc) continue;
      let running = 0;
      for (const task of world.tasks.values())
        if (task.service === svc.arn && task.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING')
          running++;
      serviceCpu.set(svc.arn, appTraffic(world, app, t, running, running).cpu);
    }
  }
  // Per-instance and per-service series every 10 s in a small world; once a minute (EC2 detailed
  // monitoring) in a big one, where 10-second points for every resource would cost most of a tick.
  const everyMinute = t % 60_000 === 0;
  const instanceDetail = everyMinute || world.instances.size <= 500;
  const serviceDetail = everyMinute || world.services.size <= 200;
  const asgCpu = new Map<string, number[]>();
  for (const inst of world.instances.values()) {
    if (inst.state !== 'running') continue;
    const booting = inst.runningSince !== undefined && t - inst.runningSince < 60_000;
    const cpu = noisy(world, cpuOf.get(inst.id) ?? (booting ? 45 : 3), 2.5);
    let series = cpuSeries.get(inst);
    if (!series && instanceDetail) {
      series = world.metrics.seriesOf(
        {
          namespace: 'AWS/EC2',
          name: 'CPUUtilization',
          dimensions: [{ Name: 'InstanceId', Value: inst.id }],
        },
        t,
      );
      cpuSeries.set(inst, series);
    }
    if (series && instanceDetail)
      world.metrics.putTo(series, t, { sum: cpu, count: 1, min: cpu, max: cpu }, 'Percent');
    if (inst.asg) {
      const list = asgCpu.get(inst.asg) ?? [];
      list.push(cpu);
      asgCpu.set(inst.asg, list);
    }
  }
  for (const asg of world.asgs.values()) {
    const list = asgCpu.get(asg.name);
    if (list?.length) {
      const avg = list.reduce((a, b) => a + b, 0) / list.length;
      world.metrics.putTo(
        world.metrics.seriesOwnedBy(
          asg,
          'AWS/EC2',
          'CPUUtilization',
          [['AutoScalingGroupName', asg.name]],
          t,
        ),
        t,
        { sum: avg, count: 1, min: Math.min(...list), max: Math.max(...list), values: list },
        'Percent',
      );
    }
    const inService = asg.members.filter((m) => m.lifecycle === 'InService').length;
    put(
      world,
      asg,
      t,
      'AWS/AutoScaling',
      'GroupInServiceInstances',
      [['AutoScalingGroupName', asg.name]],
      inService,
      'None',
    );
    put(
      world,
      asg,
      t,
      'AWS/AutoScaling',
      'GroupDesiredCapacity',
      [['AutoScalingGroupName', asg.name]],
      asg.desired,
      'None',
    );
  }
  const counts = new Map<string, { running: number; pending: number }>();
  for (const task of world.tasks.values()) {
    if (!task.service || task.desiredStatus !== 'RUNNING') continue;
    const c = counts.get(task.service) ?? { running: 0, pending: 0 };
    if (task.lastStatus === 'RUNNING') c.running++;
    else if (task.lastStatus !== 'STOPPED') c.pending++;
    counts.set(task.service, c);
  }
  for (const svc of world.services.values()) {
    if (svc.status === 'INACTIVE' || !serviceDetail) continue;
    const cluster = svc.cluster.slice(svc.cluster.lastIndexOf('/') + 1);
    const dims: [string, string][] = [
      ['ClusterName', cluster],
      ['ServiceName', svc.name],
    ];
    const c = counts.get(svc.arn) ?? { running: 0, pending: 0 };
    put(world, svc, t, 'ECS/ContainerInsights', 'RunningTaskCount', dims, c.running, 'Count');
    put(world, svc, t, 'ECS/ContainerInsights', 'PendingTaskCount', dims, c.pending, 'Count');
    put(world, svc, t, 'ECS/ContainerInsights', 'DesiredTaskCount', dims, svc.desired, 'Count');
    if (c.running === 0) continue;
    const load = serviceCpu.get(svc.arn) ?? Math.min(100, (30 * Math.max(svc.desired, 1)) / c.running);
    put(world, svc, t, 'AWS/ECS', 'CPUUtilization', dims, noisy(world, load, 2), 'Percent');
    put(world, svc, t, 'AWS/ECS', 'MemoryUtilization', dims, noisy(world, 35 + load / 4, 1), 'Percent');
  }
}
