// Bundles src/cli.ts into a minified ESM dist/ with code splitting, so that ink and each AWS
// client load lazily (each in its own chunk) and `--help` answers before any of them.

import { chmodSync, renameSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { sdkSchemasPlugin } from './sdk-schemas-plugin.mjs';

// Build beside dist/ and swap it in, so a running gameday (or a test) never sees half a build.
const out = `dist.tmp-${process.pid}`;
await build({
  entryPoints: ['src/cli.ts'],
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // Prefer the packages' ESM builds: the SDK's CJS builds lose their named exports when bundled.
  mainFields: ['module', 'main'],
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  jsx: 'automatic',
  chunkNames: 'chunks/[name]-[hash]',
  // CJS dependencies bundled into ESM need a require(); give them one.
  banner: {
    js: "import{createRequire as __gdCreateRequire}from'node:module';const require=__gdCreateRequire(import.meta.url);",
  },
  external: ['react-devtools-core'],
  // React's production build: the development one (checks, warnings) renders several times slower.
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  // Only the SDK operations gameday calls (src/aws/sdk/) stay in the bundle.
  plugins: [sdkSchemasPlugin],
});
chmodSync(`${out}/cli.js`, 0o755);
const old = `dist.old-${process.pid}`;
try {
  renameSync('dist', old);
} catch {}
renameSync(out, 'dist');
rmSync(old, { recursive: true, force: true });
