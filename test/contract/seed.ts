// Seeds a small world through the real SDK calls, the same on every contract target: tagged and
// untagged instances across AZs (one stopped), an ASG, two ECS clusters with a service and tasks,
// and alarms in OK and ALARM. Returns what was made, for exact comparison with discovery.
import {
  type AutoScalingClient,
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  type CloudWatchClient,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateLaunchTemplateCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  type EC2Client,
  RunInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  type ECSClient,
  ListTasksCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
} from '@aws-sdk/client-ecs';
import type { AwsContext } from '../../src/aws/clients.js';
import { runPermitted } from '../../src/aws/mutations.js';
import { settle } from './targets.js';

/** What the seed created, keyed for assertions. */
export interface SeededWorld {
  standalone: { id: string; az: string; tags: Record<string, string>; state: string }[];
  asgName: string;
  asgInstanceIds: string[];
  clusters: string[];
  service: { cluster: string; name: string; desired: number };
  taskArns: string[];
  /** The EC2 capacity registered to the "batch" cluster (one standalone instance). */
  containerInstance: { cluster: string; arn: string; ec2InstanceId: string; az: string };
  alarms: { name: string; state: string }[];
}

const AMI = 'ami-12c6146b';

/** Seeds the world; test fixtures hold the mutation permit (in the product only the guard does). */
export function seedWorld(ctx: AwsContext): Promise<SeededWorld> {
  return runPermitted('contract-test-seed', () => seed(ctx));
}

async function seed(ctx: AwsContext): Promise<SeededWorld> {
  const ec2 = (await ctx.client('ec2')) as EC2Client;
  const subnets = await ec2.send(new DescribeSubnetsCommand({}));
  const subnetByAz = new Map((subnets.Subnets ?? []).map((s) => [s.AvailabilityZone!, s.SubnetId!]));
  const standalone: SeededWorld['standalone'] = [];
  // Seven single launches: seven reservations, so a page size of 5 needs two pages on every target.
  const azs = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
  for (let n = 0; n < 7; n++) {
    const az = azs[n % 3]!;
    const tags: Record<string, string> = { Name: `api-${n}`, team: n % 2 ? 'payments' : 'search' };
    if (n !== 6) tags['chaos:allowed'] = 'true';
    const r = await ec2.send(
      new RunInstancesCommand({
        ImageId: AMI,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnetByAz.get(az),
        TagSpecifications: [
          { ResourceType: 'instance', Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
        ],
      }),
    );
    standalone.push({ id: r.Instances![0]!.InstanceId!, az, tags, state: 'running' });
  }
  await ec2.send(new StopInstancesCommand({ InstanceIds: [standalone[5]!.id] }));
  standalone[5]!.state = 'stopped';

  const lt = await ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'web-lt',
      LaunchTemplateData: { ImageId: AMI, InstanceType: 't3.micro' },
    }),
  );
  const asg = (await ctx.client('autoscaling')) as AutoScalingClient;
  await asg.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: 'web',
      MinSize: 2,
      MaxSize: 4,
      DesiredCapacity: 2,
      LaunchTemplate: { LaunchTemplateId: lt.LaunchTemplate!.LaunchTemplateId, Version: '$Latest' },
      VPCZoneIdentifier: [subnetByAz.get('us-east-1a'), subnetByAz.get('us-east-1b')].join(','),
      Tags: [{ Key: 'chaos:allowed', Value: 'true', PropagateAtLaunch: true }],
    }),
  );
  const group = await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['web'] }));
  const asgInstanceIds = (group.AutoScalingGroups?.[0]?.Instances ?? []).map((i) => i.InstanceId!);

  const ecs = (await ctx.client('ecs')) as ECSClient;
  await ecs.send(
    new CreateClusterCommand({ clusterName: 'shop', tags: [{ key: 'chaos:allowed', value: 'true' }] }),
  );
  await ecs.send(new CreateClusterCommand({ clusterName: 'batch' }));
  // One standalone instance joins "batch" as EC2 capacity (the ECS agent's registration).
  const host = standalone[0]!;
  const registered = await ecs.send(
    new RegisterContainerInstanceCommand({
      cluster: 'batch',
      instanceIdentityDocument: JSON.stringify({ instanceId: host.id, availabilityZone: host.az }),
    }),
  );
  const containerInstance = {
    cluster: 'batch',
    arn: registered.containerInstance!.containerInstanceArn!,
    ec2InstanceId: host.id,
    az: host.az,
  };
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'checkout',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: 'nginx', memory: 512 }],
    }),
  );
  const groups = await ec2.send(
    new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }),
  );
  const network = {
    awsvpcConfiguration: {
      subnets: [subnetByAz.get('us-east-1a')!],
      securityGroups: [groups.SecurityGroups![0]!.GroupId!],
    },
  };
  await ecs.send(
    new CreateServiceCommand({
      cluster: 'shop',
      serviceName: 'checkout',
      taskDefinition: 'checkout',
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: network,
    }),
  );
  // A service starts its own tasks (the sandbox, like AWS); moto's does not, so start them for it.
  let taskArns = (await ecs.send(new ListTasksCommand({ cluster: 'shop' }))).taskArns ?? [];
  if (!taskArns.length) {
    const run = await ecs.send(
      new RunTaskCommand({
        cluster: 'shop',
        taskDefinition: 'checkout',
        count: 2,
        launchType: 'FARGATE',
        group: 'service:checkout',
        networkConfiguration: network,
      }),
    );
    taskArns = (run.tasks ?? []).map((t) => t.taskArn!);
  }
  // Before the alarms: time passing would evaluate them (no data → INSUFFICIENT_DATA, as on AWS).
  settle(ctx);

  const cw = (await ctx.client('cloudwatch')) as CloudWatchClient;
  const alarms = [
    { name: 'web-5xx-high', state: 'ALARM' },
    { name: 'web-latency-high', state: 'OK' },
  ];
  for (const a of alarms) {
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: a.name,
        Namespace: 'AWS/ApplicationELB',
        MetricName: a.name.includes('5xx') ? 'HTTPCode_Target_5XX_Count' : 'TargetResponseTime',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 10,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    await cw.send(
      new SetAlarmStateCommand({ AlarmName: a.name, StateValue: a.state as 'OK', StateReason: 'seeded' }),
    );
  }
  return {
    standalone,
    asgName: 'web',
    asgInstanceIds,
    clusters: ['batch', 'shop'],
    service: { cluster: 'shop', name: 'checkout', desired: 2 },
    taskArns,
    containerInstance,
    alarms,
  };
}
