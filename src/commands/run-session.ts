// The recording of a `gameday run`: the same write-ahead event log the console writes (Session),
// opened before anything can change, so `gameday recover` finds every undo a killed run left.
// Who and where (account, region, sandbox) are looked up only when the experiment uses AWS.
import type { Experiment } from '../experiment/types.js';
import type { Session } from '../session/session.js';

/** Where and how to record a run. */
export interface RunRecordingOptions {
  experiment: Experiment;
  /** The directory recordings go under (default ./recordings). */
  root: string;
  sandbox?: boolean;
  region?: string;
  profile?: string;
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
      region: where.region,
      sandbox: Boolean(o.sandbox),
      operator: process.env.USER ?? null,
      gamedayVersion: VERSION,
    },
    { root: o.root },
  );
}

// The account and region the run acts in; unknown (null / '') when it cannot be told cheaply.
async function whereIsRun(o: RunRecordingOptions): Promise<{ account: string | null; region: string }> {
  const configured = (o.experiment.configuration ?? {}) as Record<string, unknown>;
  const region =
    o.region ??
    (typeof configured.aws_region === 'string' ? configured.aws_region : undefined) ??
    process.env.AWS_REGION ??
    process.env.AWS_DEFAULT_REGION ??
    '';
  if (!usesAws(o.experiment)) return { account: null, region };
  try {
    const [{ connect }, { callerIdentity }] = await Promise.all([
      import('./connect.js'),
      import('../aws/identity.js'),
    ]);
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
