// The default provider set: python through the registry, process via child_process, http via fetch.
import { runHttp } from './http.js';
import { runProcess } from './process.js';
import { runPython } from './python.js';
import type { ProviderSet } from './types.js';

/** The providers `gameday run` uses unless a caller injects others. */
export const defaultProviders: ProviderSet = { python: runPython, process: runProcess, http: runHttp };
