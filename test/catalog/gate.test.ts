// The client-layer half of the guard: a mutating SDK command sent from anywhere but the guard is
// refused before it reaches the wire, and no source file outside the guard holds the permit.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeInstancesCommand, type EC2Client, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { AwsContext } from '../../src/aws/clients.js';
import {
  isMutating,
  MUTATING_COMMANDS,
  MutationRefusedError,
  runPermitted,
} from '../../src/aws/mutations.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

/** A context whose requests never leave the process: a handler that answers every call with 200 {}. */
async function offlineContext(): Promise<{ ctx: AwsContext; sent: string[] }> {
  const sent: string[] = [];
  const ctx = await AwsContext.create({
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
    plugins: [
      {
        name: 'wire-recorder',
        apply(client) {
          client.middlewareStack.add(
            // biome-ignore lint/suspicious/noExplicitAny: test middleware
            (_next: any, context: any) => async () => {
              sent.push(String(context.commandName));
              return { output: { $metadata: {} } };
            },
            { step: 'initialize', priority: 'low', name: 'testWire' },
          );
        },
      },
    ],
  });
  return { ctx, sent };
}

describe('mutation gate', () => {
  it('refuses a direct client.send(new StopInstancesCommand(...)) outside the guard, before the wire', async () => {
    const { ctx, sent } = await offlineContext();
    const ec2 = (await ctx.client('ec2')) as EC2Client;
    await expect(ec2.send(new StopInstancesCommand({ InstanceIds: ['i-1'] }))).rejects.toBeInstanceOf(
      MutationRefusedError,
    );
    await expect(ec2.send(new StopInstancesCommand({ InstanceIds: ['i-1'] }))).rejects.toThrow(
      'ec2:StopInstances refused: mutating AWS calls must go through the safety guard',
    );
    expect(sent).toEqual([]);
    expect(ctx.counter.total).toBe(0);
    await ec2.send(new DescribeInstancesCommand({}));
    expect(sent).toEqual(['DescribeInstancesCommand']);
  });

  it('lets the same command through inside the permit', async () => {
    const { ctx, sent } = await offlineContext();
    const ec2 = (await ctx.client('ec2')) as EC2Client;
    await runPermitted('test', () => ec2.send(new StopInstancesCommand({ InstanceIds: ['i-1'] })));
    expect(sent).toEqual(['StopInstancesCommand']);
  });

  it('classifies every listed mutating command as mutating, and unlisted writes too (deny by default)', () => {
    for (const ops of Object.values(MUTATING_COMMANDS))
      for (const op of ops) expect(isMutating(op)).toBe(true);
    expect(isMutating('RunInstances')).toBe(true);
    expect(isMutating('DeleteAutoScalingGroup')).toBe(true);
    expect(isMutating('DescribeInstances')).toBe(false);
    expect(isMutating('ListTasks')).toBe(false);
    expect(isMutating('GetMetricData')).toBe(false);
    expect(isMutating('GetCallerIdentity')).toBe(false);
  });

  it('only the guard (guard.ts and its attack.ts) imports the permit, and the catalogue never imports the SDK', () => {
    const holders = files('src')
      .filter((f) => /\brunPermitted\b/.test(readFileSync(f, 'utf8')))
      .map((f) => f.replaceAll('\\', '/'))
      .sort();
    expect(holders).toEqual(['src/aws/mutations.ts', 'src/catalog/attack.ts', 'src/catalog/guard.ts']);
    const sdkInCatalog = files('src/catalog').filter((f) => /from '@aws-sdk\//.test(readFileSync(f, 'utf8')));
    expect(sdkInCatalog).toEqual([]);
  });
});
