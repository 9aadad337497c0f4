/**
 * How long `npm start` takes until the app answers, on a new data folder and then on the same one
 * again (the restart a shop does every morning). Each run spawns the README's command, polls
 * GET /api/health, then stops the server with SIGTERM and waits for it to exit.
 * Run: npx tsx bench/startup.ts   (BENCH_RESTARTS=5) → prints a Markdown table for bench/RESULTS.md
 */
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../apps/server/src/db/embedded.js';

const root = path.resolve(import.meta.dirname, '..');
const RESTARTS = Math.max(1, Number(process.env.BENCH_RESTARTS ?? 5));

async function waitForHealth(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no answer from ${url} in time`);
}

async function startOnce(env: NodeJS.ProcessEnv, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr.on('data', (chunk) => {
    log += chunk;
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    await waitForHealth(`http://127.0.0.1:${port}/api/health`, Date.now() + 180_000);
    return performance.now() - started;
  } catch (error) {
    console.error(log);
    throw error;
  } finally {
    // the whole group: npm and the node process it started (already gone if the start failed)
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bancada-startup-'));
// as root the embedded server runs as its own user, which must be able to enter the folder
await chmod(dataDir, 0o755);
const port = await freePort();
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: String(port),
  HOST: '127.0.0.1',
  EMBEDDED_PG_PORT: String(await freePort()),
  ADMIN_PASSWORD: 'startup-bench-password',
  LOG_LEVEL: 'warn',
};
try {
  const first = await startOnce(env, port);
  const restarts: number[] = [];
  for (let i = 0; i < RESTARTS; i++) restarts.push(await startOnce(env, port));
  const sorted = [...restarts].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const s = (ms: number) => (ms / 1000).toFixed(2);
  console.log(`\n| run | seconds to the first answer of GET /api/health |\n|---|---:|`);
  console.log(`| first start (new data folder: initdb, migrations, first administrator) | ${s(first)} |`);
  for (const [i, ms] of restarts.entries()) console.log(`| restart ${i + 1} (same data folder) | ${s(ms)} |`);
  console.log(`| restart median | ${s(median)} |`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
