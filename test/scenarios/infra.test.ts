// The practice target (scenarios/infra/*.tf) matches the sandbox's default world and the
// scenarios: every file parses, the resources are there with the sandbox's names and sizes, every
// taggable resource carries the opt-in tag, and every name a scenario's configuration defaults to
// exists in the Terraform and is exported in the `gameday_env` output.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type HclBlock, type HclValue, parseHcl } from './hcl.js';

const DIR = 'scenarios/infra';
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.tf'));
const blocks: HclBlock[] = FILES.flatMap((f) => parseHcl(readFileSync(join(DIR, f), 'utf8')).blocks);
const resources = blocks.filter((b) => b.type === 'resource');

const str = (v: HclValue | undefined): string | undefined => (v?.kind === 'string' ? v.value : undefined);
const num = (v: HclValue | undefined): number | undefined => (v?.kind === 'number' ? v.value : undefined);
const raw = (v: HclValue | undefined): string | undefined => (v?.kind === 'raw' ? v.text : undefined);

function resource(type: string, name: string): HclBlock {
  const r = resources.find((b) => b.labels[0] === type && b.labels[1] === name);
  if (!r) throw new Error(`no resource ${type}.${name} in ${DIR}`);
  return r;
}

function namesOf(type: string, attr = 'name'): string[] {
  return resources.filter((b) => b.labels[0] === type).flatMap((b) => str(b.body.attributes[attr]) ?? []);
}

// Resources AWS has no tags for (the provider's default_tags cannot apply to them either).
const UNTAGGABLE = new Set(['aws_route_table_association', 'aws_iam_role_policy_attachment']);

describe('scenarios/infra: the practice target', () => {
  it('parses, with variables for region and sizes defaulting to the sandbox world', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(5);
    const vars = Object.fromEntries(
      blocks.filter((b) => b.type === 'variable').map((b) => [b.labels[0], b.body.attributes.default]),
    );
    expect(str(vars.region)).toBe('us-east-1');
    expect(num(vars.web_desired)).toBe(6);
    expect(num(vars.web_min)).toBe(3);
    expect(num(vars.web_max)).toBe(12);
    expect(num(vars.checkout_desired)).toBe(4);
    expect(num(vars.worker_desired)).toBe(2);
    expect(num(vars.reporting_desired)).toBe(4);
    expect(num(vars.batch_hosts)).toBe(2);
  });

  it('declares the sandbox default world: web ASG behind a load balancer, ECS Fargate and EC2 services, batch hosts, alarms', () => {
    const web = resource('aws_autoscaling_group', 'web');
    expect(str(web.body.attributes.name)).toBe('web');
    expect(raw(web.body.attributes.desired_capacity)).toBe('var.web_desired');
    expect(raw(web.body.attributes.target_group_arns)).toBeUndefined();
    expect(JSON.stringify(web.body.attributes.target_group_arns)).toContain('aws_lb_target_group.web.arn');
    expect(str(resource('aws_lb', 'shop').body.attributes.load_balancer_type)).toBe('application');
    expect(str(resource('aws_lb_listener', 'http').body.blocks[0]?.body.attributes.type)).toBe('forward');
    expect(namesOf('aws_ecs_cluster').sort()).toEqual(['ops', 'shop']);
    const checkout = resource('aws_ecs_service', 'checkout');
    expect(str(checkout.body.attributes.launch_type)).toBe('FARGATE');
    expect(raw(checkout.body.attributes.desired_count)).toBe('var.checkout_desired');
    expect(str(resource('aws_ecs_service', 'reporting').body.attributes.launch_type)).toBe('EC2');
    expect(namesOf('aws_ecs_service').sort()).toEqual(['checkout', 'reporting', 'worker']);
    expect(namesOf('aws_cloudwatch_metric_alarm', 'alarm_name').sort()).toEqual([
      'checkout-high-cpu',
      'checkout-tasks-low',
      'web-high-5xx',
      'web-high-cpu',
      'web-high-latency',
      'web-low-healthy-hosts',
    ]);
    const batch = resource('aws_instance', 'batch');
    expect(raw(batch.body.attributes.count)).toBe('var.batch_hosts');
    expect(raw(batch.body.attributes.tags)).toMatch(/team = "data"/);
  });

  it('tags every taggable resource with the opt-in tag chaos:allowed=true', () => {
    const locals = blocks.find((b) => b.type === 'locals')!.body.attributes.tags;
    expect(locals?.kind).toBe('object');
    expect(str((locals as { entries: Record<string, HclValue> }).entries['chaos:allowed'])).toBe('true');
    const provider = blocks.find((b) => b.type === 'provider' && b.labels[0] === 'aws')!;
    expect(raw(provider.body.blocks.find((b) => b.type === 'default_tags')?.body.attributes.tags)).toBe(
      'local.tags',
    );
    const untagged: string[] = [];
    for (const r of resources) {
      const [type, name] = r.labels;
      if (UNTAGGABLE.has(type!)) continue;
      const tags = raw(r.body.attributes.tags);
      const viaLocals = tags === 'local.tags' || tags?.startsWith('merge(local.tags,');
      const asgTag = r.body.blocks.some(
        (b) =>
          b.type === 'tag' &&
          str(b.body.attributes.key) === 'chaos:allowed' &&
          str(b.body.attributes.value) === 'true' &&
          b.body.attributes.propagate_at_launch?.kind === 'bool',
      );
      if (!viaLocals && !asgTag) untagged.push(`${type}.${name}`);
    }
    expect(untagged).toEqual([]);
    // instances the web group launches carry it too
    const lt = resource('aws_launch_template', 'web');
    expect(raw(lt.body.blocks.find((b) => b.type === 'tag_specifications')?.body.attributes.tags)).toMatch(
      /^merge\(local\.tags,/,
    );
  });

  it('has every name the scenarios default to, and exports each in gameday_env', () => {
    const output = blocks.find((b) => b.type === 'output' && b.labels[0] === 'gameday_env')!;
    const env = output.body.attributes.value;
    expect(env?.kind).toBe('object');
    const exported = (env as { entries: Record<string, HclValue> }).entries;
    // where each configuration key's name must exist in the Terraform
    const where: Record<string, string[]> = {
      GAMEDAY_ASG_NAME: namesOf('aws_autoscaling_group'),
      GAMEDAY_ERROR_ALARM: namesOf('aws_cloudwatch_metric_alarm', 'alarm_name'),
      GAMEDAY_ALARM_NAME: namesOf('aws_cloudwatch_metric_alarm', 'alarm_name'),
      GAMEDAY_TASKS_ALARM: namesOf('aws_cloudwatch_metric_alarm', 'alarm_name'),
      GAMEDAY_ECS_CLUSTER: namesOf('aws_ecs_cluster'),
      GAMEDAY_ECS_CLUSTER_EC2: namesOf('aws_ecs_cluster'),
      GAMEDAY_ECS_SERVICE: namesOf('aws_ecs_service'),
      GAMEDAY_ECS_SERVICE_EC2: namesOf('aws_ecs_service'),
      GAMEDAY_BATCH_TEAM: [...readFileSync(join(DIR, 'hosts.tf'), 'utf8').matchAll(/team = "([^"]+)"/g)].map(
        (m) => m[1]!,
      ),
    };
    const seen = new Set<string>();
    for (const f of readdirSync('scenarios').filter((n) => n.endsWith('.json'))) {
      const config = JSON.parse(readFileSync(join('scenarios', f), 'utf8')).configuration ?? {};
      for (const [key, entry] of Object.entries(config) as [string, { key?: string; default?: unknown }][]) {
        const envKey = entry.key;
        if (!envKey || !(envKey in where)) continue;
        seen.add(envKey);
        expect(where[envKey], `${f}: configuration.${key} defaults to ${entry.default}`).toContain(
          entry.default,
        );
        expect(Object.keys(exported), `${f}: ${envKey} is not in output gameday_env`).toContain(envKey);
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(where).sort());
  });
});
