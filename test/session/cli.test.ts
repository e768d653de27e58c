// The recording commands through the built CLI on the example recording: report (Markdown, HTML),
// export (FIS, Chaos Toolkit), review without a terminal, replay's diff and its choice, and one
// clear error (exit 2) for a missing or invalid recording.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempRoot } from './support.js';

const EXAMPLE = join(process.cwd(), 'recordings/20260105T090000Z-stop-one-web-instance');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(process.cwd(), 'dist/cli.js'), ...args], {
    encoding: 'utf8',
    cwd: tempRoot(),
    env: { ...process.env, NO_COLOR: '1' },
  });

beforeAll(() => {
  if (!existsSync('dist/cli.js')) spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
});

describe('recording commands (built CLI)', () => {
  it('report prints Markdown; --html writes a self-contained page where asked', () => {
    const md = cli('report', EXAMPLE);
    expect(md.status).toBe(0);
    expect(md.stdout).toMatch(/^# Stop one web instance/);
    expect(md.stdout).toMatch(
      /\| 2 \| Stop instances \(then start them\) \| `gameday.actions.stop_instances` \| i-[0-9a-f]+ /,
    );
    const out = join(tempRoot(), 'r.html');
    const html = cli('report', EXAMPLE, '--html', '--out', out);
    expect(html.status).toBe(0);
    expect(html.stderr).toContain(`report written to ${out}`);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*<svg[\s\S]*<\/html>\s*$/);
  });

  it('export --fis prints a template and lists what FIS cannot do; export needs a format', () => {
    const r = cli('export', EXAMPLE, '--fis');
    expect(r.status).toBe(0);
    const template = JSON.parse(r.stdout);
    expect(template.actions['stop-instances-then-start-them'].actionId).toBe('aws:ec2:stop-instances');
    expect(template.stopConditions[0]).toEqual({
      source: 'aws:cloudwatch:alarm',
      value: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-high-5xx',
    });
    expect(r.stderr).toContain(
      'suspend-asg-processes (chaosaws.asg.actions.suspend_processes): AWS FIS has no equivalent action',
    );
    const none = cli('export', EXAMPLE);
    expect(none.status).toBe(2);
    expect(none.stderr.trim()).toBe(
      'gameday: export: say which format, --fis or --chaostoolkit (usage: gameday export RECORDING (--fis | --chaostoolkit) [--out FILE])',
    );
    const ctk = cli('export', EXAMPLE, '--chaostoolkit');
    expect(JSON.parse(ctk.stdout)).toEqual(
      JSON.parse(readFileSync(join(EXAMPLE, 'experiment.json'), 'utf8')),
    );
  });

  it('review without a terminal prints the live view at a moment', () => {
    const r = cli('review', EXAMPLE, '--at', '45');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'Stop one web instance (20260105T090000Z-stop-one-web-instance) at 45s of 160s',
    );
    expect(r.stdout).toMatch(/ASG web healthy \(>= desired\): ✔✔✔✔\n/);
    expect(r.stdout).toContain('tick 4 ▲ Suspend ASG processes');
    expect(r.stdout).not.toContain('Stop instances');
    expect(cli('review', EXAMPLE, '--speed', '5').stderr.trim()).toBe(
      'gameday: review: --speed takes 1, 10 or 60, not "5"',
    );
  });

  it('a missing or invalid recording is one line naming the path, exit 2', () => {
    for (const cmd of ['report', 'export', 'review', 'replay']) {
      const r = cli(cmd, '/nonexistent/rec', ...(cmd === 'export' ? ['--fis'] : []));
      expect(r.status, cmd).toBe(2);
      expect(r.stderr.trim(), cmd).toBe(
        'gameday: /nonexistent/rec: no such recording (give a recordings/<time>-<name> directory)',
      );
    }
    const dir = join(tempRoot(), 'bad');
    mkdirSync(dir);
    writeFileSync(join(dir, 'events.ndjson'), '{"not":"an event"}\n');
    const bad = cli('report', dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe(
      `gameday: ${join(dir, 'events.ndjson')}: no readable events (1 unreadable lines)`,
    );
  });

  it('gameday validate accepts the recorded experiment.json and gameday run --sandbox runs it', () => {
    const exp = join(EXAMPLE, 'experiment.json');
    const v = cli('validate', exp, '--sandbox');
    expect(v.stderr).toContain('experiment syntax and semantic look valid');
    expect(v.status).toBe(0);
    const cwd = tempRoot();
    const r = spawnSync(
      process.execPath,
      [join(process.cwd(), 'dist/cli.js'), 'run', exp, '--sandbox', '--dry', 'pause', '--no-record'],
      {
        encoding: 'utf8',
        cwd,
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    expect(r.stderr).toContain('Action: stop-instances-then-start-them');
    expect(r.status).toBe(0);
    const journal = JSON.parse(readFileSync(join(cwd, 'journal.json'), 'utf8'));
    expect(
      journal.run.map((e: { activity: { name: string }; status: string }) => [e.activity.name, e.status]),
    ).toEqual([
      ['suspend-asg-processes', 'succeeded'],
      ['stop-instances-then-start-them', 'succeeded'],
    ]);
    const stopped = JSON.parse(readFileSync(join(EXAMPLE, 'experiment.json'), 'utf8')).method[1].provider
      .arguments.instance_ids;
    expect(JSON.stringify(journal.run[1].output)).toContain(stopped[0]);
  }, 60_000);

  it('replay shows the diff first; without a terminal it needs --keep-ids or --re-resolve when targets changed', () => {
    const same = cli('replay', EXAMPLE, '--sandbox', '--diff-only');
    expect(same.status).toBe(0);
    expect(same.stderr).toContain('Targets: recorded vs now (the sandbox)');
    expect(same.stderr).toMatch(
      /stop-instances-then-start-them \(gameday.actions.stop_instances\) picks COUNT\(1\) with seed \d+/,
    );
    expect(same.stderr.match(/same targets/g)).toHaveLength(2);
    // The same session, but the instance it stopped no longer exists.
    const copy = join(tempRoot(), 'changed');
    mkdirSync(copy);
    const log = readFileSync(join(EXAMPLE, 'events.ndjson'), 'utf8');
    const stopped = /"operation":"StopInstances","input":\{"InstanceIds":\["(i-[0-9a-f]+)"/.exec(log)![1]!;
    writeFileSync(join(copy, 'events.ndjson'), log.replaceAll(stopped, 'i-0000000000000dead'));
    const changed = cli('replay', copy, '--sandbox');
    expect(changed.status).toBe(2);
    expect(changed.stderr).toMatch(/gone: +i-0000000000000dead/);
    expect(changed.stderr).toMatch(/new: +.*i-[0-9a-f]+/);
    expect(changed.stderr.trim().split('\n').at(-1)).toBe(
      'gameday: replay: the targets changed since the recording; pass --keep-ids (act on the recorded ids) or --re-resolve (run the selectors again)',
    );
  });
});
