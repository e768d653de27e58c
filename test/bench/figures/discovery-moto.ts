// Discovery against moto of a 200-instance, 20-ASG, 5-cluster world: API calls against the
// minimum the page maxima allow, and wall time next to the sum of the calls' own latencies.
import { CreateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateLaunchTemplateCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
} from '@aws-sdk/client-ecs';
import { AwsContext } from '../../../src/aws/clients.js';
import { discover } from '../../../src/aws/discovery/index.js';
import { minimumCalls, totalCalls } from '../../../src/aws/discovery/minimum.js';
import { runPermitted } from '../../../src/aws/mutations.js';
import { type FigureGroup, median } from '../figure.js';
import { type MotoServer, startMoto } from '../moto.js';

let moto: MotoServer | string | undefined;

async function seed(ctx: AwsContext): Promise<void> {
  const ec2 = await ctx.client('ec2');
  const subnets = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? [];
  const sg = (
    await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }),
    )
  ).SecurityGroups![0]!.GroupId!;
  for (let i = 0; i < 10; i++) {
    await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        InstanceType: 't3.micro',
        MinCount: 10,
        MaxCount: 10,
        SubnetId: subnets[i % 3]!.SubnetId,
      }),
    );
  }
  const lt = await ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'bench',
      LaunchTemplateData: { ImageId: 'ami-12c6146b' },
    }),
  );
  const asg = await ctx.client('autoscaling');
  for (let g = 0; g < 20; g++) {
    await asg.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: `asg-${g}`,
        MinSize: 5,
        MaxSize: 10,
        DesiredCapacity: 5,
        LaunchTemplate: { LaunchTemplateId: lt.LaunchTemplate!.LaunchTemplateId },
        VPCZoneIdentifier: subnets[g % 3]!.SubnetId,
      }),
    );
  }
  const ecs = await ctx.client('ecs');
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'app',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      containerDefinitions: [{ name: 'app', image: 'nginx', memory: 512 }],
    }),
  );
  const net = { awsvpcConfiguration: { subnets: [subnets[0]!.SubnetId!], securityGroups: [sg] } };
  for (let c = 0; c < 5; c++) {
    await ecs.send(new CreateClusterCommand({ clusterName: `cluster-${c}` }));
    for (let s = 0; s < 4; s++) {
      await ecs.send(
        new CreateServiceCommand({
          cluster: `cluster-${c}`,
          serviceName: `svc-${s}`,
          taskDefinition: 'app',
          desiredCount: 2,
          launchType: 'FARGATE',
          networkConfiguration: net,
        }),
      );
      await ecs.send(
        new RunTaskCommand({
          cluster: `cluster-${c}`,
          taskDefinition: 'app',
          count: 2,
          launchType: 'FARGATE',
          group: `service:svc-${s}`,
          networkConfiguration: net,
        }),
      );
    }
  }
  const cw = await ctx.client('cloudwatch');
  for (let a = 0; a < 40; a++) {
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: `alarm-${a}`,
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Statistic: 'Average',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 80,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
  }
}

/** The moto discovery figures. */
export const discoveryMoto: FigureGroup = {
  name: 'discovery-moto',
  async skip() {
    moto = startMoto();
    return typeof moto === 'string' ? moto : undefined;
  },
  async measure() {
    const server = moto as MotoServer;
    try {
      const ctx = await AwsContext.create({
        endpoint: server.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
        env: {},
      });
      await runPermitted('bench-seed', () => seed(ctx));
      await discover(ctx); // warm-up: moto loads its backends lazily
      const walls: number[] = [];
      const sums: number[] = [];
      let calls = 0;
      let minimum = 0;
      let instances = 0;
      for (let i = 0; i < 5; i++) {
        ctx.counter.reset();
        const started = performance.now();
        const inv = await discover(ctx);
        walls.push(performance.now() - started);
        sums.push(ctx.counter.latencyMs);
        calls = ctx.counter.total;
        minimum = totalCalls(minimumCalls(inv));
        instances = inv.instances.length;
      }
      await ctx.destroy();
      const wall = median(walls);
      const sum = median(sums);
      return [
        {
          figure: `moto discovery API calls (${instances} instances, 20 ASGs, 5 clusters)`,
          target: `= minimum ${minimum}`,
          targetValue: minimum,
          measured: calls,
          unit: 'calls',
          better: 'lower',
        },
        {
          figure: 'moto discovery wall time (median of 5)',
          target: '',
          measured: wall,
          unit: 'ms',
          note: `sum of call latencies ${sum.toFixed(0)} ms: concurrency saves ${(sum / wall).toFixed(1)}x`,
        },
      ];
    } finally {
      server.stop();
    }
  },
};
