// chaosaws.elbv2: listed so experiments using it fail with "not supported yet" (not "no module"),
// and so `gameday catalog` shows what is missing. gameday has no ELBv2 client yet.
import { opt, req } from '../params.js';
import type { EntrySpec } from '../types.js';

const REASON = 'gameday has no Elastic Load Balancing v2 client yet';

const entry = (
  module: string,
  kind: 'action' | 'probe',
  func: string,
  title: string,
  params: EntrySpec['params'],
): EntrySpec => ({
  module,
  func,
  kind,
  title,
  targetKind: 'Load balancer / target group',
  appliesTo: [],
  summary: `${title} (chaosaws.elbv2).`,
  undo: kind === 'probe' ? 'nothing to undo (read-only)' : 'not supported yet',
  dryRun: kind === 'probe' ? 'read-only' : 'plan',
  params,
  unsupported: `${module}.${func} is not supported yet: ${REASON}`,
});

const A = 'chaosaws.elbv2.actions';
const P = 'chaosaws.elbv2.probes';

/** The chaosaws.elbv2 entries, all unsupported for now. */
export const ELBV2: EntrySpec[] = [
  entry(A, 'action', 'deregister_target', 'Deregister a random target', [
    req('tg_name', 'str', 'target group name'),
  ]),
  entry(A, 'action', 'set_security_groups', 'Set load balancer security groups', [
    req('load_balancer_names', 'List[str]', 'load balancers'),
    req('security_group_ids', 'List[str]', 'security groups'),
  ]),
  entry(A, 'action', 'set_subnets', 'Set load balancer subnets', [
    req('load_balancer_names', 'List[str]', 'load balancers'),
    req('subnet_ids', 'List[str]', 'subnets'),
  ]),
  entry(A, 'action', 'delete_load_balancer', 'Delete load balancers', [
    req('load_balancer_names', 'List[str]', 'load balancers'),
  ]),
  entry(A, 'action', 'enable_access_log', 'Toggle access logs', [
    req('load_balancer_arn', 'str', 'load balancer ARN'),
    opt('enable', false, 'bool', 'enable or disable'),
    opt('bucket_name', null, 'str', 'S3 bucket'),
  ]),
  entry(P, 'probe', 'targets_health_count', 'Target health counts', [
    req('tg_names', 'List[str]', 'target groups'),
  ]),
  entry(P, 'probe', 'all_targets_healthy', 'All targets healthy', [
    req('tg_names', 'List[str]', 'target groups'),
  ]),
  entry(P, 'probe', 'is_access_log_enabled', 'Access log enabled', [
    req('load_balancer_arn', 'str', 'load balancer ARN'),
  ]),
];
