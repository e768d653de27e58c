// An esbuild plug-in that lets the bundler drop the AWS SDK schemas gameday never uses.
// Each client's dist-es/schemas/schemas_0.js declares every operation's shapes as top-level arrays
// whose objects use computed keys naming string constants (`{ [_xN]: _II }`). A computed key may run
// code (toString), so esbuild keeps every array: the 1 MB EC2 client stayed whole. Writing those
// keys as the string literals they name changes nothing at run time and makes each array pure.

import { readFile } from 'node:fs/promises';

const SCHEMAS = /@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;

/** Rewrites `[_name]:` keys to the string constants they name (unknown names stay as they are). */
export function literalSchemaKeys(text) {
  const strings = new Map();
  for (const m of text.matchAll(/^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm)) strings.set(m[1], m[2]);
  let replaced = 0;
  const out = text.replace(/\[(_\w+)\]:/g, (key, name) => {
    const value = strings.get(name);
    if (value === undefined) return key;
    replaced++;
    return `${value}:`;
  });
  return { text: out, replaced };
}

/** The plug-in (scripts/build.mjs). */
export const sdkSchemasPlugin = {
  name: 'sdk-schemas',
  setup(build) {
    build.onLoad({ filter: SCHEMAS }, async (args) => {
      const { text } = literalSchemaKeys(await readFile(args.path, 'utf8'));
      return { contents: text, loader: 'js' };
    });
  },
};
