// `gameday discover --sandbox`: the simulated region answers through the real SDK clients.
import { describe, expect, it } from 'vitest';
import { emptyAwsEnv, runCli } from './support/cli.js';

describe('gameday discover --sandbox', () => {
  it('lists the practice world, with the SANDBOX badge in the header', async () => {
    const r = await runCli(['discover', '--sandbox'], emptyAwsEnv());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^\[SANDBOX\] account \d{12} {2}caller arn:aws:iam::\d{12}:\S+ {2}region us-east-1$/,
    );
    expect(r.stdout).toMatch(/web\s+\d+\/6\/\d+\s+6\/6\s+us-east-1a,us-east-1b,us-east-1c/);
    // The ops cluster's EC2 capacity: one container instance per AZ, agent connected.
    expect(r.stdout).toContain('ECS container instances (3)');
    expect(r.stdout).toMatch(/CLUSTER\s+CONTAINER INSTANCE\s+EC2\s+STATUS\s+RUNNING\s+PENDING\s+AGENT\s+AZ/);
    for (const az of ['us-east-1a', 'us-east-1b', 'us-east-1c'])
      expect(r.stdout).toMatch(
        new RegExp(`ops\\s+[0-9a-f]{32}\\s+i-[0-9a-f]{17}\\s+ACTIVE\\s+\\d+\\s+0\\s+yes\\s+${az}`),
      );
  });

  it('--json: web has 6 instances over 3 AZs; shop runs checkout (4) and worker (2)', async () => {
    const r = await runCli(['discover', '--sandbox', '--json'], emptyAwsEnv());
    const inv = JSON.parse(r.stdout);
    const web = inv.autoScalingGroups.find((g: { name: string }) => g.name === 'web');
    expect(web.instances).toHaveLength(6);
    expect(new Set(web.instances.map((i: { az: string }) => i.az)).size).toBe(3);
    const services = Object.fromEntries(
      inv.services
        .filter((s: { cluster: string }) => s.cluster === 'shop')
        .map((s: { name: string; running: number }) => [s.name, s.running]),
    );
    expect(services).toMatchObject({ checkout: 4, worker: 2 });
    const untagged = inv.instances.filter(
      (i: { tags: Record<string, string> }) => i.tags['chaos:allowed'] !== 'true',
    );
    expect(untagged.length).toBeGreaterThan(0);
  });

  it('a bad --sandbox-size or --seed is a usage error, exit 2', async () => {
    const r = await runCli(['discover', '--sandbox', '--sandbox-size', 'huge'], emptyAwsEnv());
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('gameday: --sandbox-size takes default, large, empty, not "huge"');
    const s = await runCli(['discover', '--sandbox', '--seed', 'abc'], emptyAwsEnv());
    expect(s.status).toBe(2);
    expect(s.stderr.trim()).toBe('gameday: --seed takes an integer, not "abc"');
  });
});
