// `gameday report RECORDING [--html] [--out FILE]`: the session's report, Markdown on stdout by
// default; --html writes a self-contained page (to RECORDING/report.html unless --out says where).
import { join } from 'node:path';
import type { CommandModule } from './registry.js';

const USAGE = 'usage: gameday report RECORDING [--html] [--out FILE]';

export const run: CommandModule['run'] = async (argv) => {
  const { parseRecordingArgs, openRecording, writeOutput, stderrLine } = await import('../session/cli.js');
  const { values, recording, help } = parseRecordingArgs('report', USAGE, argv, {
    html: { type: 'boolean' },
    out: { type: 'string' },
  });
  if (help || !recording) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const warnings: string[] = [];
  const rec = openRecording(recording, (w) => {
    warnings.push(w.replace(/^warning: /, ''));
    stderrLine(w);
  });
  const { reportModel } = await import('../session/report-model.js');
  const model = reportModel(rec, warnings);
  const out = values.out as string | undefined;
  if (values.html) {
    const { reportHtml } = await import('../session/report-html.js');
    const file = out ?? join(rec.dir, 'report.html');
    writeOutput(reportHtml(model), file);
    stderrLine(`report written to ${file}`);
    return 0;
  }
  const { reportMarkdown } = await import('../session/report-md.js');
  writeOutput(reportMarkdown(model), out);
  if (out) stderrLine(`report written to ${out}`);
  return 0;
};
