// chaosaws.ec2 actions and probes against moto: AWS calls made, return shapes, undo records, guard.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backends, launch, mutatingCalls, OPT_IN, states, type World } from './support.js';

for (const b of backends())
  describe.skipIf(Boolean(b.skip))(`chaosaws.ec2 on ${b.name}`, () => {
    let w: World;
    beforeAll(() => b.begin());
    beforeEach(async () => {
      w = await b.world();
    });

    it('stop_instances stops tagged instances, returns raw responses without metadata, and records a start undo first', async () => {
      const ids = await launch(w, 2);
      w.ctx.counter.reset();
      const out = (await w.call('chaosaws.ec2.actions.stop_instances', { instance_ids: ids })) as Array<
        Record<string, unknown>
      >;
      expect(out).toHaveLength(1);
      expect(Object.keys(out[0]!)).toEqual(['StoppingInstances']);
      expect((out[0]!.StoppingInstances as unknown[]).length).toBe(2);
      expect(w.ctx.counter.toJSON()).toEqual({ 'ec2:DescribeInstances': 1, 'ec2:StopInstances': 1 });
      expect(Object.values(await states(w, ids))).toEqual(['stopped', 'stopped']);
      const kinds = w.events.map((e) => e.type);
      expect(kinds.indexOf('undo-recorded')).toBeLessThan(kinds.indexOf('change'));
      expect(w.guard.active()).toHaveLength(1);
      const r = await w.guard.undoAll();
      expect(r.undone).toBe(1);
      expect(Object.values(await states(w, ids))).toEqual(['running', 'running']);
    });

    it('refuses instances without the opt-in tag and changes nothing', async () => {
      const [tagged] = await launch(w, 1);
      const [untagged] = await launch(w, 1, [{ Key: 'team', Value: 'web' }]);
      w.ctx.counter.reset();
      await expect(
        w.call('chaosaws.ec2.actions.stop_instances', { instance_ids: [tagged, untagged] }),
      ).rejects.toThrow(`${untagged} is not tagged chaos:allowed=true`);
      expect(mutatingCalls(w)).toEqual({});
      expect(await states(w, [tagged!, untagged!])).toEqual({ [tagged!]: 'running', [untagged!]: 'running' });
      expect(w.events.some((e) => e.type === 'refused')).toBe(true);
    });

    it('dry run proves permission with DryRun=true and stops nothing', async () => {
      const ids = await launch(w, 1);
      const out = (await w.call(
        'chaosaws.ec2.actions.stop_instances',
        { instance_ids: ids },
        { dry: true },
      )) as unknown[];
      expect(out[0]).toMatchObject({ dryRun: true, outcome: 'permission-proved' });
      expect(await states(w, ids)).toEqual({ [ids[0]!]: 'running' });
      expect(w.guard.active()).toHaveLength(0);
    });

    it('argument errors match chaosaws', async () => {
      await expect(w.call('chaosaws.ec2.actions.start_instances', {})).rejects.toThrow(
        'To start instances, you must specify the instance-id, an Availability Zone, or provide a set of filters',
      );
      await expect(w.call('chaosaws.ec2.actions.stop_instance', {})).rejects.toThrow(
        'To stop an EC2 instance, you must specify either the instance id, an AZ to pick a random instance from, or a set of filters.',
      );
      await expect(w.call('chaosaws.ec2.actions.terminate_instances', {})).rejects.toThrow(
        'To terminate instances, you must specify the instance-id',
      );
      expect(w.ctx.counter.total).toBe(0);
    });

    it('stop_instance picks one instance with the seeded generator and records the pick', async () => {
      const ids = await launch(w, 3, [...OPT_IN, { Key: 'app', Value: 'pick' }]);
      const filters = [{ Name: 'tag:app', Values: ['pick'] }];
      await w.call('chaosaws.ec2.actions.stop_instance', { filters });
      const sel = w.events.find((e) => e.type === 'selection');
      expect(sel).toMatchObject({ type: 'selection', quantity: 'COUNT(1)' });
      const chosen = (sel as { chosen: string[] }).chosen;
      expect(chosen).toHaveLength(1);
      const st = await states(w, ids);
      expect(
        Object.entries(st)
          .filter(([, s]) => s === 'stopped')
          .map(([id]) => id),
      ).toEqual(chosen);
    });

    it('start_instances returns the flattened StartingInstances items', async () => {
      const ids = await launch(w, 2);
      await w.setup('ec2', 'StopInstances', { InstanceIds: ids });
      w.settle();
      const out = (await w.call('chaosaws.ec2.actions.start_instances', { instance_ids: ids })) as Array<
        Record<string, unknown>
      >;
      expect(out).toHaveLength(2);
      expect(out[0]).toHaveProperty('InstanceId');
      expect(out[0]).toHaveProperty('CurrentState');
      expect(w.guard.active()[0]?.calls[0]?.operation).toBe('StopInstances');
    });

    it('restart_instances reboots but returns [] (chaosaws compatible)', async () => {
      const ids = await launch(w, 1);
      w.ctx.counter.reset();
      expect(await w.call('chaosaws.ec2.actions.restart_instances', { instance_ids: ids })).toEqual([]);
      expect(w.ctx.counter.toJSON()).toEqual({ 'ec2:DescribeInstances': 1, 'ec2:RebootInstances': 1 });
    });

    it('terminate_instances has no undo', async () => {
      const ids = await launch(w, 1);
      const out = (await w.call('chaosaws.ec2.actions.terminate_instances', { instance_ids: ids })) as Array<
        Record<string, unknown>
      >;
      expect(out[0]).toHaveProperty('TerminatingInstances');
      expect(w.guard.active()).toHaveLength(0);
      expect((await states(w, ids))[ids[0]!]).toBe('terminated');
    });

    it("filters with no match give chaosaws' message", async () => {
      await expect(
        w.call('chaosaws.ec2.actions.terminate_instances', {
          filters: [{ Name: 'tag:none', Values: ['x'] }],
        }),
      ).rejects.toThrow("No instances found matching filters: [{'Name': 'tag:none', 'Values': ['x']}]");
    });

    it('count_instances counts reservations (compat), instances when asked', async () => {
      await launch(w, 3, [...OPT_IN, { Key: 'tier', Value: 'count' }]);
      await launch(w, 2, [...OPT_IN, { Key: 'tier', Value: 'count' }]);
      const filters = [{ Name: 'tag:tier', Values: ['count'] }];
      expect(await w.call('chaosaws.ec2.probes.count_instances', { filters })).toBe(2);
      expect(
        await w.call('chaosaws.ec2.probes.count_instances', { filters, count_all_instances: true }),
      ).toBe(5);
      expect(await w.call('chaosaws.ec2.probes.count_min_instances', { filters, min_count: 3 })).toBe(false);
    });

    it('instance_state reads the first reservation only (compat) unless all_reservations', async () => {
      const first = await launch(w, 1, [...OPT_IN, { Key: 'st', Value: 'x' }]);
      const second = await launch(w, 1, [...OPT_IN, { Key: 'st', Value: 'x' }]);
      await w.setup('ec2', 'StopInstances', { InstanceIds: second });
      w.settle();
      const filters = [{ Name: 'tag:st', Values: ['x'] }];
      expect(await w.call('chaosaws.ec2.probes.instance_state', { state: 'running', filters })).toBe(true);
      expect(
        await w.call('chaosaws.ec2.probes.instance_state', {
          state: 'running',
          filters,
          all_reservations: true,
        }),
      ).toBe(false);
      expect(
        await w.call('chaosaws.ec2.probes.instance_state', { state: 'running', instance_ids: first }),
      ).toBe(true);
      await expect(
        w.call('chaosaws.ec2.probes.instance_state', {
          state: 'running',
          filters: [{ Name: 'tag:st', Values: ['none'] }],
        }),
      ).rejects.toThrow('IndexError');
    });

    it('describe_instances returns Reservations without metadata', async () => {
      await launch(w, 1, [...OPT_IN, { Key: 'd', Value: '1' }]);
      const out = (await w.call('chaosaws.ec2.probes.describe_instances', {
        filters: [{ Name: 'tag:d', Values: ['1'] }],
      })) as Record<string, unknown>;
      expect(Object.keys(out)).toEqual(['Reservations']);
    });

    // the sandbox's RunInstances makes only the root volume (and it has no CreateVolume)
    it.skipIf(b.name === 'sandbox')(
      'detach_random_volume detaches a non-root volume and tags it; attach_volume puts it back',
      async () => {
        const [id] = await launch(w, 1, OPT_IN, {
          BlockDeviceMappings: [
            { DeviceName: '/dev/sdf', Ebs: { VolumeSize: 1, DeleteOnTermination: true } },
          ],
        });
        const volumes = async () => {
          const res = await w.aws('ec2', 'DescribeVolumes', {
            Filters: [{ Name: 'attachment.instance-id', Values: [id] }],
          });
          return (res.Volumes as Array<{ Attachments: Array<{ Device: string }> }>).flatMap((v) =>
            v.Attachments.map((a) => a.Device),
          );
        };
        expect((await volumes()).sort()).toContain('/dev/sdf');
        const out = (await w.call('chaosaws.ec2.actions.detach_random_volume', {
          instance_ids: [id],
        })) as Array<Record<string, unknown>>;
        expect(out).toHaveLength(1);
        expect(out[0]).toMatchObject({ Device: '/dev/sdf', InstanceId: id });
        w.settle();
        expect(await volumes()).not.toContain('/dev/sdf');
        const tagged = await w.aws('ec2', 'DescribeVolumes', {
          Filters: [{ Name: 'tag-key', Values: ['ChaosToolkitDetached'] }],
        });
        expect(tagged.Volumes[0].Tags).toContainEqual({
          Key: 'ChaosToolkitDetached',
          Value: `DeviceName=/dev/sdf;InstanceId=${id}`,
        });
        const back = (await w.call('chaosaws.ec2.actions.attach_volume', {
          instance_ids: [id],
        })) as unknown[];
        expect(back).toHaveLength(1);
        w.settle();
        expect(await volumes()).toContain('/dev/sdf');
      },
    );

    it('plan-only dry run (no EC2 DryRun in Auto Scaling) shows the call and changes nothing', async () => {
      const dry = await b.world({ dryRun: true });
      await dry.setup('ec2', 'CreateLaunchTemplate', {
        LaunchTemplateName: 'dry-lt',
        LaunchTemplateData: { ImageId: 'ami-12c6146b', InstanceType: 't3.micro' },
      });
      await dry.setup('autoscaling', 'CreateAutoScalingGroup', {
        AutoScalingGroupName: 'dry-asg',
        LaunchTemplate: { LaunchTemplateName: 'dry-lt', Version: '$Latest' },
        MinSize: 0,
        MaxSize: 2,
        DesiredCapacity: 0,
        AvailabilityZones: ['us-east-1a'],
        Tags: [
          {
            Key: 'chaos:allowed',
            Value: 'true',
            PropagateAtLaunch: true,
            ResourceId: 'dry-asg',
            ResourceType: 'auto-scaling-group',
          },
        ],
      });
      dry.ctx.counter.reset();
      await dry.call('chaosaws.asg.actions.suspend_processes', {
        asg_names: ['dry-asg'],
        process_names: ['Launch'],
      });
      expect(mutatingCalls(dry)).toEqual({});
      expect(dry.events.find((e) => e.type === 'dry-run')).toMatchObject({
        outcome: 'planned',
        call: {
          service: 'autoscaling',
          operation: 'SuspendProcesses',
          input: { AutoScalingGroupName: 'dry-asg' },
        },
      });
      expect(dry.guard.active()).toEqual([]);
    });

    it('stop_instances_by_incremental_steps (fixed): stops volume% of the tagged running instances in steps', async () => {
      const ids = await launch(w, 4, [...OPT_IN, { Key: 'steps', Value: 'yes' }]);
      const out = (await w.call('chaosaws.ec2.actions.stop_instances_by_incremental_steps', {
        volume: 50,
        step_quantity: 1,
        step_duration: 0,
        tags: 'steps=yes',
      })) as Array<{ StoppingInstances: unknown[] }>;
      expect(out).toHaveLength(2);
      expect(out.every((r) => r.StoppingInstances.length === 1)).toBe(true);
      expect(Object.values(await states(w, ids)).filter((st) => st === 'stopped')).toHaveLength(2);
      expect(w.guard.active()).toHaveLength(2);
    });
  });
