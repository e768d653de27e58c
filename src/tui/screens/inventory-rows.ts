// The inventory as rows for each tab (pure): EC2 instances, ASGs, ECS as a tree (clusters >
// services > tasks), ECS container instances (the EC2 capacity a drain targets) and alarms, with the text the filter searches, the details panel's fields,
// and the filter itself (substrings, and `k=v` for tags).
import type { Inventory } from '../../aws/inventory.js';
import type { TargetRef } from '../services.js';

/** The tabs, in order. */
export const TABS = [
  { id: 'ec2', title: 'EC2', short: 'EC2' },
  { id: 'asg', title: 'ASGs', short: 'ASG' },
  { id: 'ecs', title: 'ECS', short: 'ECS' },
  { id: 'hosts', title: 'ECS hosts', short: 'Hosts' },
  { id: 'alarms', title: 'Alarms', short: 'Alarms' },
] as const;

/** A tab id. */
export type TabId = (typeof TABS)[number]['id'];

// Room the freshness text needs beside the tabs ("updated 59m ago", "refresh failed, …").
const FRESHNESS_WIDTH = 18;

/** The tab labels, in full ("ECS hosts (12)") when they fit beside the freshness text, else short
 * ("Hosts 12"), so a large account's counts never push the line past the terminal's width. */
export function tabLabels(counts: Record<TabId, number>, width: number): string[] {
  const full = TABS.map((t) => ` ${t.title} (${counts[t.id]}) `);
  if (full.join('').length + FRESHNESS_WIDTH <= width) return full;
  return TABS.map((t) => ` ${t.short} ${counts[t.id]} `);
}

/** One row: what the table shows (`cells`), what can be marked (`target`) and the details. */
export interface InventoryRow {
  key: string;
  target: TargetRef;
  /** Tree depth (ECS: 0 cluster, 1 service, 2 task). */
  depth: number;
  cells: string[];
  /** Words a state colour is chosen from ("running", "InService", "ALARM"...). */
  status: string;
  details: [string, string][];
}

const tagText = (tags: Record<string, string>) =>
  Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ') || '(none)';

/** Rows for one tab. */
export function rowsFor(tab: TabId, inv: Inventory | undefined): InventoryRow[] {
  if (!inv) return [];
  switch (tab) {
    case 'ec2': {
      const health = healthIndex(inv);
      return inv.instances.map((i) => ({
        key: `instances:${i.id}`,
        target: { kind: 'instances', id: i.id, label: i.name ? `${i.name} ${i.id}` : i.id, tags: i.tags },
        depth: 0,
        status: i.state,
        cells: [i.id, i.name ?? '', i.state, i.az ?? '', i.type ?? '', i.asg ?? ''],
        details: [
          ['Instance', i.id],
          ['Name', i.name ?? '-'],
          ['State', i.state],
          ['Type', i.type ?? '-'],
          ['AZ', i.az ?? '-'],
          ['Private IP', i.privateIp ?? '-'],
          ['Launched', i.launchTime ?? '-'],
          ['ASG', i.asg ?? '-'],
          ['Health', health.get(i.id) ?? '-'],
          ['Tags', tagText(i.tags)],
        ],
      }));
    }
    case 'asg':
      return inv.autoScalingGroups.map((g) => {
        const inService = g.instances.filter((m) => m.lifecycle === 'InService').length;
        const healthy = g.instances.filter((m) => m.health === 'Healthy').length;
        return {
          key: `autoScalingGroups:${g.name}`,
          target: { kind: 'autoScalingGroups', id: g.name, label: g.name, tags: g.tags },
          depth: 0,
          status: healthy < g.desired ? 'degraded' : 'healthy',
          cells: [
            g.name,
            `${g.desired} (${g.min}-${g.max})`,
            `${inService}`,
            `${healthy}/${g.desired}`,
            g.azs.join(' '),
            g.suspended.join(' '),
          ],
          details: [
            ['ASG', g.name],
            ['Desired (min-max)', `${g.desired} (${g.min}-${g.max})`],
            ['In service', `${inService}`],
            ['Healthy', `${healthy} of ${g.instances.length}`],
            ['AZs', g.azs.join(', ') || '-'],
            ['Health check', `${g.healthCheckType ?? '-'}, grace ${g.healthCheckGracePeriod ?? '-'}s`],
            ['Suspended', g.suspended.join(', ') || '-'],
            ['Members', g.instances.map((m) => `${m.id} ${m.lifecycle}/${m.health}`).join(', ') || '-'],
            ['Tags', tagText(g.tags)],
          ],
        };
      });
    case 'ecs':
      return ecsTree(inv);
    case 'hosts':
      return inv.containerInstances.map((ci) => {
        const agent =
          ci.agentConnected === undefined ? '-' : ci.agentConnected ? 'connected' : 'DISCONNECTED';
        return {
          key: `containerInstances:${ci.arn}`,
          target: {
            kind: 'containerInstances',
            id: ci.arn,
            label: `${ci.cluster}/${ci.id.slice(0, 8)}`,
            tags: {},
            cluster: ci.cluster,
          },
          depth: 0,
          status: ci.status ?? '',
          cells: [
            ci.cluster,
            ci.id,
            ci.ec2InstanceId ?? '',
            ci.status ?? '',
            `${ci.runningTasks}/${ci.pendingTasks}`,
            ci.agentConnected === false ? 'no' : ci.agentConnected ? 'yes' : '',
            ci.az ?? '',
          ],
          details: [
            ['Container instance', ci.id],
            ['Cluster', ci.cluster],
            ['EC2 instance', ci.ec2InstanceId ?? '-'],
            ['Status', ci.status ?? '-'],
            ['Tasks', `${ci.runningTasks} running, ${ci.pendingTasks} pending`],
            ['Agent', agent],
            ['AZ', ci.az ?? '-'],
            ['Instance type', ci.instanceType ?? '-'],
          ],
        };
      });
    case 'alarms':
      return inv.alarms.map((a) => ({
        key: `alarms:${a.name}`,
        target: { kind: 'alarms', id: a.name, label: a.name, tags: {} },
        depth: 0,
        status: a.state,
        cells: [
          a.name,
          a.state,
          `${a.namespace ?? ''} ${a.metric ?? ''}`.trim(),
          `${a.comparison ?? ''} ${a.threshold ?? ''}`.trim(),
        ],
        details: [
          ['Alarm', a.name],
          ['State', a.state],
          ['Reason', a.reason ?? '-'],
          ['Metric', `${a.namespace ?? '-'} ${a.metric ?? ''} (${a.statistic ?? '-'}, ${a.period ?? '-'}s)`],
          [
            'Condition',
            `${a.comparison ?? '-'} ${a.threshold ?? ''} for ${a.evaluationPeriods ?? '-'} periods`,
          ],
          ['Dimensions', tagText(a.dimensions)],
          ['Updated', a.updated ?? '-'],
        ],
      }));
  }
}

/** Each ASG member's health by instance id, in one pass (the first group listing it wins): a
 * per-instance search of every group is quadratic, seconds for 10,000 instances in 500 groups. */
function healthIndex(inv: Inventory): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of inv.autoScalingGroups)
    for (const m of g.instances)
      if (!out.has(m.id)) out.set(m.id, `${m.health} (${m.lifecycle} in ${g.name})`);
  return out;
}

function ecsTree(inv: Inventory): InventoryRow[] {
  const rows: InventoryRow[] = [];
  const taskRow = (t: Inventory['tasks'][number], depth: number): InventoryRow => ({
    key: `tasks:${t.arn}`,
    target: { kind: 'tasks', id: t.arn, label: t.id, tags: t.tags, cluster: t.cluster },
    depth,
    status: t.lastStatus ?? '',
    cells: [`${'  '.repeat(depth)}${t.id}`, t.lastStatus ?? '', t.desiredStatus ?? '', t.az ?? ''],
    details: [
      ['Task', t.arn],
      ['Cluster', t.cluster],
      ['Service', t.service ?? '-'],
      ['Status', `${t.lastStatus ?? '-'} (desired ${t.desiredStatus ?? '-'})`],
      ['Launch type', t.launchType ?? '-'],
      ['AZ', t.az ?? '-'],
      ['Task definition', t.taskDefinition ?? '-'],
      ['Started', t.startedAt ?? '-'],
      ['Tags', tagText(t.tags)],
    ],
  });
  for (const c of inv.clusters) {
    rows.push({
      key: `clusters:${c.arn}`,
      target: { kind: 'clusters', id: c.name, label: c.name, tags: c.tags },
      depth: 0,
      status: c.status ?? '',
      cells: [c.name, c.status ?? '', `${c.runningTasks} running`, `${c.activeServices} services`],
      details: [
        ['Cluster', c.name],
        ['Status', c.status ?? '-'],
        ['Services', `${c.activeServices}`],
        ['Tasks', `${c.runningTasks} running, ${c.pendingTasks} pending`],
        ['Container instances', `${c.containerInstances}`],
        ['Tags', tagText(c.tags)],
      ],
    });
    const tasks = inv.tasks.filter((t) => t.cluster === c.name || t.cluster === c.arn);
    for (const s of inv.services.filter((x) => x.cluster === c.name || x.cluster === c.arn)) {
      rows.push({
        key: `services:${s.arn}`,
        target: { kind: 'services', id: s.name, label: `${c.name}/${s.name}`, tags: s.tags, cluster: c.name },
        depth: 1,
        status: s.running < s.desired ? 'degraded' : 'healthy',
        cells: [
          `  ${s.name}`,
          s.status ?? '',
          `${s.running}/${s.desired} running`,
          s.pending ? `${s.pending} pending` : '',
        ],
        details: [
          ['Service', s.name],
          ['Cluster', c.name],
          ['Status', s.status ?? '-'],
          ['Tasks', `${s.running} running of ${s.desired} desired, ${s.pending} pending`],
          ['Launch type', s.launchType ?? '-'],
          ['Tags', tagText(s.tags)],
        ],
      });
      for (const t of tasks.filter((t) => t.service === s.name)) rows.push(taskRow(t, 2));
    }
    for (const t of tasks.filter((t) => !t.service)) rows.push(taskRow(t, 1));
  }
  return rows;
}

/** Keeps rows matching every word of the query: `k=v` matches a tag (value substring), other
 * words match the row's cells or id (case-insensitive). */
export function filterRows(rows: readonly InventoryRow[], query: string): InventoryRow[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...rows];
  return rows.filter((r) =>
    words.every((w) => {
      const eq = w.indexOf('=');
      if (eq > 0) {
        const k = w.slice(0, eq);
        const v = w.slice(eq + 1);
        return Object.entries(r.target.tags).some(
          ([tk, tv]) => tk.toLowerCase() === k && tv.toLowerCase().includes(v),
        );
      }
      return r.target.id.toLowerCase().includes(w) || r.cells.some((c) => c.toLowerCase().includes(w));
    }),
  );
}
