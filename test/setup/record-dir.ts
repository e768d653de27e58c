// Every test process records into a temporary directory, never into the repository's recordings/.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.GAMEDAY_RECORD_DIR ??= mkdtempSync(join(tmpdir(), 'gameday-test-recordings-'));
