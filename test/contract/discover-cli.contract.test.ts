// `gameday discover` end to end: the built CLI against moto through AWS_ENDPOINT_URL.
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { type SeededWorld, seedWorld } from './seed.js';
import { motoTarget } from './targets.js';

const moto = motoTarget();

describe.skipIf(moto.skip)(
  `gameday discover against moto${moto.skip ? ` (skipped: ${moto.skip})` : ''}`,
  () => {
    let world: SeededWorld;
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      const ctx = await moto.open();
      world = await seedWorld(ctx);
      await ctx.destroy();
      env = {
        AWS_ENDPOINT_URL: ctx.settings.endpoint,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_CONFIG_FILE: '/nonexistent',
      };
    });

    it('--json prints the whole inventory with the caller identity', async () => {
      const r = await runCli(['discover', '--json'], env);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const inv = JSON.parse(r.stdout);
      expect(inv.identity.account).toBe('123456789012');
      expect(inv.region).toBe('us-east-1');
      expect(inv.instances).toHaveLength(world.standalone.length + world.asgInstanceIds.length);
      expect(inv.services[0]).toMatchObject({ cluster: 'shop', name: 'checkout', desired: 2 });
      expect(inv.alarms.find((a: { name: string }) => a.name === 'web-5xx-high').state).toBe('ALARM');
    });

    it('the table names account, caller and region first, then each kind', async () => {
      const r = await runCli(['discover'], env);
      expect(r.status).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toMatch(
        /^account 123456789012 {2}caller arn:aws:\S+ {2}region us-east-1 {2}endpoint http:\/\/127\.0\.0\.1:\d+$/,
      );
      for (const heading of [
        'EC2 instances (9)',
        'Auto Scaling groups (1)',
        'ECS clusters (2)',
        'ECS services (1)',
        'ECS tasks (2)',
        'CloudWatch alarms (2)',
      ])
        expect(lines).toContain(heading);
      const stopped = world.standalone[5]!.id;
      expect(lines.find((l) => l.includes(stopped))).toMatch(/stopped/);
      expect(r.stdout).toMatch(/web\s+2\/2\/4\s+2\/2/);
    });

    it('--stats adds the API calls per operation', async () => {
      const r = await runCli(['discover', '--stats'], env);
      expect(r.stdout).toMatch(/API calls \(\d+, \d+ ms wall, \d+ ms summed latency\)/);
      expect(r.stdout).toMatch(/ec2:DescribeInstances\s+1\n/);
      const j = JSON.parse((await runCli(['discover', '--json', '--stats'], env)).stdout);
      expect(j.stats.calls['autoscaling:DescribeAutoScalingGroups']).toBe(1);
      expect(j.stats.total).toBe(
        Object.values(j.stats.calls as Record<string, number>).reduce((a, b) => a + b, 0),
      );
    });
  },
);
