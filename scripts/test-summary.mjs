// Prints vitest's JSON report as the closing line CI reads: `N passed, N failed[, N skipped]`.
// A test file that failed to load (no test in it failed) counts as one failure.
import { readFileSync } from 'node:fs';

const r = JSON.parse(readFileSync(process.argv[2] ?? '.vitest-report.json', 'utf8'));
const brokenFiles = r.testResults.filter(
  (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
).length;
const failed = r.numFailedTests + brokenFiles;
console.log(
  `${r.numPassedTests} passed, ${failed} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ''}`,
);
