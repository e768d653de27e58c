import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/experiment/errors.js';
import { loadExperimentFile, MAX_FILE_BYTES, parseExperimentText } from '../../src/experiment/load.js';
import { loadVarFiles } from '../../src/experiment/vars.js';

const dir = mkdtempSync(join(tmpdir(), 'gameday-load-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const loadError = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(LoadError);
    return (err as Error).message;
  }
  throw new Error('expected a LoadError');
};

describe('loading experiment files', () => {
  it('loads JSON and YAML to the same experiment', () => {
    const json = loadExperimentFile(file('a.json', '{"title": "t", "description": "d", "method": []}'));
    const yaml = loadExperimentFile(file('a.yaml', 'title: t\ndescription: d\nmethod: []\n'));
    expect(yaml).toEqual(json);
  });
  it("YAML is read as YAML 1.1 like PyYAML's safe_load: yes/no are booleans, merge keys work", () => {
    const exp = parseExperimentText(
      'title: t\ndescription: d\nbase: &b {type: probe}\nmethod:\n  - <<: *b\n    name: p\n    background: yes\n',
      'y.yaml',
    );
    expect(exp.method?.[0]).toEqual({ type: 'probe', name: 'p', background: true });
  });
  it('malformed JSON names the line and column', () => {
    const msg = loadError(() => parseExperimentText('{\n  "title": "x",\n  "method": [\n}\n', 'bad.json'));
    expect(msg).toMatch(/^bad\.json:4:1: invalid JSON: expected a value, found "}"$/);
    expect(loadError(() => parseExperimentText('{"title": "x",}', 'bad.json'))).toMatch(
      /^bad\.json:1:15: invalid JSON: expected a double-quoted property name/,
    );
    expect(loadError(() => parseExperimentText('{"title": "x"', 'bad.json'))).toMatch(
      /^bad\.json:1:14: invalid JSON: expected ',' or '}' after a property value, found the end of the file$/,
    );
  });
  it('malformed YAML names the line and column', () => {
    const msg = loadError(() =>
      parseExperimentText('title: t\nmethod:\n  - name: a\n   type: action\n', 'bad.yaml'),
    );
    expect(msg).toMatch(/^bad\.yaml:4:\d+: invalid YAML: /);
  });
  it('a document that is not an object is not an experiment', () => {
    expect(loadError(() => parseExperimentText('[1, 2]', 'list.json'))).toBe(
      'list.json: not an experiment: the document is a list, expected an object with title, description and method',
    );
    expect(loadError(() => parseExperimentText('just words', 'w.yaml'))).toMatch(
      /not an experiment: the document is a string/,
    );
    expect(loadError(() => parseExperimentText('  \n', 'e.json'))).toMatch(/empty/);
  });
  it('a deeply nested JSON file is refused without overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(loadError(() => parseExperimentText(deep, 'deep.json'))).toMatch(/nested deeper than 64 levels/);
  });
  it('a deeply nested YAML file is refused', () => {
    const deep = `a: ${'['.repeat(200)}${']'.repeat(200)}\n`;
    expect(loadError(() => parseExperimentText(deep, 'deep.yaml'))).toMatch(
      /nested (deeper than 64 levels|too deeply)/,
    );
  });
  it('a YAML alias bomb is refused', () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'title: [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
    ].join('\n');
    expect(loadError(() => parseExperimentText(bomb, 'bomb.yaml'))).toMatch(/alias/i);
  });
  it('a huge file is refused before it is read', () => {
    const p = file('huge.json', `{"title": "${'x'.repeat(MAX_FILE_BYTES)}"}`);
    expect(loadError(() => loadExperimentFile(p))).toMatch(/too large for an experiment/);
  });
  it('a missing file says so', () => {
    expect(loadError(() => loadExperimentFile(join(dir, 'nope.json')))).toMatch(/nope\.json: no such file$/);
  });
  it('--var-file: JSON/YAML give configuration and secrets, other files are .env lines', () => {
    const y = file('v.yaml', 'configuration:\n  a: 1\nsecrets:\n  aws:\n    k: s\n');
    const e = file('v.env', '# comment\nAPP_URL=http://x=y\n');
    const r = loadVarFiles([y, e], { b: '2' });
    expect(r).toEqual({
      configuration: { a: 1, b: '2' },
      secrets: { aws: { k: 's' } },
      env: { APP_URL: 'http://x=y' },
    });
  });
});
