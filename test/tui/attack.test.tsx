import { describe, expect, it } from 'vitest';
import { AttackFlow } from '../../src/tui/models/attack-flow.js';
import { AttackScreen } from '../../src/tui/screens/AttackScreen.js';
import { parseParam } from '../../src/tui/screens/param-values.js';
import type { AttackOption, AttackRequest, ConsoleServices, TargetRef } from '../../src/tui/services.js';
import type { HeaderInfo } from '../../src/tui/widgets/Header.js';
import { STOP } from './fixtures.js';
import { keys, renderTui } from './render.js';

const TERMINATE: AttackOption = {
  ...STOP,
  id: 'terminate',
  title: 'Terminate instances',
  undo: 'no undo: the ASG replaces them',
};
const TARGETS: TargetRef[] = [
  { kind: 'instances', id: 'i-0web0', label: 'web-0', tags: {} },
  { kind: 'instances', id: 'i-0web1', label: 'web-1', tags: {} },
];
const LIVE: HeaderInfo = {
  account: '123456789012',
  alias: 'shop-prod',
  region: 'eu-west-1',
  sandbox: false,
  readOnly: false,
  dryRun: false,
};

function fakeServices(refused: string[] = []) {
  const executed: AttackRequest[] = [];
  const previews: AttackRequest[] = [];
  const services: Pick<ConsoleServices, 'attacksFor' | 'preview' | 'execute'> = {
    attacksFor: (ts) => (ts.every((t) => t.kind === 'instances') ? [STOP, TERMINATE] : []),
    preview: async (req) => {
      previews.push(req);
      return {
        resources: (req.args.instance_ids as string[]) ?? [],
        calls: [`ec2:StopInstances ${(req.args.instance_ids as string[]).join(', ')}`],
        undo: req.attack.undo,
        refused,
        notes: [],
      };
    },
    execute: async (req) => {
      executed.push(req);
      return {
        ok: true,
        message: `${req.attack.title}: ${(req.args.instance_ids as string[]).length} instance(s)`,
      };
    },
  };
  return { services, executed, previews };
}

async function openFlow(info: HeaderInfo, refused: string[] = [], targets = TARGETS) {
  const fake = fakeServices(refused);
  const flow = new AttackFlow(fake.services);
  const exits: string[] = [];
  flow.open(targets);
  const ui = await renderTui(
    <AttackScreen flow={flow} info={info} width={80} height={18} onExit={(to) => exits.push(to)} />,
  );
  return { ui, flow, exits, ...fake };
}

describe('AttackScreen', () => {
  it('lists only the attacks that apply, and says so when none do', async () => {
    const { ui } = await openFlow(LIVE);
    expect(ui.frame()).toContain('❯ Stop instances');
    expect(ui.frame()).toContain('Terminate instances');
    await ui.unmount();
    const none = await openFlow(LIVE, [], [...TARGETS, { kind: 'alarms', id: 'a', label: 'a', tags: {} }]);
    expect(none.ui.frame()).toContain('no attack applies to all 3 marked target(s) (instances, alarms)');
    await none.ui.unmount();
  });

  it('picks with Down+Enter in one chunk, prefills parameters, previews, refuses a wrong account, runs with the right one', async () => {
    const { ui, executed, previews, exits } = await openFlow(LIVE);
    await ui.press(keys.down + keys.enter);
    expect(ui.frame()).toContain('Terminate instances');
    expect(ui.frame()).toContain('i-0web0, i-0web1');
    await ui.press(keys.tab, keys.ctrlU, 'yes', keys.enter);
    expect(previews[0]!.args).toEqual({ instance_ids: ['i-0web0', 'i-0web1'], force: true });
    expect(ui.frame()).toContain('Blast radius: Terminate instances');
    expect(ui.frame()).toContain('ec2:StopInstances i-0web0, i-0web1');
    expect(ui.frame()).toContain('no undo: the ASG replaces them');
    await ui.press(keys.enter);
    expect(ui.frame()).toContain('Type the account id or alias');
    await ui.press('staging', keys.enter);
    expect(ui.frame()).toContain('does not match');
    expect(executed).toHaveLength(0);
    await ui.press(keys.escape);
    await ui.press(keys.enter, `shop-prod${keys.enter}`);
    expect(executed).toHaveLength(1);
    expect(executed[0]!.dryRun).toBe(false);
    expect(ui.frame()).toContain('✔ Terminate instances: 2 instance(s)');
    await ui.press(keys.enter);
    expect(exits).toEqual(['live']);
    await ui.unmount();
  });

  it('dry run is one key away from the preview, without confirmation', async () => {
    const { ui, executed, exits } = await openFlow(LIVE);
    await ui.press(keys.enter, keys.enter, 'd');
    expect(executed[0]!.dryRun).toBe(true);
    expect(ui.frame()).toContain('Dry run:');
    await ui.press(keys.enter);
    expect(exits).toEqual(['inventory']);
    await ui.unmount();
  });

  it('outside the sandbox, before the account is known, the region must be typed (never a bare y)', async () => {
    const { ui, executed } = await openFlow({ ...LIVE, account: undefined, alias: undefined });
    await ui.press(keys.enter, keys.enter, keys.enter);
    expect(ui.frame()).toContain('Type the region');
    await ui.press('y', keys.enter);
    expect(executed).toHaveLength(0);
    await ui.press(keys.ctrlU, 'eu-west-1', keys.enter);
    expect(executed).toHaveLength(1);
    await ui.unmount();
  });

  it('in the sandbox a y confirms', async () => {
    const { ui, executed } = await openFlow({ ...LIVE, sandbox: true });
    await ui.press(keys.enter, keys.enter, keys.enter);
    expect(ui.frame()).toContain('y to run it');
    await ui.press('y');
    expect(executed).toHaveLength(1);
    await ui.unmount();
  });

  it('shows what the guard refused and will not run it', async () => {
    const { ui, executed } = await openFlow(LIVE, ['i-0web1 is not tagged chaos:allowed=true']);
    await ui.press(keys.enter, keys.enter);
    expect(ui.frame()).toContain('Refused by the guard (1)');
    expect(ui.frame()).toContain('i-0web1 is not tagged chaos:allowed=true');
    await ui.press(keys.enter);
    expect(ui.frame()).not.toContain('Type the account id');
    expect(executed).toHaveLength(0);
    await ui.unmount();
  });

  it('a bad parameter gets one clear line and no preview', async () => {
    const { ui, previews } = await openFlow(LIVE);
    await ui.press(keys.enter, keys.tab, keys.ctrlU, 'maybe', keys.enter);
    expect(ui.frame()).toContain('✘ force: "maybe" is not true or false');
    expect(previews).toHaveLength(0);
    await ui.press(keys.escape);
    expect(ui.frame()).toContain('Choose an attack');
    await ui.unmount();
  });
});

describe('parseParam', () => {
  it('parses by annotation', () => {
    expect(parseParam({ name: 'n', description: '', required: true, type: 'int' }, '3')).toBe(3);
    expect(() => parseParam({ name: 'n', description: '', required: true, type: 'int' }, '3.5')).toThrow(
      'whole number',
    );
    expect(parseParam({ name: 'l', description: '', required: false, type: 'List[str]' }, 'a, b')).toEqual([
      'a',
      'b',
    ]);
    expect(
      parseParam({ name: 'd', description: '', required: false, type: 'Dict[str, Any]' }, '{"a":1}'),
    ).toEqual({ a: 1 });
    expect(
      parseParam({ name: 'o', description: '', required: false, type: 'str', initial: null }, ''),
    ).toBeNull();
    expect(() => parseParam({ name: 'r', description: '', required: true, type: 'str' }, ' ')).toThrow(
      'r is required',
    );
  });
});
