// chaosaws.asg actions and probes against moto.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backends, makeAsg, mutatingCalls, OPT_IN, states, type World } from './support.js';

for (const b of backends())
  describe.skipIf(Boolean(b.skip))(`chaosaws.asg on ${b.name}`, () => {
    let w: World;
    beforeAll(() => b.begin());
    beforeEach(async () => {
      w = await b.world();
    });

    it('argument errors match chaosaws', async () => {
      await expect(w.call('chaosaws.asg.actions.terminate_random_instances', {})).rejects.toThrow(
        'one of the following arguments are required: asg_names or tags',
      );
      await expect(
        w.call('chaosaws.asg.actions.terminate_random_instances', {
          asg_names: ['a'],
          tags: [{ Key: 'k', Value: 'v' }],
        }),
      ).rejects.toThrow('only one of the following arguments are allowed: asg_names/tags');
      await expect(
        w.call('chaosaws.asg.actions.stop_random_instances', { asg_names: ['a'] }),
      ).rejects.toThrow('Must specify one of "instance_count", "instance_percent", "az"');
      await expect(
        w.call('chaosaws.asg.actions.suspend_processes', {
          asg_names: ['a'],
          process_names: ['Launch', 'Nope'],
        }),
      ).rejects.toThrow("invalid process(es): ['Nope'] not in ['Launch', 'Terminate',");
      await expect(
        w.call('chaosaws.asg.actions.stop_random_instances', { asg_names: ['missing'], instance_count: 1 }),
      ).rejects.toThrow("Unable to locate ASG(s): ['missing']");
      await expect(w.call('chaosaws.asg.probes.desired_equals_healthy', { asg_names: [] })).rejects.toThrow(
        'Non-empty list of auto scaling groups is required',
      );
    });

    it('terminate_random_instances terminates a seeded sample and returns {AutoScalingGroupName, TerminatingInstances}', async () => {
      const members = await makeAsg(w, 'web-term', 3);
      w.ctx.counter.reset();
      const out = (await w.call('chaosaws.asg.actions.terminate_random_instances', {
        asg_names: ['web-term'],
        instance_count: 2,
      })) as Array<Record<string, unknown>>;
      expect(out).toHaveLength(1);
      expect(out[0]!.AutoScalingGroupName).toBe('web-term');
      const terminating = out[0]!.TerminatingInstances as Array<{ InstanceId: string }>;
      expect(terminating).toHaveLength(2);
      const sel = w.events.find((e) => e.type === 'selection') as { chosen: string[]; candidates: string[] };
      expect(sel.candidates.sort()).toEqual([...members].sort());
      expect(terminating.map((t) => t.InstanceId).sort()).toEqual([...sel.chosen].sort());
      expect(mutatingCalls(w)).toEqual({ 'ec2:TerminateInstances': 1 });
      expect(w.guard.active()).toHaveLength(0);
    });

    it('the same seed picks the same instances', async () => {
      await makeAsg(w, 'web-seed', 4);
      const pick = async () => {
        const w2 = await b.world({ seed: 7, dryRun: true });
        await w2.call('chaosaws.asg.actions.stop_random_instances', {
          asg_names: ['web-seed'],
          instance_count: 2,
        });
        return (w2.events.find((e) => e.type === 'selection') as { chosen: string[] }).chosen;
      };
      expect(await pick()).toEqual(await pick());
    });

    it('stop_random_instances by az stops every InService member there and records a start undo', async () => {
      const members = await makeAsg(w, 'web-stop', 2);
      // without this the sandbox (like AWS) replaces the stopped members as unhealthy
      await w.setup('autoscaling', 'SuspendProcesses', {
        AutoScalingGroupName: 'web-stop',
        ScalingProcesses: ['HealthCheck', 'ReplaceUnhealthy'],
      });
      const out = (await w.call('chaosaws.asg.actions.stop_random_instances', {
        asg_names: ['web-stop'],
        az: 'us-east-1a',
      })) as Array<Record<string, unknown>>;
      expect((out[0]!.StoppingInstances as unknown[]).length).toBe(2);
      expect(Object.values(await states(w, members))).toEqual(['stopped', 'stopped']);
      await w.guard.undoAll();
      expect(Object.values(await states(w, members))).toEqual(['running', 'running']);
    });

    it("not enough instances gives chaosaws' message", async () => {
      await makeAsg(w, 'web-few', 1);
      await expect(
        w.call('chaosaws.asg.actions.terminate_random_instances', {
          asg_names: ['web-few'],
          instance_count: 3,
        }),
      ).rejects.toThrow('Not enough healthy instances in web-few to satisfy termination count 3 (1)');
    });

    it('suspend_processes returns the groups after the change; undo resumes only what it suspended', async () => {
      await makeAsg(w, 'web-susp', 1);
      await w.setup('autoscaling', 'SuspendProcesses', {
        AutoScalingGroupName: 'web-susp',
        ScalingProcesses: ['Launch'],
      });
      const out = (await w.call('chaosaws.asg.actions.suspend_processes', {
        asg_names: ['web-susp'],
        process_names: ['Launch', 'AZRebalance'],
      })) as { AutoScalingGroups: Array<{ SuspendedProcesses: Array<{ ProcessName: string }> }> };
      expect(out.AutoScalingGroups[0]!.SuspendedProcesses.map((p) => p.ProcessName).sort()).toEqual([
        'AZRebalance',
        'Launch',
      ]);
      expect(
        await w.call('chaosaws.asg.probes.process_is_suspended', {
          asg_names: ['web-susp'],
          process_names: ['AZRebalance'],
        }),
      ).toBe(true);
      expect(w.guard.active()[0]!.calls[0]!.input).toEqual({
        AutoScalingGroupName: 'web-susp',
        ScalingProcesses: ['AZRebalance'],
      });
      await w.guard.undoAll();
      const after = await w.call('chaosaws.asg.probes.describe_auto_scaling_groups', {
        asg_names: ['web-susp'],
      });
      expect(
        (
          after as { AutoScalingGroups: Array<{ SuspendedProcesses: Array<{ ProcessName: string }> }> }
        ).AutoScalingGroups[0]!.SuspendedProcesses.map((p) => p.ProcessName),
      ).toEqual(['Launch']);
    });

    it('suspend_processes refuses a group without the opt-in tag', async () => {
      await makeAsg(w, 'web-untagged', 1, [{ Key: 'team', Value: 'x' }]);
      w.ctx.counter.reset();
      await expect(
        w.call('chaosaws.asg.actions.suspend_processes', { asg_names: ['web-untagged'] }),
      ).rejects.toThrow('web-untagged is not tagged chaos:allowed=true');
      expect(mutatingCalls(w)).toEqual({});
    });

    it('detach_random_instances returns Activities and DetachingInstances; undo attaches back', async () => {
      await makeAsg(w, 'web-detach', 2);
      const out = (await w.call('chaosaws.asg.actions.detach_random_instances', {
        asg_names: ['web-detach'],
        instance_count: 1,
        decrement_capacity: true,
      })) as { Activities: unknown[]; DetachingInstances: Array<{ InstanceIds: string[] }> };
      expect(out.DetachingInstances[0]!.InstanceIds).toHaveLength(1);
      expect(Array.isArray(out.Activities)).toBe(true);
      const desired = async () =>
        (
          (await w.call('chaosaws.asg.probes.describe_auto_scaling_groups', {
            asg_names: ['web-detach'],
          })) as {
            AutoScalingGroups: Array<{ DesiredCapacity: number }>;
          }
        ).AutoScalingGroups[0]!.DesiredCapacity;
      expect(await desired()).toBe(1);
      await w.guard.undoAll();
      expect(await desired()).toBe(2);
    });

    it('change_subnets returns None and its undo restores the subnets', async () => {
      await makeAsg(w, 'web-sub', 1);
      const vpc = await w.aws('ec2', 'DescribeSubnets', {});
      const subnets = (vpc.Subnets as Array<{ SubnetId: string }>).slice(0, 2).map((s) => s.SubnetId);
      await w.setup('autoscaling', 'UpdateAutoScalingGroup', {
        AutoScalingGroupName: 'web-sub',
        VPCZoneIdentifier: subnets[0],
      });
      expect(
        await w.call('chaosaws.asg.actions.change_subnets', { asg_names: ['web-sub'], subnets }),
      ).toBeNull();
      expect(await w.call('chaosaws.asg.probes.has_subnets', { asg_names: ['web-sub'], subnets })).toBe(true);
      await w.guard.undoAll();
      expect(await w.call('chaosaws.asg.probes.has_subnets', { asg_names: ['web-sub'], subnets })).toBe(
        false,
      );
      expect(
        await w.call('chaosaws.asg.probes.has_subnets', { asg_names: ['web-sub'], subnets: [subnets[0]] }),
      ).toBe(true);
    });

    it('probes: desired_equals_healthy, by tags, scaling in progress, counts by health, wait', async () => {
      await makeAsg(w, 'web-probe', 2, [...OPT_IN, { Key: 'svc', Value: 'probe' }]);
      const tags = [{ Key: 'svc', Value: 'probe' }];
      expect(await w.call('chaosaws.asg.probes.desired_equals_healthy', { asg_names: ['web-probe'] })).toBe(
        true,
      );
      expect(await w.call('chaosaws.asg.probes.desired_equals_healthy_tags', { tags })).toBe(true);
      expect(await w.call('chaosaws.asg.probes.is_scaling_in_progress', { tags })).toBe(false);
      expect(await w.call('chaosaws.asg.probes.instance_count_by_health', { asg_names: ['web-probe'] })).toBe(
        2,
      );
      expect(
        await w.call('chaosaws.asg.probes.instance_count_by_health', { tags, count_healthy: false }),
      ).toBe(0);
      expect(
        await w.call('chaosaws.asg.probes.wait_desired_equals_healthy', {
          asg_names: ['web-probe'],
          timeout: 5,
        }),
      ).toBe(0);
      expect(
        await w.call('chaosaws.asg.probes.wait_desired_not_equals_healthy_tags', { tags, timeout: 0 }),
      ).toBe(2 ** 63);
      await expect(
        w.call('chaosaws.asg.probes.desired_equals_healthy_tags', { tags: [{ Key: 'svc', Value: 'none' }] }),
      ).rejects.toThrow('No auto-scaling groups matched the tags provided');
    });

    // the sandbox's instances have only their root volume
    it.skipIf(b.name === 'sandbox')(
      'detach_random_volume / attach_volume (fixed: EC2 client) round-trip a member volume',
      async () => {
        await w.setup('ec2', 'CreateLaunchTemplate', {
          LaunchTemplateName: 'vol-lt',
          LaunchTemplateData: {
            ImageId: 'ami-12c6146b',
            InstanceType: 't3.micro',
            BlockDeviceMappings: [{ DeviceName: '/dev/sdf', Ebs: { VolumeSize: 1 } }],
          },
        });
        await w.setup('autoscaling', 'CreateAutoScalingGroup', {
          AutoScalingGroupName: 'vol-asg',
          LaunchTemplate: { LaunchTemplateName: 'vol-lt', Version: '$Latest' },
          MinSize: 0,
          MaxSize: 2,
          DesiredCapacity: 1,
          AvailabilityZones: ['us-east-1a'],
          Tags: [
            {
              ...OPT_IN[0]!,
              PropagateAtLaunch: true,
              ResourceId: 'vol-asg',
              ResourceType: 'auto-scaling-group',
            },
          ],
        });
        const out = (await w.call('chaosaws.asg.actions.detach_random_volume', {
          asg_names: ['vol-asg'],
        })) as Array<{
          Device: string;
          InstanceId: string;
        }>;
        expect(out).toHaveLength(1);
        expect(out[0]!.Device).toBe('/dev/sdf');
        const tagged = await w.aws('ec2', 'DescribeVolumes', {
          Filters: [{ Name: 'tag-key', Values: ['ChaosToolkitDetached'] }],
        });
        expect(tagged.Volumes[0].Tags).toContainEqual({
          Key: 'ChaosToolkitDetached',
          Value: `DeviceName=/dev/sdf;InstanceId=${out[0]!.InstanceId};ASG=vol-asg`,
        });
        const back = (await w.call('chaosaws.asg.actions.attach_volume', {
          asg_names: ['vol-asg'],
        })) as Array<{ Device: string }>;
        expect(back).toHaveLength(1);
        expect(back[0]!.Device).toBe('/dev/sdf');
      },
    );
  });
