// World records to EC2 SDK output shapes, and the id checks EC2 makes on input.
import type { Instance, InstanceState as SdkState, Volume } from '@aws-sdk/client-ec2';
import { SandboxError } from '../errors.js';
import { type InstanceRec, STATE_CODE, type VolumeRec } from '../model.js';
import type { World } from '../world.js';

/** The State block of an instance. */
export function stateOf(inst: InstanceRec): SdkState {
  return { Code: STATE_CODE[inst.state], Name: inst.state };
}

/** An instance as DescribeInstances / RunInstances return it. */
export function toInstance(
  world: World,
  inst: InstanceRec,
  index = 0,
  byInstance?: Map<string, VolumeRec[]>,
): Instance {
  const ipDash = inst.privateIp.replace(/\./g, '-');
  const gone = inst.state === 'terminated';
  const vols = (byInstance ?? volumesByInstance(world)).get(inst.id) ?? [];
  return {
    InstanceId: inst.id,
    ImageId: inst.imageId,
    State: stateOf(inst),
    PrivateDnsName: gone ? '' : `ip-${ipDash}.ec2.internal`,
    PublicDnsName:
      inst.publicIp && inst.state === 'running'
        ? `ec2-${inst.publicIp.replace(/\./g, '-')}.compute-1.amazonaws.com`
        : '',
    StateTransitionReason: inst.transitionReason,
    AmiLaunchIndex: index,
    InstanceType: inst.type as Instance['InstanceType'],
    LaunchTime: new Date(inst.launchTime),
    Placement: { AvailabilityZone: inst.az, GroupName: '', Tenancy: 'default' },
    Monitoring: { State: 'disabled' },
    SubnetId: gone ? undefined : inst.subnetId,
    VpcId: gone ? undefined : inst.vpcId,
    PrivateIpAddress: gone ? undefined : inst.privateIp,
    PublicIpAddress: inst.state === 'running' || inst.state === 'pending' ? inst.publicIp : undefined,
    Architecture: 'x86_64',
    RootDeviceType: 'ebs',
    RootDeviceName: '/dev/xvda',
    BlockDeviceMappings: vols.map((v) => ({
      DeviceName: v.attachment!.device,
      Ebs: {
        AttachTime: new Date(v.attachment!.time),
        DeleteOnTermination: v.attachment!.deleteOnTermination,
        Status: v.attachment!.state,
        VolumeId: v.id,
      },
    })),
    EbsOptimized: false,
    EnaSupport: true,
    Hypervisor: 'xen',
    VirtualizationType: 'hvm',
    SourceDestCheck: true,
    ClientToken: '',
    KeyName: inst.keyName,
    SecurityGroups: gone ? [] : inst.securityGroups.map((g) => ({ ...g })),
    StateReason: inst.stateReason ? { ...inst.stateReason } : undefined,
    Tags: inst.tags.length ? inst.tags.map((t) => ({ ...t })) : undefined,
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    CpuOptions: { CoreCount: 1, ThreadsPerCore: 2 },
    MetadataOptions: {
      State: 'applied',
      HttpTokens: 'required',
      HttpEndpoint: 'enabled',
      HttpPutResponseHopLimit: 2,
    },
  };
}

/** Attached volumes per instance id (built once per call, not once per instance). */
export function volumesByInstance(world: World): Map<string, VolumeRec[]> {
  const out = new Map<string, VolumeRec[]>();
  for (const v of world.volumes.values()) {
    const id = v.attachment?.instanceId;
    if (!id) continue;
    const list = out.get(id);
    if (list) list.push(v);
    else out.set(id, [v]);
  }
  return out;
}

/** A volume as DescribeVolumes returns it. */
export function toVolume(v: VolumeRec): Volume {
  return {
    VolumeId: v.id,
    Size: v.size,
    AvailabilityZone: v.az,
    State: v.state,
    CreateTime: new Date(v.createTime),
    VolumeType: v.type as Volume['VolumeType'],
    Encrypted: false,
    Iops: 3000,
    Throughput: 125,
    MultiAttachEnabled: false,
    Attachments: v.attachment
      ? [
          {
            AttachTime: new Date(v.attachment.time),
            Device: v.attachment.device,
            InstanceId: v.attachment.instanceId,
            State: v.attachment.state,
            VolumeId: v.id,
            DeleteOnTermination: v.attachment.deleteOnTermination,
          },
        ]
      : [],
    Tags: v.tags.length ? v.tags.map((t) => ({ ...t })) : undefined,
  };
}

const INSTANCE_ID = /^i-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** Looks up instance ids as EC2 does: malformed ids first, then every missing id in one error. */
export function requireInstances(world: World, ids: readonly string[] | undefined): InstanceRec[] {
  if (!ids?.length)
    throw new SandboxError('MissingParameter', 'The request must contain the parameter InstanceId');
  for (const id of ids)
    if (!INSTANCE_ID.test(id)) throw new SandboxError('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
  const missing = ids.filter((id) => !world.instances.has(id));
  if (missing.length === 1)
    throw new SandboxError('InvalidInstanceID.NotFound', `The instance ID '${missing[0]}' does not exist`);
  if (missing.length > 1)
    throw new SandboxError(
      'InvalidInstanceID.NotFound',
      `The instance IDs '${missing.join(', ')}' do not exist`,
    );
  return [...new Set(ids)].map((id) => world.instances.get(id)!);
}

/** The DryRun answer: EC2 checks the call would succeed and throws instead of doing it. */
export function dryRun(input: { DryRun?: boolean }): void {
  if (input.DryRun)
    throw new SandboxError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
}

/** EC2's MaxResults check (most Describe calls take 5..1000). */
export function ec2MaxResults(value: number | undefined, min = 5, max = 1000): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) {
    const bound = value < min ? `greater than ${min}` : `less than ${max}`;
    throw new SandboxError(
      'InvalidParameterValue',
      `Value ( ${value} ) for parameter maxResults is invalid. Expecting a value ${bound}.`,
    );
  }
  return value;
}

/** EC2's error for a NextToken it did not issue. */
export function badEc2Token(): SandboxError {
  return new SandboxError(
    'InvalidPaginationToken',
    'The pagination token provided is not valid or is expired.',
  );
}
