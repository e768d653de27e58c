// `gameday export RECORDING --fis [--out FILE]`: the session as an AWS FIS experiment template
// (JSON on stdout or in FILE); attacks FIS has no action for are listed on stderr, never dropped
// silently. `--chaostoolkit` prints the Chaos Toolkit experiment instead.
import { UserError } from '../util/errors.js';
import type { CommandModule } from './registry.js';

const USAGE = 'usage: gameday export RECORDING (--fis | --chaostoolkit) [--out FILE]';

export const run: CommandModule['run'] = async (argv) => {
  const { parseRecordingArgs, openRecording, writeOutput, stderrLine } = await import('../session/cli.js');
  const { values, recording, help } = parseRecordingArgs('export', USAGE, argv, {
    fis: { type: 'boolean' },
    chaostoolkit: { type: 'boolean' },
    out: { type: 'string' },
  });
  if (help || !recording) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (Boolean(values.fis) === Boolean(values.chaostoolkit))
    throw new UserError(`export: say which format, --fis or --chaostoolkit (${USAGE})`, 2);
  const rec = openRecording(recording);
  const out = values.out as string | undefined;
  if (values.chaostoolkit) {
    const { projectExperiment } = await import('../session/project-experiment.js');
    writeOutput(`${JSON.stringify(projectExperiment(rec), null, 2)}\n`, out);
    return 0;
  }
  const { projectFis } = await import('../session/project-fis.js');
  const { template, unmapped } = projectFis(rec);
  writeOutput(`${JSON.stringify(template, null, 2)}\n`, out);
  if (unmapped.length) {
    stderrLine(`not in the FIS template (${unmapped.length}):`);
    for (const u of unmapped) stderrLine(`  ${u.attack} (${u.function}): ${u.reason}`);
  }
  stderrLine(
    `set roleArn to your FIS experiment role before creating the template${out ? ` (written to ${out})` : ''}`,
  );
  return 0;
};
