// Turning what the operator typed into parameter values, by the Python annotation the catalogue
// gives: numbers, booleans, lists (comma-separated or JSON) and dicts (JSON). Pure, so the form's
// one-line errors are tested without ink.
import type { ParamField } from '../services.js';

/** The text a field starts with for its initial value. */
export function paramText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value))
    return value.every((v) => typeof v === 'string') ? value.join(', ') : JSON.stringify(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Parses one field; throws an Error whose message says what is wrong and what to type. */
export function parseParam(field: ParamField, text: string): unknown {
  const t = text.trim();
  const type = (field.type ?? 'str').replace(/\s/g, '');
  if (t === '') {
    if (field.required) throw new Error(`${field.name} is required`);
    return field.initial === undefined ? null : field.initial;
  }
  if (type === 'int' || type === 'float' || type === 'Optional[int]' || type === 'Optional[float]') {
    const n = Number(t);
    if (!Number.isFinite(n) || (type.includes('int') && !Number.isInteger(n)))
      throw new Error(`${field.name}: "${t}" is not ${type.includes('int') ? 'a whole number' : 'a number'}`);
    return n;
  }
  if (type === 'bool') {
    if (/^(true|yes|y|1)$/i.test(t)) return true;
    if (/^(false|no|n|0)$/i.test(t)) return false;
    throw new Error(`${field.name}: "${t}" is not true or false`);
  }
  if (type.startsWith('List') || type.startsWith('Optional[List')) {
    if (t.startsWith('[')) return json(field, t);
    return t
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (type.startsWith('Dict') || type.startsWith('Optional[Dict')) {
    if (!t.startsWith('{') && /^[^=,]+=[^,]*(,[^=,]+=[^,]*)*$/.test(t))
      return Object.fromEntries(
        t.split(',').map((kv) => kv.split('=').map((x) => x.trim()) as [string, string]),
      );
    return json(field, t);
  }
  return t;
}

function json(field: ParamField, t: string): unknown {
  try {
    return JSON.parse(t);
  } catch {
    throw new Error(
      `${field.name}: not valid JSON (e.g. ${field.type?.startsWith('Dict') ? '{"key": "value"}' : '["a", "b"]'})`,
    );
  }
}
