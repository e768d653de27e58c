// The bundle carries only the SDK operations listed in src/aws/sdk/ (the rest of each 1 MB client
// is dropped). An operation the code names but the tables miss would fail only when that path runs
// against real AWS, as "gameday does not call ...": this reads every call the source names.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { literalSchemaKeys } from '../../scripts/sdk-schemas-plugin.mjs';
import { sdkCall } from '../../src/aws/ops/call.js';
import { sdkOf } from '../../src/aws/sdk/index.js';
import type { ServiceName } from '../../src/aws/types.js';

const SERVICES = 'ec2|autoscaling|ecs|cloudwatch|sts|iam';
// `('ec2', 'StopInstances'` (AwsCall) and `service: 'ec2', operation: 'StopInstances'` (guarded calls).
const NAMED = [
  new RegExp(`\\(\\s*'(${SERVICES})',\\s*'(\\w+)'`, 'g'),
  new RegExp(`service: '(${SERVICES})',\\s*operation: '(\\w+)'`, 'g'),
];

// Named in error messages but sent by the SDK's own credential provider (aws_assume_role_arn).
const SENT_BY_THE_SDK = new Set(['sts AssumeRole']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'sandbox' ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the SDK tables (src/aws/sdk)', () => {
  it('hold every operation the source calls by name', async () => {
    const named = new Set<string>();
    for (const file of sources('src')) {
      const text = readFileSync(file, 'utf8');
      for (const re of NAMED) for (const m of text.matchAll(re)) named.add(`${m[1]} ${m[2]}`);
    }
    // The scan must see the calls it is meant to check (a changed call style would blind it).
    expect(named.size).toBeGreaterThan(30);
    const missing: string[] = [];
    for (const key of named) {
      if (SENT_BY_THE_SDK.has(key)) continue;
      const [service, operation] = key.split(' ') as [ServiceName, string];
      if (!Object.hasOwn((await sdkOf(service)).commands, operation)) missing.push(key);
    }
    expect(missing).toEqual([]);
  });

  it('an operation outside the tables is refused by name, before any request', async () => {
    const ctx = { client: () => Promise.reject(new Error('no client should be made')) };
    const err = await sdkCall(ctx as never)('ecs', 'CreateCluster', {}).catch((e: unknown) => e);
    expect(String(err)).toContain('gameday does not call ecs CreateCluster');
  });
});

describe('the schemas rewrite (scripts/sdk-schemas-plugin.mjs)', () => {
  it('writes every computed key of each client as its string constant', () => {
    for (const pkg of ['ec2', 'auto-scaling', 'ecs', 'cloudwatch', 'sts', 'iam']) {
      const text = readFileSync(`node_modules/@aws-sdk/client-${pkg}/dist-es/schemas/schemas_0.js`, 'utf8');
      const { text: out, replaced } = literalSchemaKeys(text);
      expect(replaced, pkg).toBeGreaterThan(0);
      // No computed key is left (each one would keep its schema, and all it names, in the bundle).
      expect(out.match(/\[_\w+\]:/g) ?? [], pkg).toEqual([]);
    }
  });

  it('keeps the meaning: a key names the same string before and after', () => {
    const before =
      'const _xN = "xmlName";\nconst _q = "a\\"b";\nvar A = [0, { [_xN]: _q, [_q]: 1, [_zz]: 2 }];\n';
    const { text } = literalSchemaKeys(before);
    expect(text).toContain('{ "xmlName": _q, "a\\"b": 1, [_zz]: 2 }');
  });
});
