// EC2 on the sandbox through the SDK: filters, paging by instance, DryRun, AWS's errors and state
// transitions that take time, volumes and tags.
import {
  AttachVolumeCommand,
  CancelSpotInstanceRequestsCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeInstanceStatusCommand,
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  DescribeTagsCommand,
  DescribeVolumesCommand,
  DetachVolumeCommand,
  EC2ServiceException,
  RebootInstancesCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import { failure, permitted, type Rig, rig } from './support.js';

let r: Rig;
afterEach(async () => r?.close());

async function ids(
  x: Rig,
  input: ConstructorParameters<typeof DescribeInstancesCommand>[0] = {},
): Promise<string[]> {
  const out = await x.ec2.send(new DescribeInstancesCommand(input));
  return out.Reservations!.flatMap((res) => res.Instances!.map((i) => i.InstanceId!));
}

async function state(x: Rig, id: string): Promise<string> {
  const out = await x.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return out.Reservations![0]!.Instances![0]!.State!.Name!;
}

describe('DescribeInstances', () => {
  it('filters by tag, tag-key, state and AZ (values OR, filters AND, wildcards)', async () => {
    r = await rig();
    expect(await ids(r, { Filters: [{ Name: 'tag:Name', Values: ['web'] }] })).toHaveLength(6);
    expect(await ids(r, { Filters: [{ Name: 'tag:chaos:allowed', Values: ['true'] }] })).toHaveLength(11);
    expect(await ids(r, { Filters: [{ Name: 'tag-key', Values: ['chaos:allowed'] }] })).toHaveLength(12);
    expect(await ids(r, { Filters: [{ Name: 'tag:Name', Values: ['batch-*', 'bastion'] }] })).toHaveLength(3);
    const inA = await ids(r, {
      Filters: [
        { Name: 'tag:Name', Values: ['web'] },
        { Name: 'availability-zone', Values: ['us-east-1a'] },
        { Name: 'instance-state-name', Values: ['running'] },
      ],
    });
    expect(inA).toHaveLength(2);
    const err = await failure(
      r.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })),
    );
    expect(err.name).toBe('InvalidParameterValue');
  });

  it('pages by instance at MaxResults 5 with every instance exactly once', async () => {
    r = await rig();
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await r.ec2.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: token }));
      const page = out.Reservations!.flatMap((res) => res.Instances!.map((i) => i.InstanceId!));
      expect(page.length).toBeLessThanOrEqual(5);
      seen.push(...page);
      token = out.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(13);
  });

  it('rejects bad page sizes, page size with ids, bad tokens and unknown ids the way EC2 does', async () => {
    r = await rig();
    const small = await failure(r.ec2.send(new DescribeInstancesCommand({ MaxResults: 3 })));
    expect([small.name, small.message]).toEqual([
      'InvalidParameterValue',
      'Value ( 3 ) for parameter maxResults is invalid. Expecting a value greater than 5.',
    ]);
    const [one] = await ids(r);
    const combo = await failure(
      r.ec2.send(new DescribeInstancesCommand({ MaxResults: 5, InstanceIds: [one!] })),
    );
    expect(combo.name).toBe('InvalidParameterCombination');
    const token = await failure(
      r.ec2.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: 'bogus' })),
    );
    expect(token.name).toBe('InvalidPaginationToken');
    const missing = await failure(
      r.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })),
    );
    expect(missing).toBeInstanceOf(EC2ServiceException);
    expect([missing.name, missing.message, missing.$metadata?.httpStatusCode]).toEqual([
      'InvalidInstanceID.NotFound',
      "The instance ID 'i-0123456789abcdef0' does not exist",
      400,
    ]);
    const malformed = await failure(r.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['web-1'] })));
    expect(malformed.name).toBe('InvalidInstanceID.Malformed');
  });
});

describe('state changes', () => {
  it('DryRun answers DryRunOperation and changes nothing', async () => {
    r = await rig();
    const [id] = await ids(r, { Filters: [{ Name: 'tag:Name', Values: ['batch-1'] }] });
    for (const cmd of [
      new StopInstancesCommand({ InstanceIds: [id!], DryRun: true }),
      new TerminateInstancesCommand({ InstanceIds: [id!], DryRun: true }),
      new CreateTagsCommand({ Resources: [id!], Tags: [{ Key: 'x', Value: 'y' }], DryRun: true }),
    ]) {
      // biome-ignore lint/suspicious/noExplicitAny: three command types through one send
      const err = await failure(permitted(() => r.ec2.send(cmd as any)));
      expect(err).toBeInstanceOf(EC2ServiceException);
      expect([err.name, err.message, err.$metadata?.httpStatusCode]).toEqual([
        'DryRunOperation',
        'Request would have succeeded, but DryRun flag is set.',
        412,
      ]);
    }
    r.step(120);
    expect(await state(r, id!)).toBe('running');
    const tags = await r.ec2.send(
      new DescribeTagsCommand({
        Filters: [
          { Name: 'resource-id', Values: [id!] },
          { Name: 'key', Values: ['x'] },
        ],
      }),
    );
    expect(tags.Tags).toEqual([]);
  });

  it('stop takes time, start from stopped works, and a terminated instance cannot be started', async () => {
    r = await rig();
    const [id] = await ids(r, { Filters: [{ Name: 'tag:Name', Values: ['batch-2'] }] });
    const stop = await permitted(() => r.ec2.send(new StopInstancesCommand({ InstanceIds: [id!] })));
    expect(stop.StoppingInstances![0]).toMatchObject({
      PreviousState: { Name: 'running', Code: 16 },
      CurrentState: { Name: 'stopping', Code: 64 },
    });
    expect(await state(r, id!)).toBe('stopping');
    r.step(60);
    expect(await state(r, id!)).toBe('stopped');
    const status = await r.ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [id!] }));
    expect(status.InstanceStatuses).toEqual([]);
    const start = await permitted(() => r.ec2.send(new StartInstancesCommand({ InstanceIds: [id!] })));
    expect(start.StartingInstances![0]!.CurrentState!.Name).toBe('pending');
    r.step(60);
    expect(await state(r, id!)).toBe('running');
    await permitted(() => r.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id!] })));
    r.step(60);
    expect(await state(r, id!)).toBe('terminated');
    const err = await failure(permitted(() => r.ec2.send(new StartInstancesCommand({ InstanceIds: [id!] }))));
    expect(err.name).toBe('IncorrectInstanceState');
  });

  it('runs instances with tags into the default subnets and shows them pending, then running', async () => {
    r = await rig({ size: 'empty' });
    const subnets = (await r.ec2.send(new DescribeSubnetsCommand({}))).Subnets!;
    expect(subnets.map((s) => s.AvailabilityZone)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    const out = await permitted(() =>
      r.ec2.send(
        new RunInstancesCommand({
          ImageId: 'ami-12c6146b',
          MinCount: 2,
          MaxCount: 2,
          SubnetId: subnets[1]!.SubnetId,
          TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'api' }] }],
        }),
      ),
    );
    expect(out.Instances!.map((i) => [i.State!.Name, i.Placement!.AvailabilityZone, i.Tags])).toEqual([
      ['pending', 'us-east-1b', [{ Key: 'Name', Value: 'api' }]],
      ['pending', 'us-east-1b', [{ Key: 'Name', Value: 'api' }]],
    ]);
    r.step(60);
    expect(
      await ids(r, {
        Filters: [
          { Name: 'instance-state-name', Values: ['running'] },
          { Name: 'tag:Name', Values: ['api'] },
        ],
      }),
    ).toHaveLength(2);
  });
});

describe('what the sandbox does not have', () => {
  it('refuses to reboot a stopped instance and knows no spot requests', async () => {
    r = await rig();
    const [id] = await ids(r, { Filters: [{ Name: 'tag:Name', Values: ['batch-1'] }] });
    await permitted(() => r.ec2.send(new StopInstancesCommand({ InstanceIds: [id!], Force: true })));
    r.step(30);
    const reboot = await failure(
      permitted(() => r.ec2.send(new RebootInstancesCommand({ InstanceIds: [id!] }))),
    );
    expect([reboot.name, reboot.message]).toEqual([
      'IncorrectInstanceState',
      `The instance '${id}' is not in a state from which it can be rebooted.`,
    ]);
    const spot = await failure(
      permitted(() =>
        r.ec2.send(new CancelSpotInstanceRequestsCommand({ SpotInstanceRequestIds: ['sir-12345678'] })),
      ),
    );
    expect(spot.name).toBe('InvalidSpotInstanceRequestID.NotFound');
  });
});

describe('volumes and tags', () => {
  it('detaches a data volume (root refused), tags it, and attaches it back', async () => {
    r = await rig();
    const [id] = await ids(r, { Filters: [{ Name: 'tag:Name', Values: ['web'] }] });
    const vols = (
      await r.ec2.send(
        new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [id!] }] }),
      )
    ).Volumes!;
    expect(vols.map((v) => v.Attachments![0]!.Device).sort()).toEqual(['/dev/sdf', '/dev/xvda']);
    const root = vols.find((v) => v.Attachments![0]!.Device === '/dev/xvda')!;
    const data = vols.find((v) => v.Attachments![0]!.Device === '/dev/sdf')!;
    const refused = await failure(
      permitted(() => r.ec2.send(new DetachVolumeCommand({ VolumeId: root.VolumeId }))),
    );
    expect(refused.name).toBe('OperationNotPermitted');
    const detached = await permitted(() =>
      r.ec2.send(new DetachVolumeCommand({ VolumeId: data.VolumeId, Force: true })),
    );
    expect(detached.State).toBe('detaching');
    await permitted(() =>
      r.ec2.send(
        new CreateTagsCommand({
          Resources: [data.VolumeId!],
          Tags: [{ Key: 'ChaosToolkitDetached', Value: `DeviceName=/dev/sdf;InstanceId=${id}` }],
        }),
      ),
    );
    r.step(20);
    const tagged = (
      await r.ec2.send(
        new DescribeVolumesCommand({ Filters: [{ Name: 'tag-key', Values: ['ChaosToolkitDetached'] }] }),
      )
    ).Volumes!;
    expect(tagged.map((v) => [v.VolumeId, v.State, v.Attachments])).toEqual([
      [data.VolumeId, 'available', []],
    ]);
    await permitted(() =>
      r.ec2.send(new AttachVolumeCommand({ VolumeId: data.VolumeId, InstanceId: id, Device: '/dev/sdf' })),
    );
    r.step(20);
    const back = (await r.ec2.send(new DescribeVolumesCommand({ VolumeIds: [data.VolumeId!] }))).Volumes![0]!;
    expect([back.State, back.Attachments![0]!.State, back.Attachments![0]!.InstanceId]).toEqual([
      'in-use',
      'attached',
      id,
    ]);
  });

  it('creates, describes and deletes tags (by key, and by key and value)', async () => {
    r = await rig();
    const some = (await ids(r, { Filters: [{ Name: 'tag:Name', Values: ['batch-*'] }] })).sort();
    await permitted(() =>
      r.ec2.send(new CreateTagsCommand({ Resources: some, Tags: [{ Key: 'drill', Value: 'on' }] })),
    );
    const found = await r.ec2.send(
      new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['drill'] }] }),
    );
    expect(found.Tags!.map((t) => [t.ResourceId, t.ResourceType, t.Value]).sort()).toEqual(
      some.map((id) => [id, 'instance', 'on']),
    );
    await permitted(() =>
      r.ec2.send(new DeleteTagsCommand({ Resources: [some[0]!], Tags: [{ Key: 'drill', Value: 'off' }] })),
    );
    expect(await ids(r, { Filters: [{ Name: 'tag:drill', Values: ['on'] }] })).toHaveLength(2);
    await permitted(() => r.ec2.send(new DeleteTagsCommand({ Resources: some, Tags: [{ Key: 'drill' }] })));
    expect(await ids(r, { Filters: [{ Name: 'tag-key', Values: ['drill'] }] })).toEqual([]);
    const reserved = await failure(
      permitted(() =>
        r.ec2.send(new CreateTagsCommand({ Resources: some, Tags: [{ Key: 'aws:x', Value: '1' }] })),
      ),
    );
    expect(reserved.name).toBe('InvalidParameterValue');
  });
});
