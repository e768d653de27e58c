// End to end: the built CLI in tmux (launched with CI=0) on the sandbox at 20x speed. Mark two
// "web" instances, terminate them, watch the ASG's healthy count dip and recover, add a note,
// halt, quit. Assertions read the captured screen.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, TmuxSession } from './tmux.js';

const ensureBuilt = () => {
  if (!existsSync('dist/cli.js')) execFileSync('node', ['scripts/build.mjs']);
};

if (!hasTmux) console.warn('e2e console test skipped: tmux is not installed');

describe.skipIf(!hasTmux)('gameday --sandbox in tmux (80x24)', () => {
  let t: TmuxSession;
  const records = mkdtempSync(join(tmpdir(), 'gd-e2e-'));
  beforeAll(() => {
    ensureBuilt();
    t = new TmuxSession(
      `CI=0 node dist/cli.js --sandbox --speed 20 --seed 1 --max-probe-failures 0 --record-dir ${records}; echo "EXIT=$?"; sleep 30`,
    );
  });
  afterAll(() => {
    t?.kill();
    rmSync(records, { recursive: true, force: true });
  });

  it('marks 2 web instances, terminates them, sees the dip and recovery, notes, halts and quits', async () => {
    await t.waitFor('updated');
    t.keys('/');
    t.keys('C-u', 'web', 'Enter');
    await t.waitFor('filter: web');
    t.keys('Space', 'Space');
    let s = await t.waitFor('2 marked');
    expect(s).toMatch(/●i-\w+ +web/);
    t.keys('a');
    await t.waitFor('Choose an attack');
    t.keys('End', 'Enter');
    await t.waitFor('selection (str)');
    t.keys('Enter');
    s = await t.waitFor('Blast radius: Terminate instances');
    expect(s).toContain('Resources (2)');
    expect(s).toContain('ec2:TerminateInstances');
    t.keys('Enter');
    await t.waitFor('y to run it');
    t.keys('y');
    await t.waitFor('Terminate instances done');
    t.keys('Enter');
    s = await t.waitFor('Steady state');
    expect(s).toContain('ASG web healthy');
    await t.waitFor(/✘ ASG web healthy: \d outside >= desired/);
    s = await t.waitFor('ASG web healthy back within tolerance', 40_000);
    expect(s).toMatch(/ASG web healthy.*✘+.*✔+\s*$/m);
    expect(s).toContain('ASG web healthy (probe >= desired)');
    t.keys('n');
    t.keys('web recovered after the ASG replaced both', 'Enter');
    await t.waitFor('✎ web recovered after the ASG replaced both');
    t.keys('h');
    await t.waitFor('halted: undid 0 change(s)');
    t.keys('q');
    s = await t.waitFor('EXIT=0');
    expect(s).toContain(`session recorded in ${records}`);
    const [dir] = readdirSync(records);
    const log = readFileSync(join(records, dir!, 'events.ndjson'), 'utf8');
    expect(log).toContain('"func":"terminate_instances"');
    expect(log).toContain('web recovered after the ASG replaced both');
  }, 120_000);
});

describe('gameday without a terminal', () => {
  it('refuses with one clear line and exit 2', () => {
    ensureBuilt();
    const r = spawnSync('node', ['dist/cli.js', '--sandbox'], {
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('the console needs an interactive terminal');
    expect(r.stderr).not.toContain('    at ');
  });
});
