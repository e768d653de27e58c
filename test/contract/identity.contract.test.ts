// Who and which account, on each contract target: the caller identity and the account alias the
// console's header shows (none until the account has one; moto starts without).
import { CreateAccountAliasCommand, DeleteAccountAliasCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { accountAlias, callerIdentity } from '../../src/aws/identity.js';
import { runPermitted } from '../../src/aws/mutations.js';
import { contractTargets } from './targets.js';

describe.skipIf(motoTargetSkipped())('account alias on moto', () => {
  it('is absent on a fresh account and then the alias the account was given', async () => {
    const target = contractTargets().find((t) => t.name === 'moto')!;
    const ctx = await target.open();
    try {
      expect((await callerIdentity(ctx)).account).toMatch(/^\d{12}$/);
      const iam = await ctx.client('iam');
      // Fixtures hold the guard's permit, as the seeders do. moto's IAM is account-wide and shared by the workers' tests: start from no alias.
      const before = await accountAlias(ctx);
      if (before)
        await runPermitted('test fixture', () =>
          iam.send(new DeleteAccountAliasCommand({ AccountAlias: before })),
        );
      expect(await accountAlias(ctx)).toBeUndefined();
      await runPermitted('test fixture', () =>
        iam.send(new CreateAccountAliasCommand({ AccountAlias: 'shop-prod' })),
      );
      expect(await accountAlias(ctx)).toBe('shop-prod');
      await runPermitted('test fixture', () =>
        iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'shop-prod' })),
      );
    } finally {
      await ctx.destroy();
    }
  });
});

describe('account alias on the sandbox', () => {
  it('is the sandbox account alias', async () => {
    const target = contractTargets().find((t) => t.name === 'sandbox')!;
    const ctx = await target.open();
    try {
      expect(await accountAlias(ctx)).toBe('gameday-sandbox');
    } finally {
      await ctx.destroy();
    }
  });
});

function motoTargetSkipped(): string | false {
  const moto = contractTargets().find((t) => t.name === 'moto');
  return moto?.skip || (moto ? false : 'no moto target');
}
