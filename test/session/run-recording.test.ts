// A `gameday run` session records the engine's events, not console attacks: its python actions
// still count as the attacks for the report, the FIS export and replay (targets from the guard).
import { describe, expect, it } from 'vitest';
import { AwsContext } from '../../src/aws/clients.js';
import { sdkCall } from '../../src/aws/ops/call.js';
import { Guard } from '../../src/catalog/guard.js';
import { catalogRegistry } from '../../src/catalog/index.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { attacksOf } from '../../src/session/attacks.js';
import { pinRecordedIds } from '../../src/session/pin.js';
import { projectExperiment } from '../../src/session/project-experiment.js';
import { projectFis } from '../../src/session/project-fis.js';
import { loadRecording } from '../../src/session/recording.js';
import { reportMarkdown } from '../../src/session/report-md.js';
import { reportModel } from '../../src/session/report-model.js';
import { Session } from '../../src/session/session.js';
import { tempRoot } from './support.js';

const EXPERIMENT = {
  title: 'Reboot one web instance',
  description: 'headless',
  method: [
    {
      type: 'action',
      name: 'reboot-one',
      provider: {
        type: 'python',
        module: 'gameday.actions',
        func: 'reboot_instances',
        arguments: { tags: { Name: 'web' }, selection: 'COUNT(1)' },
      },
    },
  ],
};

describe('a gameday run recording', () => {
  it('its actions are the attacks: targets from the guard, in the report, the FIS template and a pinned replay', async () => {
    const sandbox = createSandbox({ clock: 'virtual' });
    const ctx = await AwsContext.create({
      region: sandbox.region,
      credentials: sandbox.credentials,
      plugins: [sandbox.plugin],
      env: {},
      maxAttempts: 1,
    });
    const session = Session.open(
      { title: EXPERIMENT.title, region: sandbox.region, sandbox: true },
      { root: tempRoot() },
    );
    try {
      const aws = sdkCall(ctx);
      const guard = new Guard({ seed: 3, recorder: session.guardEvent });
      await runExperiment(EXPERIMENT, {
        registry: catalogRegistry({ guard, aws: async () => aws }),
        emit: session.runEvent,
        env: {},
      });
    } finally {
      session.close();
      await ctx.destroy();
      sandbox.close();
    }
    const rec = loadRecording(session.dir);
    const [attack] = attacksOf(rec);
    expect(attack).toMatchObject({
      name: 'reboot-one',
      start: { module: 'gameday.actions', func: 'reboot_instances' },
      end: { ok: true },
    });
    expect(attack!.targets).toEqual([{ kind: 'instances', id: expect.stringMatching(/^i-[0-9a-f]+$/) }]);
    const rebooted = attack!.targets[0]!.id;
    // experiment.json is the experiment that ran, with the gameday extension.
    expect(projectExperiment(rec).method).toEqual(EXPERIMENT.method);
    expect(
      pinRecordedIds(projectExperiment(rec), attacksOf(rec)).experiment.method![0]!.provider!.arguments,
    ).toEqual({
      instance_ids: [rebooted],
      selection: 'ALL',
    });
    expect(projectFis(rec).template.actions['reboot-one']).toMatchObject({
      actionId: 'aws:ec2:reboot-instances',
    });
    expect(reportMarkdown(reportModel(rec))).toContain(
      `attack-start: reboot-one (gameday.actions.reboot_instances) on ${rebooted}`,
    );
  }, 60_000);
});
