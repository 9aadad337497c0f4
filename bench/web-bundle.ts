/**
 * How much JavaScript the browser fetches for one page of a built web app, gzipped. Serves the dist
 * folder with a tiny static server (SPA fallback; /api answers 404, so the page renders signed out),
 * loads the page in Debian's headless Chromium and sums every .js response until the network is idle.
 * Run: npx tsx bench/web-bundle.ts [distDir]   (default apps/web/dist; BENCH_PAGE=/login,
 * CHROMIUM=/usr/bin/chromium) → prints a Markdown table; brotli beside gzip, as the server sends br
 * to the browsers that accept it
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..');
const distDir = path.resolve(process.argv[2] ?? path.join(root, 'apps/web/dist'));
const PAGE = process.env.BENCH_PAGE ?? '/login';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function serveDist() {
  return createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (pathname.startsWith('/api/')) {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: 'NOT_FOUND', message: 'bench: no API' }));
      return;
    }
    const file = path.join(distDir, path.normalize(pathname));
    const found = file.startsWith(distDir) && (await isFile(file));
    if (!found && pathname.startsWith('/assets/')) {
      response.writeHead(404).end();
      return;
    }
    const served = found ? file : path.join(distDir, 'index.html');
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(served)] ?? 'application/octet-stream' });
    response.end(await readFile(served));
  });
}

interface Row {
  file: string;
  raw: number;
  gzip: number;
  br: number;
}

async function measure(baseUrl: string): Promise<Row[]> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    const scripts = new Set<string>();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin === baseUrl && url.pathname.endsWith('.js') && response.ok()) scripts.add(url.pathname);
    });
    await page.goto(`${baseUrl}${PAGE}`, { waitUntil: 'networkidle' });
    // the page must have rendered, not just loaded: the login form (or any main landmark) is on screen
    await page.locator('main, [role="main"], form').first().waitFor({ state: 'visible', timeout: 15_000 });
    if (errors.length > 0) throw new Error(`page errors on ${PAGE}: ${errors.join('; ')}`);
    const rows: Row[] = [];
    for (const pathname of scripts) {
      const body = await readFile(path.join(distDir, pathname));
      const gzip = gzipSync(body, { level: constants.Z_BEST_COMPRESSION }).length;
      const br = brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
      }).length;
      rows.push({ file: pathname.replace(/^\/assets\//, ''), raw: body.length, gzip, br });
    }
    return rows.sort((a, b) => b.gzip - a.gzip);
  } finally {
    await browser.close();
  }
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

const server = serveDist();
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
try {
  const rows = await measure(`http://127.0.0.1:${port}`);
  const total = rows.reduce(
    (sum, row) => ({ raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip, br: sum.br + row.br }),
    { raw: 0, gzip: 0, br: 0 },
  );
  console.log(`JavaScript fetched for ${PAGE} (${path.relative(process.cwd(), distDir) || '.'})\n`);
  console.log('| file | raw KB | gzip KB | brotli KB |');
  console.log('|---|---:|---:|---:|');
  for (const row of rows) {
    console.log(`| ${row.file} | ${kb(row.raw)} | ${kb(row.gzip)} | ${kb(row.br)} |`);
  }
  console.log(
    `| **total (${rows.length} files)** | **${kb(total.raw)}** | **${kb(total.gzip)}** | **${kb(total.br)}** |`,
  );
} finally {
  server.close();
}
