// Before a run or a validation, the values an experiment will use as secrets are remembered, so
// whatever echoes them later (an activity's output, a log line, an error) is scrubbed: every value
// of its secrets blocks, and configuration entries whose key or environment variable is secret-named.

import type { ExperimentVars } from '../experiment/configuration.js';
import { loadConfiguration, loadSecrets } from '../experiment/configuration.js';
import type { Experiment } from '../experiment/types.js';
import { isObject } from '../experiment/types.js';
import { rememberSecret, SECRET_NAME } from './known-secrets.js';

/** Remembers an experiment's secret values (resolved with vars and env); unresolvable ones are skipped. */
export function rememberExperimentSecrets(
  experiment: Experiment,
  vars: ExperimentVars,
  env: Record<string, string | undefined>,
): void {
  const declared = isObject(experiment.configuration) ? experiment.configuration : {};
  let configuration: Record<string, unknown> = {};
  try {
    configuration = loadConfiguration(declared, vars.configuration, env);
  } catch {
    // a missing variable: validation reports it; remember the rest below
  }
  for (const [key, value] of Object.entries(configuration)) {
    const decl = declared[key];
    const envName = isObject(decl) && decl.type === 'env' ? String(decl.key) : '';
    if (SECRET_NAME.test(key) || SECRET_NAME.test(envName)) leaves(value);
  }
  for (const scope of [
    ...Object.values(isObject(experiment.secrets) ? experiment.secrets : {}),
    ...Object.values(vars.secrets),
  ])
    if (isObject(scope))
      for (const [key, value] of Object.entries(scope)) {
        if (isObject(value) && value.type === 'env') {
          try {
            leaves(loadSecrets({ s: { [key]: value } }, {}, env).s?.[key]);
          } catch {
            // unset: nothing to remember
          }
        } else if (!isObject(value) || value.type !== 'vault') leaves(value);
      }
}

function leaves(value: unknown): void {
  if (Array.isArray(value)) for (const v of value) leaves(v);
  else if (isObject(value)) for (const v of Object.values(value)) leaves(v);
  else rememberSecret(value);
}
