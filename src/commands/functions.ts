// The FunctionRegistry the real commands (`run`, `validate`) use for `python` providers: the
// catalogue bound to one guard and to AWS (or the sandbox), connected lazily on the first call so
// validation needs no credentials. Also what `run` does with the guard after the experiment.
import type { AwsCall } from '../aws/ops/call.js';
import type { GuardEvent, GuardOptions } from '../catalog/guard.js';
import type { ActivityContext, FunctionRegistry } from '../experiment/registry.js';
import { assumeRoleOf } from './assume-role.js';
import type { Connection } from './connect.js';

/** Guard settings a command line can give (`--allow-untagged`, caps, read-only, seed). */
export interface GuardFlags {
  allowUntagged?: boolean;
  maxTargets?: number;
  maxSessionTargets?: number;
  readOnly?: boolean;
  seed?: number;
}

/** What `loadFunctionRegistry` returns: the registry, the session guard's summary and cleanup. */
export interface LoadedFunctions {
  registry: FunctionRegistry;
  /** Plays every active undo (newest first); used when a run is interrupted. */
  undoAll(): Promise<{ undone: number; failed: string[] }>;
  /** The guard's settings and what it changed, for the journal (`extensions`, name "gameday"). */
  summary(): Record<string, unknown>;
  /** The connection activities with this configuration (and no explicit keys) use, opened on
   * first need: the run's recording asks it who the account is instead of connecting twice. */
  connection(configuration: Record<string, unknown>): Promise<Connection>;
  close(): Promise<void>;
}

type Level = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

/**
 * Loads the catalogue registry, connected to the sandbox or to the account/region/profile given.
 * `configuration.aws_region` / `aws_profile_name` of an experiment pick the region/profile per
 * activity (the first profile wins, as in chaosaws); `aws_assume_role_arn` a role to act as.
 */
export async function loadFunctionRegistry(opts: {
  sandbox?: boolean;
  region?: string;
  profile?: string;
  /** The sandbox's speed factor (`--speed`): simulated time runs this many times faster. */
  sandboxSpeed?: string;
  /** The sandbox's size and seed (`--sandbox-size`, `--seed`): which world it builds. */
  sandboxSize?: string;
  sandboxSeed?: string;
  /** The sandbox on virtual time: every wait (an action's polling, an undo's retry) advances the
   * sandbox's clock instead of sleeping, so a run takes only its compute (benchmarks, tests). */
  sandboxVirtualTime?: boolean;
  guard?: GuardFlags;
  log?: (level: Level, message: string) => void;
  /** Every guard event, as it happens (a session recorder: the undo is on disk before the change). */
  onGuardEvent?: (event: GuardEvent) => void;
}): Promise<LoadedFunctions> {
  const [{ catalogRegistry }, { Guard }, { sdkCall }] = await Promise.all([
    import('../catalog/index.js'),
    import('../catalog/guard.js'),
    import('../aws/ops/call.js'),
  ]);
  const log = opts.log ?? (() => {});
  const events: GuardEvent[] = [];
  const flags = opts.guard ?? {};
  const guardOptions: GuardOptions = {
    allowUntagged: flags.allowUntagged ? { reason: '--allow-untagged' } : false,
    maxTargetsPerAttack: flags.maxTargets,
    maxTargetsPerSession: flags.maxSessionTargets,
    readOnly: flags.readOnly,
    seed: flags.seed,
    recorder: (e) => {
      events.push(e);
      opts.onGuardEvent?.(e);
      if (e.type === 'undo-recorded') log('DEBUG', `undo recorded: ${e.record.description}`);
      if (e.type === 'refused') log('DEBUG', `guard refused: ${e.reason}`);
    },
  };
  // On virtual time, waits move the sandbox's clock (set once the sandbox is open).
  let virtual: { now(): number; advance(ms: number): void } | undefined;
  const advance = (ms: number) => virtual?.advance(Math.max(0, ms));
  if (opts.sandbox && opts.sandboxVirtualTime)
    guardOptions.sleep = async (ms) => {
      advance(ms);
    };
  const guard = new Guard(guardOptions);
  if (guard.widened)
    log(
      'WARNING',
      `${guard.widened}: resources without the opt-in tag ${guard.optIn.key}=${guard.optIn.value} may be changed in this run`,
    );
  const connections = new Map<string, Promise<Connection>>();
  let firstProfile: string | undefined;
  const open = (
    configuration: Record<string, unknown>,
    secrets: Record<string, unknown>,
  ): Promise<Connection> => {
    const region = opts.sandbox ? '' : String(configuration.aws_region ?? opts.region ?? '');
    firstProfile ??= opts.profile ?? (configuration.aws_profile_name as string | undefined);
    // chaosaws' explicit keys: a secrets scope with aws_access_key_id / aws_secret_access_key
    const keyId = opts.sandbox ? undefined : (secrets.aws_access_key_id as string | undefined);
    // chaosaws' aws_assume_role_arn: act as that role (the sandbox has one account: ignored there)
    const role = opts.sandbox ? undefined : assumeRoleOf(configuration);
    const key = [region, keyId ?? '', role?.roleArn ?? '', role?.sessionName ?? ''].join('|');
    let conn = connections.get(key);
    if (!conn && keyId) {
      conn = import('../aws/clients.js').then(async ({ AwsContext }) => {
        const ctx = await AwsContext.create({
          region: region || undefined,
          credentials: {
            accessKeyId: keyId,
            secretAccessKey: String(secrets.aws_secret_access_key ?? ''),
            sessionToken: secrets.aws_session_token as string | undefined,
          },
          assumeRole: role,
        });
        return { ctx, sandbox: false, close: () => ctx.destroy() };
      });
      connections.set(key, conn);
    }
    if (!conn) {
      conn = import('./connect.js').then(async ({ connect }) => {
        const c = await connect(
          {
            sandbox: opts.sandbox,
            speed: opts.sandboxSpeed,
            'sandbox-size': opts.sandbox ? opts.sandboxSize : undefined,
            seed: opts.sandbox ? opts.sandboxSeed : undefined,
            region: region || undefined,
            profile: opts.sandbox ? undefined : firstProfile,
          },
          { virtualTime: opts.sandbox && opts.sandboxVirtualTime, assumeRole: role },
        );
        virtual ??= c.virtualTime;
        return c;
      });
      connections.set(key, conn);
    }
    return conn;
  };
  const doors = new Map<Connection, AwsCall>();
  const registry = catalogRegistry({
    guard,
    async aws(ctx: ActivityContext) {
      const conn = await open(ctx.configuration, ctx.secrets);
      let door = doors.get(conn);
      if (!door) {
        door = sdkCall(conn.ctx);
        doors.set(conn, door);
      }
      return door;
    },
    log: (line) => log('WARNING', line),
    ...(opts.sandbox && opts.sandboxVirtualTime
      ? {
          now: () => virtual?.now() ?? Date.now(),
          sleep: async (ms: number, signal?: AbortSignal) => {
            if (signal?.aborted) return false;
            advance(ms);
            return true;
          },
        }
      : {}),
  });
  return {
    registry,
    connection: (configuration) => open(configuration, {}),
    async undoAll() {
      const active = guard.active().length;
      if (active) log('WARNING', `Undoing ${active} change(s) the run left in place`);
      const r = await guard.undoAll();
      for (const f of r.failed) log('ERROR', `could not undo: ${f.description}: ${f.error ?? ''}`);
      return { undone: r.undone, failed: r.failed.map((f) => f.description) };
    },
    summary() {
      const config = events.find((e) => e.type === 'guard-config');
      return {
        name: 'gameday',
        guard: config ?? { seed: guard.seed, widened: guard.widened ?? null },
        selections: events.filter((e) => e.type === 'selection'),
        changes: guard.records().map(({ aws: _aws, ...r }) => r),
      };
    },
    async close() {
      for (const c of connections.values()) await (await c).close();
    },
  };
}
