// End to end: the built CLI in tmux (launched with CI=0: ink prints nothing live under CI=true) on
// the sandbox at 20x speed. Mark two "web" instances, terminate them, watch the ASG's healthy
// count dip and recover, add a note, halt, quit. Assertions read the captured screen.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const socket = `gdtest-${process.pid}-${Math.floor(Math.random() * 1e6)}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'x');
const keys = (...k: string[]) => tmux('send-keys', '-t', 'x', ...k);

/** Polls the screen until it contains `text` (or the time is up: then fails showing the screen). */
async function waitFor(text: string | RegExp, ms = 20_000): Promise<string> {
  const until = Date.now() + ms;
  let last = '';
  while (Date.now() < until) {
    last = screen();
    if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`screen never showed ${String(text)}; it shows:\n${last}`);
}

describe.skipIf(!hasTmux)('gameday --sandbox in tmux (80x24)', () => {
  beforeAll(() => {
    if (!existsSync('dist/cli.js')) execFileSync('node', ['scripts/build.mjs']);
    tmux(
      'new-session',
      '-d',
      '-s',
      'x',
      '-x',
      '80',
      '-y',
      '24',
      'CI=0 node dist/cli.js --sandbox --speed 20 --seed 1 --max-probe-failures 0; echo "EXIT=$?"; sleep 30',
    );
  });
  afterAll(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
  });

  it('marks 2 web instances, terminates them, sees the dip and recovery, notes, halts and quits', async () => {
    await waitFor(/EC2 \(\d+\)/);
    await waitFor('updated');
    keys('/');
    keys('C-u', 'web', 'Enter');
    await waitFor('filter: web');
    keys('Space', 'Space');
    let s = await waitFor('2 marked');
    expect(s).toMatch(/●i-\w+ +web/);
    keys('a');
    await waitFor('Choose an attack');
    keys('End', 'Enter');
    await waitFor('selection (str)');
    keys('Enter');
    s = await waitFor('Blast radius: Terminate instances');
    expect(s).toContain('Resources (2)');
    expect(s).toContain('ec2:TerminateInstances');
    keys('Enter');
    await waitFor('y to run it');
    keys('y');
    await waitFor('Terminate instances done');
    keys('Enter');
    s = await waitFor('Steady state');
    expect(s).toContain('ASG web healthy');
    s = await waitFor(/✘ ASG web healthy: \d outside >= desired/);
    s = await waitFor('ASG web healthy back within tolerance', 40_000);
    expect(s).toMatch(/ASG web healthy.*✘+.*✔+\s*$/m);
    expect(s).toContain('ASG web healthy (probe >= desired)');
    keys('n');
    keys('web recovered after the ASG replaced both', 'Enter');
    await waitFor('✎ web recovered after the ASG replaced both');
    keys('h');
    await waitFor('halted: undid 0 change(s)');
    keys('q');
    await waitFor('EXIT=0');
  }, 120_000);
});

describe('gameday without a terminal', () => {
  it('refuses with one clear line and exit 2', () => {
    if (!existsSync('dist/cli.js')) execFileSync('node', ['scripts/build.mjs']);
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
