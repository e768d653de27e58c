// The CloudWatch operations gameday uses: alarms, metric data, tags.
// Named one by one so the bundler keeps only these of the package (see ./index.ts).
import {
  CloudWatchClient,
  CloudWatchServiceException,
  ConcurrentModificationException,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  InternalServiceFault,
  InvalidFormatFault,
  InvalidNextToken,
  InvalidParameterCombinationException,
  InvalidParameterValueException,
  LimitExceededException,
  LimitExceededFault,
  ListTagsForResourceCommand,
  MissingRequiredParameterException,
  PutMetricDataCommand,
  ResourceNotFound,
  ResourceNotFoundException,
  SetAlarmStateCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch';

/** The client class. */
export const Client = CloudWatchClient;

/** The operations gameday calls, by their API names. */
export const commands = {
  DescribeAlarms: DescribeAlarmsCommand,
  GetMetricData: GetMetricDataCommand,
  GetMetricStatistics: GetMetricStatisticsCommand,
  ListTagsForResource: ListTagsForResourceCommand,
  PutMetricData: PutMetricDataCommand,
  SetAlarmState: SetAlarmStateCommand,
  TagResource: TagResourceCommand,
  UntagResource: UntagResourceCommand,
};

/** The service's base exception class, for errors without a class of their own. */
export const base = CloudWatchServiceException;

/** The exception classes the sandbox throws by code (real AWS errors find theirs in the SDK). */
export const exceptions: Record<string, unknown> = {
  ConcurrentModificationException,
  InternalServiceFault,
  InvalidFormatFault,
  InvalidNextToken,
  InvalidParameterCombinationException,
  InvalidParameterValueException,
  LimitExceededException,
  LimitExceededFault,
  MissingRequiredParameterException,
  ResourceNotFound,
  ResourceNotFoundException,
};
