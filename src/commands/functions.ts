// The FunctionRegistry the real commands (`run`, `validate`) use for `python` providers.
import { type FunctionRegistry, registryOf } from '../experiment/registry.js';

/**
 * Loads the registry of chaosaws functions gameday can run, connected to the sandbox or to the
 * account/region/profile given. For now it is empty: the catalogue fills it (and replaces this
 * body), so python activities fail validation with "could not find Python module" until then.
 */
export async function loadFunctionRegistry(_opts: {
  sandbox?: boolean;
  region?: string;
  profile?: string;
}): Promise<{ registry: FunctionRegistry; close(): Promise<void> }> {
  return { registry: registryOf([]), close: async () => {} };
}
