// gameday.actions / gameday.probes against moto: FIS-named attacks, selection, timed undo, probes.
import { createServer } from 'node:http';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  backends,
  launch,
  makeAsg,
  makeEcs,
  makeWorld,
  mutatingCalls,
  OPT_IN,
  states,
  type World,
} from './support.js';

/** Without this the sandbox (like AWS) replaces stopped members as unhealthy: suspend the health checks. */
async function keepStoppedMembers(w: World, asg: string): Promise<void> {
  await w.setup('autoscaling', 'SuspendProcesses', {
    AutoScalingGroupName: asg,
    ScalingProcesses: ['HealthCheck', 'ReplaceUnhealthy'],
  });
}

for (const b of backends())
  describe.skipIf(Boolean(b.skip))(`gameday native attacks on ${b.name}`, () => {
    let w: World;
    beforeAll(() => b.begin());
    beforeEach(async () => {
      w = await b.world();
    });

    it('stop_instances with COUNT(2) stops two of the tagged running instances, records the seeded pick, starts them after the duration', async () => {
      const ids = await launch(w, 4, [...OPT_IN, { Key: 'app', Value: 'fis' }]);
      const out = (await w.call('gameday.actions.stop_instances', {
        tags: { app: 'fis' },
        selection: 'COUNT(2)',
        start_instances_after_duration: '0.05',
      })) as { selection: { chosen: string[]; candidates: string[]; seed: number }; restarted: boolean };
      expect(out.selection.candidates.sort()).toEqual([...ids].sort());
      expect(out.selection.chosen).toHaveLength(2);
      expect(out.restarted).toBe(true);
      expect(Object.values(await states(w, ids))).toEqual(['running', 'running', 'running', 'running']);
      const calls = w.ctx.counter.toJSON();
      expect(calls['ec2:StopInstances']).toBe(1);
      // the sandbox, like AWS, refuses to start a stopping instance: the undo retries until it can
      expect(calls['ec2:StartInstances']).toBeGreaterThanOrEqual(1);
      expect(w.guard.active()).toHaveLength(0);
      expect(w.events.map((e) => e.type)).toEqual([
        'guard-config',
        'selection',
        'undo-recorded',
        'change',
        'undone',
      ]);
    });

    it('stop_instances without a duration leaves the start to undoAll; halted runs too', async () => {
      const ids = await launch(w, 2, [...OPT_IN, { Key: 'app', Value: 'halt' }]);
      await w.call('gameday.actions.stop_instances', { tags: { app: 'halt' } });
      expect(Object.values(await states(w, ids))).toEqual(['stopped', 'stopped']);
      expect(w.guard.active()).toHaveLength(1);
      await w.guard.undoAll();
      expect(Object.values(await states(w, ids))).toEqual(['running', 'running']);
    });

    it('PERCENT that rounds to nothing is a clear error, bad selection text too', async () => {
      await launch(w, 1, [...OPT_IN, { Key: 'app', Value: 'pct' }]);
      await expect(
        w.call('gameday.actions.reboot_instances', { tags: { app: 'pct' }, selection: 'PERCENT(10)' }),
      ).rejects.toThrow('PERCENT(10) of 1 target(s) rounds down to none');
      await expect(
        w.call('gameday.actions.reboot_instances', { tags: { app: 'pct' }, selection: 'SOME' }),
      ).rejects.toThrow('is not ALL, COUNT(n) or PERCENT(n)');
    });

    it('terminate_instances by id refuses an untagged instance', async () => {
      const [id] = await launch(w, 1, []);
      w.ctx.counter.reset();
      await expect(w.call('gameday.actions.terminate_instances', { instance_ids: [id] })).rejects.toThrow(
        'not tagged',
      );
      expect(mutatingCalls(w)).toEqual({});
    });

    it('asg_az_outage suspends AZRebalance+Launch and stops the AZ; the duration puts both back', async () => {
      const members = await makeAsg(w, 'az-web', 2);
      await keepStoppedMembers(w, 'az-web');
      const out = (await w.call('gameday.actions.asg_az_outage', {
        asg_name: 'az-web',
        az: 'us-east-1a',
        duration: 0.05,
      })) as { SuspendedProcesses: string[]; restored: boolean };
      expect(out.SuspendedProcesses).toEqual(['AZRebalance', 'Launch']);
      expect(out.restored).toBe(true);
      expect(Object.values(await states(w, members))).toEqual(['running', 'running']);
      expect(
        await w.call('chaosaws.asg.probes.process_is_suspended', {
          asg_names: ['az-web'],
          process_names: ['Launch'],
        }),
      ).toBe(false);
      const undone = w.events
        .filter((e) => e.type === 'undone')
        .map((e) => (e as { description: string }).description);
      expect(undone[0]).toMatch(/^start /);
      expect(undone[1]).toBe('resume AZRebalance, Launch on az-web');
    });

    it('asg_az_outage halted mid-way leaves both undos for undoAll (instances first, then processes)', async () => {
      const members = await makeAsg(w, 'az-halt', 1);
      await keepStoppedMembers(w, 'az-halt');
      await w.call('gameday.actions.asg_az_outage', { asg_name: 'az-halt', az: 'us-east-1a' });
      expect(Object.values(await states(w, members))).toEqual(['stopped']);
      expect(w.guard.active().map((r) => r.calls[0]!.operation)).toEqual([
        'ResumeProcesses',
        'StartInstances',
      ]);
      await w.guard.undoAll();
      expect(Object.values(await states(w, members))).toEqual(['running']);
    });

    it('ecs_stop_tasks stops only tasks of the service (group service:<name>)', async () => {
      const env = await makeEcs(w, 'natcl', 0);
      const run = (group: string, count: number) =>
        w.setup('ecs', 'RunTask', {
          cluster: 'natcl',
          taskDefinition: 'natcl-td',
          launchType: 'FARGATE',
          count,
          group,
          networkConfiguration: { awsvpcConfiguration: { subnets: [env.subnet], securityGroups: [env.sg] } },
        });
      const web = ((await run('service:web', 2)).tasks as Array<{ taskArn: string }>).map((t) => t.taskArn);
      await run('family:cron', 2);
      await w.setup('ecs', 'CreateService', {
        cluster: 'natcl',
        serviceName: 'web',
        taskDefinition: 'natcl-td',
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: [env.subnet], securityGroups: [env.sg] } },
      });
      w.settle(120);
      // the service's tasks: what ListTasks(serviceName) returns (moto ignores the filter; the
      // sandbox, like AWS, only lists the scheduler's) and whose group is service:web
      const listed = await w.aws('ecs', 'ListTasks', {
        cluster: 'natcl',
        serviceName: 'web',
        desiredStatus: 'RUNNING',
      });
      const described = await w.aws('ecs', 'DescribeTasks', { cluster: 'natcl', tasks: listed.taskArns });
      const ofService = (described.tasks as Array<{ taskArn: string; group: string }>)
        .filter((t) => t.group === 'service:web')
        .map((t) => t.taskArn);
      expect(ofService.length).toBeGreaterThan(0);
      if (b.name === 'moto') expect(ofService.sort()).toEqual([...web].sort());
      const counts = (await w.call('gameday.probes.ecs_running_vs_desired', {
        cluster: 'natcl',
        service: 'web',
      })) as Record<string, unknown>;
      expect(counts).toMatchObject({ desired: 2, ok: expect.any(Boolean) });
      expect(Object.keys(counts).sort()).toEqual(['desired', 'ok', 'pending', 'running']);
      const out = (await w.call('gameday.actions.ecs_stop_tasks', {
        cluster: 'natcl',
        service: 'web',
        selection: 'ALL',
      })) as {
        stopped: Array<{ taskArn: string; desiredStatus: string }>;
      };
      expect(out.stopped.map((s) => s.taskArn).sort()).toEqual([...ofService].sort());
      expect(out.stopped.every((s) => s.desiredStatus === 'STOPPED')).toBe(true);
    });

    // the sandbox has no cloudwatch ListTagsForResource, which the guard needs for the opt-in tag
    it.skipIf(b.name === 'sandbox')(
      'set_alarm_state sets ALARM, records the previous state, and sets it back after the duration',
      async () => {
        await w.setup('cloudwatch', 'PutMetricAlarm', {
          AlarmName: 'routing',
          MetricName: 'Errors',
          Namespace: 'Shop',
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanThreshold',
          Tags: OPT_IN,
        });
        const out = (await w.call('gameday.actions.set_alarm_state', { alarm_name: 'routing' })) as {
          previous: string;
        };
        expect(out.previous).toBe('OK');
        expect(await w.call('gameday.probes.alarm_state', { alarm_name: 'routing' })).toBe('ALARM');
        await w.guard.undoAll();
        expect(await w.call('gameday.probes.alarm_state', { alarm_name: 'routing' })).toBe('OK');
        await w.call('gameday.actions.set_alarm_state', { alarm_name: 'routing', duration: '0.05' });
        expect(await w.call('gameday.probes.alarm_state', { alarm_name: 'routing' })).toBe('OK');
      },
    );

    it('probes: asg healthy vs desired, instance count, metric statistic', async () => {
      await makeAsg(w, 'probe-asg', 3);
      expect(await w.call('gameday.probes.asg_healthy_vs_desired', { asg_name: 'probe-asg' })).toEqual({
        desired: 3,
        healthy: 3,
        inService: 3,
        ok: true,
      });
      await launch(w, 2, [...OPT_IN, { Key: 'count', Value: 'me' }]);
      await launch(w, 1, [...OPT_IN, { Key: 'count', Value: 'me' }]);
      expect(await w.call('gameday.probes.instance_count', { tags: { count: 'me' } })).toBe(3);
      await w.call('chaosaws.cloudwatch.actions.put_metric_data', {
        namespace: 'Probe',
        metric_data: [1, 2, 3, 10].map((Value) => ({
          MetricName: 'Hits',
          Value,
          Dimensions: [{ Name: 'Svc', Value: 'a' }],
        })),
      });
      const stat = (s: string) =>
        w.call('gameday.probes.metric_statistic', {
          namespace: 'Probe',
          metric_name: 'Hits',
          dimensions: { Svc: 'a' },
          statistic: s,
        });
      expect(await stat('SampleCount')).toBe(4);
      expect(await stat('Sum')).toBe(16);
      expect(await stat('Average')).toBe(4);
      expect(
        await w.call('gameday.probes.metric_statistic', { namespace: 'Probe', metric_name: 'None' }),
      ).toBeNull();
    });
  });

describe('gameday.probes.http_endpoint', () => {
  it('reports status and ok; a refused connection is status 0', async () => {
    const server = createServer((req, res) => {
      res.statusCode = req.url === '/down' ? 503 : 200;
      res.end('x');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const w = await makeWorld({}, { endpoint: 'http://127.0.0.1:9' });
    try {
      expect(
        await w.call('gameday.probes.http_endpoint', { url: `http://127.0.0.1:${port}/` }),
      ).toMatchObject({ status: 200, ok: true });
      expect(
        await w.call('gameday.probes.http_endpoint', { url: `http://127.0.0.1:${port}/down` }),
      ).toMatchObject({
        status: 503,
        ok: false,
      });
      expect(
        await w.call('gameday.probes.http_endpoint', {
          url: `http://127.0.0.1:${port}/down`,
          expected_status: 503,
        }),
      ).toMatchObject({ ok: true });
    } finally {
      server.close();
    }
    expect(await w.call('gameday.probes.http_endpoint', { url: 'http://127.0.0.1:9/' })).toMatchObject({
      status: 0,
      ok: false,
    });
  });
});
