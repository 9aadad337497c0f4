// Totals the JSON reports of every suite (Vitest and Playwright) into one closing line.
// A report that is missing or unreadable counts as one failure: a suite that crashed did not pass.
// Each failed test is named (with the first line of its error) just above the totals, so the tail of
// a CI log that keeps only its last lines still says what failed.
import { existsSync, readFileSync } from 'node:fs';

const firstLine = (text) =>
  String(text ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal colour codes in test messages
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .find((line) => line.trim())
    ?.trim()
    .slice(0, 300) ?? '';

/** Vitest: testResults[].assertionResults[]; Playwright: suites[] nested, specs[].tests[].results[]. */
function failuresOf(report) {
  const out = [];
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failedTests)
      out.push(`${file.name}: ${t.fullName} — ${firstLine(t.failureMessages?.[0])}`);
    if (!failedTests.length && file.status === 'failed') out.push(`${file.name}: ${firstLine(file.message)}`);
  }
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = test.results?.at(-1)?.error?.message;
        out.push(
          `${spec.file}: ${[...titles, spec.title].join(' › ')} [${test.projectName}] — ${firstLine(error)}`,
        );
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  return out;
}

const failures = [];

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
    for (const failure of failuresOf(report)) failures.push(failure);
    passed += p;
    failed += f;
  } catch (error) {
    console.log(`${file}: unreadable report (${error.message})`);
    failed += 1;
  }
}
if (failures.length) {
  console.log('failed:');
  for (const failure of failures) console.log(`  ${failure}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
