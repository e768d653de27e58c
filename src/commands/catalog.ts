// `gameday catalog [--json | --markdown]`: every action and probe with its Chaos Toolkit name,
// target, arguments and defaults, undo and dry-run support. Needs no AWS access.
import { parseArgs } from 'node:util';
import { UserError } from '../util/errors.js';
import type { CommandModule } from './registry.js';

const USAGE = 'usage: gameday catalog [--json | --markdown] [--kind action|probe] [--module M]';

/** Prints the catalogue. */
export async function run(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean' },
        markdown: { type: 'boolean' },
        kind: { type: 'string' },
        module: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new UserError(`catalog: ${(err as Error).message} (${USAGE})`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.json && values.markdown)
    throw new UserError(`catalog: --json and --markdown are exclusive (${USAGE})`);
  if (values.kind !== undefined && values.kind !== 'action' && values.kind !== 'probe')
    throw new UserError(`catalog: --kind must be action or probe, not "${values.kind}"`);
  const { CATALOG } = await import('../catalog/index.js');
  const { catalogMarkdown, catalogText, entryJson } = await import('../catalog/describe.js');
  const specs = CATALOG.filter(
    (s) => (!values.kind || s.kind === values.kind) && (!values.module || s.module === values.module),
  );
  if (values.module && specs.length === 0) {
    const { suggest } = await import('../util/suggest.js');
    const modules = [...new Set(CATALOG.map((s) => s.module))];
    const hint = suggest(String(values.module), modules);
    throw new UserError(
      `catalog: no module "${values.module}"${hint ? `; did you mean "${hint}"?` : ''} (modules: ${modules.join(', ')})`,
    );
  }
  if (values.json) process.stdout.write(`${JSON.stringify(specs.map(entryJson), null, 2)}\n`);
  else if (values.markdown) process.stdout.write(catalogMarkdown(specs));
  else process.stdout.write(`${catalogText(specs)}\n`);
  return 0;
}

/** Checked against the command contract. */
export const command: CommandModule = { run };
