// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is Chaos Toolkit placeholder syntax, not a JS template
import { describe, expect, it } from 'vitest';
import { loadConfiguration, loadSecrets } from '../../src/experiment/configuration.js';
import { chainMapping, substitute, substituteString } from '../../src/experiment/substitute.js';
import { parseVars } from '../../src/experiment/vars.js';

const cfg = { name: 'web', count: 3, ids: ['i-1', 'i-2'], flag: true, nothing: null, obj: { a: 1 } };
const sub = (s: string) =>
  substituteString(s, chainMapping(cfg, { aws: { key: 'secret-k', name: 'from-secret' } }));

describe('substitution (chaostoolkit.md 1.4)', () => {
  it('1.4 ${name} inside a string is replaced with the value', () => {
    expect(sub('svc-${name}-1')).toBe('svc-web-1');
  });
  it('1.4 $name (no braces) is a placeholder too', () => {
    expect(sub('svc-$name.x')).toBe('svc-web.x');
  });
  it('1.4 $$ is an escape for a literal $', () => {
    expect(sub('cost $$5 and $${name}')).toBe('cost $5 and ${name}');
  });
  it('1.4 names must be identifiers: ${a.b} and ${a-b} are left untouched', () => {
    expect(sub('${a.b} ${a-b}')).toBe('${a.b} ${a-b}');
  });
  it('1.4 unknown names are left as they are, whole-string "$MY_FILE" and "${missing}" included', () => {
    expect(sub('$MY_FILE')).toBe('$MY_FILE');
    expect(sub('${missing}')).toBe('${missing}');
    expect(sub('a ${missing} b')).toBe('a ${missing} b');
  });
  it('1.4 a whole-string ${name} keeps the value type (int, list, dict, bool, None)', () => {
    expect(sub('${count}')).toBe(3);
    expect(sub('${ids}')).toEqual(['i-1', 'i-2']);
    expect(sub('${obj}')).toEqual({ a: 1 });
    expect(sub('${flag}')).toBe(true);
    expect(sub('${nothing}')).toBeNull();
  });
  it('1.4 a whole-string $name (no braces) is formatted as a string with Python str()', () => {
    expect(sub('$count')).toBe('3');
    expect(sub('$flag')).toBe('True');
    expect(sub('$ids')).toBe("['i-1', 'i-2']");
  });
  it('1.4 inside a longer string values are formatted with Python str()', () => {
    expect(sub('n=${count} ok=${flag} none=${nothing} ids=${ids}')).toBe(
      "n=3 ok=True none=None ids=['i-1', 'i-2']",
    );
  });
  it('1.4 lookup: configuration first, then every secret scope; configuration wins on a clash', () => {
    expect(sub('${key}')).toBe('secret-k');
    expect(sub('${name}')).toBe('web');
  });
  it('1.4 substitution is recursive through dicts and lists (nested lists stay nested)', () => {
    const out = substitute({ filters: [{ Name: 'id', Values: ['${name}', ['${count}']] }], n: 1 }, cfg, {});
    expect(out).toEqual({ filters: [{ Name: 'id', Values: ['web', [3]] }], n: 1 });
  });
  it('1.4 empty data is returned untouched', () => {
    expect(substitute('', cfg, {})).toBe('');
    expect(substitute({}, cfg, {})).toEqual({});
  });
});

describe('configuration and secrets (chaostoolkit.md 1.5)', () => {
  it('1.5 inline values are used as they are', () => {
    expect(loadConfiguration({ a: 1, b: 'x' }, {}, {})).toEqual({ a: 1, b: 'x' });
  });
  it('1.5 type env reads the variable, with env_var_type conversion', () => {
    expect(
      loadConfiguration({ p: { type: 'env', key: 'PORT', env_var_type: 'int' } }, {}, { PORT: '8080' }),
    ).toEqual({ p: 8080 });
  });
  it('1.5 type env falls back to its default when the variable is unset', () => {
    expect(loadConfiguration({ h: { type: 'env', key: 'HOST', default: 'localhost' } }, {}, {})).toEqual({
      h: 'localhost',
    });
  });
  it('1.5 an unset env variable with no default is an error naming the key', () => {
    expect(() => loadConfiguration({ u: { type: 'env', key: 'APP_URL' } }, {}, {})).toThrow(
      'Configuration makes reference to an environment key that does not exist: APP_URL',
    );
  });
  it('1.5 --var overrides experiment values and fills an env entry whose variable is unset', () => {
    expect(
      loadConfiguration({ u: { type: 'env', key: 'APP_URL' }, a: 1 }, { u: 'http://x', extra: 2 }, {}),
    ).toEqual({
      u: 'http://x',
      a: 1,
      extra: 2,
    });
  });
  it('1.5 secrets: env lookups, literals, and a missing env variable error', () => {
    expect(loadSecrets({ aws: { k: { type: 'env', key: 'K' }, r: 'lit' } }, {}, { K: 'v' })).toEqual({
      aws: { k: 'v', r: 'lit' },
    });
    expect(() => loadSecrets({ aws: { k: { type: 'env', key: 'NOPE' } } }, {}, {})).toThrow(
      'Secrets make reference to an environment key that does not exist: NOPE',
    );
  });
  it('1.5 --var k[:type]=v converts str, int, float, bool and json like chaos run', () => {
    expect(parseVars(['a=1', 'b:int=2', 'c:float=1.5', 'd:bool=no', 'e:json=[1,2]', 'f=x=y'])).toEqual({
      a: '1',
      b: 2,
      c: 1.5,
      d: false,
      e: [1, 2],
      f: 'x=y',
    });
    expect(() => parseVars(['novalue'])).toThrow('name[:type]=value');
    expect(() => parseVars(['n:int=abc'])).toThrow('cannot convert');
  });
});
