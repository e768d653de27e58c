// Undo records hold raw AWS calls; a Chaos Toolkit experiment needs python activities. This maps
// the inverse calls the catalogue records to the chaosaws function that makes the same call, so a
// recording's rollbacks run under `chaos run` too. Calls with no such function are reported.
import type { PlannedCall } from '../catalog/guard-types.js';
import type { Activity } from '../experiment/types.js';

type Mapper = (input: Record<string, unknown>) => {
  module: string;
  func: string;
  arguments: Record<string, unknown>;
};

const MAPPERS: Record<string, Mapper> = {
  'ec2:StartInstances': (i) => ({
    module: 'chaosaws.ec2.actions',
    func: 'start_instances',
    arguments: { instance_ids: i.InstanceIds },
  }),
  'ec2:StopInstances': (i) => ({
    module: 'chaosaws.ec2.actions',
    func: 'stop_instances',
    arguments: { instance_ids: i.InstanceIds },
  }),
  'autoscaling:ResumeProcesses': (i) => ({
    module: 'chaosaws.asg.actions',
    func: 'resume_processes',
    arguments: {
      asg_names: [i.AutoScalingGroupName],
      ...(Array.isArray(i.ScalingProcesses) ? { process_names: i.ScalingProcesses } : {}),
    },
  }),
  'autoscaling:SuspendProcesses': (i) => ({
    module: 'chaosaws.asg.actions',
    func: 'suspend_processes',
    arguments: {
      asg_names: [i.AutoScalingGroupName],
      ...(Array.isArray(i.ScalingProcesses) ? { process_names: i.ScalingProcesses } : {}),
    },
  }),
  'ecs:UpdateService': (i) =>
    typeof i.desiredCount === 'number'
      ? {
          module: 'chaosaws.ecs.actions',
          func: 'update_desired_count',
          arguments: { cluster: i.cluster, service: i.service, desired_count: i.desiredCount },
        }
      : unmappable(),
  'ecs:UpdateContainerInstancesState': (i) => ({
    module: 'chaosaws.ecs.actions',
    func: 'update_container_instances_state',
    arguments: { cluster: i.cluster, container_instances: i.containerInstances, status: i.status },
  }),
};

class Unmappable extends Error {}
function unmappable(): never {
  throw new Unmappable();
}

/** The rollback activity that makes `call`, or undefined when no chaosaws function does. */
export function rollbackFor(call: PlannedCall, name: string): Activity | undefined {
  const map = MAPPERS[`${call.service}:${call.operation}`];
  if (!map) return undefined;
  try {
    const p = map(call.input);
    return {
      type: 'action',
      name,
      provider: { type: 'python', module: p.module, func: p.func, arguments: p.arguments },
    };
  } catch (err) {
    if (err instanceof Unmappable) return undefined;
    throw err;
  }
}
