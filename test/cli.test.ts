import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const cli = (...args: string[]) => spawnSync('node', ['dist/cli.js', ...args], { encoding: 'utf8' });

describe('gameday CLI', () => {
  it('--help lists the commands and exits 0', () => {
    const r = cli('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('gameday discover');
  });
  it('--version prints the package version', () => {
    const r = cli('--version');
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
  it('the console refuses an unknown --on-error policy with one line and exit 2', () => {
    const r = cli('--sandbox', '--on-error', 'maybe');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--on-error takes continue or halt, not "maybe"');
    expect(r.stderr).not.toContain('    at ');
  });
  it("the console's help explains --on-error within 80 columns", () => {
    const r = cli('--sandbox', '--help');
    expect(r.stdout).toContain('--on-error POLICY');
    expect(r.stdout).toMatch(/continue\s+\(default\) goes on/);
    const lines = r.stdout.split('\n');
    const from = lines.findIndex((l) => l.includes('--on-error POLICY'));
    const to = lines.findIndex((l) => l.includes('--allow-untagged'));
    for (const line of lines.slice(from, to)) expect(line.length, line).toBeLessThanOrEqual(80);
  });
  it('an unknown command suggests the closest one and exits 2', () => {
    const r = cli('discovr');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('did you mean "discover"');
    expect(r.stderr).not.toContain('    at ');
  });
});

describe('gameday --help layout', () => {
  it('fits an 80-column terminal and lists every command', () => {
    const r = cli('--help');
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    for (const name of [
      'discover',
      'run',
      'validate',
      'catalog',
      'play',
      'recover',
      'replay',
      'review',
      'report',
      'export',
    ])
      expect(r.stdout).toContain(`gameday ${name} `);
  });
});
