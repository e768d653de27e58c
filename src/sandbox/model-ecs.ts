// ECS and CloudWatch shapes of the simulated region (plain data, see model.ts).

/** An ECS key/value tag (ECS spells them lower-case). */
export interface EcsTag {
  key: string;
  value: string;
}

/** An ECS cluster. */
export interface ClusterRec {
  name: string;
  arn: string;
  status: 'ACTIVE' | 'INACTIVE' | 'PROVISIONING' | 'DEPROVISIONING';
  tags: EcsTag[];
  created: number;
}

/** An ECS task definition revision. */
export interface TaskDefRec {
  family: string;
  revision: number;
  arn: string;
  cpu: string;
  memory: string;
  networkMode: string;
  compat: string[];
  containers: { name: string; image: string; cpu?: number; memory?: number; essential: boolean }[];
  status: 'ACTIVE' | 'INACTIVE';
  registered: number;
  tags: EcsTag[];
}

/** One deployment of a service. */
export interface DeploymentRec {
  id: string;
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  taskDefinition: string;
  created: number;
  updated: number;
  rollout: 'COMPLETED' | 'IN_PROGRESS' | 'FAILED';
}

/** An ECS service. */
export interface ServiceRec {
  name: string;
  arn: string;
  cluster: string;
  taskDefinition: string;
  desired: number;
  launchType: 'FARGATE' | 'EC2';
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  maxPercent: number;
  minHealthyPercent: number;
  placementStrategy: { type: string; field?: string }[];
  subnets: string[];
  securityGroups: string[];
  assignPublicIp: 'ENABLED' | 'DISABLED';
  created: number;
  deployments: DeploymentRec[];
  events: { id: string; createdAt: number; message: string }[];
  tags: EcsTag[];
  /** When the scheduler first saw too few tasks (it reacts after a short delay, as ECS does). */
  deficitSince?: number;
  /** Whether the last steady-state event was already written (so it is written once per steady spell). */
  steady: boolean;
  /** Requests per second one task serves at full CPU (traffic model). */
  capacityPerTask: number;
}

/** ECS task lifecycle states, in order. */
export type TaskStatus =
  | 'PROVISIONING'
  | 'PENDING'
  | 'ACTIVATING'
  | 'RUNNING'
  | 'DEACTIVATING'
  | 'STOPPING'
  | 'DEPROVISIONING'
  | 'STOPPED';

/** An ECS task. */
export interface TaskRec {
  arn: string;
  id: string;
  cluster: string;
  taskDefinition: string;
  group: string;
  startedBy?: string;
  service?: string;
  deployment?: string;
  lastStatus: TaskStatus;
  desiredStatus: 'RUNNING' | 'STOPPED';
  launchType: 'FARGATE' | 'EC2';
  az: string;
  containerInstance?: string;
  cpu: string;
  memory: string;
  created: number;
  startedAt?: number;
  stoppingAt?: number;
  stoppedAt?: number;
  stoppedReason?: string;
  stopCode?: string;
  transitionAt?: number;
  privateIp: string;
  version: number;
  tags: EcsTag[];
  purgeAt?: number;
}

/** An EC2 instance registered in an ECS cluster. */
export interface ContainerInstanceRec {
  arn: string;
  id: string;
  cluster: string;
  ec2InstanceId: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE' | 'REGISTERING' | 'DEREGISTERING';
  cpu: number;
  memory: number;
  az: string;
  registered: number;
  version: number;
  tags: EcsTag[];
}

/** A CloudWatch metric alarm. */
export interface AlarmRec {
  name: string;
  arn: string;
  description?: string;
  namespace: string;
  metricName: string;
  dimensions: { Name: string; Value: string }[];
  statistic?: string;
  extendedStatistic?: string;
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparison: string;
  treatMissingData: 'breaching' | 'notBreaching' | 'ignore' | 'missing';
  unit?: string;
  actionsEnabled: boolean;
  alarmActions: string[];
  okActions: string[];
  insufficientDataActions: string[];
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  stateReason: string;
  stateReasonData?: string;
  stateUpdated: number;
  stateTransitioned: number;
  configUpdated: number;
  tags: { Key: string; Value: string }[];
}

/** One entry of an alarm's history. */
export interface AlarmHistoryRec {
  alarmName: string;
  alarmType: 'MetricAlarm';
  timestamp: number;
  type: 'StateUpdate' | 'ConfigurationUpdate' | 'Action';
  summary: string;
  data: string;
}
