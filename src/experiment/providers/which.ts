// `shutil.which` for the process provider: resolves a command on PATH (or a path as given).
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** The executable's full path, 'missing' when not found, 'denied' when found but not executable. */
export function resolveExecutable(
  cmd: string,
  env: NodeJS.ProcessEnv = process.env,
): string | 'missing' | 'denied' {
  const candidates =
    cmd.includes('/') || isAbsolute(cmd)
      ? [cmd]
      : (env.PATH ?? '')
          .split(delimiter)
          .filter(Boolean)
          .map((d) => join(d, cmd));
  let denied = false;
  for (const c of candidates) {
    try {
      if (!statSync(c).isFile()) continue;
    } catch {
      continue;
    }
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      denied = true;
    }
  }
  return denied ? 'denied' : 'missing';
}
