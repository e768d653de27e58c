// `--var name[:type]=value` and `--var-file FILE` as `chaos run` reads them: JSON/YAML files hold
// `{configuration: {...}, secrets: {scope: {...}}}`; any other file is a `.env` of KEY=VALUE lines
// that set environment variables for the run.
import { readFileSync, statSync } from 'node:fs';
import { convertToType, type ExperimentVars } from './configuration.js';
import { LoadError } from './errors.js';
import { parseDocument } from './load.js';
import { isObject } from './types.js';

/** Parses `--var` values (`key[:type]=value`); bad ones throw with chaos's wording. */
export function parseVars(values: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const raw of values) {
    const eq = raw.indexOf('=');
    if (eq <= 0) throw new LoadError(`--var ${raw}: var needs to be in the format name[:type]=value`);
    let key = raw.slice(0, eq);
    let value: unknown = raw.slice(eq + 1);
    const colon = key.lastIndexOf(':');
    if (colon >= 0) {
      const type = key.slice(colon + 1);
      key = key.slice(0, colon);
      try {
        value = convertToType(type, value);
      } catch (err) {
        throw new LoadError(
          `--var ${raw}: var cannot convert value to required type (${(err as Error).message})`,
        );
      }
    }
    out[key] = value;
  }
  return out;
}

/** What var files contribute: configuration/secrets overrides and environment variables. */
export interface VarFileResult extends ExperimentVars {
  env: Record<string, string>;
}

/** Reads `--var-file`s in order (later files override earlier ones), then applies `--var`s. */
export function loadVarFiles(files: readonly string[], vars: Record<string, unknown> = {}): VarFileResult {
  const result: VarFileResult = { configuration: {}, secrets: {}, env: {} };
  for (const file of files) {
    let text: string;
    try {
      if (statSync(file).size > 1024 * 1024) throw new LoadError(`--var-file ${file}: larger than 1 MiB`);
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if (err instanceof LoadError) throw err;
      throw new LoadError(
        `--var-file ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    if (!text.trim()) continue;
    const lower = file.toLowerCase();
    if (lower.endsWith('.json') || lower.endsWith('.yaml') || lower.endsWith('.yml')) {
      const data = parseDocument(text, file);
      if (!isObject(data))
        throw new LoadError(`${file}: a var file must hold an object with configuration/secrets`);
      if (isObject(data.configuration)) Object.assign(result.configuration, data.configuration);
      if (isObject(data.secrets)) Object.assign(result.secrets, data.secrets);
      continue;
    }
    text.split(/\r?\n/).forEach((line, i) => {
      const l = line.trim();
      if (!l || l.startsWith('#')) return;
      const eq = l.indexOf('=');
      if (eq <= 0) throw new LoadError(`${file}:${i + 1}: expected KEY=VALUE`);
      result.env[l.slice(0, eq)] = l.slice(eq + 1);
    });
  }
  Object.assign(result.configuration, vars);
  return result;
}
