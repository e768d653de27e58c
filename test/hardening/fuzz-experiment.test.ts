// Hostile input: 10,000 seeded mutations of the real Chaos Toolkit corpus through the loader and
// validator. Zero crashes: every rejection is a LoadError or an InvalidExperiment whose every line
// names the file (and, for validation, a JSON path).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogEntries } from '../../src/catalog/index.js';
import { Prng } from '../../src/catalog/prng.js';
import { InvalidExperiment, LoadError } from '../../src/experiment/errors.js';
import { parseExperimentText } from '../../src/experiment/load.js';
import { registryOf } from '../../src/experiment/registry.js';
import { validateExperiment } from '../../src/experiment/validate.js';
import { recordTally } from './tally.js';

// A copy of ../shared/corpus/experiments (the real Chaos Toolkit files), kept with the tests.
const CORPUS = join(import.meta.dirname, '../fixtures/experiment/corpus');
const seeds = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => readFileSync(join(CORPUS, f), 'utf8'));

const JUNK = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  '\\',
  '\u0000',
  '${',
  '$x',
  '&a',
  '*a',
  '!!',
  '\n',
  '- ',
  '1e999',
  'null',
  'true',
  '💥',
];
const VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  '',
  'x',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Chaos Toolkit placeholder, not a JS template
  '${undefined_var}',
  [],
  {},
  [[[[]]]],
  { type: 'python' },
  { ref: 'nope' },
];

function mutateText(text: string, rnd: () => number): string {
  let s = text;
  const edits = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const op = Math.floor(rnd() * 5);
    if (op === 0) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 20));
    else if (op === 1) s = s.slice(0, at) + JUNK[Math.floor(rnd() * JUNK.length)] + s.slice(at);
    else if (op === 2) s = s.slice(0, at);
    else if (op === 3) s = s.slice(0, at) + s.slice(Math.floor(rnd() * s.length));
    else s = s.slice(0, at) + String.fromCharCode(Math.floor(rnd() * 128)) + s.slice(at + 1);
  }
  return s;
}

function mutateTree(value: unknown, rnd: () => number, depth = 0): unknown {
  if (rnd() < 0.08) return VALUES[Math.floor(rnd() * VALUES.length)];
  if (Array.isArray(value)) {
    const out = value.map((v) => mutateTree(v, rnd, depth + 1));
    if (rnd() < 0.1)
      out.splice(Math.floor(rnd() * (out.length + 1)), 0, VALUES[Math.floor(rnd() * VALUES.length)]);
    return out;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (rnd() < 0.05) continue;
      out[rnd() < 0.03 ? `${k}_typo` : k] = mutateTree(v, rnd, depth + 1);
    }
    return out;
  }
  return value;
}

function check(text: string, file: string): 'ok' | 'rejected' {
  try {
    const exp = parseExperimentText(text, file);
    const issues = validateExperiment(exp, { registry, env: {} });
    for (const issue of issues) {
      expect(typeof issue.path).toBe('string');
      expect(issue.message.length).toBeGreaterThan(0);
    }
    return issues.some((i) => i.level === 'error') ? 'rejected' : 'ok';
  } catch (err) {
    if (err instanceof LoadError) {
      expect(err.message.startsWith(`${file}:`), err.message).toBe(true);
      expect(err.message).not.toMatch(/\n\s+at /);
      return 'rejected';
    }
    if (err instanceof InvalidExperiment) {
      for (const line of err.message.split('\n')) expect(line.startsWith(`${file}:`), line).toBe(true);
      return 'rejected';
    }
    throw new Error(
      `crash on mutated input (${(err as Error).name}: ${(err as Error).message})\n${text.slice(0, 500)}`,
    );
  }
}

const registry = registryOf(catalogEntries());

describe.skipIf(!seeds.length)('fuzzing the experiment loader and validator', () => {
  it('10,000 seeded mutations of the corpus: no crash, every rejection names file and path', () => {
    const seeded = new Prng(20261125);
    const rnd = () => seeded.next();
    const tally = { ok: 0, rejected: 0 };
    for (let i = 0; i < 10_000; i++) {
      const seed = seeds[i % seeds.length]!;
      let text: string;
      if (i % 2 === 0) text = mutateText(seed, rnd);
      else text = JSON.stringify(mutateTree(JSON.parse(seed), rnd));
      tally[check(text, `fuzz-${i}.json`)]++;
    }
    expect(tally.ok + tally.rejected).toBe(10_000);
    // a crash throws out of the loop above, so reaching here means 10,000 cases and none crashed
    recordTally('fuzz', 'experiment mutations', 'crashes', true, 10_000);
    // Both outcomes occur: the mutations reach the validator, not only the parser.
    expect(tally.ok).toBeGreaterThan(0);
    expect(tally.rejected).toBeGreaterThan(1000);
  });

  it('YAML alias bombs, deep nesting and huge files are refused with a clear message', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
      );
    expect(() => parseExperimentText(bomb.join('\n'), 'bomb.yaml')).toThrow(LoadError);
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => parseExperimentText(deep, 'deep.json')).toThrow(/^deep\.json:1:\d+: invalid JSON: nested/);
    const huge = `{"title":"${'x'.repeat(5 * 1024 * 1024)}"}`;
    expect(() => parseExperimentText(huge, 'huge.json')).toThrow(/^huge\.json: too large/);
  });
});
