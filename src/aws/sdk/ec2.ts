// The EC2 operations gameday uses: instances, volumes, security groups, tags.
// Named one by one so the bundler keeps only these of the package (see ./index.ts).
import {
  AttachVolumeCommand,
  AuthorizeSecurityGroupIngressCommand,
  CancelSpotInstanceRequestsCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeInstanceStatusCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeTagsCommand,
  DescribeVolumesCommand,
  DetachVolumeCommand,
  EC2Client,
  EC2ServiceException,
  RebootInstancesCommand,
  RevokeSecurityGroupIngressCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';

/** The client class. */
export const Client = EC2Client;

/** The operations gameday calls, by their API names. */
export const commands = {
  AttachVolume: AttachVolumeCommand,
  AuthorizeSecurityGroupIngress: AuthorizeSecurityGroupIngressCommand,
  CancelSpotInstanceRequests: CancelSpotInstanceRequestsCommand,
  CreateTags: CreateTagsCommand,
  DeleteTags: DeleteTagsCommand,
  DescribeInstances: DescribeInstancesCommand,
  DescribeInstanceStatus: DescribeInstanceStatusCommand,
  DescribeSecurityGroups: DescribeSecurityGroupsCommand,
  DescribeTags: DescribeTagsCommand,
  DescribeVolumes: DescribeVolumesCommand,
  DetachVolume: DetachVolumeCommand,
  RebootInstances: RebootInstancesCommand,
  RevokeSecurityGroupIngress: RevokeSecurityGroupIngressCommand,
  RunInstances: RunInstancesCommand,
  StartInstances: StartInstancesCommand,
  StopInstances: StopInstancesCommand,
  TerminateInstances: TerminateInstancesCommand,
};

/** The service's base exception class, for errors without a class of their own. */
export const base = EC2ServiceException;

/** The exception classes the sandbox throws by code (real AWS errors find theirs in the SDK). */
export const exceptions: Record<string, unknown> = {};
