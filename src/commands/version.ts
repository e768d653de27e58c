// The version, inlined at build time from package.json (no file read at start-up).
import pkg from '../../package.json' with { type: 'json' };

/** gameday's version string. */
export const VERSION: string = pkg.version;
