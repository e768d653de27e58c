// The inventory: plain shapes of what discovery found, free of SDK types, so every layer above
// src/aws/ (catalogue, steady-state loop, console) can read it without importing the SDK.

/** Key/value tags as a plain record. */
export type Tags = Record<string, string>;

/** An EC2 instance. */
export interface Ec2Instance {
  id: string;
  name?: string;
  state: string;
  type?: string;
  az?: string;
  privateIp?: string;
  launchTime?: string;
  /** The Auto Scaling group it belongs to (tag aws:autoscaling:groupName), if any. */
  asg?: string;
  tags: Tags;
}

/** A member of an Auto Scaling group, with its lifecycle and health as the ASG sees it. */
export interface AsgMember {
  id: string;
  az?: string;
  lifecycle: string;
  health: string;
}

/** An Auto Scaling group. */
export interface AutoScalingGroup {
  name: string;
  arn?: string;
  min: number;
  max: number;
  desired: number;
  azs: string[];
  instances: AsgMember[];
  suspended: string[];
  healthCheckType?: string;
  healthCheckGracePeriod?: number;
  targetGroupArns: string[];
  tags: Tags;
}

/** An ECS cluster with its counters. */
export interface EcsCluster {
  name: string;
  arn: string;
  status?: string;
  activeServices: number;
  runningTasks: number;
  pendingTasks: number;
  containerInstances: number;
  tags: Tags;
}

/** An ECS service: desired / running / pending tasks. */
export interface EcsService {
  cluster: string;
  name: string;
  arn: string;
  status?: string;
  launchType?: string;
  desired: number;
  running: number;
  pending: number;
  tags: Tags;
}

/** An ECS task. */
export interface EcsTask {
  cluster: string;
  arn: string;
  id: string;
  /** The service that started it (from the task's group "service:NAME"), if any. */
  service?: string;
  group?: string;
  lastStatus?: string;
  desiredStatus?: string;
  launchType?: string;
  az?: string;
  containerInstance?: string;
  taskDefinition?: string;
  startedAt?: string;
  tags: Tags;
}

/** An ECS container instance (EC2 capacity registered to a cluster), the target of a drain. */
export interface EcsContainerInstance {
  cluster: string;
  arn: string;
  /** The id at the end of the ARN, what the console shows. */
  id: string;
  ec2InstanceId?: string;
  /** ACTIVE, DRAINING, REGISTERING... */
  status?: string;
  runningTasks: number;
  pendingTasks: number;
  /** Whether the ECS agent on it is talking to ECS (a disconnected agent gets no new tasks). */
  agentConnected?: boolean;
  /** From the instance's `ecs.availability-zone` attribute. */
  az?: string;
  instanceType?: string;
}

/** A CloudWatch metric alarm and its state. */
export interface CloudWatchAlarm {
  name: string;
  arn?: string;
  state: string;
  reason?: string;
  updated?: string;
  namespace?: string;
  metric?: string;
  statistic?: string;
  comparison?: string;
  threshold?: number;
  period?: number;
  evaluationPeriods?: number;
  dimensions: Record<string, string>;
  actionsEnabled?: boolean;
}

/** The kinds of resource discovery lists, in display order. */
export const RESOURCE_KINDS = [
  'instances',
  'autoScalingGroups',
  'clusters',
  'services',
  'tasks',
  'containerInstances',
  'alarms',
] as const;

/** One of the discovered resource kinds. */
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** A listing that failed (AccessDenied on one service...): the others are still shown. */
export interface InventoryGap {
  kinds: ResourceKind[];
  operation: string;
  message: string;
}

/** Who we are talking as: shown in every header, since an operator must know which account. */
export interface CallerIdentity {
  account: string;
  arn: string;
  userId?: string;
}

/** Everything discovery found in one account and region. */
export interface Inventory {
  identity: CallerIdentity;
  region: string;
  endpoint?: string;
  discoveredAt: string;
  instances: Ec2Instance[];
  autoScalingGroups: AutoScalingGroup[];
  clusters: EcsCluster[];
  services: EcsService[];
  tasks: EcsTask[];
  containerInstances: EcsContainerInstance[];
  alarms: CloudWatchAlarm[];
  gaps: InventoryGap[];
}
