// Types of build-options.mjs, for the TypeScript that imports it (the benchmarks).
import type { BuildOptions } from 'esbuild';

export const common: BuildOptions;
export const program: BuildOptions;
