// The console's first frame comes before AWS answers: the header (region, SANDBOX badge) and a
// "connecting" line while the identity is asked, then the console with the account id and alias;
// a failed connection is handed back to the caller, and q quits while still waiting.
import { afterEach, describe, expect, it } from 'vitest';
import { discover } from '../../src/aws/discovery/index.js';
import { accountAlias, callerIdentity } from '../../src/aws/identity.js';
import { sdkCall } from '../../src/aws/ops/call.js';
import { App } from '../../src/tui/App.js';
import type { ConsoleServices } from '../../src/tui/services.js';
import { buildServices } from '../../src/tui/wiring/services.js';
import { type Rig, rig } from '../sandbox/support.js';
import { stillClock } from './fake-services.js';
import { renderTui } from './render.js';

const base = { region: 'us-east-1', sandbox: true, readOnly: false, dryRun: false };

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
}

async function boot(ready: Promise<ConsoleServices>) {
  const failures: unknown[] = [];
  let exited = 0;
  const ui = await renderTui(
    <App
      boot={{ info: base, ready, onFailed: (e) => failures.push(e) }}
      clock={stillClock}
      size={{ width: 80, height: 24 }}
      onExit={() => exited++}
    />,
    { bare: true },
  );
  return { ui, failures, exited: () => exited };
}

describe('console boot', () => {
  it('draws the header before the identity is known, then the account id and alias from the sandbox', async () => {
    r = await rig({ seed: 7 });
    const gate = deferred<void>();
    const ctx = r.ctx;
    const ready = (async () => {
      await gate.promise; // AWS has not answered yet
      const [identity, alias] = await Promise.all([callerIdentity(ctx), accountAlias(ctx)]);
      return buildServices({
        info: { ...base, account: identity.account, alias, caller: identity.arn },
        aws: sdkCall(ctx),
        listInventory: () => discover(ctx, { identity }),
        clock: stillClock,
      });
    })();
    const { ui, failures } = await boot(ready);
    const first = ui.frame();
    expect(first).toContain('[SANDBOX]');
    expect(first).toContain('us-east-1');
    expect(first).toContain('starting the sandbox region');
    expect(first).not.toContain('123456789012');
    await ui.act(async () => {
      gate.resolve();
      await ready;
    });
    await ui.act(() => new Promise((res) => setTimeout(res, 50)));
    const f = ui.frame();
    expect(f).toContain('123456789012 (gameday-sandbox)');
    expect(f).toContain('as user/gameday-sandbox');
    expect(f).not.toContain('starting the sandbox region');
    expect(failures).toEqual([]);
    await ui.unmount();
  });

  it('hands a failed connection back to the caller instead of drawing the console', async () => {
    const ready = Promise.reject(new Error('sts:GetCallerIdentity: no AWS credentials found'));
    ready.catch(() => {});
    const { ui, failures } = await boot(ready);
    await ui.act(() => new Promise((res) => setTimeout(res, 10)));
    expect(failures.map((e) => (e as Error).message)).toEqual([
      'sts:GetCallerIdentity: no AWS credentials found',
    ]);
    await ui.unmount();
  });

  it('quits with q while still connecting', async () => {
    const { ui, exited } = await boot(new Promise(() => {}));
    expect(ui.frame()).toContain('q quit');
    await ui.press('q');
    expect(exited()).toBe(1);
    await ui.unmount();
  });
});

describe('account alias', () => {
  it('is undefined when IAM refuses (the header simply omits it)', async () => {
    r = await rig({ seed: 7 });
    r.sb.faults.set({ service: 'iam', operation: 'ListAccountAliases', error: 'denied' });
    expect(await accountAlias(r.ctx)).toBeUndefined();
  });
});
