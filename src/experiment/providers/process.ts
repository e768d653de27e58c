// The `process` provider: runs `path` with `arguments` (a string goes through the shell, a list is
// argv, an object is flattened to k v k v), enforces `timeout`, and returns chaoslib's
// `{status, stdout, stderr}` with decoded text.
import { spawn } from 'node:child_process';
import { ActivityFailed, Interrupted } from '../errors.js';
import { pyStr } from '../pyvalue.js';
import { substitute } from '../substitute.js';
import { isObject } from '../types.js';
import type { ProviderFn } from './types.js';
import { resolveExecutable } from './which.js';

/** Runs a process activity. */
export const runProcess: ProviderFn = (activity, ctx) => {
  const provider = activity.provider ?? {};
  const name = String(activity.name ?? '');
  const path = String(provider.path ?? '');
  const resolved = resolveExecutable(path);
  if (resolved === 'missing' || resolved === 'denied')
    return Promise.reject(new ActivityFailed(`path '${path}' cannot be found, in activity '${name}'`));
  let args: unknown = provider.arguments ?? [];
  if (Object.keys(ctx.configuration).length || Object.keys(ctx.secrets).length)
    args = substitute(args, ctx.configuration, ctx.secrets);
  let file = resolved;
  let argv: string[] = [];
  let shell = false;
  if (typeof args === 'string') {
    shell = true;
    file = `${resolved} ${args}`;
  } else if (Array.isArray(args)) argv = args.map(pyStr);
  else if (isObject(args))
    argv = Object.entries(args).flatMap(([k, v]) => (v === null ? [k] : [k, pyStr(v)]));
  const timeout = typeof provider.timeout === 'number' ? provider.timeout : undefined;

  return new Promise((resolve, reject) => {
    if (ctx.signal.aborted) return reject(new Interrupted('interrupted'));
    // Its own process group, so an interrupt or a timeout also ends what a shell started under it
    // (an orphaned grandchild would hold the pipes open and keep gameday from exiting).
    const child = spawn(file, argv, { shell, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const kill = (sig: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, sig);
        else child.kill(sig);
      } catch {
        child.kill(sig);
      }
    };
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let settled = false;
    const timer =
      timeout !== undefined
        ? setTimeout(() => {
            timedOut = true;
            kill('SIGKILL');
          }, timeout * 1000)
        : undefined;
    const onAbort = () => {
      kill('SIGTERM');
      finish(() => reject(new Interrupted('interrupted')));
    };
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
      f();
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) =>
      finish(() => reject(new ActivityFailed(`failed to run '${path}': ${e.message}`))),
    );
    child.on('close', (code, sig) => {
      finish(() => {
        if (timedOut) return reject(new ActivityFailed('process activity took too long to complete'));
        const status = code ?? (sig ? -1 : 0);
        if (status !== 0 && activity.tolerance === undefined)
          ctx.warn(
            'This process returned a non-zero exit code. This may indicate some error and not what you expected. Please have a look at the logs.',
          );
        resolve({
          status,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        });
      });
    });
  });
};
