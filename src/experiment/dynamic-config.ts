// Dynamic configuration (chaostoolkit.md 1.5): a `{"type": "probe", ...}` configuration value runs
// once before the experiment and its result becomes the value (python: the return value; process:
// stripped stdout when the exit status is 0; http: the body). Failures drop the key with a warning.
import type { RunEvent } from './events.js';
import type { ProviderSet } from './providers/types.js';
import type { FunctionRegistry } from './registry.js';
import type { Clock } from './run-context.js';
import { type Activity, type Configuration, isObject, type Secrets } from './types.js';

/** Resolves probe-valued configuration keys; other keys are returned as they are. */
export async function loadDynamicConfiguration(
  config: Configuration,
  secrets: Secrets,
  deps: {
    providers: ProviderSet;
    registry: FunctionRegistry;
    signal: AbortSignal;
    emit: (e: RunEvent) => void;
    clock: Clock;
  },
): Promise<Configuration> {
  const conf: Configuration = {};
  let hadErrors = false;
  for (const [key, value] of Object.entries(config)) {
    if (!(isObject(value) && value.type === 'probe' && isObject(value.provider))) {
      conf[key] = value;
      continue;
    }
    const ptype = value.provider.type;
    if (ptype !== 'python' && ptype !== 'process' && ptype !== 'http') {
      hadErrors = true;
      continue;
    }
    try {
      const output = await deps.providers[ptype](value as Activity, {
        registry: deps.registry,
        configuration: conf,
        secrets,
        signal: deps.signal,
        warn: () => {},
      });
      if (ptype === 'python') conf[key] = output;
      else if (ptype === 'process') {
        const o = output as { status?: unknown; stdout?: unknown };
        if (o.status !== 0) hadErrors = true;
        else conf[key] = String(o.stdout ?? '').trim();
      } else conf[key] = (output as { body?: unknown }).body;
    } catch {
      hadErrors = true;
    }
  }
  if (hadErrors)
    deps.emit({
      type: 'note',
      level: 'warning',
      message:
        'Some of the dynamic configuration failed to be loaded.Please review the log file for understanding what happened.',
      t: deps.clock.now(),
    });
  return conf;
}
