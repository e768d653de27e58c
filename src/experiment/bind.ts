// Binding an activity's `arguments` to a registered function's Python signature, with chaoslib's
// validation wording, and filling in defaults for the call.
import type { ParamSpec, RegisteredFunction } from './registry.js';

/** Parameters chaoslib injects itself when the function declares them. */
const INJECTED = new Set(['configuration', 'secrets']);

/** Problems binding `args` to `fn`: each missing required and each unexpected argument. */
export function bindingErrors(fn: RegisteredFunction, args: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const names = new Set(fn.params.map((p) => p.name));
  for (const p of fn.params) {
    if (p.required && !Object.hasOwn(args, p.name))
      errors.push(`required argument '${p.name}' is missing from activity '${fn.func}'`);
  }
  for (const k of Object.keys(args)) {
    if (!names.has(k) && !INJECTED.has(k))
      errors.push(`argument '${k}' is not part of the function signature in activity '${fn.func}'`);
  }
  return errors;
}

/** The arguments a call receives: the given ones plus the defaults of the ones left out. */
export function withDefaults(
  params: readonly ParamSpec[],
  args: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of params) {
    if (Object.hasOwn(args, p.name)) out[p.name] = args[p.name];
    else if (!p.required) out[p.name] = p.default ?? null;
  }
  for (const [k, v] of Object.entries(args)) if (!Object.hasOwn(out, k) && !INJECTED.has(k)) out[k] = v;
  return out;
}
