// Prints vitest's JSON report as one plain closing line, `vitest: N passed, N failed, N skipped`, which CI
// reads whatever runner produced it. Exits non-zero when a test failed or none ran.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'reports/vitest.json';
const report = JSON.parse(readFileSync(file, 'utf8'));
const passed = report.numPassedTests;
const failed = report.numFailedTests + (report.numFailedTestSuites ?? 0);
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`vitest: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
