/**
 * The kill -9 test at full length (issue 13 §2): rounds of a write loop against the real server,
 * SIGKILL at a random moment, restart, and a check that no acknowledged write was lost and the stock
 * ledger and audit chain are consistent. apps/server/src/crash.test.ts runs the same code in CI.
 * Run: npx tsx bench/crash.ts   (CRASH_ROUNDS=20) → a Markdown summary for bench/RESULTS.md
 */
import { execSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CrashHarness } from '../apps/server/src/crash-harness.js';

const rounds = Math.max(1, Number(process.env.CRASH_ROUNDS ?? 20));
const root = await mkdtemp(path.join(os.tmpdir(), 'bancada-crash-'));
const loadBefore = os.loadavg();
const started = Date.now();
const harness = await CrashHarness.create({ rounds, root, log: (line) => console.log(line) });
let failed = false;
try {
  const report = await harness.run();
  const loadAfter = os.loadavg();
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  const byMode = (mode: string) => report.rounds.filter((r) => r.mode === mode).length;
  console.log(`
Run on ${new Date().toISOString().slice(0, 10)}, commit ${commit} (plus uncommitted changes), ${rounds} rounds in ${s(Date.now() - started)} s.
Machine: ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}; load average at the start ${loadBefore.map((l) => l.toFixed(2)).join(' / ')}, at the end ${loadAfter.map((l) => l.toFixed(2)).join(' / ')}.

| figure | value |
|---|---:|
| rounds | ${rounds} (whole tree killed: ${byMode('tree')}; server only, PostgreSQL left running: ${byMode('server-only')}; killed again during the restart: ${byMode('during-start')}) |
| writes acknowledged (2xx) | ${report.acknowledged} |
| writes lost | ${report.lost} |
| writes the running server refused (errors, not acknowledged) | ${report.refused} |
| ledger or audit problems | ${report.problems.length} |
| restart to first healthy answer, p50 | ${s(report.restartMs.p50)} s |
| restart to first healthy answer, p95 | ${s(report.restartMs.p95)} s |
| restart, worst | ${s(report.restartMs.max)} s |
`);
  for (const problem of report.problems) console.log(`PROBLEM: ${problem}`);
  failed = report.lost > 0 || report.problems.length > 0;
} finally {
  if (!failed) await rm(root, { recursive: true, force: true });
  else console.log(`logs and data kept in ${root}`);
}
process.exit(failed ? 1 : 0);
