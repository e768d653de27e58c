// The worlds the sandbox can start with: 'default' (a small shop to practise on), 'large' (for
// discovery benchmarks) and 'empty' (only the default VPC, for the parity suite that seeds itself).
import {
  alarm,
  cluster,
  launchTemplate,
  makeAsg,
  OPT_IN,
  seedNetwork,
  service,
  shopVpc,
  standalone,
  taskDef,
} from './preset-builders.js';
import type { World } from './world.js';

export { OPT_IN, seedNetwork } from './preset-builders.js';
/** The practice shop: web ASG behind a load balancer, ECS services, standalone hosts, alarms. */
export function seedDefault(world: World, now: number): void {
  seedNetwork(world);
  const privates = shopVpc(world, 'shop');
  const lt = launchTemplate(world, 'web-lt', now);
  const web = makeAsg(
    world,
    'web',
    privates,
    { min: 3, max: 12, desired: 6 },
    [OPT_IN, { Key: 'team', Value: 'storefront' }],
    lt,
    now,
  );
  const lbName = `app/shop-alb/${world.rng.hex(16)}`;
  const tgName = web.targetGroups[0]!.slice(web.targetGroups[0]!.indexOf('targetgroup/'));
  world.apps.set('web', {
    name: 'web',
    asg: 'web',
    loadBalancer: lbName,
    targetGroup: tgName,
    baseRps: 240,
    capacityPerTarget: 80,
    baseLatency: 0.06,
  });
  standalone(world, 'bastion', privates[0]!, [{ Key: 'team', Value: 'platform' }], now);
  standalone(
    world,
    'db-primary',
    privates[1]!,
    [
      { Key: 'chaos:allowed', Value: 'false' },
      { Key: 'team', Value: 'data' },
    ],
    now,
    'r6g.large',
  );
  standalone(world, 'batch-1', privates[1]!, [OPT_IN, { Key: 'team', Value: 'data' }], now);
  standalone(world, 'batch-2', privates[2]!, [OPT_IN, { Key: 'team', Value: 'data' }], now);
  const hosts = privates.map((s, n) =>
    standalone(
      world,
      `ecs-host-${String.fromCharCode(97 + n)}`,
      s,
      [OPT_IN, { Key: 'team', Value: 'platform' }],
      now,
      't3.medium',
    ),
  );

  const shop = cluster(world, 'shop', [OPT_IN], now);
  const checkout = service(
    world,
    shop,
    'checkout',
    taskDef(world, 'checkout', '512', '1024', true, now),
    4,
    privates,
    [OPT_IN],
    now,
  );
  service(world, shop, 'worker', taskDef(world, 'worker', '256', '512', true, now), 2, privates, [], now);
  world.apps.set('checkout', {
    name: 'checkout',
    ecs: { cluster: shop, service: checkout.arn },
    loadBalancer: `app/checkout-alb/${world.rng.hex(16)}`,
    targetGroup: `targetgroup/checkout-tg/${world.rng.hex(16)}`,
    baseRps: 60,
    capacityPerTarget: 30,
    baseLatency: 0.09,
  });

  const ops = cluster(world, 'ops', [OPT_IN], now);
  for (const id of hosts) {
    const inst = world.instances.get(id)!;
    const cid = world.rng.hex(32);
    const arn = world.arn('ecs', `container-instance/ops/${cid}`);
    world.containerInstances.set(arn, {
      arn,
      id: cid,
      cluster: ops,
      ec2InstanceId: id,
      status: 'ACTIVE',
      cpu: 2048,
      memory: 3904,
      az: inst.az,
      registered: now - 86_400_000,
      version: 1,
      tags: [],
    });
  }
  service(
    world,
    ops,
    'reporting',
    taskDef(world, 'reporting', '256', '512', false, now),
    4,
    privates,
    [OPT_IN],
    now,
  );

  const lb = { Name: 'LoadBalancer', Value: lbName };
  alarm(
    world,
    'web-high-5xx',
    {
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_Target_5XX_Count',
      dimensions: [lb],
      statistic: 'Sum',
      period: 60,
      evaluationPeriods: 1,
      threshold: 50,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      description: 'More than 50 target 5xx responses in a minute',
    },
    now,
  );
  alarm(
    world,
    'web-low-healthy-hosts',
    {
      namespace: 'AWS/ApplicationELB',
      metricName: 'HealthyHostCount',
      dimensions: [{ Name: 'TargetGroup', Value: tgName }, lb],
      statistic: 'Minimum',
      period: 60,
      evaluationPeriods: 1,
      threshold: 5,
      comparison: 'LessThanThreshold',
      description: 'Fewer than 5 healthy web targets',
    },
    now,
  );
  alarm(
    world,
    'web-high-latency',
    {
      namespace: 'AWS/ApplicationELB',
      metricName: 'TargetResponseTime',
      dimensions: [lb],
      extendedStatistic: 'p90',
      period: 60,
      evaluationPeriods: 2,
      threshold: 0.5,
      comparison: 'GreaterThanThreshold',
      description: 'p90 latency above 500 ms for 2 minutes',
    },
    now,
  );
  alarm(
    world,
    'web-high-cpu',
    {
      namespace: 'AWS/EC2',
      metricName: 'CPUUtilization',
      dimensions: [{ Name: 'AutoScalingGroupName', Value: 'web' }],
      statistic: 'Average',
      period: 60,
      evaluationPeriods: 3,
      threshold: 80,
      comparison: 'GreaterThanThreshold',
      description: 'web ASG CPU above 80 % for 3 minutes',
    },
    now,
  );
  alarm(
    world,
    'checkout-high-cpu',
    {
      namespace: 'AWS/ECS',
      metricName: 'CPUUtilization',
      dimensions: [
        { Name: 'ClusterName', Value: 'shop' },
        { Name: 'ServiceName', Value: 'checkout' },
      ],
      statistic: 'Average',
      period: 60,
      evaluationPeriods: 3,
      threshold: 80,
      comparison: 'GreaterThanThreshold',
      tags: [],
    },
    now,
  );
  alarm(
    world,
    'checkout-tasks-low',
    {
      namespace: 'ECS/ContainerInsights',
      metricName: 'RunningTaskCount',
      dimensions: [
        { Name: 'ClusterName', Value: 'shop' },
        { Name: 'ServiceName', Value: 'checkout' },
      ],
      statistic: 'Minimum',
      period: 60,
      evaluationPeriods: 1,
      threshold: 3,
      comparison: 'LessThanThreshold',
    },
    now,
  );
}

/** The benchmark world: 10,000 instances, 500 ASGs, 100 clusters / 2,000 services / 10,000 tasks, 2,000 alarms;
 * `scale` multiplies every count (the growth benchmark builds 4x and 16x). */
export function seedLarge(world: World, now: number, scale = 1): void {
  // Names keep their 1x width (asg-007) and widen only when the count needs it.
  const name = (prefix: string, n: number, count: number, width: number) =>
    `${prefix}-${String(n).padStart(Math.max(width, String(count - 1).length), '0')}`;
  const asgs = 500 * scale;
  const { defaults } = seedNetwork(world);
  const privates = shopVpc(world, 'fleet');
  const lt = launchTemplate(world, 'fleet-lt', now);
  for (let g = 0; g < asgs; g++) {
    const tags =
      g % 10 === 9 ? [{ Key: 'team', Value: `t${g % 37}` }] : [OPT_IN, { Key: 'team', Value: `t${g % 37}` }];
    makeAsg(world, name('asg', g, asgs, 3), privates, { min: 2, max: 20, desired: 10 }, tags, lt, now);
  }
  const hosts = 5000 * scale;
  for (let n = 0; n < hosts; n++)
    standalone(
      world,
      name('host', n, hosts, 4),
      defaults[n % defaults.length]!,
      n % 4 === 0 ? [] : [OPT_IN],
      now,
    );
  const tds = [
    taskDef(world, 'api', '256', '512', true, now),
    taskDef(world, 'jobs', '256', '512', true, now),
  ];
  const clusters = 100 * scale;
  for (let c = 0; c < clusters; c++) {
    const arn = cluster(world, name('cluster', c, clusters, 3), c % 5 === 4 ? [] : [OPT_IN], now);
    for (let s = 0; s < 20; s++)
      service(
        world,
        arn,
        `svc-${String(s).padStart(2, '0')}`,
        tds[s % 2]!,
        5,
        privates,
        s % 3 === 2 ? [] : [OPT_IN],
        now,
      );
  }
  const alarms = 2000 * scale;
  for (let a = 0; a < alarms; a++) {
    const asg = name('asg', a % asgs, asgs, 3);
    alarm(
      world,
      `${name('alarm', a, alarms, 4)}-${asg}`,
      {
        namespace: 'AWS/EC2',
        metricName: 'CPUUtilization',
        dimensions: [{ Name: 'AutoScalingGroupName', Value: asg }],
        statistic: 'Average',
        period: 60,
        evaluationPeriods: 3,
        threshold: 70 + (a % 4) * 5,
        comparison: 'GreaterThanThreshold',
        tags: a % 7 === 6 ? [] : [{ ...OPT_IN }],
      },
      now,
    );
  }
}
