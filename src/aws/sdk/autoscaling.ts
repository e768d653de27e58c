// The Auto Scaling operations gameday uses: groups, their members, processes and tags.
// Named one by one so the bundler keeps only these of the package (see ./index.ts).
import {
  AlreadyExistsFault,
  AttachInstancesCommand,
  AutoScalingClient,
  AutoScalingServiceException,
  DeleteTagsCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeAutoScalingInstancesCommand,
  DescribeTagsCommand,
  DetachInstancesCommand,
  InvalidNextToken,
  LimitExceededFault,
  ResourceContentionFault,
  ResourceInUseFault,
  ResumeProcessesCommand,
  ScalingActivityInProgressFault,
  SetDesiredCapacityCommand,
  SuspendProcessesCommand,
  TerminateInstanceInAutoScalingGroupCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';

/** The client class. */
export const Client = AutoScalingClient;

/** The operations gameday calls, by their API names. */
export const commands = {
  AttachInstances: AttachInstancesCommand,
  DeleteTags: DeleteTagsCommand,
  DescribeAutoScalingGroups: DescribeAutoScalingGroupsCommand,
  DescribeAutoScalingInstances: DescribeAutoScalingInstancesCommand,
  DescribeTags: DescribeTagsCommand,
  DetachInstances: DetachInstancesCommand,
  ResumeProcesses: ResumeProcessesCommand,
  SetDesiredCapacity: SetDesiredCapacityCommand,
  SuspendProcesses: SuspendProcessesCommand,
  TerminateInstanceInAutoScalingGroup: TerminateInstanceInAutoScalingGroupCommand,
  UpdateAutoScalingGroup: UpdateAutoScalingGroupCommand,
};

/** The service's base exception class, for errors without a class of their own. */
export const base = AutoScalingServiceException;

/** The exception classes the sandbox throws by code (real AWS errors find theirs in the SDK). */
export const exceptions: Record<string, unknown> = {
  AlreadyExistsFault,
  InvalidNextToken,
  LimitExceededFault,
  ResourceContentionFault,
  ResourceInUseFault,
  ScalingActivityInProgressFault,
};
