/**
 * Largest Contentful Paint of the sign-in page and of the service-order board (/repairs) with the demo
 * data, in Debian's headless Chromium. Builds if the sources changed (scripts/build-if-stale.mjs),
 * fills a new data folder with the README's `npm run cli -- seed-demo` (run from the build,
 * apps/server/dist/cli.js, as one process) and an administrator of its own, starts the built server
 * on a free port with its embedded PostgreSQL, then loads each page BENCH_LCP_RUNS times, every time in
 * a new browser context (empty cache, no open connections): /login signed out, /repairs with the
 * session the app stores after signing in as the demo administrator (its tokens put in sessionStorage
 * before the page runs), so only the sign-in request itself is left out.
 * LCP is the last `largest-contentful-paint` entry (PerformanceObserver, buffered) once the page has
 * drawn its content and the network has gone quiet; JS is every .js response of the load: the bytes
 * that crossed the wire (the server sends brotli to Chromium) and the same files' gzip size.
 * A second pass repeats everything under "fast 4G" (CDP Network.emulateNetworkConditions: 9 Mbit/s
 * down, 1.5 up, 60 ms round trip); BENCH_LCP_THROTTLE=0 skips it.
 * Run: npx tsx bench/lcp.ts   (BENCH_LCP_RUNS=7, CHROMIUM=/usr/bin/chromium) → prints a Markdown table
 * on stdout, progress on stderr. BENCH_LCP_TRACE=1 prints each load's resources and LCP candidates with
 * their times (where the time goes); BENCH_LCP_PUBLIC_URL: see PUBLIC_URL below.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from '@playwright/test';
import { freePort } from '../apps/server/src/db/embedded.js';

const root = path.resolve(import.meta.dirname, '..');
const distDir = path.join(root, 'apps/web/dist');
const RUNS = Number(process.env.BENCH_LCP_RUNS ?? 7);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('BENCH_LCP_RUNS must be a positive integer');
const THROTTLE = process.env.BENCH_LCP_THROTTLE !== '0';
const TRACE = process.env.BENCH_LCP_TRACE === '1';
/**
 * The shop's public address. Without one (a local trial) the administrator sees a banner about customer
 * links on every page, and that banner is what the board's LCP measures; a shop in service has set it.
 * BENCH_LCP_PUBLIC_URL= (empty) measures the local trial instead.
 */
const PUBLIC_URL = process.env.BENCH_LCP_PUBLIC_URL ?? 'https://oficina.example.com.br';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TARGET_MS = 1500;
/** no new load starts after this long since the bench started (build and seeding included): under 5 minutes */
const BUDGET_MS = 240_000;
const ADMIN = { email: 'admin@lcp-bench.test', password: 'lcp-bench-admin-password' };
const VIEWPORT = { width: 1280, height: 720 };

interface Network {
  label: string;
  /** CDP Network.emulateNetworkConditions parameters; undefined = loopback as it is */
  conditions?: { latency: number; downloadThroughput: number; uploadThroughput: number };
}
const NETWORKS: Network[] = [
  { label: 'loopback (no throttling)' },
  ...(THROTTLE
    ? [
        {
          label: 'fast 4G (9 Mbit/s down, 1.5 up, 60 ms RTT)',
          conditions: { latency: 60, downloadThroughput: (9e6 / 8) | 0, uploadThroughput: (1.5e6 / 8) | 0 },
        },
      ]
    : []),
];

interface PageSpec {
  name: string;
  path: string;
  signedIn: boolean;
  /** what must be on screen before LCP is read; the time it entered the DOM is reported beside LCP */
  ready: string;
  readyLabel: string;
}
const PAGES: PageSpec[] = [
  {
    name: 'sign-in (/login)',
    path: '/login',
    signedIn: false,
    ready: 'form input[type="email"]',
    readyLabel: 'the e-mail field',
  },
  {
    name: 'service-order board (/repairs)',
    path: '/repairs',
    signedIn: true,
    ready: '[data-testid="repair-card"]',
    readyLabel: 'the first service-order card',
  },
];

interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** epoch ms, from the sign-in's expiresIn: every context gets the token's real age */
  expiresAt: number;
}

interface Sample {
  lcp: number;
  fcp: number;
  ready: number;
  element: string;
  jsFiles: string[];
  jsWire: number;
  encodings: Set<string>;
  trace: string[];
}

const started = performance.now();
const log = (line: string) =>
  console.error(`[lcp ${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`);

/** the command run() is waiting for, so that an interrupted bench can end it */
let running: ChildProcess | undefined;

/**
 * Runs a command to its end with a time limit; its output is kept and shown only if it fails. Children
 * stay in the bench's process group, so a Ctrl-C reaches them even when tsx ends the bench at once.
 */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    running = child;
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      running = undefined;
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} ended with ${signal ?? code}:\n${output}`));
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error('the server exited while starting');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no answer from ${url} in time`);
}

/** The embedded PostgreSQL of the data folder, if it still runs (its postmaster.pid names it). */
function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return pid > 0 && isRunning(pid) ? pid : null;
  } catch {
    return null;
  }
}

/**
 * SIGTERM to the server (it stops its PostgreSQL itself); SIGKILL if it is still there after 20 s.
 * A PostgreSQL left behind (the server killed, or the seeding CLI) gets a fast shutdown by pid.
 */
async function stopServer(server: ChildProcess | undefined, dataDir: string): Promise<void> {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise<boolean>((resolve) => server.once('exit', () => resolve(true)));
    server.kill('SIGTERM');
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 20_000));
    if (!(await Promise.race([exited, timeout]))) {
      log('the server did not stop in 20 s: killing it');
      server.kill('SIGKILL');
    }
  }
  const pid = postmasterPid(dataDir);
  if (pid === null) return;
  log(`stopping the PostgreSQL left running (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 10_000 && postmasterPid(dataDir) !== null; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Data folders of earlier runs that were killed before they could clean up (tsx ends a script 60 ms
 * after a Ctrl-C if it has not exited; the server and PostgreSQL stop on the Ctrl-C themselves): ten
 * minutes old (a run takes under five), with neither a server nor a PostgreSQL of theirs running.
 */
async function removeStaleFolders(): Promise<void> {
  for (const name of await readdir(os.tmpdir())) {
    if (!name.startsWith('bancada-lcp-')) continue;
    const dir = path.join(os.tmpdir(), name);
    try {
      if (Date.now() - (await stat(dir)).mtimeMs < 600_000 || postmasterPid(dir) !== null) continue;
      const owner = Number(readFileSync(path.join(dir, 'bancada.pid'), 'utf8').trim());
      if (owner > 0 && isRunning(owner)) continue;
    } catch {
      // no bancada.pid: nothing was started there
    }
    await rm(dir, { recursive: true, force: true });
    log(`removed ${dir}, left by an interrupted run`);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const gzipSizes = new Map<string, number>();
/** The gzip size of a built file, as the server's precompressed .gz copy (level 9) would have it. */
async function gzipSize(pathname: string): Promise<number> {
  let size = gzipSizes.get(pathname);
  if (size === undefined) {
    const body = await readFile(path.join(distDir, pathname));
    size = gzipSync(body, { level: constants.Z_BEST_COMPRESSION }).length;
    gzipSizes.set(pathname, size);
  }
  return size;
}

interface PageFigures {
  lcp: number;
  fcp: number;
  /** when the page's `ready` element first was in the DOM (a MutationObserver from before the first script) */
  ready: number;
  element: string;
  js: { path: string; encoded: number }[];
  /** for BENCH_LCP_TRACE: every LCP candidate and every resource with its start and end */
  trace: string[];
}

/**
 * Read in the page: the LCP entries so far (buffered), the first contentful paint and the .js resources.
 * No named helpers inside: tsx wraps them in a `__name` call the page does not have.
 */
function readFigures(): Promise<PageFigures> {
  return new Promise((resolve) => {
    const entries: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
    observer.observe({ type: 'largest-contentful-paint', buffered: true });
    // buffered entries arrive in a task of their own
    setTimeout(() => {
      entries.push(...observer.takeRecords());
      observer.disconnect();
      const last = entries.at(-1) as
        | (PerformanceEntry & { element: Element | null; size: number; url: string; id: string })
        | undefined;
      let element = 'none';
      if (last) {
        const el = last.element;
        const text = (el?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
        const testId = el?.closest('[data-testid]')?.getAttribute('data-testid');
        element = el
          ? `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${
              typeof el.className === 'string' && el.className ? `.${el.className.split(/\s+/)[0]}` : ''
            }>${testId ? ` in [data-testid=${testId}]` : ''} "${text}"${last.url ? ` ${last.url}` : ''}, ${
              last.size
            } px²`
          : `(removed element) ${last.size} px²`;
      }
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
      const js = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
        .map((entry) => ({ path: new URL(entry.name).pathname, encoded: entry.encodedBodySize }));
      const trace = [
        ...(performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map(
          (entry) =>
            `${entry.startTime.toFixed(0).padStart(5)} → ${entry.responseEnd.toFixed(0).padStart(5)} ms  ${entry.initiatorType.padEnd(14)} ${
              new URL(entry.name).pathname
            }${new URL(entry.name).search} ${entry.encodedBodySize} B`,
        ),
        `${fcp.toFixed(0).padStart(5)} ms  first-contentful-paint`,
        ...entries.map(
          (entry) =>
            `${entry.startTime.toFixed(0).padStart(5)} ms  LCP candidate ${(entry as PerformanceEntry & { size: number }).size} px² ${
              (entry as PerformanceEntry & { element: Element | null }).element?.tagName ?? '(removed)'
            } "${((entry as PerformanceEntry & { element: Element | null }).element?.textContent ?? '')
              .replace(/\s+/g, ' ')
              .slice(0, 40)}"`,
        ),
      ].sort((a, b) => Number.parseFloat(a) - Number.parseFloat(b));
      const ready = (window as unknown as { __lcpBenchReady?: number }).__lcpBenchReady ?? Number.NaN;
      trace.push(`${ready.toFixed(0).padStart(5)} ms  ready element in the DOM`);
      resolve({ lcp: last?.startTime ?? Number.NaN, fcp, ready, element, js, trace });
    }, 100);
  });
}

async function measureOnce(
  browser: Browser,
  baseUrl: string,
  spec: PageSpec,
  network: Network,
  tokens: Tokens,
): Promise<Sample> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'pt-BR' });
  try {
    if (spec.signedIn) {
      // what session.store() leaves after signing in without "remember me" (apps/web/src/app/session.ts)
      await context.addInitScript((t: Tokens) => {
        sessionStorage.setItem(
          'bancada.accessToken',
          JSON.stringify({ token: t.accessToken, expiresAt: t.expiresAt }),
        );
        sessionStorage.setItem('bancada.refreshToken', t.refreshToken);
      }, tokens);
    }
    await context.addInitScript((selector: string) => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector(selector)) return;
        (window as unknown as { __lcpBenchReady?: number }).__lcpBenchReady = performance.now();
        observer.disconnect();
      });
      observer.observe(document, { childList: true, subtree: true });
    }, spec.ready);
    const page: Page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const encodings = new Set<string>();
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.endsWith('.js')) {
        encodings.add(response.headers()['content-encoding'] ?? 'identity');
      }
    });
    if (network.conditions) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network.conditions });
    }
    await page.goto(`${baseUrl}${spec.path}`, { waitUntil: 'commit', timeout: 30_000 });
    await page.locator(spec.ready).first().waitFor({ state: 'visible', timeout: 30_000 });
    // the board keeps a WebSocket open, which networkidle does not count; late requests still do
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
    if (new URL(page.url()).pathname !== spec.path) {
      throw new Error(`${spec.path} ended on ${page.url()} (signed out?)`);
    }
    if (errors.length > 0) throw new Error(`page errors on ${spec.path}: ${errors.join('; ')}`);
    const figures = await Promise.race([
      page.evaluate(readFigures),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('reading the figures took over 10 s')), 10_000),
      ),
    ]);
    return {
      lcp: figures.lcp,
      fcp: figures.fcp,
      ready: figures.ready,
      element: figures.element,
      jsFiles: figures.js.map((entry) => entry.path),
      jsWire: figures.js.reduce((sum, entry) => sum + entry.encoded, 0),
      encodings,
      trace: figures.trace,
    };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const sec = (ms: number) => (ms / 1000).toFixed(2);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

// ---- build, data, server ----
log('build if stale…');
const build = spawnSync('node', ['scripts/build-if-stale.mjs'], { cwd: root, stdio: ['ignore', 2, 2] });
if (build.status !== 0) throw new Error('the build failed');

await removeStaleFolders();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bancada-lcp-'));
// as root the embedded server runs as its own user, which must be able to enter the folder
await chmod(dataDir, 0o755);
const port = await freePort();
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: String(port),
  HOST: '127.0.0.1',
  EMBEDDED_PG_PORT: String(await freePort()),
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  PUBLIC_URL,
};
let server: ChildProcess | undefined;
let browser: Browser | undefined;
let cleaning: Promise<void> | undefined;
/** Once, whoever asks first (an interrupt, or the end); every caller waits for the same work. */
function cleanUp(): Promise<void> {
  cleaning ??= stopAll();
  return cleaning;
}
async function stopAll(): Promise<void> {
  await browser?.close().catch(() => undefined);
  if (running?.exitCode === null) {
    const exited = new Promise((resolve) => running?.once('exit', resolve));
    running.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
  await stopServer(server, dataDir);
  await rm(dataDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  // the README's `npm run cli -- seed-demo` on the stopped server's data folder (it creates the first
  // administrator too), from the build that was just checked: one process, without npm and tsx around it
  log('seed-demo…');
  const seedLog = await run('node', ['apps/server/dist/cli.js', 'seed-demo'], env, 180_000);
  const seeded = /Demo data created: (.*)\./.exec(seedLog)?.[1] ?? '(summary not found)';
  log(`seeded: ${seeded}`);

  const baseUrl = `http://127.0.0.1:${port}`;
  server = spawn('node', ['apps/server/dist/main.js'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHealth(`${baseUrl}/api/health`, server, Date.now() + 60_000);
  log('server up');

  const loginResponse = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
  });
  if (!loginResponse.ok)
    throw new Error(`sign-in failed: ${loginResponse.status} ${await loginResponse.text()}`);
  const signedIn = (await loginResponse.json()) as {
    accessToken: string;
    refreshToken: string;
    expiresIn: number;
  };
  const tokens: Tokens = {
    accessToken: signedIn.accessToken,
    refreshToken: signedIn.refreshToken,
    expiresAt: Date.now() + signedIn.expiresIn * 1000,
  };

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const version = browser.version();

  // one warm-up load of each page, not counted: the server's first answers (JIT, connection pool)
  for (const spec of PAGES) await measureOnce(browser, baseUrl, spec, NETWORKS[0]!, tokens);

  const samples = new Map<string, Sample[]>();
  let skipped = 0;
  let retried = 0;
  for (const network of NETWORKS) {
    for (let i = 0; i < RUNS; i++) {
      for (const spec of PAGES) {
        if (performance.now() - started > BUDGET_MS) {
          skipped++;
          continue;
        }
        let sample: Sample | undefined;
        // a load that fails (the machine is shared: a stall, a timeout) is tried again once, and said so
        for (let attempt = 1; !sample; attempt++) {
          try {
            sample = await measureOnce(browser, baseUrl, spec, network, tokens);
          } catch (error) {
            if (attempt >= 2) throw error;
            retried++;
            log(
              `${network.label} ${spec.name} #${i + 1} failed, again: ${(error as Error).message.split('\n')[0]}`,
            );
          }
        }
        const key = `${network.label}\0${spec.name}`;
        samples.set(key, [...(samples.get(key) ?? []), sample]);
        log(`${network.label} ${spec.name} #${i + 1}: LCP ${sec(sample.lcp)} s, ${sample.element}`);
        if (TRACE) console.error(sample.trace.map((line) => `    ${line}`).join('\n'));
      }
    }
  }

  // ---- report ----
  const load = os.loadavg().map((value) => value.toFixed(2));
  // read-only: the checkout is shared, so nothing that could touch the index
  const commit =
    spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim() || '?';
  console.log(
    `\n${new Date().toISOString().slice(0, 10)}, commit ${commit}, \`npx tsx bench/lcp.ts\`${
      process.env.BENCH_LCP_RUNS ? ` (BENCH_LCP_RUNS=${RUNS})` : ''
    }. LCP with the demo data (${seeded}); up to ${RUNS} runs per row after one warm-up load of each page, ` +
      `each in a new browser context (cold cache); network throttling only (no CPU slowdown); Chromium ${version} headless, ` +
      `${VIEWPORT.width}×${VIEWPORT.height}, pt-BR; ${os.cpus().length} CPU, Node ${process.version}, ` +
      `load average at the end ${load.join(' / ')}; the shop's public address ${
        PUBLIC_URL ? 'set' : 'not set (the administrator sees the customer-links banner)'
      }. Target: ≤ ${sec(TARGET_MS)} s.\n`,
  );
  console.log(
    '| page | network | runs | LCP median s | LCP max s | FCP median s | content median s | JS files | JS over the wire KB | JS gzip KB | LCP ≤ 1.5 s |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  const elements: string[] = [];
  for (const network of NETWORKS) {
    for (const spec of PAGES) {
      const list = samples.get(`${network.label}\0${spec.name}`) ?? [];
      if (list.length === 0) continue;
      const lcps = list.map((sample) => sample.lcp);
      const last = list.at(-1)!;
      const files = [...new Set(last.jsFiles)];
      let gzip = 0;
      for (const file of files) gzip += await gzipSize(file);
      const encodings = [...new Set(list.flatMap((sample) => [...sample.encodings]))].sort().join('+');
      const lcpMedian = median(lcps);
      console.log(
        `| ${spec.name} | ${network.label} | ${list.length} | ${sec(lcpMedian)} | ${sec(Math.max(...lcps))} | ${sec(
          median(list.map((sample) => sample.fcp)),
        )} | ${sec(median(list.map((sample) => sample.ready)))} | ${files.length} | ${kb(median(list.map((sample) => sample.jsWire)))} (${encodings}) | ${kb(gzip)} | ${
          lcpMedian <= TARGET_MS ? 'yes' : '**no**'
        } |`,
      );
      const counted = new Map<string, number>();
      for (const sample of list) counted.set(sample.element, (counted.get(sample.element) ?? 0) + 1);
      for (const [element, count] of counted) {
        elements.push(`- ${spec.name}, ${network.label}: ${element} (${count}/${list.length})`);
      }
    }
  }
  console.log(
    `\ncontent: when ${PAGES.map((spec) => `${spec.readyLabel} (${spec.path})`).join(
      ' and ',
    )} first was in the page (a MutationObserver, before paint). JS over the wire: the .js bodies as ` +
      'sent (Resource Timing encodedBodySize; files under 1 KB are not precompressed); JS gzip: the same ' +
      'files gzipped at level 9, as the build precompresses them.',
  );
  console.log(`\nLCP element:\n${elements.join('\n')}`);
  if (skipped > 0) console.log(`\n${skipped} loads skipped: the run reached its time budget.`);
  if (retried > 0) console.log(`\n${retried} loads failed once and were measured again.`);
  log('done');
} finally {
  await cleanUp();
}
