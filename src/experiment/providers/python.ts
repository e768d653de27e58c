// The `python` provider: `module` + `func` resolved through the FunctionRegistry (the catalogue),
// arguments substituted and completed with defaults, secrets scopes merged, and every error
// turned into ActivityFailed with chaoslib's "<ExcType>: <message>" text (C4).
import { withDefaults } from '../bind.js';
import { ActivityFailed, errorMessage, Interrupted, pythonExceptionName } from '../errors.js';
import { substitute } from '../substitute.js';
import { isObject } from '../types.js';
import { raceAbort } from './abort.js';
import type { ProviderFn } from './types.js';

/** Runs a python activity through the registry. */
export const runPython: ProviderFn = async (activity, ctx) => {
  const provider = activity.provider ?? {};
  const mod = String(provider.module);
  const func = String(provider.func);
  const fn = ctx.registry.get(mod, func);
  if (!fn) {
    if (!ctx.registry.modules().includes(mod))
      throw new ActivityFailed(`ModuleNotFoundError: No module named '${mod}'`);
    throw new ActivityFailed(`AttributeError: module '${mod}' has no attribute '${func}'`);
  }
  let args: Record<string, unknown> = isObject(provider.arguments) ? { ...provider.arguments } : {};
  if (Object.keys(ctx.configuration).length || Object.keys(ctx.secrets).length)
    args = substitute(args, ctx.configuration, ctx.secrets) as Record<string, unknown>;
  const secrets: Record<string, unknown> = {};
  if (Array.isArray(provider.secrets))
    for (const scope of provider.secrets) Object.assign(secrets, ctx.secrets[String(scope)] ?? {});
  if (fn.unsupported) throw new ActivityFailed(`NotImplementedError: ${fn.unsupported}`);
  try {
    return await raceAbort(
      fn.call(withDefaults(fn.params, args), {
        configuration: { ...ctx.configuration },
        secrets,
        signal: ctx.signal,
        dry: false,
        activityName: String(activity.name ?? ''),
      }),
      ctx.signal,
    );
  } catch (err) {
    if (err instanceof Interrupted || ctx.signal.aborted) throw new Interrupted('interrupted');
    throw new ActivityFailed(`${pythonExceptionName(err)}: ${errorMessage(err)}`);
  }
};
