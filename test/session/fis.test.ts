// `gameday export --fis`: attacks with a FIS equivalent become actions on targets (ARNs of what
// was hit, or the tags it was picked by with the same selection mode), pauses become waits, order
// becomes startAfter, stop-condition alarms become stop conditions; the rest is listed.
import { describe, expect, it } from 'vitest';
import { isoDuration, projectFis } from '../../src/session/project-fis.js';
import { loadRecording } from '../../src/session/recording.js';
import { scriptedSession } from './support.js';

describe('FIS export', () => {
  it('maps the session to an experiment template and lists what FIS cannot do', async () => {
    const s = await scriptedSession();
    const { template, unmapped } = projectFis(loadRecording(s.dir));
    expect(template.stopConditions).toEqual([
      {
        source: 'aws:cloudwatch:alarm',
        value: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-5xx-high',
      },
    ]);
    expect(template.actions['assert-alarms-not-in-alarm']).toMatchObject({
      actionId: 'aws:cloudwatch:assert-alarm-state',
      parameters: { alarmStates: 'OK,INSUFFICIENT_DATA' },
    });
    expect(template.actions['stop-instances']).toEqual({
      actionId: 'aws:ec2:stop-instances',
      description: 'Stop instances',
      targets: { Instances: 'stop-instances-targets' },
      startAfter: ['assert-alarms-not-in-alarm'],
    });
    expect(template.targets['stop-instances-targets']).toEqual({
      resourceType: 'aws:ec2:instance',
      resourceArns: ['arn:aws:ec2:us-east-1:123456789012:instance/i-0aaa111'],
      selectionMode: 'ALL',
    });
    expect(template.actions['wait-after-stop-instances']).toEqual({
      actionId: 'aws:fis:wait',
      description: 'pause after Stop instances, as in the session',
      parameters: { duration: 'PT50S' },
      startAfter: ['stop-instances'],
    });
    // Picked by tags with COUNT(1): FIS re-resolves by the same tags and mode.
    expect(template.actions['reboot-instances']).toMatchObject({
      actionId: 'aws:ec2:reboot-instances',
      startAfter: ['wait-after-stop-instances'],
    });
    expect(template.targets['reboot-instances-targets']).toEqual({
      resourceType: 'aws:ec2:instance',
      resourceTags: { 'aws:autoscaling:groupName': 'web' },
      filters: [{ path: 'State.Name', values: ['running'] }],
      selectionMode: 'COUNT(1)',
    });
    expect(unmapped).toEqual([
      {
        attack: 'delete-service',
        function: 'chaosaws.ecs.actions.delete_service',
        reason: 'AWS FIS has no equivalent action',
      },
    ]);
    expect(template.actions['delete-service']).toBeUndefined();
    expect(template.roleArn).toMatch(/^arn:aws:iam::123456789012:role\//);
  });

  it('durations are ISO-8601 as FIS takes them', () => {
    expect([isoDuration(50), isoDuration(60), isoDuration(300), isoDuration(7200), isoDuration(90)]).toEqual([
      'PT50S',
      'PT1M',
      'PT5M',
      'PT2H',
      'PT90S',
    ]);
  });
});

describe('FIS export of ECS attacks', () => {
  it("a stop of service tasks targets the service's tasks by cluster and service with the same selection", async () => {
    const { Session } = await import('../../src/session/session.js');
    const { tempRoot } = await import('./support.js');
    const s = Session.open(
      { title: 'Kill a cart task', region: 'eu-west-1', sandbox: false, accountId: '111122223333' },
      { root: tempRoot() },
    );
    const id = s.attackStart({
      title: 'Stop service tasks',
      module: 'gameday.actions',
      func: 'ecs_stop_tasks',
      arguments: {
        cluster: 'arn:aws:ecs:eu-west-1:111122223333:cluster/shop',
        service: 'cart',
        selection: 'PERCENT(50)',
      },
      targets: [],
    });
    const task = 'arn:aws:ecs:eu-west-1:111122223333:task/shop/0123456789abcdef';
    s.guardEvent({
      type: 'change',
      attack: 'kill',
      call: { service: 'ecs', operation: 'StopTask', input: { task } },
      targets: [task],
      undo: null,
    });
    s.attackEnd(id, { ok: true });
    s.close();
    const { template, unmapped } = projectFis(loadRecording(s.dir));
    expect(unmapped).toEqual([]);
    expect(template.stopConditions).toEqual([{ source: 'none' }]);
    expect(template.actions['stop-service-tasks']).toEqual({
      actionId: 'aws:ecs:stop-task',
      description: 'Stop service tasks',
      targets: { Tasks: 'stop-service-tasks-targets' },
    });
    expect(template.targets['stop-service-tasks-targets']).toEqual({
      resourceType: 'aws:ecs:task',
      parameters: { cluster: 'shop', service: 'cart' },
      selectionMode: 'PERCENT(50)',
    });
    expect(template.roleArn).toMatch(/^arn:aws:iam::111122223333:role\//);
  });
});
