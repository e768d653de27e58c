// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is Chaos Toolkit placeholder syntax, not a JS template
// `gameday run` / `gameday validate` through the built CLI (node dist/cli.js): exit codes, the
// chaos-style log on stderr (C1 colours without a TTY), the journal file, and bad input.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'gameday-cli-'));
const cli = (...args: string[]) =>
  spawnSync('node', [join(process.cwd(), 'dist/cli.js'), ...args], {
    encoding: 'utf8',
    cwd: dir,
    env: { ...process.env, NO_COLOR: '' },
  });
const file = (name: string, content: unknown) => {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return name;
};
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI colour codes (C1)
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const proc = (name: string, path: string, args: string[] = [], extra: object = {}) => ({
  type: 'probe',
  name,
  provider: { type: 'process', path, arguments: args },
  ...extra,
});

beforeAll(() => {
  if (!existsSync('dist/cli.js')) spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
});

describe('gameday validate (bad input gets one clear message and exit 2)', () => {
  it('malformed JSON: file, line and column, no stack trace', () => {
    const r = cli('validate', file('bad.json', '{\n  "title": "x",\n  "method": [\n}\n'));
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('gameday: bad.json:4:1: invalid JSON: expected a value, found "}"');
  });
  it('a YAML alias bomb is refused', () => {
    const lines = ['a: &a [x,x,x,x,x,x,x,x,x]'];
    for (const [p, q] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
    ])
      lines.push(`${p}: &${p} [${Array(9).fill(`*${q}`).join(',')}]`);
    const r = cli('validate', file('bomb.yaml', `${lines.join('\n')}\n`));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^gameday: bomb\.yaml: too many YAML aliases/);
    expect(r.stderr).not.toContain('    at ');
  });
  it('not an experiment', () => {
    const r = cli('validate', file('list.json', '[1, 2, 3]'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not an experiment');
  });
  it('an invalid experiment lists every error with its JSON path, after the validating line (C12)', () => {
    const r = cli(
      'validate',
      file('inv.json', {
        title: 't',
        configuration: { url: { type: 'env', key: 'GAMEDAY_TEST_UNSET_URL' } },
        method: [{ type: 'action' }],
      }),
    );
    expect(r.status).toBe(2);
    const lines = strip(r.stderr)
      .trim()
      .split('\n')
      .map((l) => l.replace(/^\[[^\]]+\] /, ''));
    expect(lines).toEqual([
      "Validating the experiment's syntax",
      'inv.json: description: experiment requires a description',
      'inv.json: configuration.url: Configuration makes reference to an environment key that does not exist: GAMEDAY_TEST_UNSET_URL',
      'inv.json: method[0].name: an activity must have a name',
      'inv.json: method[0].provider: an activity requires a provider',
    ]);
  });
  it('an unknown option is a one-line usage error', () => {
    const r = cli('validate', 'x.json', '--frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      "gameday: validate: Unknown option '--frobnicate' (see gameday validate --help)",
    ]);
  });
});

describe('gameday run', () => {
  const ok = {
    title: 'cli ${who}',
    description: 'process providers only',
    configuration: { who: 'run' },
    'steady-state-hypothesis': {
      title: 'echo answers',
      probes: [
        proc('say-hello', 'echo', ['hello'], {
          tolerance: { type: 'regex', pattern: '^hello$', target: 'stdout' },
        }),
      ],
    },
    method: [proc('exit-zero', 'true')],
    rollbacks: [],
  };
  it('runs, prints the chaos log lines, writes the journal and exits 0', () => {
    const r = cli('run', file('ok.json', ok), '--journal-path', 'j.json');
    expect(r.status).toBe(0);
    // C1: no TTY, so the colour start code and no reset
    const first = r.stderr.split('\n')[0]!;
    expect(first.startsWith('\x1b[32m[')).toBe(true);
    expect(first).not.toContain('\x1b[0m');
    expect(first.slice(5)).toMatch(
      /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d INFO\] Validating the experiment's syntax$/,
    );
    const messages = strip(r.stderr)
      .trim()
      .split('\n')
      .map((l) => l.replace(/^\[[^\]]+\] /, ''));
    expect(messages).toEqual([
      "Validating the experiment's syntax",
      'Experiment looks valid',
      expect.stringMatching(/^Recording the run in \S*\/\d{8}T\d{6}Z-cli-/),
      'Running experiment: cli run',
      'Steady-state strategy: default',
      'Rollbacks strategy: default',
      'Steady state hypothesis: echo answers',
      'Probe: say-hello',
      'Steady state hypothesis is met!',
      "Playing your experiment's method now...",
      'Probe: exit-zero',
      'Steady state hypothesis: echo answers',
      'Probe: say-hello',
      'Steady state hypothesis is met!',
      "Let's rollback...",
      "No declared rollbacks, let's move on.",
      'Experiment ended with status: completed',
      expect.stringMatching(/^Run recorded in \S*\/\d{8}T\d{6}Z-cli-/),
    ]);
    const journal = JSON.parse(readFileSync(join(dir, 'j.json'), 'utf8'));
    expect(Object.keys(journal)).toEqual([
      'chaoslib-version',
      'platform',
      'node',
      'experiment',
      'start',
      'status',
      'deviated',
      'steady_states',
      'run',
      'rollbacks',
      'end',
      'duration',
    ]);
    expect(journal.run[0].output).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(journal.start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
  });
  it('a deviated run exits 1 and the console says "deviated" while the journal says completed (C10)', () => {
    const deviating = {
      ...ok,
      'steady-state-hypothesis': {
        title: 'marker absent',
        probes: [
          proc('marker', 'sh', ['-c', 'test -e marker && echo yes || echo no'], {
            tolerance: { type: 'regex', pattern: '^no$', target: 'stdout' },
          }),
        ],
      },
      method: [proc('make-marker', 'touch', ['marker'])],
    };
    const r = cli('run', file('dev.json', deviating), '--journal-path', 'dev-journal.json');
    expect(r.status).toBe(1);
    expect(strip(r.stderr)).toContain('Experiment ended with status: deviated');
    expect(strip(r.stderr)).toContain(
      "Steady state probe 'marker' is not in the given tolerance so failing this experiment",
    );
    const journal = JSON.parse(readFileSync(join(dir, 'dev-journal.json'), 'utf8'));
    expect([journal.status, journal.deviated]).toEqual(['completed', true]);
  });
  it('--dry runs nothing and still journals every activity', () => {
    const r = cli(
      'run',
      file('dry.json', { ...ok, method: [proc('would-fail', 'false')] }),
      '--dry',
      '--journal-path',
      'dry-j.json',
    );
    expect(r.status).toBe(0);
    expect(strip(r.stderr)).toContain('WARNING] Running experiment with dry activities');
    const journal = JSON.parse(readFileSync(join(dir, 'dry-j.json'), 'utf8'));
    expect(journal.run[0]).toMatchObject({ output: null, status: 'succeeded' });
  });
  it('--var fills a configuration entry whose environment variable is unset', () => {
    const exp = { ...ok, configuration: { who: { type: 'env', key: 'GAMEDAY_TEST_UNSET_WHO' } } };
    const without = cli('run', file('var.json', exp), '--journal-path', 'var-j.json');
    expect(without.status).toBe(2);
    const r = cli('run', 'var.json', '--var', 'who=override', '--journal-path', 'var-j.json');
    expect(r.status).toBe(0);
    expect(strip(r.stderr)).toContain('Running experiment: cli override');
  });
  it('Ctrl-C during a pause: interrupted, rollbacks not played under default, exit 1, journal written', async () => {
    const exp = {
      ...ok,
      method: [proc('then-wait', 'true', [], { pauses: { after: 600 } })],
      rollbacks: [proc('undo', 'true')],
    };
    const child = spawn(
      'node',
      [join(process.cwd(), 'dist/cli.js'), 'run', file('int.json', exp), '--journal-path', 'int-j.json'],
      {
        cwd: dir,
      },
    );
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (!sent && stderr.includes('Pausing after activity for 600s...')) {
        sent = true; // one Ctrl-C only: a second one would interrupt the rollbacks
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(strip(stderr)).toContain('Received a termination signal (Ctrl-C)...');
    expect(strip(stderr)).toContain('Experiment ended with status: interrupted');
    const journal = JSON.parse(readFileSync(join(dir, 'int-j.json'), 'utf8'));
    expect(journal.status).toBe('interrupted');
    expect(journal.rollbacks).toEqual([]);
  });
  it('a bad strategy is a usage error (exit 2), checked before anything runs', () => {
    const r = cli('run', 'ok.json', '--rollback-strategy', 'sometimes');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      'gameday: run: --rollback-strategy must be one of default, always, never, deviated, not "sometimes"',
    );
  });
});
