// The ECS operations gameday uses: clusters, services, tasks, container instances, tags.
// Named one by one so the bundler keeps only these of the package (see ./index.ts).
import {
  AccessDeniedException,
  ClientException,
  ClusterContainsContainerInstancesException,
  ClusterContainsServicesException,
  ClusterContainsTasksException,
  ClusterNotFoundException,
  DeleteClusterCommand,
  DeleteServiceCommand,
  DeregisterContainerInstanceCommand,
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ECSServiceException,
  InvalidParameterException,
  LimitExceededException,
  ListClustersCommand,
  ListContainerInstancesCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  ListTasksCommand,
  ResourceNotFoundException,
  ServerException,
  ServiceNotActiveException,
  ServiceNotFoundException,
  StopTaskCommand,
  TagResourceCommand,
  TargetNotFoundException,
  UntagResourceCommand,
  UpdateContainerInstancesStateCommand,
  UpdateInProgressException,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';

/** The client class. */
export const Client = ECSClient;

/** The operations gameday calls, by their API names. */
export const commands = {
  DeleteCluster: DeleteClusterCommand,
  DeleteService: DeleteServiceCommand,
  DeregisterContainerInstance: DeregisterContainerInstanceCommand,
  DescribeClusters: DescribeClustersCommand,
  DescribeContainerInstances: DescribeContainerInstancesCommand,
  DescribeServices: DescribeServicesCommand,
  DescribeTasks: DescribeTasksCommand,
  ListClusters: ListClustersCommand,
  ListContainerInstances: ListContainerInstancesCommand,
  ListServices: ListServicesCommand,
  ListTagsForResource: ListTagsForResourceCommand,
  ListTasks: ListTasksCommand,
  StopTask: StopTaskCommand,
  TagResource: TagResourceCommand,
  UntagResource: UntagResourceCommand,
  UpdateContainerInstancesState: UpdateContainerInstancesStateCommand,
  UpdateService: UpdateServiceCommand,
};

/** The service's base exception class, for errors without a class of their own. */
export const base = ECSServiceException;

/** The exception classes the sandbox throws by code (real AWS errors find theirs in the SDK). */
export const exceptions: Record<string, unknown> = {
  AccessDeniedException,
  ClientException,
  ClusterContainsContainerInstancesException,
  ClusterContainsServicesException,
  ClusterContainsTasksException,
  ClusterNotFoundException,
  InvalidParameterException,
  LimitExceededException,
  ResourceNotFoundException,
  ServerException,
  ServiceNotActiveException,
  ServiceNotFoundException,
  TargetNotFoundException,
  UpdateInProgressException,
};
