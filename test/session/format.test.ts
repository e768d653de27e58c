// Recordings from one version must load in later versions: a committed format-1 recording (made by
// test/session/sandbox-session.ts) loads, projects and plays back; the example recording shipped
// under recordings/ is the same session, so `gameday review` works on it straight after install.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotAt } from '../../src/session/playback.js';
import { projectExperiment } from '../../src/session/project-experiment.js';
import { projectFis } from '../../src/session/project-fis.js';
import { projectJournal } from '../../src/session/project-journal.js';
import { loadRecording } from '../../src/session/recording.js';
import { reportHtml } from '../../src/session/report-html.js';
import { reportModel } from '../../src/session/report-model.js';

const FIXTURE = 'test/fixtures/recordings/format-1-stop-one-web-instance';
const EXAMPLE = 'recordings/20260105T090000Z-stop-one-web-instance';

describe('recording format 1', () => {
  it('the committed recording loads and every projection works on it', () => {
    const rec = loadRecording(FIXTURE);
    expect(rec.start).toMatchObject({
      format: 1,
      title: 'Stop one web instance',
      region: 'us-east-1',
      sandbox: true,
    });
    expect(rec.skipped).toEqual([]);
    const exp = projectExperiment(rec);
    expect(exp.method!.map((m) => `${m.provider?.module}.${m.provider?.func}`)).toEqual([
      'chaosaws.asg.actions.suspend_processes',
      'gameday.actions.stop_instances',
    ]);
    expect(projectJournal(rec).run.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(projectFis(rec).template.actions['stop-instances-then-start-them']?.actionId).toBe(
      'aws:ec2:stop-instances',
    );
    // Every graphed series: four CloudWatch charts and the probe's healthy count.
    const html = reportHtml(reportModel(rec));
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(html).toContain('ASG web healthy (probe, &gt;= desired)');
    const snap = snapshotAt(rec, rec.t1 - rec.t0);
    expect(snap.markers.filter((m) => m.kind === 'start')).toHaveLength(2);
    expect(snap.events.filter((e) => e.kind === 'note')).toHaveLength(4);
  });

  it('the example under recordings/ is that same session, and its experiment.json is what the projection gives', () => {
    expect(readFileSync(join(EXAMPLE, 'events.ndjson'), 'utf8')).toBe(
      readFileSync(join(FIXTURE, 'events.ndjson'), 'utf8'),
    );
    const onDisk = JSON.parse(readFileSync(join(EXAMPLE, 'experiment.json'), 'utf8'));
    expect(onDisk.method).toEqual(projectExperiment(loadRecording(EXAMPLE)).method);
  });
});
