// experiment.json and journal.json are pure projections of the event log: the hypothesis from the
// watched probes, the method from the attacks with the real pauses, rollbacks from the undo record,
// the gameday extension, and no secret anywhere.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectExperiment } from '../../src/session/project-experiment.js';
import { projectJournal } from '../../src/session/project-journal.js';
import { loadRecording } from '../../src/session/recording.js';
import { CPU, scriptedSession } from './support.js';

describe('experiment projection', () => {
  it('hypothesis from the watched probes and alarms, method in order with the recorded gaps, rollbacks from undos', async () => {
    const s = await scriptedSession();
    const exp = projectExperiment(loadRecording(s.dir));
    expect(exp.title).toBe('Lose one web instance');
    expect(exp.configuration).toEqual({ aws_region: 'us-east-1' });
    const hypo = exp['steady-state-hypothesis']!;
    expect(hypo.title).toMatch(/Losing one web instance/);
    expect(hypo.probes!.map((p) => [p.name, p.provider?.module, p.provider?.func])).toEqual([
      ['web-asg-healthy', 'chaosaws.asg.probes', 'desired_equals_healthy'],
      ['alarm-web-5xx-high-not-in-alarm', 'chaosaws.cloudwatch.probes', 'get_alarm_state_value'],
    ]);
    expect(exp.method!.map((m) => [m.name, m.provider?.module, m.provider?.func, m.pauses?.after])).toEqual([
      // the stop ended 0.8 s after it started; the reboot started 4 ticks (20 s) + 30 s after that
      ['stop-instances', 'chaosaws.ec2.actions', 'stop_instances', 50],
      ['reboot-instances', 'gameday.actions', 'reboot_instances', 10],
      ['delete-service', 'chaosaws.ecs.actions', 'delete_service', 10],
    ]);
    expect(exp.method![0]!.provider!.arguments).toEqual({ instance_ids: ['i-0aaa111'] });
    expect(exp.rollbacks).toEqual([
      {
        type: 'action',
        name: 'undo-stop-instances',
        provider: {
          type: 'python',
          module: 'chaosaws.ec2.actions',
          func: 'start_instances',
          arguments: { instance_ids: ['i-0aaa111'] },
        },
      },
    ]);
    const ext = (exp.extensions as Record<string, unknown>[]).find((x) => x.name === 'gameday')!;
    expect(ext.notes).toEqual([
      { at: expect.any(String), text: 'baseline looks fine' },
      { at: expect.any(String), text: 'CPU is climbing on the other two' },
    ]);
    expect(ext.targets).toEqual([
      expect.objectContaining({
        activity: 'stop-instances',
        targets: [expect.objectContaining({ id: 'i-0aaa111' })],
        outcome: 'succeeded',
      }),
      expect.objectContaining({
        activity: 'reboot-instances',
        selection: { quantity: 'COUNT(1)', seed: 1234 },
      }),
      expect.objectContaining({ activity: 'delete-service', outcome: 'unfinished' }),
    ]);
    expect(ext.selectionSeeds).toEqual([
      { scope: 'session', seed: 42 },
      { scope: 'reboot-one', quantity: 'COUNT(1)', seed: 1234, chosen: ['i-0ccc333'] },
    ]);
  });

  it('close() writes experiment.json and journal.json beside the log', async () => {
    const s = await scriptedSession();
    const onDisk = JSON.parse(readFileSync(join(s.dir, 'experiment.json'), 'utf8'));
    expect(onDisk).toEqual(projectExperiment(loadRecording(s.dir)));
    const journal = JSON.parse(readFileSync(join(s.dir, 'journal.json'), 'utf8'));
    expect(Object.keys(journal)).toEqual([
      'chaoslib-version',
      'platform',
      'node',
      'experiment',
      'start',
      'status',
      'deviated',
      'steady_states',
      'run',
      'rollbacks',
      'end',
      'duration',
    ]);
  });

  it('never writes a secret: secret-looking arguments and key ids in notes are redacted in the log and the projections', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const s = await scriptedSession({
      extraArgs: { aws_secret_access_key: secret, api_token: 'tok-123456789' },
      note: 'used key AKIAIOSFODNN7EXAMPLE with password=hunter2hunter2',
    });
    for (const file of ['events.ndjson', 'experiment.json', 'journal.json']) {
      const text = readFileSync(join(s.dir, file), 'utf8');
      expect(text, file).not.toContain(secret);
      expect(text, file).not.toContain('tok-123456789');
      expect(text, file).not.toContain('AKIAIOSFODNN7EXAMPLE');
      expect(text, file).not.toContain('hunter2hunter2');
    }
    expect(readFileSync(join(s.dir, 'experiment.json'), 'utf8')).toContain('***redacted***');
  });
});

describe('journal projection', () => {
  it('a console session becomes a Chaos Toolkit journal: steady state before the first attack and at the end, one entry per attack, rollbacks played', async () => {
    const s = await scriptedSession();
    const j = projectJournal(loadRecording(s.dir));
    expect(j.status).toBe('interrupted'); // the operator halted
    expect(j.steady_states.before).toMatchObject({
      steady_state_met: true,
      probes: [{ activity: { name: 'web-asg-healthy' }, output: true, tolerance_met: true }],
    });
    expect(j.run.map((r) => [r.activity.name, r.status])).toEqual([
      ['stop-instances', 'succeeded'],
      ['reboot-instances', 'succeeded'],
      ['delete-service', 'failed'],
    ]);
    expect(j.run[2]!.exception![0]).toMatch(/did not finish/);
    expect(j.rollbacks.map((r) => [r.activity.name, r.activity.provider?.func, r.status])).toEqual([
      ['undo-stop-instances', 'start_instances', 'succeeded'],
    ]);
    expect(j.experiment.method).toHaveLength(3);
    expect(CPU.length).toBeGreaterThan(0);
  });

  it('a probe failing at the end of the session is a deviation', async () => {
    const s = await scriptedSession({ noHalt: true });
    const rec = loadRecording(s.dir);
    // Make the last sample fail, as if the system had not recovered.
    const last = rec.session.findLast((e) => e.type === 'probe-sample')!;
    (last as { ok: boolean }).ok = false;
    const j = projectJournal(rec);
    expect(j.status).toBe('completed');
    expect(j.steady_states.after?.steady_state_met).toBe(false);
    expect(j.deviated).toBe(true);
  });
});
