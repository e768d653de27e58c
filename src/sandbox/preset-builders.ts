// Builders the presets use: resources created directly in their settled state (running
// instances, InService members, RUNNING tasks), as a world that has been up for a day.
import { launchMember } from './asg-ops.js';
import { launchInstance } from './ec2-ops.js';
import { startTask } from './ecs-ops.js';
import type { AsgRec, SubnetRec, Tag } from './model.js';
import type { AlarmRec, ServiceRec, TaskDefRec } from './model-ecs.js';
import type { World } from './world.js';

/** The opt-in tag the catalogue looks for before it touches a resource. */
export const OPT_IN: Tag = { Key: 'chaos:allowed', Value: 'true' };

/** The default VPC with one default subnet per AZ (every region has it; moto has it too). */
export function seedNetwork(world: World): { defaults: SubnetRec[]; privates: SubnetRec[] } {
  const vpc = world.addVpc('172.31.0.0/16', true);
  const defaults = world.azs.map((az, n) => addSubnet(world, vpc, az, `172.31.${n * 16}.0/20`, true, []));
  return { defaults, privates: [] };
}

/** Adds a subnet to a VPC. */
export function addSubnet(
  world: World,
  vpcId: string,
  az: string,
  cidr: string,
  def: boolean,
  tags: Tag[],
): SubnetRec {
  const s: SubnetRec = { id: world.id('subnet'), vpcId, az, cidr, defaultForAz: def, mapPublicIp: def, tags };
  world.subnets.set(s.id, s);
  return s;
}

/** A private VPC with one subnet per AZ, named for the app. */
export function shopVpc(world: World, name: string): SubnetRec[] {
  const vpc = world.addVpc('10.0.0.0/16', false);
  return world.azs.map((az, n) =>
    addSubnet(world, vpc, az, `10.0.${n * 16}.0/20`, false, [
      { Key: 'Name', Value: `${name}-private-${az.slice(-1)}` },
    ]),
  );
}

/** An ASG already at its desired capacity (members InService, instances running). */
export function makeAsg(
  world: World,
  name: string,
  subnets: SubnetRec[],
  size: { min: number; max: number; desired: number },
  tags: Tag[],
  ltId: string,
  now: number,
): AsgRec {
  const lt = world.launchTemplates.get(ltId)!;
  const asg: AsgRec = {
    name,
    arn: world.arn('autoscaling', `autoScalingGroup:${world.rng.uuid()}:autoScalingGroupName/${name}`),
    ...size,
    cooldown: 300,
    azs: subnets.map((s) => s.az),
    subnets: subnets.map((s) => s.id),
    launchTemplate: { id: lt.id, name: lt.name, version: '$Latest' },
    healthCheckType: 'EC2',
    grace: 60,
    members: [],
    suspended: [],
    tags: [
      { Key: 'Name', Value: name, PropagateAtLaunch: true },
      ...tags.map((t) => ({ ...t, PropagateAtLaunch: true })),
    ],
    targetGroups: [world.arn('elasticloadbalancing', `targetgroup/${name}-tg/${world.rng.hex(16)}`)],
    created: now - 86_400_000,
    launchDelay: 30,
  };
  world.asgs.set(name, asg);
  for (let n = 0; n < size.desired; n++) launchMember(world, asg, now - 86_400_000, '', true);
  return asg;
}

/** A launch template for preset ASGs; returns its id. */
export function launchTemplate(world: World, name: string, now: number): string {
  const id = world.id('lt');
  world.launchTemplates.set(id, {
    id,
    name,
    version: 1,
    imageId: `ami-${world.rng.hex(17)}`,
    type: 't3.small',
    created: now - 86_400_000,
    tags: [],
  });
  return id;
}

/** A running instance outside any ASG; returns its id. */
export function standalone(
  world: World,
  name: string,
  subnet: SubnetRec,
  tags: Tag[],
  now: number,
  type = 't3.micro',
): string {
  const inst = launchInstance(
    world,
    {
      imageId: 'ami-0c02fb55956c7d316',
      type,
      subnet,
      tags: [{ Key: 'Name', Value: name }, ...tags],
      reservationId: world.id('r'),
      running: true,
    },
    now - 86_400_000,
  );
  return inst.id;
}

/** An ACTIVE ECS cluster; returns its ARN. */
export function cluster(world: World, name: string, tags: Tag[], now: number): string {
  const arn = world.arn('ecs', `cluster/${name}`);
  world.clusters.set(name, {
    name,
    arn,
    status: 'ACTIVE',
    tags: tags.map((t) => ({ key: t.Key, value: t.Value })),
    created: now - 86_400_000,
  });
  return arn;
}

/** Revision 1 of a task definition. */
export function taskDef(
  world: World,
  family: string,
  cpu: string,
  memory: string,
  fargate: boolean,
  now: number,
): TaskDefRec {
  const td: TaskDefRec = {
    family,
    revision: 1,
    arn: world.arn('ecs', `task-definition/${family}:1`),
    cpu,
    memory,
    networkMode: fargate ? 'awsvpc' : 'bridge',
    compat: [fargate ? 'FARGATE' : 'EC2'],
    containers: [
      {
        name: family,
        image: `public.ecr.aws/gameday/${family}:1.0`,
        cpu: Number(cpu),
        memory: Number(memory),
        essential: true,
      },
    ],
    status: 'ACTIVE',
    registered: now - 86_400_000,
    tags: [],
  };
  world.taskDefs.set(td.arn, td);
  return td;
}

/** A service with its tasks already RUNNING and its deployment COMPLETED. */
export function service(
  world: World,
  clusterArn: string,
  name: string,
  td: TaskDefRec,
  desired: number,
  subnets: SubnetRec[],
  tags: Tag[],
  now: number,
): ServiceRec {
  const clusterName = clusterArn.slice(clusterArn.lastIndexOf('/') + 1);
  const fargate = td.compat.includes('FARGATE');
  const dep = `ecs-svc/${String(world.rng.u32()).padStart(10, '0')}${String(world.rng.u32()).slice(0, 9).padStart(9, '0')}`;
  const svc: ServiceRec = {
    name,
    arn: world.arn('ecs', `service/${clusterName}/${name}`),
    cluster: clusterArn,
    taskDefinition: td.arn,
    desired,
    launchType: fargate ? 'FARGATE' : 'EC2',
    status: 'ACTIVE',
    maxPercent: 200,
    minHealthyPercent: 100,
    placementStrategy: fargate ? [] : [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
    subnets: fargate ? subnets.map((s) => s.id) : [],
    securityGroups: fargate ? [world.defaultGroup(subnets[0]!.vpcId).GroupId] : [],
    assignPublicIp: 'DISABLED',
    created: now - 86_400_000,
    deployments: [
      {
        id: dep,
        status: 'PRIMARY',
        taskDefinition: td.arn,
        created: now - 86_400_000,
        updated: now - 86_000_000,
        rollout: 'COMPLETED',
      },
    ],
    events: [],
    tags: tags.map((t) => ({ key: t.Key, value: t.Value })),
    steady: true,
    capacityPerTask: 30,
  };
  world.services.set(svc.arn, svc);
  for (let n = 0; n < desired; n++) {
    const r = startTask(
      world,
      {
        cluster: clusterArn,
        taskDef: td,
        launchType: svc.launchType,
        group: `service:${name}`,
        startedBy: dep,
        service: svc,
        azs: subnets.map((s) => s.az),
        running: true,
        az: fargate ? subnets[n % subnets.length]?.az : undefined,
      },
      now - 3_600_000,
    );
    if (typeof r === 'string') break;
  }
  return svc;
}

/** An alarm as PutMetricAlarm would create it (state INSUFFICIENT_DATA until evaluated), opted in unless told. */
export function alarm(
  world: World,
  name: string,
  a: Pick<
    AlarmRec,
    'namespace' | 'metricName' | 'dimensions' | 'period' | 'evaluationPeriods' | 'threshold' | 'comparison'
  > &
    Partial<AlarmRec>,
  now: number,
): void {
  world.alarms.set(name, {
    name,
    arn: world.arn('cloudwatch', `alarm:${name}`),
    datapointsToAlarm: a.evaluationPeriods,
    treatMissingData: 'missing',
    actionsEnabled: true,
    alarmActions: [world.arn('sns', 'gameday-oncall')],
    okActions: [],
    insufficientDataActions: [],
    state: 'INSUFFICIENT_DATA',
    stateReason: 'Unchecked: Initial alarm creation',
    stateUpdated: now,
    stateTransitioned: now,
    configUpdated: now,
    tags: [{ ...OPT_IN }],
    ...a,
  });
}
