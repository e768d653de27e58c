// The recording of a `gameday run`: the same write-ahead event log the console writes (Session),
// opened before anything can change, so `gameday recover` finds every undo a killed run left.
// Who and where (account, region, sandbox) are looked up only when the experiment uses AWS.
import type { Experiment } from '../experiment/types.js';
import type { RecordedRole } from '../session/events.js';
import type { Session } from '../session/session.js';
import { assumeRoleOf } from './assume-role.js';
import type { Connection } from './connect.js';

/** Where and how to record a run. */
export interface RunRecordingOptions {
  experiment: Experiment;
  /** The directory recordings go under (default ./recordings). */
  root: string;
  sandbox?: boolean;
  region?: string;
  profile?: string;
  /** The run's own connection for the experiment's configuration, when it has one: the identity
   * is asked over it (no second connection; the run closes it). */
  connection?: (configuration: Record<string, unknown>) => Promise<Connection>;
}

/** True when some activity calls a catalogue (python) function, i.e. the run talks to AWS. */
export function usesAws(experiment: Experiment): boolean {
  const seen = JSON.stringify([
    experiment['steady-state-hypothesis'] ?? null,
    experiment.method ?? null,
    experiment.rollbacks ?? null,
  ]);
  return seen.includes('"python"');
}

/** Opens the run's recording and writes session-start (account looked up when AWS is used). */
export async function openRunSession(o: RunRecordingOptions): Promise<Session> {
  const [{ Session }, { VERSION }] = await Promise.all([
    import('../session/session.js'),
    import('./version.js'),
  ]);
  const where = await whereIsRun(o);
  return Session.open(
    {
      title: String(o.experiment.title ?? 'experiment'),
      description: typeof o.experiment.description === 'string' ? o.experiment.description : '',
      accountId: where.account,
      ...(where.role ? { assumedRole: where.role } : {}),
      region: where.region,
      sandbox: Boolean(o.sandbox),
      operator: process.env.USER ?? null,
      gamedayVersion: VERSION,
    },
    { root: o.root },
  );
}

// The account and region the run acts in; unknown (null / '') when it cannot be told cheaply.
async function whereIsRun(
  o: RunRecordingOptions,
): Promise<{ account: string | null; region: string; role?: RecordedRole }> {
  const configured = (o.experiment.configuration ?? {}) as Record<string, unknown>;
  const region =
    o.region ??
    (typeof configured.aws_region === 'string' ? configured.aws_region : undefined) ??
    process.env.AWS_REGION ??
    process.env.AWS_DEFAULT_REGION ??
    '';
  if (!usesAws(o.experiment)) return { account: null, region };
  try {
    const { callerIdentity } = await import('../aws/identity.js');
    const shared = sharedConfiguration(configured);
    if (o.connection && shared) {
      const conn = await o.connection(shared);
      const id = await callerIdentity(conn.ctx);
      const role = assumeRoleOf(shared);
      return {
        account: id.account,
        region: region || conn.ctx.settings.region,
        ...(role ? { role: { arn: role.roleArn, sessionName: role.sessionName ?? 'ChaosToolkit' } } : {}),
      };
    }
    // A role named only at run time: the default credentials' account would be the wrong one.
    if (configured.aws_assume_role_arn !== undefined) return { account: null, region };
    const { connect } = await import('./connect.js');
    const conn = await connect({
      sandbox: o.sandbox,
      'sandbox-size': o.sandbox ? 'empty' : undefined,
      region: region || undefined,
      profile: o.profile,
    });
    try {
      const id = await callerIdentity(conn.ctx);
      return { account: id.account, region: region || conn.ctx.settings.region };
    } finally {
      await conn.close();
    }
  } catch {
    // No identity (no credentials yet): recorded as unknown; recover then cannot check the account.
    return { account: null, region };
  }
}

// The configuration the activities will open their connection with, when it can be told before
// they run: a region, profile or role given as {type: env, ...} resolves per activity, so then null.
function sharedConfiguration(configured: Record<string, unknown>): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const key of [
    'aws_region',
    'aws_profile_name',
    'aws_assume_role_arn',
    'aws_assume_role_session_name',
  ]) {
    const value = configured[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') return null;
    out[key] = value;
  }
  return out;
}
