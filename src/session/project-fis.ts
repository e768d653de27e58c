// An AWS FIS experiment template as a projection of a recording, for teams that move the game day
// to AWS's managed engine: each attack with a FIS equivalent (the catalogue's `fis` field) becomes
// an action on a named target (ARNs of what was hit, or the tags it was chosen by, with the same
// selection mode), pauses become aws:fis:wait, order becomes startAfter, stop-condition alarms
// become stopConditions. Attacks FIS has no action for are listed, never dropped silently.
import { findEntry } from '../catalog/index.js';
import { type AttackRun, attacksOf } from './attacks.js';
import type { AttackTarget } from './events.js';
import { ofType, type Recording } from './recording.js';

/** The template (CreateExperimentTemplate's input shape) and what could not be mapped. */
export interface FisExport {
  template: {
    description: string;
    roleArn: string;
    targets: Record<string, FisTarget>;
    actions: Record<string, FisAction>;
    stopConditions: { source: string; value?: string }[];
    experimentOptions: { emptyTargetResolutionMode: 'fail' | 'skip' };
    tags: Record<string, string>;
  };
  unmapped: { attack: string; function: string; reason: string }[];
}

/** A FIS target: ARNs xor tags, optional filters and parameters, and the selection mode. */
export interface FisTarget {
  resourceType: string;
  resourceArns?: string[];
  resourceTags?: Record<string, string>;
  filters?: { path: string; values: string[] }[];
  parameters?: Record<string, string>;
  selectionMode: string;
}

/** A FIS action. */
export interface FisAction {
  actionId: string;
  description: string;
  parameters?: Record<string, string>;
  targets?: Record<string, string>;
  startAfter?: string[];
}

// Per FIS action: the target key and resource type it takes.
const TARGET_OF: Record<string, { key: string; type: string }> = {
  'aws:ec2:stop-instances': { key: 'Instances', type: 'aws:ec2:instance' },
  'aws:ec2:reboot-instances': { key: 'Instances', type: 'aws:ec2:instance' },
  'aws:ec2:terminate-instances': { key: 'Instances', type: 'aws:ec2:instance' },
  'aws:ecs:stop-task': { key: 'Tasks', type: 'aws:ecs:task' },
  'aws:ecs:drain-container-instances': { key: 'Clusters', type: 'aws:ecs:cluster' },
};

/** ISO-8601 duration FIS takes (`PT5M`, `PT90S`). */
export function isoDuration(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s % 3600 === 0) return `PT${s / 3600}H`;
  if (s % 60 === 0) return `PT${s / 60}M`;
  return `PT${s}S`;
}

/** Builds the FIS template for a recording. */
export function projectFis(rec: Recording): FisExport {
  const account = rec.start.accountId ?? '123456789012';
  const region = rec.start.region;
  const targets: Record<string, FisTarget> = {};
  const actions: Record<string, FisAction> = {};
  const unmapped: FisExport['unmapped'] = [];
  const alarms = ofType(rec, 'stop-conditions').flatMap((s) => s.alarms);
  const alarmArn = (al: { name: string; arn?: string }) =>
    al.arn ?? `arn:aws:cloudwatch:${region}:${account}:alarm:${al.name}`;
  let previous: string | undefined;
  if (alarms.length) {
    // The hypothesis' alarm probes: a gate before the first attack, as the session's steady state.
    actions['assert-alarms-not-in-alarm'] = {
      actionId: 'aws:cloudwatch:assert-alarm-state',
      description: 'the watched alarms are not in ALARM before the first attack',
      parameters: {
        alarmArns: alarms.slice(0, 5).map(alarmArn).join(','),
        alarmStates: 'OK,INSUFFICIENT_DATA',
      },
    };
    previous = 'assert-alarms-not-in-alarm';
  }
  for (const a of attacksOf(rec)) {
    const fn = `${a.start.module}.${a.start.func}`;
    const fisId = findEntry(fn)?.fis;
    const shape = fisId ? TARGET_OF[fisId] : undefined;
    if (!fisId || !shape) {
      unmapped.push({
        attack: a.name,
        function: fn,
        reason: fisId ? `${fisId} is not mapped yet` : 'AWS FIS has no equivalent action',
      });
      continue;
    }
    const target = fisTarget(a, shape.type, account, region);
    if (!target) {
      unmapped.push({
        attack: a.name,
        function: fn,
        reason: 'the recording has no targets for it (it did not run)',
      });
      continue;
    }
    const targetName = `${a.name}-targets`;
    targets[targetName] = target;
    actions[a.name] = {
      actionId: fisId,
      description: a.start.title,
      ...params(fisId, a),
      targets: { [shape.key]: targetName },
      ...(previous ? { startAfter: [previous] } : {}),
    };
    previous = a.name;
    if (a.gapAfter > 0) {
      const wait = `wait-after-${a.name}`;
      actions[wait] = {
        actionId: 'aws:fis:wait',
        description: `pause after ${a.start.title}, as in the session`,
        parameters: { duration: isoDuration(a.gapAfter) },
        startAfter: [a.name],
      };
      previous = wait;
    }
  }
  return {
    template: {
      description: `${rec.start.title} (recorded by gameday, ${rec.name})`.slice(0, 512),
      roleArn: `arn:aws:iam::${account}:role/REPLACE-WITH-FIS-EXPERIMENT-ROLE`,
      targets,
      actions,
      stopConditions: alarms.length
        ? alarms.map((al) => ({ source: 'aws:cloudwatch:alarm', value: alarmArn(al) }))
        : [{ source: 'none' }],
      experimentOptions: { emptyTargetResolutionMode: 'fail' },
      tags: { Name: rec.start.title.slice(0, 128), 'gameday:recording': rec.name },
    },
    unmapped,
  };
}

// Targets chosen by tags keep the tags (FIS re-resolves them, as the session did); explicit or
// random picks keep the ARNs of what was hit.
function fisTarget(a: AttackRun, type: string, account: string, region: string): FisTarget | undefined {
  const args = a.start.arguments;
  const selection = String(args.selection ?? a.selection?.quantity ?? 'ALL').toUpperCase();
  const tags = tagArg(args.tags);
  const chosenBy = a.targets.filter((t) => kindMatches(t, type));
  if (type === 'aws:ec2:instance' && tags && !Array.isArray(args.instance_ids)) {
    const states = Array.isArray(args.states) ? (args.states as string[]) : ['running'];
    return {
      resourceType: type,
      resourceTags: tags,
      filters: [
        { path: 'State.Name', values: states },
        ...(typeof args.az === 'string' ? [{ path: 'Placement.AvailabilityZone', values: [args.az] }] : []),
      ],
      selectionMode: selection,
    };
  }
  // Tasks come and go: FIS picks them from the service when it runs, as the session did.
  if (type === 'aws:ecs:task' && typeof args.cluster === 'string') {
    const cluster = args.cluster.slice(args.cluster.lastIndexOf('/') + 1);
    return {
      resourceType: type,
      parameters: { cluster, ...(typeof args.service === 'string' ? { service: args.service } : {}) },
      selectionMode:
        typeof args.selection === 'string'
          ? selection
          : chosenBy.length
            ? `COUNT(${chosenBy.length})`
            : 'ALL',
    };
  }
  if (!chosenBy.length) return undefined;
  return {
    resourceType: type,
    resourceArns: chosenBy.map((t) => t.arn ?? arnOf(t, type, account, region)),
    selectionMode: 'ALL',
  };
}

function params(fisId: string, a: AttackRun): Pick<FisAction, 'parameters'> {
  const args = a.start.arguments;
  if (fisId === 'aws:ec2:stop-instances') {
    const after = Number(args.start_instances_after_duration ?? NaN);
    const restarted = a.undos.some((u) => u.status === 'undone' && a.end && (u.undoneAt ?? 0) <= a.end.at);
    const seconds = Number.isFinite(after)
      ? after
      : restarted && a.end
        ? (a.end.at - a.start.at) / 1000
        : NaN;
    if (Number.isFinite(seconds))
      return { parameters: { startInstancesAfterDuration: isoDuration(Math.max(60, seconds)) } };
  }
  if (fisId === 'aws:ecs:drain-container-instances') {
    const pct = Number(args.drainage_percentage ?? args.percentage ?? 100);
    const duration = Number(args.duration ?? (a.end ? (a.end.at - a.start.at) / 1000 : 60));
    return { parameters: { drainagePercentage: String(pct), duration: isoDuration(Math.max(60, duration)) } };
  }
  return {};
}

function kindMatches(t: AttackTarget, type: string): boolean {
  if (type === 'aws:ec2:instance') return t.kind === 'instances' || t.id.startsWith('i-');
  if (type === 'aws:ecs:task') return t.kind === 'tasks' || t.id.includes(':task/');
  if (type === 'aws:ecs:cluster') return t.kind === 'clusters' || t.id.includes(':cluster/');
  return false;
}

function arnOf(t: AttackTarget, type: string, account: string, region: string): string {
  if (t.id.startsWith('arn:')) return t.id;
  if (type === 'aws:ec2:instance') return `arn:aws:ec2:${region}:${account}:instance/${t.id}`;
  if (type === 'aws:ecs:cluster') return `arn:aws:ecs:${region}:${account}:cluster/${t.id}`;
  return `arn:aws:ecs:${region}:${account}:task/${t.parent ?? 'default'}/${t.id}`;
}

function tagArg(v: unknown): Record<string, string> | undefined {
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
  if (typeof v === 'string' && v.includes('=')) {
    const pairs = v.split(',').map((p) => p.split('=').map((s) => s.trim()) as [string, string]);
    return Object.fromEntries(pairs.filter(([k]) => k));
  }
  if (Array.isArray(v) && v.length) {
    // chaosaws style: [{"Key": k, "Value": v}]
    const out: Record<string, string> = {};
    for (const t of v as { Key?: unknown; Value?: unknown }[])
      if (t?.Key) out[String(t.Key)] = String(t.Value ?? '');
    return Object.keys(out).length ? out : undefined;
  }
  return undefined;
}
