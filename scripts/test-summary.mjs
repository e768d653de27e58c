// Prints vitest's JSON report as the closing line CI reads: `N passed, N failed[, N skipped]`.
// A test file that failed to load (no test in it failed) counts as one failure; tests that never
// reported (their worker died) count as failures; and a vitest that exited non-zero with nothing
// failed (an unhandled error) counts as one, so the line never says 0 failed on a red run.
// Usage: node scripts/test-summary.mjs REPORT.json [VITEST_EXIT_CODE]
import { readFileSync } from 'node:fs';

const r = JSON.parse(readFileSync(process.argv[2] ?? '.vitest-report.json', 'utf8'));
const exitCode = Number(process.argv[3] ?? 0);
const brokenFiles = r.testResults.filter(
  (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
).length;
const unreported = Math.max(
  0,
  r.numTotalTests - r.numPassedTests - r.numFailedTests - r.numPendingTests - (r.numTodoTests ?? 0),
);
let failed = r.numFailedTests + brokenFiles + unreported;
if (exitCode !== 0 && failed === 0) failed = 1;
if (unreported) console.log(`(${unreported} test(s) never reported: a test worker died)`);
if (exitCode !== 0 && failed === 1 && !r.numFailedTests && !brokenFiles && !unreported)
  console.log(`(vitest exited ${exitCode} with no failed test: an unhandled error)`);
console.log(
  `${r.numPassedTests} passed, ${failed} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ''}`,
);
