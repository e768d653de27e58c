// Builds dist/ in two parts, minified ESM:
// - dist/cli.js, from src/cli.ts alone: answers --help and --version without reading any other
//   file (each extra module costs Node a few ms of a start-up budget of 150 ms);
// - dist/main.js and its chunks, from src/main.ts, split so that ink and each AWS client load
//   lazily, each in its own chunk.

import { chmodSync, renameSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { common, program } from './build-options.mjs';

// Build beside dist/ and swap it in, so a running gameday (or a test) never sees half a build.
const out = `dist.tmp-${process.pid}`;
await build({ ...program, entryPoints: ['src/main.ts'], outdir: out });
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
