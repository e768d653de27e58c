// Where sessions are recorded when no --record-dir is given: ./recordings, or GAMEDAY_RECORD_DIR
// (tests point it at a temporary directory so they never write into the user's recordings).

/** The default recordings root. */
export function defaultRecordDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GAMEDAY_RECORD_DIR || 'recordings';
}
