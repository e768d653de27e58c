// The esbuild options dist/ is built with (scripts/build.mjs), shared with the benchmarks that
// bundle a harness the same way, so what they measure is built as what ships.
import { sdkSchemasPlugin } from './sdk-schemas-plugin.mjs';

/** Options every bundle shares: minified ESM for Node 20, the packages' ESM builds. */
export const common = {
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

/** Options of a code-split program bundle (dist/main.js and its chunks): ink and each AWS client
 * in chunks of their own, React in production mode, only the SDK operations gameday calls. */
export const program = {
  ...common,
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
};
