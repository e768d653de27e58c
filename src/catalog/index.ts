// The catalogue: every action and probe gameday offers, chaosaws-compatible and native, as static
// specs (for `gameday catalog`, the docs and the console) and as a FunctionRegistry bound to a
// session's guard and AWS door (for the Chaos Toolkit engine).
import { type FunctionRegistry, registryOf } from '../experiment/registry.js';
import { bindEntry, entryId } from './bind.js';
import { ASG_ACTIONS } from './chaosaws/asg-actions.js';
import { ASG_PROBES } from './chaosaws/asg-probes.js';
import { CLOUDWATCH } from './chaosaws/cloudwatch.js';
import { EC2_ACTIONS } from './chaosaws/ec2-actions.js';
import { EC2_PROBES } from './chaosaws/ec2-probes.js';
import { ECS_ACTIONS } from './chaosaws/ecs-actions.js';
import { ECS_PROBES } from './chaosaws/ecs-probes.js';
import { ELBV2 } from './chaosaws/elbv2.js';
import { SET_ALARM_STATE } from './native/alarm.js';
import { ASG_AZ_OUTAGE } from './native/asg.js';
import { NATIVE_EC2 } from './native/ec2.js';
import { NATIVE_ECS } from './native/ecs.js';
import { NATIVE_PROBES } from './native/probes.js';
import type { CatalogEntry, CatalogRuntime, EntrySpec } from './types.js';

/** Every entry, in the order `gameday catalog` lists them. */
export const CATALOG: readonly EntrySpec[] = [
  ...EC2_ACTIONS,
  ...EC2_PROBES,
  ...ASG_ACTIONS,
  ...ASG_PROBES,
  ...ECS_ACTIONS,
  ...ECS_PROBES,
  ...CLOUDWATCH,
  ...ELBV2,
  ...NATIVE_EC2,
  ASG_AZ_OUTAGE,
  ...NATIVE_ECS,
  SET_ALARM_STATE,
  ...NATIVE_PROBES,
];

/** Entries bound to a session (or unbound, for listing: calling them then fails clearly). */
export function catalogEntries(rt?: CatalogRuntime): CatalogEntry[] {
  return CATALOG.map((s) => bindEntry(s, rt));
}

/** The engine's registry over the whole catalogue, bound to a session's guard and AWS door. */
export function catalogRegistry(rt: CatalogRuntime): FunctionRegistry {
  return registryOf(catalogEntries(rt));
}

/** One entry by its Chaos Toolkit name (`chaosaws.ec2.actions.stop_instances`). */
export function findEntry(id: string): EntrySpec | undefined {
  return CATALOG.find((s) => entryId(s) === id);
}

/** The actions and probes that apply to a resource kind (what the console offers on a row). */
export function entriesFor(kind: string): EntrySpec[] {
  return CATALOG.filter((s) => s.appliesTo.includes(kind) && !s.unsupported);
}
