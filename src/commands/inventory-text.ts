// The human-readable inventory printed by `gameday discover`: a header naming the account, caller
// and region, then one table per resource kind, then any gaps.
import type { Inventory, Tags } from '../aws/inventory.js';
import { textTable } from '../util/text-table.js';

const HIDDEN_TAG = /^(aws:|Name$)/;

function tagText(tags: Tags): string {
  return Object.entries(tags)
    .filter(([k]) => !HIDDEN_TAG.test(k))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** The header every inventory view starts with: which account, which caller, which region. */
export function identityHeader(
  inv: Pick<Inventory, 'identity' | 'region' | 'endpoint'>,
  sandbox = false,
): string {
  const where = inv.endpoint ? `  endpoint ${inv.endpoint}` : '';
  return `${sandbox ? '[SANDBOX] ' : ''}account ${inv.identity.account}  caller ${inv.identity.arn}  region ${inv.region}${where}`;
}

/** The whole inventory as text tables grouped by kind. */
export function inventoryText(inv: Inventory, sandbox = false): string {
  const parts: string[] = [identityHeader(inv, sandbox), ''];
  const section = (title: string, count: number, table: string) => {
    parts.push(`${title} (${count})`, count ? table : '  none', '');
  };
  section(
    'EC2 instances',
    inv.instances.length,
    textTable(inv.instances, [
      { title: 'ID', cell: (i) => i.id },
      { title: 'NAME', cell: (i) => i.name, max: 24 },
      { title: 'STATE', cell: (i) => i.state },
      { title: 'TYPE', cell: (i) => i.type },
      { title: 'AZ', cell: (i) => i.az },
      { title: 'ASG', cell: (i) => i.asg, max: 20 },
      { title: 'TAGS', cell: (i) => tagText(i.tags), max: 48 },
    ]),
  );
  section(
    'Auto Scaling groups',
    inv.autoScalingGroups.length,
    inv.autoScalingGroups
      .map((g) => {
        const healthy = g.instances.filter(
          (i) => i.health === 'Healthy' && i.lifecycle === 'InService',
        ).length;
        const head = textTable(
          [g],
          [
            { title: 'NAME', cell: (x) => x.name },
            { title: 'MIN/DESIRED/MAX', cell: (x) => `${x.min}/${x.desired}/${x.max}` },
            { title: 'HEALTHY', cell: () => `${healthy}/${g.instances.length}` },
            { title: 'AZS', cell: (x) => x.azs.join(',') },
            { title: 'SUSPENDED', cell: (x) => x.suspended.join(',') },
            { title: 'TAGS', cell: (x) => tagText(x.tags), max: 40 },
          ],
        );
        const members = g.instances.length
          ? textTable(
              g.instances,
              [
                { title: 'INSTANCE', cell: (i) => i.id },
                { title: 'AZ', cell: (i) => i.az },
                { title: 'LIFECYCLE', cell: (i) => i.lifecycle },
                { title: 'HEALTH', cell: (i) => i.health },
              ],
              '      ',
            )
          : '      no instances';
        return `${head}\n${members}`;
      })
      .join('\n'),
  );
  section(
    'ECS clusters',
    inv.clusters.length,
    textTable(inv.clusters, [
      { title: 'NAME', cell: (c) => c.name },
      { title: 'STATUS', cell: (c) => c.status },
      {
        title: 'SERVICES',
        cell: (c) => inv.services.filter((s) => s.cluster === c.name).length,
        align: 'right',
      },
      { title: 'TASKS', cell: (c) => inv.tasks.filter((t) => t.cluster === c.name).length, align: 'right' },
      { title: 'CONTAINER INSTANCES', cell: (c) => c.containerInstances, align: 'right' },
    ]),
  );
  section(
    'ECS services',
    inv.services.length,
    textTable(inv.services, [
      { title: 'CLUSTER', cell: (s) => s.cluster },
      { title: 'SERVICE', cell: (s) => s.name },
      { title: 'DESIRED', cell: (s) => s.desired, align: 'right' },
      { title: 'RUNNING', cell: (s) => s.running, align: 'right' },
      { title: 'PENDING', cell: (s) => s.pending, align: 'right' },
      { title: 'STATUS', cell: (s) => s.status },
      { title: 'LAUNCH', cell: (s) => s.launchType },
    ]),
  );
  section(
    'ECS tasks',
    inv.tasks.length,
    textTable(inv.tasks, [
      { title: 'CLUSTER', cell: (t) => t.cluster },
      { title: 'TASK', cell: (t) => t.id },
      { title: 'SERVICE', cell: (t) => t.service ?? t.group },
      { title: 'LAST', cell: (t) => t.lastStatus },
      { title: 'DESIRED', cell: (t) => t.desiredStatus },
      { title: 'AZ', cell: (t) => t.az },
      { title: 'LAUNCH', cell: (t) => t.launchType },
    ]),
  );
  if (inv.containerInstances.length) {
    section(
      'ECS container instances',
      inv.containerInstances.length,
      textTable(inv.containerInstances, [
        { title: 'CLUSTER', cell: (c) => c.cluster },
        { title: 'CONTAINER INSTANCE', cell: (c) => c.id },
        { title: 'EC2', cell: (c) => c.ec2InstanceId },
        { title: 'STATUS', cell: (c) => c.status },
        { title: 'RUNNING', cell: (c) => c.runningTasks, align: 'right' },
        { title: 'PENDING', cell: (c) => c.pendingTasks, align: 'right' },
        {
          title: 'AGENT',
          cell: (c) => (c.agentConnected === undefined ? undefined : c.agentConnected ? 'yes' : 'no'),
        },
        { title: 'AZ', cell: (c) => c.az },
      ]),
    );
  }
  section(
    'CloudWatch alarms',
    inv.alarms.length,
    textTable(inv.alarms, [
      { title: 'NAME', cell: (a) => a.name, max: 40 },
      { title: 'STATE', cell: (a) => a.state },
      { title: 'METRIC', cell: (a) => (a.metric ? `${a.namespace}/${a.metric}` : undefined), max: 40 },
      {
        title: 'CONDITION',
        cell: (a) =>
          a.threshold !== undefined
            ? `${a.statistic ?? ''} ${comparisonSymbol(a.comparison)} ${a.threshold}`
            : undefined,
      },
    ]),
  );
  for (const gap of inv.gaps) parts.push(`NOT LISTED: ${gap.kinds.join(', ')}: ${gap.message}`);
  return parts.join('\n').trimEnd();
}

function comparisonSymbol(op: string | undefined): string {
  switch (op) {
    case 'GreaterThanThreshold':
      return '>';
    case 'GreaterThanOrEqualToThreshold':
      return '>=';
    case 'LessThanThreshold':
      return '<';
    case 'LessThanOrEqualToThreshold':
      return '<=';
    default:
      return op ?? '?';
  }
}
