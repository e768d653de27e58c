// Configuration and secrets as chaoslib loads them (chaostoolkit.md 1.5): inline values, `type: env`
// lookups with `default` and `env_var_type`, overrides from `--var` / `--var-file`.
import { type Configuration, isObject, type Secrets } from './types.js';

/** A configuration or secret that cannot be resolved; the message is chaoslib's. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    /** JSON path of the offending entry (`configuration.base_url`). */
    readonly path: string,
  ) {
    super(message);
  }
}

/** Overrides from the command line: `--var` values and `--var-file` contents. */
export interface ExperimentVars {
  configuration: Configuration;
  secrets: Secrets;
}

/** chaoslib's convert_to_type: `str|string`, `int|integer`, `float|number`, `bytes`, `bool`, `json`. */
export function convertToType(type: string | undefined | null, val: unknown): unknown {
  if (type === undefined || type === null || type === 'str' || type === 'string') return val;
  if (typeof val !== 'string') return val;
  if (type === 'int' || type === 'integer') {
    if (!/^\s*[+-]?\d+(_\d+)*\s*$/.test(val))
      throw new Error(`invalid literal for int() with base 10: '${val}'`);
    return Number.parseInt(val.replaceAll('_', ''), 10);
  }
  if (type === 'float' || type === 'number') {
    const n = Number(val.trim());
    if (val.trim() === '' || Number.isNaN(n)) throw new Error(`could not convert string to float: '${val}'`);
    return n;
  }
  if (type === 'bytes') return val;
  if (type === 'bool') return !['false', '0', 'no'].includes(val.toLowerCase());
  if (type === 'json') return val === '' ? val : JSON.parse(val);
  throw new Error('variable type can only be: bool, str, int, float, bytes or json');
}

function isEnvRef(
  v: unknown,
): v is { type: 'env'; key?: unknown; default?: unknown; env_var_type?: unknown } {
  return isObject(v) && v.type === 'env';
}

/**
 * Resolves the `configuration` block. Extra vars override (and may add) keys; an env entry whose
 * variable is unset, with no default and no override, is an error.
 */
export function loadConfiguration(
  info: Record<string, unknown> | undefined,
  extra: Configuration = {},
  env: Record<string, string | undefined> = process.env,
): Configuration {
  const conf: Configuration = {};
  for (const [key, value] of [...Object.entries(info ?? {}), ...Object.entries(extra)]) {
    if (isEnvRef(value)) {
      const envKey = String(value.key);
      const dflt = value.default ?? null;
      if (env[envKey] === undefined && dflt === null && !Object.hasOwn(extra, key)) {
        throw new ConfigError(
          `Configuration makes reference to an environment key that does not exist: ${envKey}`,
          `configuration.${key}`,
        );
      }
      let v: unknown;
      try {
        v = convertToType(value.env_var_type as string | undefined, env[envKey] ?? dflt);
      } catch (err) {
        throw new ConfigError(
          `Configuration ${key}: cannot convert ${envKey} to ${String(value.env_var_type)}: ${(err as Error).message}`,
          `configuration.${key}`,
        );
      }
      conf[key] = Object.hasOwn(extra, key) ? extra[key] : v;
    } else {
      conf[key] = Object.hasOwn(extra, key) ? extra[key] : value;
    }
  }
  return conf;
}

/** Resolves the `secrets` block (env and literal values; vault is reported as unsupported). */
export function loadSecrets(
  info: Record<string, unknown> | undefined,
  extra: Secrets = {},
  env: Record<string, string | undefined> = process.env,
): Secrets {
  const out: Secrets = {};
  for (const [scope, keys] of Object.entries(info ?? {})) {
    const resolved: Record<string, unknown> = {};
    if (!isObject(keys))
      throw new ConfigError(`secret scope '${scope}' must be an object`, `secrets.${scope}`);
    for (const [key, value] of Object.entries(keys)) {
      if (isEnvRef(value)) {
        const envKey = String(value.key);
        if (env[envKey] === undefined) {
          throw new ConfigError(
            `Secrets make reference to an environment key that does not exist: ${envKey}`,
            `secrets.${scope}.${key}`,
          );
        }
        resolved[key] = convertToType(value.env_var_type as string | undefined, env[envKey]);
      } else if (isObject(value) && value.type === 'vault') {
        throw new ConfigError(
          `vault secrets are not supported by gameday; use {"type": "env", "key": ...} instead`,
          `secrets.${scope}.${key}`,
        );
      } else resolved[key] = value;
    }
    out[scope] = resolved;
  }
  for (const [scope, keys] of Object.entries(extra)) {
    out[scope] = { ...(out[scope] ?? {}), ...(isObject(keys) ? keys : {}) };
  }
  return out;
}
