// CloudWatch resource tags (alarms): the guard reads them to check the opt-in tag before it
// touches an alarm, as it does for instances, groups and clusters.
import type {
  ListTagsForResourceInput,
  TagResourceInput,
  UntagResourceInput,
} from '@aws-sdk/client-cloudwatch';
import { SandboxError } from '../errors.js';
import type { AlarmRec } from '../model-ecs.js';
import type { World } from '../world.js';
import type { HandlerTable } from './types.js';

function alarmByArn(world: World, arn: string | undefined): AlarmRec {
  const name = arn?.startsWith(world.arn('cloudwatch', 'alarm:'))
    ? arn.slice(world.arn('cloudwatch', 'alarm:').length)
    : undefined;
  const alarm = name !== undefined ? world.alarms.get(name) : undefined;
  if (!alarm)
    throw new SandboxError('ResourceNotFoundException', `The specified resource ${arn} does not exist.`, 404);
  return alarm;
}

/** The tag operations on alarms, by name. */
export const cloudwatchTagHandlers: HandlerTable = {
  ListTagsForResource: ({ world }, input: ListTagsForResourceInput) => ({
    Tags: alarmByArn(world, input.ResourceARN).tags.map((t) => ({ ...t })),
  }),
  TagResource: ({ world }, input: TagResourceInput) => {
    const alarm = alarmByArn(world, input.ResourceARN);
    const keys = new Set([...alarm.tags.map((t) => t.Key), ...(input.Tags ?? []).map((t) => t.Key)]);
    if (keys.size > 50)
      throw new SandboxError('LimitExceededException', 'An alarm can have at most 50 tags.');
    for (const t of input.Tags ?? []) {
      const existing = alarm.tags.find((x) => x.Key === t.Key);
      if (existing) existing.Value = t.Value ?? '';
      else alarm.tags.push({ Key: t.Key ?? '', Value: t.Value ?? '' });
    }
    if (alarm.tags.length > 50)
      throw new SandboxError('LimitExceededException', 'An alarm can have at most 50 tags.');
    return {};
  },
  UntagResource: ({ world }, input: UntagResourceInput) => {
    const alarm = alarmByArn(world, input.ResourceARN);
    alarm.tags = alarm.tags.filter((t) => !(input.TagKeys ?? []).includes(t.Key));
    return {};
  },
};
