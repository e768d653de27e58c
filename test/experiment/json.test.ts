// The strict JSON parser agrees with JSON.parse on every document JSON.stringify can produce.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJson } from '../../src/experiment/json.js';

describe('parseJson', () => {
  it('round-trips any JSON value like JSON.parse (compact and indented)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        for (const text of [JSON.stringify(v), JSON.stringify(v, null, 2)])
          expect(parseJson(text)).toEqual(JSON.parse(text));
      }),
    );
  });
  it('rejects what JSON.parse rejects: trailing commas, single quotes, comments, NaN', () => {
    for (const bad of ['[1,]', "{'a': 1}", '{"a": 1 // c\n}', 'NaN', '{"a": 01}', '"tab\there"'])
      expect(() => parseJson(bad)).toThrow(JsonSyntaxError);
  });
  it('keeps the last of duplicate keys (like Python) and stores __proto__ as a plain key', () => {
    const v = parseJson('{"a": 1, "a": 2, "__proto__": {"x": 1}}') as Record<string, unknown>;
    expect(v.a).toBe(2);
    expect(Object.keys(v)).toEqual(['a', '__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
