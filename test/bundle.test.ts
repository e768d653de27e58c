// The built CLI loads the AWS SDK from its own bundle only. A specifier the bundler cannot see
// (a computed `import(name)`) would be left to Node, which then loads the unbundled package from
// node_modules on top of the bundled one: about a second more for every `gameday run`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'gameday-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the built CLI with a module hook that lists every file module Node loads. */
function loadedModules(args: string[]): {
  status: number | null;
  stdout: string;
  stderr: string;
  modules: string[];
} {
  const log = join(dir, 'loaded.txt');
  writeFileSync(log, '');
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');
  return next(url, context);
}`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, 'dist/cli.js', ...args], {
    encoding: 'utf8',
  });
  const modules = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, modules };
}

describe('the bundle', () => {
  it('--help and --version read no file but dist/cli.js', () => {
    for (const flag of ['--help', '--version']) {
      const r = loadedModules([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(flag === '--help' ? /^gameday: a terminal console/ : /^\d+\.\d+\.\d+\n$/);
      expect(r.modules.map((m) => m.replace(/.*\/dist\//, 'dist/'))).toEqual(['dist/cli.js']);
    }
  });

  it('a sandbox run of an EC2 experiment loads no AWS SDK module from node_modules', () => {
    const file = join(dir, 'stop-start.json');
    const action = (name: string, func: string) => ({
      type: 'action',
      name,
      provider: {
        type: 'python',
        module: 'chaosaws.ec2.actions',
        func,
        arguments: { filters: [{ Name: 'tag:Name', Values: ['batch-1'] }] },
      },
    });
    writeFileSync(
      file,
      JSON.stringify({
        version: '1.0.0',
        title: 'stop and start',
        description: 'bundle test',
        method: [action('stop-it', 'stop_instances'), action('start-it', 'start_instances')],
      }),
    );
    const r = loadedModules([
      'run',
      file,
      '--sandbox',
      '--no-record',
      '--journal-path',
      join(dir, 'journal.json'),
    ]);
    expect(r.stderr).toContain('Action: start-it');
    expect(r.modules.filter((m) => m.includes('@aws-sdk') || m.includes('@smithy'))).toEqual([]);
  });
});
