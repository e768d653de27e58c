// The inventory's key commands and each tab's columns: data, so the key bar, the help and the
// table read the same definitions.
import type { KeyCommand } from '../keys/commands.js';
import type { TabId } from './inventory-rows.js';

/** The inventory's commands (the key bar and help read them). */
export const INVENTORY_COMMANDS: KeyCommand[] = [
  { id: 'up', keys: ['up', 'k'], label: '↑/k', description: 'up', visible: false },
  { id: 'down', keys: ['down', 'j'], label: '↓/j', description: 'down', visible: false },
  { id: 'pageUp', keys: ['pageup'], description: 'page up', visible: false },
  { id: 'pageDown', keys: ['pagedown'], description: 'page down', visible: false },
  { id: 'first', keys: ['home', 'g'], label: 'g', description: 'first row', visible: false },
  { id: 'last', keys: ['end', 'G'], label: 'G', description: 'last row', visible: false },
  { id: 'nextTab', keys: ['tab', 'right'], label: 'tab', description: 'next tab' },
  { id: 'prevTab', keys: ['shift+tab', 'left'], label: 'S-tab', description: 'previous tab', visible: false },
  { id: 'mark', keys: ['space'], description: 'mark' },
  { id: 'details', keys: ['enter'], description: 'details' },
  { id: 'filter', keys: ['/'], description: 'filter' },
  { id: 'attack', keys: ['a'], description: 'attack', dangerous: true },
  { id: 'clearMarks', keys: ['u'], description: 'unmark all', visible: false },
  { id: 'refresh', keys: ['r'], description: 'refresh', visible: false },
  {
    id: 'escape',
    keys: ['escape'],
    label: 'esc',
    description: 'clear filter / close details',
    visible: false,
  },
];

/** Column headers and widths per tab (cells come from inventory-rows). */
export const COLUMNS: Record<TabId, { header: string; width: number | 'flex' }[]> = {
  ec2: [
    { header: 'INSTANCE', width: 19 },
    { header: 'NAME', width: 'flex' },
    { header: 'STATE', width: 10 },
    { header: 'AZ', width: 11 },
    { header: 'TYPE', width: 9 },
    { header: 'ASG', width: 'flex' },
  ],
  asg: [
    { header: 'ASG', width: 'flex' },
    { header: 'DESIRED', width: 10 },
    { header: 'IN SVC', width: 6 },
    { header: 'HEALTHY', width: 7 },
    { header: 'AZS', width: 'flex' },
    { header: 'SUSPENDED', width: 10 },
  ],
  ecs: [
    { header: 'CLUSTER / SERVICE / TASK', width: 'flex' },
    { header: 'STATUS', width: 9 },
    { header: 'TASKS', width: 14 },
    { header: '', width: 12 },
  ],
  hosts: [
    { header: 'CLUSTER', width: 'flex' },
    { header: 'INSTANCE', width: 'flex' },
    { header: 'EC2 ID', width: 19 },
    { header: 'STATUS', width: 8 },
    { header: 'RUN/PEND', width: 8 },
    { header: 'AGENT', width: 5 },
    { header: 'AZ', width: 10 },
  ],
  alarms: [
    { header: 'ALARM', width: 'flex' },
    { header: 'STATE', width: 17 },
    { header: 'METRIC', width: 'flex' },
    { header: 'THRESHOLD', width: 14 },
  ],
};

/** Which column of a tab holds the state word that gets a status colour. */
export function statusColumn(tab: TabId): number {
  return tab === 'ec2' ? 2 : tab === 'asg' || tab === 'hosts' ? 3 : 1;
}
