import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/aws/inventory.js';
import { InventoryModel } from '../../src/tui/models/inventory-model.js';
import { InventoryScreen } from '../../src/tui/screens/InventoryScreen.js';
import { filterRows, rowsFor } from '../../src/tui/screens/inventory-rows.js';
import type { AttackOption, TargetRef } from '../../src/tui/services.js';
import { shopInventory, withHosts } from './fixtures.js';
import { keys, renderTui } from './render.js';

const STOP: AttackOption = {
  id: 'chaosaws.ec2.actions.stop_instances',
  title: 'Stop instances',
  targetKind: 'EC2 instances',
  summary: 'stops',
  undo: 'start them',
  dryRun: 'ec2-dry-run',
  params: [],
};

function Harness({
  inv,
  onAttack,
  height = 18,
  attacksFor,
}: {
  inv?: Inventory;
  onAttack?: (t: TargetRef[]) => void;
  height?: number;
  attacksFor?: (t: readonly TargetRef[]) => AttackOption[];
}) {
  const [marked, setMarked] = useState(new Map<string, TargetRef>());
  return (
    <InventoryScreen
      snapshot={{ inventory: inv, loading: !inv, updatedAt: 1_000 }}
      now={8_000}
      width={80}
      height={height}
      marked={marked}
      onToggleMark={(key, t) =>
        setMarked((m) => {
          const next = new Map(m);
          if (next.has(key)) next.delete(key);
          else next.set(key, t);
          return next;
        })
      }
      onClearMarks={() => setMarked(new Map())}
      onAttack={onAttack ?? (() => {})}
      onRefresh={() => {}}
      attacksFor={attacksFor ?? ((ts) => (ts.every((t) => t.kind === 'instances') ? [STOP] : []))}
    />
  );
}

describe('InventoryScreen', () => {
  it('shows tabs with counts, EC2 rows and how fresh the data is', async () => {
    const ui = await renderTui(<Harness inv={shopInventory()} />);
    const f = ui.frame();
    expect(f).toContain('EC2 (8)');
    expect(f).toContain('ASGs (1)');
    expect(f).toContain('Alarms (2)');
    expect(f).toContain('❯ i-0web0');
    expect(f).toContain('updated 7s ago');
    expect(f.split('\n').every((l) => l.length <= 80)).toBe(true);
    await ui.unmount();
  });

  it("a large account's counts shorten the tab labels instead of running past 80 columns", async () => {
    const big = shopInventory(10_000);
    big.alarms = Array.from({ length: 2_000 }, (_, i) => ({ ...big.alarms[0]!, name: `alarm-${i}` }));
    big.autoScalingGroups = Array.from({ length: 500 }, (_, i) => ({
      ...big.autoScalingGroups[0]!,
      name: `asg-${i}`,
    }));
    const ui = await renderTui(<Harness inv={big} />);
    const f = ui.frame();
    expect(f).toContain(' EC2 10008  ASG 500 ');
    expect(f).toContain(' Alarms 2000 ');
    expect(f).toContain('updated 7s ago');
    expect(f.split('\n').every((l) => l.length <= 80)).toBe(true);
    await ui.unmount();
  });

  it('filters by substring and by tag k=v', async () => {
    const ui = await renderTui(<Harness inv={shopInventory()} />);
    await ui.press('/', 'role=db', keys.enter);
    expect(ui.frame()).toContain('db-primary');
    expect(ui.frame()).not.toContain('web-1');
    expect(ui.frame()).toContain('(of 8)');
    await ui.press(keys.escape);
    expect(ui.frame()).toContain('web-1');
    await ui.press('/', 'bastion', keys.enter);
    expect(ui.frame()).toContain('i-0bastion');
    expect(ui.frame()).not.toContain('i-0db0');
    await ui.unmount();
  });

  it('a key that opens the filter and the text typed after it can arrive in one chunk', async () => {
    const ui = await renderTui(<Harness inv={shopInventory()} />);
    await ui.press(`/bastion${keys.enter}`);
    expect(ui.frame()).toContain('filter: bastion');
    expect(ui.frame()).toContain('i-0bastion');
    expect(ui.frame()).not.toContain('i-0web0');
    await ui.unmount();
  });

  it('marks targets with space and attacks the marked ones', async () => {
    const attacked: TargetRef[][] = [];
    const ui = await renderTui(<Harness inv={shopInventory()} onAttack={(t) => attacked.push(t)} />);
    await ui.press(keys.space, keys.space);
    expect(ui.frame()).toContain('2 marked (web-0 i-0web0, web-1 i-0web1)');
    expect(ui.frame()).toMatch(/ ●i-0web0/);
    await ui.press('a');
    expect(attacked[0]!.map((t) => t.id)).toEqual(['i-0web0', 'i-0web1']);
    await ui.unmount();
  });

  it('Down then space in one chunk marks the row the cursor moved to', async () => {
    const ui = await renderTui(<Harness inv={shopInventory()} />);
    await ui.press(`${keys.down}${keys.down} `);
    expect(ui.frame()).toContain('1 marked (web-2 i-0web2)');
    await ui.unmount();
  });

  it('enter shows details with tags, AZ, state, health and the attacks that apply', async () => {
    const ui = await renderTui(<Harness inv={shopInventory()} />);
    await ui.press(keys.enter);
    const f = ui.frame();
    expect(f).toContain('eu-west-1a');
    expect(f).toContain('running');
    expect(f).toContain('Healthy (InService in web-asg)');
    expect(f).toContain('chaos:allowed=true');
    expect(f).toContain('Stop instances');
    await ui.press(keys.escape);
    expect(ui.frame()).toContain('❯ i-0web0');
    await ui.unmount();
  });

  it('ECS tab shows clusters > services > tasks', async () => {
    const ui = await renderTui(<Harness inv={shopInventory()} />);
    await ui.press(keys.tab, keys.tab);
    const lines = ui.frame().split('\n');
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at('shop')).toBeGreaterThan(0);
    expect(at('cart')).toBeGreaterThan(at('shop'));
    expect(at('aaa111')).toBeGreaterThan(at('cart'));
    expect(at('checkout')).toBeGreaterThan(at('bbb222'));
    expect(lines[at('aaa111')]).toMatch(/ {4}aaa111/);
    await ui.unmount();
  });

  it('ECS hosts tab lists container instances with status, tasks, agent and AZ; details name the drain', async () => {
    const inv = withHosts();
    const attacked: TargetRef[][] = [];
    const drain: AttackOption = {
      ...STOP,
      id: 'chaosaws.ecs.actions.update_container_instances_state',
      title: 'Set container instance state',
    };
    const ui = await renderTui(
      <Harness
        inv={inv}
        onAttack={(t) => attacked.push(t)}
        attacksFor={(ts) => (ts.every((t) => t.kind === 'containerInstances') ? [drain] : [])}
      />,
    );
    await ui.press(keys.tab, keys.tab, keys.tab);
    const f = ui.frame();
    expect(f).toContain('ECS hosts (2)');
    expect(f).toMatch(/CLUSTER\s+INSTANCE\s+EC2 ID\s+STATUS\s+RUN\/PEND\s+AGENT\s+AZ/);
    expect(f).toMatch(/❯ ops\s+0a1b2c3d\S*\s+i-0host1\s+ACTIVE\s+3\/1\s+yes\s+eu-west-1a/);
    expect(f).toMatch(/ops\s+9f8e7d6c\S*\s+i-0host2\s+DRAINING\s+0\/0\s+no\s+eu-west-1b/);
    await ui.press(keys.enter);
    const d = ui.frame();
    expect(d).toMatch(/Container instance\s+0a1b2c3d4e5f60718293a4b5c6d7e8f9/);
    expect(d).toMatch(/EC2 instance\s+i-0host1/);
    expect(d).toContain('3 running, 1 pending');
    expect(d).toMatch(/Agent\s+connected/);
    expect(d).toContain('Set container instance state');
    await ui.press(keys.escape, keys.space, 'a');
    expect(attacked[0]).toEqual([
      expect.objectContaining({
        kind: 'containerInstances',
        cluster: 'ops',
        id: inv.containerInstances[0]!.arn,
      }),
    ]);
    await ui.unmount();
  });

  it('ECS hosts tab says a Fargate-only cluster has no container instances', async () => {
    const ui = await renderTui(<Harness inv={shopInventory()} />);
    await ui.press(keys.tab, keys.tab, keys.tab);
    expect(ui.frame()).toContain('ECS hosts (0)');
    expect(ui.frame()).toContain('no container instances: the cluster runs on Fargate only');
    await ui.unmount();
  });

  it('scrolls 10,000 instances rendering only one screenful', async () => {
    const ui = await renderTui(<Harness inv={shopInventory(10_000)} />);
    await ui.press('G');
    const f = ui.frame();
    expect(f).toContain('i-1009999');
    expect(f).toContain('of 10008');
    expect(f.split('\n').length).toBeLessThanOrEqual(18);
    await ui.unmount();
  });

  it('names what could not be listed (a denied service) and still shows the rest', async () => {
    const inv = {
      ...shopInventory(),
      gaps: [
        {
          kinds: ['clusters' as const, 'services' as const],
          operation: 'ecs:ListClusters',
          message: 'AccessDenied: not authorized to perform ecs:ListClusters',
        },
      ],
    };
    const ui = await renderTui(<Harness inv={inv} />);
    expect(ui.frame()).toContain('not listed: clusters/services (AccessDenied');
    expect(ui.frame()).toContain('i-0web0');
    await ui.unmount();
  });

  it('says it is discovering before the first inventory arrives', async () => {
    const ui = await renderTui(<Harness />);
    expect(ui.frame()).toContain('discovering…');
    await ui.unmount();
  });
});

describe('inventory rows and model', () => {
  it('filter words all have to match', () => {
    const rows = rowsFor('ec2', shopInventory());
    expect(filterRows(rows, 'web eu-west-1b').map((r) => r.target.id)).toEqual(['i-0web1', 'i-0web4']);
    expect(filterRows(rows, 'role=web chaos:allowed=true')).toHaveLength(6);
    expect(filterRows(rows, 'role=nope')).toHaveLength(0);
  });

  it('the model keeps the last inventory when a refresh fails, and says so', async () => {
    let fail = false;
    let now = 0;
    const model = new InventoryModel(
      async () => {
        if (fail) throw new Error('ExpiredToken: the security token included in the request is expired');
        return shopInventory();
      },
      {
        clock: {
          now: () => now,
          setInterval: () => 0,
          clearInterval: () => {},
          setTimeout: () => 0,
          clearTimeout: () => {},
        },
      },
    );
    await model.refresh();
    now = 5_000;
    fail = true;
    await model.refresh();
    const s = model.snapshot();
    expect(s.inventory?.instances).toHaveLength(8);
    expect(s.updatedAt).toBe(0);
    expect(s.error).toContain('ExpiredToken');
  });
});
