// Loading an experiment file: JSON or YAML by extension (like chaoslib's loader), with the limits a
// file from someone else needs: a size cap, a nesting cap and a YAML alias cap (alias bombs).
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, parseDocument as parseYamlDocument } from 'yaml';
import { LoadError } from './errors.js';
import { JsonSyntaxError, parseJson } from './json.js';
import { type Experiment, isObject } from './types.js';

/** Largest experiment file accepted (real ones are a few KiB). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Deepest nesting accepted. */
export const MAX_DEPTH = 64;
/** Most YAML aliases resolved in one document. */
export const MAX_YAML_ALIASES = 100;

/** Parses JSON (`.json` or anything else that looks like JSON) or YAML (`.yaml` / `.yml`) text. */
export function parseDocument(text: string, file: string): unknown {
  const lower = file.toLowerCase();
  const yaml = lower.endsWith('.yaml') || lower.endsWith('.yml');
  if (!yaml) {
    try {
      return parseJson(text, MAX_DEPTH);
    } catch (err) {
      if (err instanceof JsonSyntaxError)
        throw new LoadError(`${file}:${err.line}:${err.column}: invalid JSON: ${err.reason}`);
      throw err;
    }
  }
  return parseYaml(text, file);
}

function parseYaml(text: string, file: string): unknown {
  let value: unknown;
  try {
    const lineCounter = new LineCounter();
    // chaoslib reads YAML with PyYAML's safe_load: YAML 1.1 (yes/no/on/off are booleans, merge keys)
    const doc = parseYamlDocument(text, {
      prettyErrors: false,
      uniqueKeys: false,
      lineCounter,
      version: '1.1',
      merge: true,
    });
    const first = doc.errors[0];
    if (first) {
      const pos = lineCounter.linePos(first.pos[0]);
      const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
      throw new LoadError(`${where}: invalid YAML: ${first.message.split('\n')[0]}`);
    }
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    if (err instanceof LoadError) throw err;
    if (err instanceof RangeError) throw new LoadError(`${file}: nested too deeply to load`);
    const msg = (err as Error).message ?? String(err);
    if (/alias/i.test(msg))
      throw new LoadError(
        `${file}: too many YAML aliases (over ${MAX_YAML_ALIASES}); refusing a possible alias bomb`,
      );
    throw new LoadError(`${file}: invalid YAML: ${msg.split('\n')[0]}`);
  }
  const depth = depthOf(value);
  if (depth > MAX_DEPTH) throw new LoadError(`${file}: nested deeper than ${MAX_DEPTH} levels`);
  return normaliseYaml(value);
}

/** Nesting depth, computed without recursion. */
export function depthOf(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > max) max = d;
    if (d > MAX_DEPTH) return d;
    if (v && typeof v === 'object') for (const c of Object.values(v)) stack.push([c, d + 1]);
  }
  return max;
}

// YAML can produce Dates, Maps with non-string keys and the like: keep the JSON data model.
function normaliseYaml(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), normaliseYaml(x)]));
  if (v instanceof Set) return [...v].map(normaliseYaml);
  if (Array.isArray(v)) return v.map(normaliseYaml);
  if (typeof v === 'bigint') return Number(v);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normaliseYaml(x)]));
  return v;
}

/** Reads and parses an experiment file; anything that is not a JSON object is "not an experiment". */
export function loadExperimentFile(file: string): Experiment {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new LoadError(`${file}: not a file`);
    size = st.size;
  } catch (err) {
    if (err instanceof LoadError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new LoadError(
      code === 'ENOENT'
        ? `${file}: no such file`
        : `${file}: cannot read it (${code ?? (err as Error).message})`,
    );
  }
  if (size > MAX_FILE_BYTES)
    throw new LoadError(
      `${file}: ${size} bytes is too large for an experiment (limit ${MAX_FILE_BYTES} bytes)`,
    );
  const text = readFileSync(file, 'utf8');
  return parseExperimentText(text, file);
}

/** Parses experiment text and checks it is an object at all. */
export function parseExperimentText(text: string, file: string): Experiment {
  if (Buffer.byteLength(text) > MAX_FILE_BYTES)
    throw new LoadError(`${file}: too large for an experiment (limit ${MAX_FILE_BYTES} bytes)`);
  if (!text.trim())
    throw new LoadError(`${file}: the file is empty; an empty experiment is not an experiment`);
  const data = parseDocument(text, file);
  if (!isObject(data)) {
    const kind = Array.isArray(data) ? 'a list' : data === null ? 'null' : `a ${typeof data}`;
    throw new LoadError(
      `${file}: not an experiment: the document is ${kind}, expected an object with title, description and method`,
    );
  }
  return data as Experiment;
}
