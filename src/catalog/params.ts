// Shorthands for declaring parameters in Python signature order.
import type { CatalogParam } from './types.js';

/** A parameter without a default (Python: no `=`). */
export function req(name: string, type: string, description: string): CatalogParam {
  return { name, required: true, type, description };
}

/** A parameter with a default (null = Python's None). */
export function opt(name: string, dflt: unknown, type: string, description: string): CatalogParam {
  return { name, required: false, default: dflt, type, description };
}

/** chaosaws' instance selectors, shared by most EC2 actions. */
export const INSTANCE_IDS = opt('instance_ids', null, 'List[str]', 'instance ids to act on');
export const AZ = opt(
  'az',
  null,
  'str',
  'availability zone: every instance there (added as an availability-zone filter)',
);
export const FILTERS = opt(
  'filters',
  null,
  'List[Dict[str, Any]]',
  'DescribeInstances filters [{"Name", "Values"}]',
);
