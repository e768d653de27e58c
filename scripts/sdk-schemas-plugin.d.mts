// Types for the build's SDK schemas plug-in (tested in test/aws/sdk-tables.test.ts).
import type { Plugin } from 'esbuild';

/** Rewrites `[_name]:` keys to the string constants they name. */
export function literalSchemaKeys(text: string): { text: string; replaced: number };
/** The esbuild plug-in. */
export const sdkSchemasPlugin: Plugin;
