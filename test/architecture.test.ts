// The layers of docs/DESIGN.md, enforced on the source: who may import the AWS SDK, React and ink,
// and which layers may import which.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Every module specifier a file imports (static, dynamic and type-only). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(
    /(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
  ))
    out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

const all = files(SRC).map((f) => ({ path: relative(SRC, f), imports: importsOf(f) }));
const layer = (path: string) => path.split('/')[0]!;

describe('architecture', () => {
  it('finds the source and reads its imports (static, type-only and dynamic)', () => {
    expect(all.length).toBeGreaterThan(50);
    const clients = all.find((f) => f.path === 'aws/clients.ts')!;
    expect(clients.imports).toContain('@aws-sdk/client-ec2');
    expect(clients.imports).toContain('./counter.js');
  });

  it('only src/aws and src/sandbox import @aws-sdk', () => {
    const offenders = all
      .filter((f) => !['aws', 'sandbox'].includes(layer(f.path)))
      .filter((f) => f.imports.some((i) => i.startsWith('@aws-sdk/') || i.startsWith('@smithy/')))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('src/experiment is pure: no AWS, no React, no ink, no other layer', () => {
    const offenders = all
      .filter((f) => layer(f.path) === 'experiment')
      .flatMap((f) =>
        f.imports
          .filter(
            (i) =>
              /^(@aws-sdk|@smithy|react|ink)/.test(i) ||
              /^\.\.\/(aws|sandbox|catalog|tui|steady|session|commands)\//.test(i),
          )
          .map((i) => `${f.path} -> ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it('React and ink stay in src/tui (and the commands that open it)', () => {
    const offenders = all
      .filter((f) => !['tui', 'commands'].includes(layer(f.path)))
      .flatMap((f) =>
        f.imports.filter((i) => /^(react|ink)(\/|-|$)/.test(i)).map((i) => `${f.path} -> ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it('views never fetch: tui screens and widgets import neither AWS nor the sandbox', () => {
    const offenders = all
      .filter((f) => /^tui\/(screens|widgets)\//.test(f.path))
      .flatMap((f) =>
        f.imports
          .filter((i) => /(^@aws-sdk)|\/aws\/(clients|discovery|ops)|\/sandbox\//.test(i))
          .map((i) => `${f.path} -> ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it('lower layers do not import higher ones (aws and catalog never import tui, session or commands)', () => {
    const higher: Record<string, string[]> = {
      aws: ['catalog', 'experiment', 'steady', 'session', 'tui', 'commands', 'sandbox'],
      catalog: ['steady', 'session', 'tui', 'commands', 'sandbox'],
      steady: ['session', 'tui', 'commands', 'sandbox'],
      sandbox: ['catalog', 'experiment', 'steady', 'session', 'tui', 'commands'],
    };
    const offenders = all.flatMap((f) => {
      const banned = higher[layer(f.path)] ?? [];
      return f.imports
        .filter((i) => i.startsWith('.'))
        .filter((i) => banned.some((b) => new RegExp(`^(\\.\\./)+${b}/`).test(i)))
        .map((i) => `${f.path} -> ${i}`);
    });
    expect(offenders).toEqual([]);
  });
});
