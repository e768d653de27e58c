// Builds dist/ in two parts, minified ESM:
// - dist/cli.js, from src/cli.ts alone: answers --help and --version without reading any other
//   file (each extra module costs Node a few ms of a start-up budget of 150 ms);
// - dist/main.js and its chunks, from src/main.ts, split so that ink and each AWS client load
//   lazily, each in its own chunk.

import { chmodSync, renameSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { sdkSchemasPlugin } from './sdk-schemas-plugin.mjs';

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  // Prefer the packages' ESM builds: the SDK's CJS builds lose their named exports when bundled.
  mainFields: ['module', 'main'],
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  jsx: 'automatic',
  logLevel: 'warning',
};

// Build beside dist/ and swap it in, so a running gameday (or a test) never sees half a build.
const out = `dist.tmp-${process.pid}`;
await build({
  ...common,
  entryPoints: ['src/main.ts'],
  outdir: out,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // CJS dependencies bundled into ESM need a require(); give them one.
  banner: {
    js: "import{createRequire as __gdCreateRequire}from'node:module';const require=__gdCreateRequire(import.meta.url);",
  },
  external: ['react-devtools-core'],
  // React's production build: the development one (checks, warnings) renders several times slower.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Only the SDK operations gameday calls (src/aws/sdk/) stay in the bundle.
  plugins: [sdkSchemasPlugin],
});
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: `${out}/cli.js`,
  // The program stays a separate file, loaded only when the answer is not --help or --version.
  plugins: [
    {
      name: 'program-apart',
      setup(b) {
        b.onResolve({ filter: /^\.\/main\.js$/ }, () => ({ path: './main.js', external: true }));
      },
    },
  ],
});
chmodSync(`${out}/cli.js`, 0o755);
const old = `dist.old-${process.pid}`;
try {
  renameSync('dist', old);
} catch {}
renameSync(out, 'dist');
rmSync(old, { recursive: true, force: true });
