// Totals the JSON reports of every suite (Vitest and Playwright) into one closing line.
// A report that is missing or unreadable counts as one failure: a suite that crashed did not pass.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.log(`${file}: no report (the suite did not finish)`);
    failed += 1;
    continue;
  }
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    let p;
    let f;
    if (report.stats && 'expected' in report.stats) {
      p = report.stats.expected + (report.stats.flaky ?? 0);
      f = report.stats.unexpected;
    } else {
      p = report.numPassedTests;
      f = report.numFailedTests + (report.numTotalTests === 0 ? 1 : 0);
      if (report.success === false && f === 0) f = 1;
    }
    console.log(`${file}: ${p} passed, ${f} failed`);
    passed += p;
    failed += f;
  } catch (error) {
    console.log(`${file}: unreadable report (${error.message})`);
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
