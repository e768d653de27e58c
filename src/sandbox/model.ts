// The shapes of the simulated region's state: plain data (JSON-serialisable), no SDK types, so a
// world snapshot can be compared byte for byte. Handlers turn these into the SDK's output shapes.

/** An EC2 tag (also used for ASG tags, with PropagateAtLaunch). */
export interface Tag {
  Key: string;
  Value: string;
}

/** The EC2 instance states, with AWS's numeric codes. */
export const STATE_CODE = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
} as const;
/** An EC2 instance state name. */
export type InstanceState = keyof typeof STATE_CODE;

/** An EC2 instance and what the simulation needs to know about it. */
export interface InstanceRec {
  id: string;
  reservationId: string;
  imageId: string;
  type: string;
  az: string;
  subnetId: string;
  vpcId: string;
  privateIp: string;
  publicIp?: string;
  state: InstanceState;
  launchTime: number;
  /** When the current transitional state (pending, stopping, shutting-down) ends. */
  transitionAt?: number;
  /** When the instance entered `running` (target health warm-up counts from here). */
  runningSince?: number;
  /** Rebooting: out of service until this time. */
  rebootUntil?: number;
  stateReason?: { Code: string; Message: string };
  transitionReason: string;
  tags: Tag[];
  asg?: string;
  launchTemplate?: { id: string; name: string; version: string };
  keyName?: string;
  securityGroups: { GroupId: string; GroupName: string }[];
  /** The device of the app's data volume, if it was launched with one (the app fails without it). */
  dataDevice?: string;
  /** When a terminated instance disappears from Describe calls (about an hour, as in AWS). */
  purgeAt?: number;
}

/** An EBS volume (root and data volumes; chaosaws detaches non-root ones). */
export interface VolumeRec {
  id: string;
  az: string;
  size: number;
  type: string;
  state: 'creating' | 'available' | 'in-use' | 'deleting' | 'deleted';
  createTime: number;
  attachment?: {
    instanceId: string;
    device: string;
    state: 'attaching' | 'attached' | 'detaching';
    time: number;
    deleteOnTermination: boolean;
  };
  transitionAt?: number;
  tags: Tag[];
}

/** A subnet of the sandbox VPC (one per AZ, plus the default VPC's). */
export interface SubnetRec {
  id: string;
  vpcId: string;
  az: string;
  cidr: string;
  defaultForAz: boolean;
  mapPublicIp: boolean;
  tags: Tag[];
}

/** One ingress/egress rule of a security group (the EC2 IpPermission shape, plain data). */
export interface PermissionRec {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges: { CidrIp: string }[];
  UserIdGroupPairs: { GroupId: string; UserId: string }[];
}

/** A security group (each VPC has a "default" one). */
export interface SecurityGroupRec {
  id: string;
  name: string;
  description: string;
  vpcId: string;
  ingress: PermissionRec[];
  egress: PermissionRec[];
  tags: Tag[];
}

/** A launch template (RunInstances and ASGs launch from it). */
export interface LaunchTemplateRec {
  id: string;
  name: string;
  version: number;
  imageId: string;
  type: string;
  created: number;
  tags: Tag[];
}

/** A launch configuration (the older way ASGs launch). */
export interface LaunchConfigRec {
  name: string;
  arn: string;
  imageId: string;
  type: string;
  created: number;
}

/** An Auto Scaling process that can be suspended. */
export const SCALING_PROCESSES = [
  'Launch',
  'Terminate',
  'HealthCheck',
  'ReplaceUnhealthy',
  'AZRebalance',
  'AlarmNotification',
  'ScheduledActions',
  'AddToLoadBalancer',
  'InstanceRefresh',
] as const;

/** A member of an Auto Scaling group. */
export interface AsgMember {
  id: string;
  az: string;
  lifecycle: 'Pending' | 'InService' | 'Terminating' | 'Terminated' | 'Detaching' | 'Standby';
  health: 'Healthy' | 'Unhealthy';
  protectedFromScaleIn: boolean;
  /** Since when the load balancer has seen it unhealthy (ELB health checks fail it after 60 s). */
  failingSince?: number;
  /** The activity tracking this member's launch or termination. */
  activityId?: string;
}

/** An Auto Scaling group. */
export interface AsgRec {
  name: string;
  arn: string;
  min: number;
  max: number;
  desired: number;
  cooldown: number;
  azs: string[];
  subnets: string[];
  launchTemplate?: { id: string; name: string; version: string };
  launchConfig?: string;
  healthCheckType: 'EC2' | 'ELB';
  grace: number;
  members: AsgMember[];
  suspended: { ProcessName: string; SuspensionReason: string }[];
  tags: { Key: string; Value: string; PropagateAtLaunch: boolean }[];
  targetGroups: string[];
  created: number;
  /** Seconds from launch to `running`, for this group's instances (the simulated boot time). */
  launchDelay: number;
}

/** One Auto Scaling activity (launch, terminate), as DescribeScalingActivities shows it. */
export interface ActivityRec {
  id: string;
  asg: string;
  description: string;
  cause: string;
  start: number;
  end?: number;
  status: 'PreInService' | 'InProgress' | 'Successful' | 'Failed' | 'WaitingForSpotInstanceId';
  progress: number;
  details: string;
  instanceId?: string;
}

/** A simulated load balancer + target group in front of an ASG (ELBv2 is not simulated as an API). */
export interface AppRec {
  name: string;
  asg?: string;
  ecs?: { cluster: string; service: string };
  loadBalancer: string;
  targetGroup: string;
  /** Baseline requests per second. */
  baseRps: number;
  /** Requests per second one healthy target serves at 100 % CPU. */
  capacityPerTarget: number;
  /** Latency in seconds at low load. */
  baseLatency: number;
}
