import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CrashHarness } from './crash-harness.js';

// bench/crash.ts runs the same rounds 20 times or more and records the figures in bench/RESULTS.md
describe('kill -9 of the running server during writes', () => {
  let root: string | undefined;
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('loses no acknowledged write and keeps the stock ledger and audit chain consistent over 3 rounds', async () => {
    root = await mkdtemp(path.join(tmpdir(), 'bancada-crash-test-'));
    const lines: string[] = [];
    const harness = await CrashHarness.create({
      rounds: 3,
      root,
      killAfterMs: [300, 1500],
      log: (line) => lines.push(line),
    });
    const report = await harness.run();
    console.log(lines.join('\n'));
    expect(report.rounds.map((r) => r.mode)).toEqual(['tree', 'server-only', 'during-start']);
    expect(report.acknowledged).toBeGreaterThan(10);
    expect(report.problems).toEqual([]);
    expect(report.lost).toBe(0);
  }, 420_000);
});
