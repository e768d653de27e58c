// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is Chaos Toolkit placeholder syntax, not a JS template
import { describe, expect, it } from 'vitest';
import { compileJsonPath } from '../../src/experiment/jsonpath.js';
import { compilePyRegex } from '../../src/experiment/pyregex.js';
import { pyEq } from '../../src/experiment/pyvalue.js';
import { validateTolerance, withinTolerance } from '../../src/experiment/tolerance.js';

const ctx = { configuration: { want: 3, word: 'running', id: 'i-2', pat: '^ok' }, secrets: {} };
const within = (tol: unknown, v: unknown) => withinTolerance(tol, v, ctx);

describe('Python loose equality (chaostoolkit.md 1.3: True == 1, 200 == 200.0)', () => {
  it('bools are ints and ints equal floats; strings never equal numbers', () => {
    expect(pyEq(true, 1)).toBe(true);
    expect(pyEq(false, 0)).toBe(true);
    expect(pyEq(200, 200.0)).toBe(true);
    expect(pyEq('1', 1)).toBe(false);
    expect(pyEq([1, { a: true }], [1.0, { a: 1 }])).toBe(true);
    expect(pyEq({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });
});

describe('scalar tolerances (chaostoolkit.md 1.3)', () => {
  it('1.3 bool: v == tol, so 1 passes `true` and "true" does not', async () => {
    expect(await within(true, true)).toBe(true);
    expect(await within(true, 1)).toBe(true);
    expect(await within(true, 'true')).toBe(false);
    expect(await within(false, true)).toBe(false);
  });
  it('1.3 int: compared with `status` of a process/http output dict, else with the value', async () => {
    expect(await within(200, { status: 200, headers: {}, body: '' })).toBe(true);
    expect(await within(200, { status: 503, headers: {}, body: '' })).toBe(false);
    expect(await within(0, { status: 0, stdout: '', stderr: '' })).toBe(true);
    expect(await within(3, 3.0)).toBe(true);
    expect(await within(1, true)).toBe(true);
  });
  it('1.3 str: equality after substitution; a whole "${var}" becomes the typed value first', async () => {
    expect(await within('running', 'running')).toBe(true);
    expect(await within('${word}', 'running')).toBe(true);
    expect(await within('${want}', 3)).toBe(true);
    expect(await within('${want}', '3')).toBe(false);
    expect(await within('${want}', { status: 3 })).toBe(true);
  });
});

describe('list tolerance (C6)', () => {
  it('C6 against a process/HTTP dict it is membership even with 2 items: exit 1 vs [0, 2] fails', async () => {
    expect(await within([0, 2], { status: 1, stdout: '', stderr: '' })).toBe(false);
    expect(await within([0, 2], { status: 2, stdout: '', stderr: '' })).toBe(true);
  });
  it('C6 against a number a 2-item list is an inclusive range: 286.0 vs [100, 150] misses, 120.0 passes', async () => {
    expect(await within([100, 150], 286.0)).toBe(false);
    expect(await within([100, 150], 120.0)).toBe(true);
    expect(await within([100, 150], 150)).toBe(true);
  });
  it('C6 with 3 or more items it is membership', async () => {
    expect(await within([1, 2, 3], 2)).toBe(true);
    expect(await within([1, 2, 3], 2.5)).toBe(false);
    expect(await within(['a', 'b', 'c'], 'b')).toBe(true);
  });
  it('1.3 a 2-item range against a string raises like Python (not silently true)', async () => {
    await expect(within([1, 5], 'x')).rejects.toThrow("'<=' not supported");
  });
});

describe('range tolerance (chaostoolkit.md 1.3)', () => {
  it('1.3 inclusive bounds, Decimal() conversion of numeric strings, non-numbers give false', async () => {
    expect(await within({ type: 'range', range: [1, 5] }, 5)).toBe(true);
    expect(await within({ type: 'range', range: [1, 5] }, '4.5')).toBe(true);
    expect(await within({ type: 'range', range: [1, 5] }, 5.01)).toBe(false);
    expect(await within({ type: 'range', range: [1, 5] }, 'abc')).toBe(false);
  });
  it('1.3 target picks a key of a dict output, falling back to the value itself', async () => {
    expect(await within({ type: 'range', range: [0, 0], target: 'status' }, { status: 0 })).toBe(true);
    expect(await within({ type: 'range', range: [0, 10], target: 'missing' }, 7)).toBe(true);
  });
  it('1.3 validation: range must be a 2-item list of numbers', () => {
    expect(validateTolerance({ type: 'range', range: [1] }, 't')[0]?.message).toBe(
      'hypothesis range sequence must be made of two values',
    );
    expect(validateTolerance({ type: 'range', range: ['a', 2] }, 't')[0]?.message).toBe(
      'hypothesis range lower boundary must be a number',
    );
    expect(validateTolerance({ type: 'range' }, 't')[0]?.message).toBe(
      'hypothesis range probe tolerance must have a `range` key',
    );
  });
});

describe('regex tolerance (C7: Python re.search)', () => {
  it('C7 `$` matches before the trailing newline of stdout, as in Python', async () => {
    const out = { status: 0, stdout: 'hello\n', stderr: '' };
    expect(await within({ type: 'regex', pattern: '^hello$', target: 'stdout' }, out)).toBe(true);
    expect(await within({ type: 'regex', pattern: '^hello\\Z', target: 'stdout' }, out)).toBe(false);
  });
  it('1.3 re.search finds the pattern anywhere; the pattern is substituted', async () => {
    expect(await within({ type: 'regex', pattern: 'ell' }, 'hello')).toBe(true);
    expect(await within({ type: 'regex', pattern: '${pat}' }, 'ok then')).toBe(true);
    expect(await within({ type: 'regex', pattern: '${pat}' }, 'not ok')).toBe(false);
  });
  it('Python named groups and inline flags translate', () => {
    expect(compilePyRegex('(?i)(?P<w>HELLO) (?P=w)').test('hello hello')).toBe(true);
  });
  it('1.3 validation: the pattern must compile, with chaoslib wording', () => {
    expect(validateTolerance({ type: 'regex', pattern: '(' }, 't')[0]?.message).toMatch(
      /^hypothesis probe tolerance pattern \( seems invalid: /,
    );
    expect(validateTolerance({ type: 'regex' }, 't')[0]?.message).toBe(
      'hypothesis regex probe tolerance must have a `pattern` key',
    );
  });
});

describe('jsonpath tolerance (C8: the jsonpath2 dialect)', () => {
  const res = {
    Reservations: [
      {
        Instances: [
          { InstanceId: 'i-1', State: { Name: 'stopped' } },
          { InstanceId: 'i-2', State: { Name: 'running' } },
        ],
      },
    ],
  };
  it('C8 a filter tests the current node itself: $.a[?(...)] matches nothing, $.a[*][?(...)] works', () => {
    expect(compileJsonPath('$.Reservations[0].Instances[?(@.InstanceId="i-2")]')(res)).toEqual([]);
    expect(compileJsonPath('$.Reservations[0].Instances[*][?(@.InstanceId="i-2")].State.Name')(res)).toEqual([
      'running',
    ]);
  });
  it('C8 the corpus path with ${var} inside and a scalar expect', async () => {
    const tol = {
      type: 'jsonpath',
      path: '$.Reservations[0].Instances[*][?(@.InstanceId="${id}")].State.Name',
      expect: '${word}',
    };
    expect(await within(tol, res)).toBe(true);
    expect(await within({ ...tol, expect: 'stopped' }, res)).toBe(false);
  });
  it('C8 `expect: 3` means exactly one match equal to 3; a list expect compares the whole list', async () => {
    expect(await within({ type: 'jsonpath', path: '$.*.healthy', expect: 3 }, { tg: { healthy: 3 } })).toBe(
      true,
    );
    expect(
      await within(
        { type: 'jsonpath', path: '$.*.healthy', expect: 3 },
        { a: { healthy: 3 }, b: { healthy: 3 } },
      ),
    ).toBe(false);
    expect(
      await within(
        { type: 'jsonpath', path: '$.*.healthy', expect: [3, 3] },
        { a: { healthy: 3 }, b: { healthy: 3 } },
      ),
    ).toBe(true);
  });
  it('1.3 without expect: any match passes; with count the number of matches must equal it', async () => {
    expect(await within({ type: 'jsonpath', path: '$.a' }, { a: 0 })).toBe(true);
    expect(await within({ type: 'jsonpath', path: '$.b' }, { a: 0 })).toBe(false);
    expect(await within({ type: 'jsonpath', path: '$.xs[*]', count: 2 }, { xs: [1, 2] })).toBe(true);
  });
  it('1.3 a target key the output lacks falls back to the whole value (elb-deregister corpus file)', async () => {
    expect(
      await within(
        { type: 'jsonpath', path: '$.*.healthy', expect: [3], target: 'body' },
        { tg: { healthy: 3 } },
      ),
    ).toBe(true);
  });
  it('1.3 a string target (HTTP body) is JSON-parsed when possible', async () => {
    expect(
      await within(
        { type: 'jsonpath', path: '$.ok', expect: true, target: 'body' },
        { status: 200, body: '{"ok": true}' },
      ),
    ).toBe(true);
  });
  it('C8 jsonpath2 grammar: = and !=, ordering, and/or/not, recursive descent, slices, length()', () => {
    const doc = { xs: [{ n: 1, t: 'a' }, { n: 5, t: 'b' }, { n: 9 }], m: { deep: { n: 7 } } };
    expect(compileJsonPath('$.xs[*][?(@.n > 2 and @.t)].t')(doc)).toEqual(['b']);
    expect(compileJsonPath('$.xs[*][?(not @.t)].n')(doc)).toEqual([9]);
    // a comparison holds when ANY match of the left path satisfies it: no `t`, no match
    expect(compileJsonPath('$.xs[*][?(@.t != "a")].n')(doc)).toEqual([5]);
    expect(compileJsonPath('$..n')(doc)).toEqual([1, 5, 9, 7]);
    expect(compileJsonPath('$.xs[1:].n')(doc)).toEqual([5, 9]);
    expect(compileJsonPath('$.xs[::2].n')(doc)).toEqual([1, 9]);
    expect(compileJsonPath('$.xs[-1].n')(doc)).toEqual([9]);
    expect(compileJsonPath('$.xs.length()')(doc)).toEqual([3]);
    expect(compileJsonPath('$["m"]["deep"].n')(doc)).toEqual([7]);
  });
  it('1.3 validation: an empty or unparsable path is rejected with chaoslib wording', () => {
    expect(validateTolerance({ type: 'jsonpath', path: ' ' }, 't')[0]?.message).toBe(
      'hypothesis probe tolerance JSON path cannot be empty',
    );
    expect(validateTolerance({ type: 'jsonpath', path: '$.a[' }, 't')[0]?.message).toMatch(
      /^hypothesis probe tolerance JSON path \$\.a\[ is invalid/,
    );
    expect(validateTolerance({ type: 'jsonpath', path: "$.a[?(@.x='y')]" }, 't')).toHaveLength(1);
  });
});

describe('tolerance forms (chaostoolkit.md 1.3 validation)', () => {
  it('1.3 a float scalar such as 0.5 is rejected; bool, int, str, list and dict are accepted', () => {
    expect(validateTolerance(0.5, 't')[0]?.message).toMatch(/must either be an integer, a string, a boolean/);
    for (const ok of [true, 200, 'x', [1, 2]]) expect(validateTolerance(ok, 't')).toEqual([]);
  });
  it('1.3 an unknown dict type is unsupported', () => {
    expect(validateTolerance({ type: 'xpath' }, 't')[0]?.message).toBe(
      "hypothesis probe tolerance type 'xpath' is unsupported",
    );
  });
  it('1.3 probe tolerance: passes when the probe returns something truthy, ActivityFailed counts as not met', async () => {
    const runProbe = async (_t: Record<string, unknown>, v: unknown) => v === 'good';
    expect(await withinTolerance({ type: 'probe' }, 'good', { ...ctx, runProbe })).toBe(true);
    expect(await withinTolerance({ type: 'probe' }, 'bad', { ...ctx, runProbe })).toBe(false);
  });
});
