// docs/catalog.md is generated from the catalogue; `gameday catalog` lists every entry; the
// catalogue covers every chaosaws function of the reference (3.2-3.9) and is internally sound.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { catalogMarkdown, type entryJson } from '../../src/catalog/describe.js';
import { Guard } from '../../src/catalog/guard.js';
import { CATALOG, catalogRegistry, entriesFor } from '../../src/catalog/index.js';
import { run } from '../../src/commands/catalog.js';
import { COMMANDS } from '../../src/commands/registry.js';

const CHAOSAWS: Record<string, string[]> = {
  'chaosaws.ec2.actions': [
    'stop_instance',
    'stop_instances',
    'terminate_instance',
    'terminate_instances',
    'start_instances',
    'restart_instances',
    'detach_random_volume',
    'attach_volume',
    'stop_instances_by_incremental_steps',
    'set_tags_on_instances',
    'remove_tags_from_instances',
    'authorize_security_group_ingress',
    'revoke_security_group_ingress',
  ],
  'chaosaws.ec2.probes': ['describe_instances', 'count_instances', 'instance_state', 'count_min_instances'],
  'chaosaws.asg.actions': [
    'terminate_random_instances',
    'stop_random_instances',
    'suspend_processes',
    'resume_processes',
    'detach_random_instances',
    'change_subnets',
    'detach_random_volume',
    'attach_volume',
  ],
  'chaosaws.asg.probes': [
    'describe_auto_scaling_groups',
    'desired_equals_healthy',
    'desired_equals_healthy_tags',
    'wait_desired_equals_healthy',
    'wait_desired_equals_healthy_tags',
    'wait_desired_not_equals_healthy_tags',
    'is_scaling_in_progress',
    'process_is_suspended',
    'has_subnets',
    'instance_count_by_health',
  ],
  'chaosaws.ecs.actions': [
    'stop_random_tasks',
    'stop_task',
    'delete_service',
    'delete_cluster',
    'deregister_container_instance',
    'update_desired_count',
    'set_service_deployment_configuration',
    'set_service_placement_strategy',
    'tag_resource',
    'untag_resource',
    'update_container_instances_state',
  ],
  'chaosaws.ecs.probes': [
    'service_is_deploying',
    'are_all_desired_tasks_running',
    'describe_cluster',
    'describe_service',
    'describe_tasks',
  ],
  'chaosaws.cloudwatch.actions': [
    'put_rule',
    'put_rule_targets',
    'disable_rule',
    'enable_rule',
    'delete_rule',
    'remove_rule_targets',
    'put_metric_data',
  ],
  'chaosaws.cloudwatch.probes': ['get_alarm_state_value', 'get_metric_statistics', 'get_metric_data'],
};

describe('catalogue', () => {
  it('docs/catalog.md is up to date (regenerate: gameday catalog --markdown > docs/catalog.md)', () => {
    expect(readFileSync('docs/catalog.md', 'utf8')).toBe(catalogMarkdown(CATALOG));
  });

  it('has every chaosaws ec2/asg/ecs/cloudwatch function, implemented except the EventBridge rules', () => {
    const registry = catalogRegistry({ guard: new Guard({ seed: 1 }), aws: async () => async () => ({}) });
    for (const [module, funcs] of Object.entries(CHAOSAWS)) {
      expect(registry.functions(module).sort()).toEqual([...funcs].sort());
      for (const f of funcs) {
        const fn = registry.get(module, f)!;
        expect(Boolean(fn.unsupported), `${module}.${f}`).toBe(f.includes('rule'));
      }
    }
  });

  it('every entry is complete: readable name, target, undo, dry-run mode, described params in order', () => {
    const ids = new Set<string>();
    for (const s of CATALOG) {
      const id = `${s.module}.${s.func}`;
      expect(ids.has(id), id).toBe(false);
      ids.add(id);
      expect(s.title.length, id).toBeGreaterThan(3);
      expect(s.undo.length, id).toBeGreaterThan(3);
      expect(
        s.kind === 'probe' ? s.dryRun === 'read-only' || Boolean(s.unsupported) : s.dryRun !== 'read-only',
        id,
      ).toBe(true);
      for (const p of s.params) expect(p.description.length, `${id}(${p.name})`).toBeGreaterThan(2);
      expect(Boolean(s.impl) !== Boolean(s.unsupported), id).toBe(true);
    }
  });

  it('says which attacks apply to a resource kind (capabilities, not kinds)', () => {
    const forAsg = entriesFor('autoScalingGroups').map((s) => `${s.module}.${s.func}`);
    expect(forAsg).toContain('gameday.actions.asg_az_outage');
    expect(forAsg).toContain('chaosaws.asg.actions.suspend_processes');
    expect(forAsg).not.toContain('chaosaws.ecs.actions.stop_random_tasks');
    expect(entriesFor('alarms').map((s) => s.func)).toContain('set_alarm_state');
  });

  it('gameday catalog --json prints every entry with its arguments and defaults', async () => {
    const chunks: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c) => {
      chunks.push(String(c));
      return true;
    });
    try {
      expect(await run(['--json'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const out = JSON.parse(chunks.join('')) as Array<ReturnType<typeof entryJson>>;
    expect(out).toHaveLength(CATALOG.length);
    const stop = out.find((e) => e.name === 'chaosaws.ec2.actions.stop_instances')!;
    expect(stop).toMatchObject({
      title: 'Stop instances',
      dryRun: 'ec2-dry-run',
      fis: 'aws:ec2:stop-instances',
    });
    expect(stop.params).toContainEqual(
      expect.objectContaining({ name: 'force', default: false, required: false }),
    );
  });

  it('is a registered subcommand (listed by gameday --help)', () => {
    expect(COMMANDS.find((c) => c.name === 'catalog')?.usage).toMatch(/--json/);
  });

  it('gameday catalog rejects bad flags with one line', async () => {
    await expect(run(['--kind', 'attack'])).rejects.toThrow('--kind must be action or probe, not "attack"');
    await expect(run(['--bogus'])).rejects.toThrow(/catalog: .*usage: gameday catalog/);
  });
});
