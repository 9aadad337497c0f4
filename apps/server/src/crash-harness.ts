/**
 * The kill -9 test (issue 13 §2), shared by bench/crash.ts (≥ 20 rounds, figures for bench/RESULTS.md)
 * and crash.test.ts (a few rounds in CI). Each round starts the real server (node + tsx on main.ts,
 * its own data folder and ports, embedded PostgreSQL), runs a write loop over HTTP (service orders
 * with parts under an Idempotency-Key, stock adjustments), records every write answered 2xx, kills
 * the process with SIGKILL at a random moment — the whole tree, or only the server so that its
 * PostgreSQL survives as an orphan — starts it again and checks that every acknowledged write is
 * there, the stock ledger adds up to each component's stock, and the audit chain is intact.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { connectDatabase } from './db/client.js';
import { freePort } from './db/embedded.js';
import { SERVER_ROOT } from './paths.js';
import { verifyAuditChain } from './platform/audit.js';

/**
 * tree: SIGKILL to the server and every descendant (PostgreSQL dies with it); server-only: the server
 * alone, its PostgreSQL left running as an orphan; during-start: the whole tree, then again while the
 * next start recovers.
 */
const MODES = ['tree', 'server-only', 'during-start'] as const;
export type KillMode = (typeof MODES)[number];

export type CrashOptions = {
  rounds: number;
  /** a folder of its own; the data folder and logs go inside */
  root: string;
  /** the kill comes this many ms after the write loop starts, uniformly at random */
  killAfterMs?: [number, number];
  /** parallel writers */
  writers?: number;
  log?: (line: string) => void;
  random?: () => number;
};

export type RoundResult = {
  round: number;
  mode: KillMode;
  killedAfterMs: number;
  acknowledged: number;
  /** writes the running server answered with an error (not acknowledged, so not counted as lost) */
  refused: string[];
  inFlightAtKill: number;
  restartMs: number;
  lost: string[];
  problems: string[];
};

export type CrashReport = {
  rounds: RoundResult[];
  acknowledged: number;
  refused: number;
  lost: number;
  problems: string[];
  restartMs: { p50: number; p95: number; max: number };
};

const ADMIN = { email: 'crash@bancada.test', password: 'crash-test-password' };
const COMPONENTS = 6;
const CUSTOMERS = 4;

type Acked =
  | { kind: 'repair'; id: string; key: string; body: unknown }
  | { kind: 'movement'; id: string; componentId: string }
  | { kind: 'component'; id: string }
  | { kind: 'customer'; id: string };

type Server = { child: ChildProcess; exited: Promise<number | null>; logFile: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Every descendant of `pid` (Linux /proc), to kill a tree whose members left the process group. */
async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!parents.has(ppid)) parents.set(ppid, []);
    parents.get(ppid)!.push(Number(entry));
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const child of parents.get(p) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

export class CrashHarness {
  private readonly dataDir: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly random: () => number;
  private readonly log: (line: string) => void;
  private readonly acked: Acked[] = [];
  private components: string[] = [];
  private customers: string[] = [];
  private starts = 0;

  private constructor(
    private readonly options: CrashOptions,
    private readonly port: number,
    pgPort: number,
  ) {
    this.dataDir = path.join(options.root, 'data');
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => {});
    this.env = {
      ...process.env,
      NODE_ENV: 'production',
      DATA_DIR: this.dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    };
  }

  static async create(options: CrashOptions): Promise<CrashHarness> {
    await mkdir(options.root, { recursive: true });
    // as root, PostgreSQL runs as "postgres", which must be able to enter the folder
    await chmod(options.root, 0o755);
    return new CrashHarness(options, await freePort(), await freePort());
  }

  private get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The real server in a process group of its own (detached), as `npm start` would run it. */
  private spawnServer(): Server {
    this.starts += 1;
    const logFile = path.join(this.options.root, `server-${this.starts}.log`);
    const out = createWriteStream(logFile);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(SERVER_ROOT, 'src/main.ts')], {
      cwd: SERVER_ROOT,
      env: this.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(out, { end: false });
    child.stderr!.pipe(out, { end: false });
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => {
        setTimeout(() => out.end(), 50);
        resolve(code);
      }),
    );
    return { child, exited, logFile };
  }

  private async waitForHealth(server: Server, deadlineMs: number): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    while (Date.now() < deadline) {
      if (server.child.exitCode !== null) {
        throw new Error(
          `the server exited (${server.child.exitCode}) before answering:\n${await readFile(server.logFile, 'utf8')}`,
        );
      }
      try {
        const response = await fetch(`${this.base}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    throw new Error(`no answer from the server in time:\n${await readFile(server.logFile, 'utf8')}`);
  }

  private async waitForLog(server: Server, text: string, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline && server.child.exitCode === null) {
      if ((await readFile(server.logFile, 'utf8').catch(() => '')).includes(text)) return;
      await sleep(20);
    }
  }

  /** Starts the server and measures the time to its first healthy answer. */
  private async start(): Promise<{ server: Server; ms: number }> {
    const started = performance.now();
    const server = this.spawnServer();
    await this.waitForHealth(server, 180_000);
    return { server, ms: performance.now() - started };
  }

  /** SIGKILL: the whole tree (the group plus every descendant), or only the server process. */
  private async kill(server: Server, mode: KillMode): Promise<void> {
    const pid = server.child.pid!;
    if (mode === 'server-only') {
      kill(pid);
    } else {
      const tree = await descendants(pid);
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // the group is gone
      }
      kill(pid);
      for (const child of tree) kill(child);
    }
    await server.exited;
  }

  private async stopCleanly(server: Server): Promise<void> {
    if (server.child.exitCode !== null) return;
    process.kill(server.child.pid!, 'SIGTERM');
    const code = await Promise.race([server.exited, sleep(30_000).then(() => 'timeout' as const)]);
    if (code === 'timeout') {
      await this.kill(server, 'tree');
      throw new Error('the server did not stop within 30 s of SIGTERM');
    }
  }

  private async login(): Promise<string> {
    const response = await fetch(`${this.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...ADMIN, rememberMe: false }),
    });
    if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  private async post(token: string, url: string, body: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.base}${url}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  /** Components with plenty of stock and a few customers, created once (acknowledged writes too). */
  private async setUp(token: string): Promise<void> {
    for (let i = 0; i < COMPONENTS; i++) {
      const res = await this.post(token, '/api/components', {
        name: `Peça de teste ${i + 1}`,
        code: `CRASH-${i + 1}`,
        price: 12.5,
        stock: 1_000_000,
      });
      if (res.status !== 201) throw new Error(`create component: ${res.status} ${JSON.stringify(res.body)}`);
      this.components.push(String(res.body.id));
      this.acked.push({ kind: 'component', id: String(res.body.id) });
    }
    for (let i = 0; i < CUSTOMERS; i++) {
      const res = await this.post(token, '/api/customers', { name: `Cliente Teste ${i + 1}` });
      if (res.status !== 201) throw new Error(`create customer: ${res.status} ${JSON.stringify(res.body)}`);
      this.customers.push(String(res.body.id));
      this.acked.push({ kind: 'customer', id: String(res.body.id) });
    }
  }

  private pick<T>(items: T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  /** One write; records it only when the server answered 2xx. */
  private async writeOnce(token: string): Promise<void> {
    const componentId = this.pick(this.components);
    if (this.random() < 0.6) {
      const key = randomUUID();
      const body = {
        userId: this.pick(this.customers),
        appliances: [{ type: 'Geladeira', brand: 'Brastemp', laborValue: 150 }],
        parts: [{ componentId, quantity: 1 + Math.floor(this.random() * 3) }],
        discount: 0,
        receivedAt: new Date().toISOString(),
        serviceDescription: 'Teste de queda: não gela.',
        status: 'NAO_INICIADO',
      };
      const res = await this.post(token, '/api/repairs', body, { 'idempotency-key': key });
      if (res.status === 201) this.acked.push({ kind: 'repair', id: String(res.body.id), key, body });
      else if (res.status >= 300) throw new Error(`create repair: ${res.status} ${JSON.stringify(res.body)}`);
    } else {
      const delta = this.random() < 0.5 ? 2 : -1;
      const res = await this.post(token, `/api/components/${encodeURIComponent(componentId)}/adjustments`, {
        delta,
        reason: 'contagem do teste de queda',
      });
      if (res.status === 201) this.acked.push({ kind: 'movement', id: String(res.body.id), componentId });
      else if (res.status >= 300) throw new Error(`adjust stock: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }

  /** Writers loop until `stop` resolves; a request cut by the kill is simply not acknowledged. */
  private writeLoop(token: string, stop: Promise<void>) {
    let halted = false;
    let inFlight = 0;
    const errors: string[] = [];
    void stop.then(() => {
      halted = true;
    });
    const writer = async () => {
      while (!halted) {
        inFlight += 1;
        try {
          await this.writeOnce(token);
        } catch (error) {
          // a broken connection (fetch's TypeError) or a timeout is the kill; anything else is a bug
          const broken = error instanceof TypeError || (error as Error).name === 'TimeoutError';
          if (!broken && !halted) errors.push((error as Error).message);
        } finally {
          inFlight -= 1;
        }
      }
    };
    const done = Promise.all(Array.from({ length: this.options.writers ?? 4 }, writer));
    return { inFlight: () => inFlight, done, errors };
  }

  private async databaseUrl(): Promise<string> {
    const password = (await readFile(path.join(this.dataDir, 'postgres.password'), 'utf8')).trim();
    return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${this.env.EMBEDDED_PG_PORT}/bancada`;
  }

  /** Every acknowledged write present, the ledger adding up, the audit chain intact. */
  private async verify(): Promise<{ lost: string[]; problems: string[] }> {
    const handle = connectDatabase(await this.databaseUrl(), { max: 2 });
    const lost: string[] = [];
    const problems: string[] = [];
    try {
      const present = async (sql: string, ids: string[]) => {
        if (ids.length === 0) return new Set<string>();
        const { rows } = await handle.pool.query<{ id: string }>(sql, [ids]);
        return new Set(rows.map((r) => String(r.id)));
      };
      const ids = (kind: Acked['kind']) => this.acked.filter((a) => a.kind === kind).map((a) => a.id);
      const checks: [Acked['kind'], string][] = [
        ['repair', 'SELECT id::text AS id FROM repairs WHERE id::text = ANY($1)'],
        ['movement', 'SELECT id::text AS id FROM stock_movements WHERE id::text = ANY($1)'],
        ['component', 'SELECT id FROM components WHERE id = ANY($1)'],
        ['customer', 'SELECT id::text AS id FROM customers WHERE id::text = ANY($1)'],
      ];
      for (const [kind, sql] of checks) {
        const found = await present(sql, ids(kind));
        for (const id of ids(kind)) if (!found.has(id)) lost.push(`${kind} ${id}`);
      }
      const keys = this.acked.flatMap((a) => (a.kind === 'repair' ? [a.key] : []));
      const stored = await present(
        `SELECT key AS id FROM idempotency_keys WHERE scope = 'repairs.create' AND key = ANY($1)`,
        keys,
      );
      for (const key of keys) if (!stored.has(key)) lost.push(`idempotency key ${key}`);
      // the ledger: stock and reserved are exactly what the movements add up to
      const { rows: ledger } = await handle.pool.query<{
        id: string;
        stock: string;
        reserved: string;
        ledger_stock: string | null;
        ledger_reserved: string | null;
        last_stock_after: string | null;
      }>(
        `SELECT c.id, c.stock::text, c.reserved::text,
                sum(CASE m.type WHEN 'IN' THEN m.quantity WHEN 'ADJUST' THEN m.quantity
                     WHEN 'RELEASE' THEN m.quantity WHEN 'RESERVE' THEN -m.quantity ELSE 0 END)::text AS ledger_stock,
                sum(CASE m.type WHEN 'RESERVE' THEN m.quantity WHEN 'RELEASE' THEN -m.quantity
                     WHEN 'CONSUME' THEN -m.quantity ELSE 0 END)::text AS ledger_reserved,
                (SELECT l.stock_after::text FROM stock_movements l
                  WHERE l.organization_id = c.organization_id AND l.component_id = c.id
                  ORDER BY l.seq DESC LIMIT 1) AS last_stock_after
           FROM components c
           LEFT JOIN stock_movements m ON m.organization_id = c.organization_id AND m.component_id = c.id
          GROUP BY c.organization_id, c.id, c.stock, c.reserved`,
      );
      for (const row of ledger) {
        const n = (v: string | null) => Number(v ?? 0);
        if (n(row.stock) !== n(row.ledger_stock) || n(row.reserved) !== n(row.ledger_reserved))
          problems.push(
            `component ${row.id}: stock ${row.stock}/reserved ${row.reserved}, ledger ${row.ledger_stock}/${row.ledger_reserved}`,
          );
        if (row.last_stock_after !== null && n(row.last_stock_after) !== n(row.stock))
          problems.push(
            `component ${row.id}: stock ${row.stock}, last movement says ${row.last_stock_after}`,
          );
      }
      // each acknowledged order reserved its part: its RESERVE movement is in the ledger
      const repairs = this.acked.flatMap((a) => (a.kind === 'repair' ? [a.id] : []));
      const reserved = await present(
        `SELECT DISTINCT document_id AS id FROM stock_movements WHERE type = 'RESERVE' AND document_id = ANY($1)`,
        repairs,
      );
      for (const id of repairs) if (!reserved.has(id)) problems.push(`repair ${id}: no RESERVE movement`);
      const audit = await verifyAuditChain(handle.db);
      if (audit.breaks.length) problems.push(`audit chain broken: ${JSON.stringify(audit.breaks)}`);
      if (audit.rowsChecked === 0) problems.push('the audit log is empty: the writes were not audited');
    } finally {
      await handle.close();
    }
    return { lost, problems };
  }

  /** A retry of acknowledged orders with their keys returns the same order (nothing created twice). */
  private async replay(token: string): Promise<string[]> {
    const problems: string[] = [];
    const repairs = this.acked.filter((a): a is Extract<Acked, { kind: 'repair' }> => a.kind === 'repair');
    for (const repair of repairs.slice(-3)) {
      const res = await this.post(token, '/api/repairs', repair.body, { 'idempotency-key': repair.key });
      if (res.status !== 201 || res.body.id !== repair.id)
        problems.push(
          `a retry with key ${repair.key} answered ${res.status} ${String(res.body.id)}, not ${repair.id}`,
        );
    }
    return problems;
  }

  /** All rounds; the server is left stopped. */
  async run(): Promise<CrashReport> {
    const results: RoundResult[] = [];
    const [minMs, maxMs] = this.options.killAfterMs ?? [300, 3000];
    const lost = new Set<string>();
    let { server } = await this.start();
    try {
      await this.setUp(await this.login());
      for (let round = 1; round <= this.options.rounds; round++) {
        const mode = MODES[(round - 1) % MODES.length]!;
        const before = this.acked.length;
        const token = await this.login();
        let release!: () => void;
        const stop = new Promise<void>((resolve) => {
          release = resolve;
        });
        const loop = this.writeLoop(token, stop);
        const delay = Math.round(minMs + this.random() * (maxMs - minMs));
        await sleep(delay);
        const inFlight = loop.inFlight();
        await this.kill(server, mode === 'server-only' ? 'server-only' : 'tree');
        release();
        await loop.done;
        if (mode === 'during-start') {
          // a second crash while the server recovers from the first
          const again = this.spawnServer();
          await this.waitForLog(again, 'Starting embedded PostgreSQL', 120_000);
          await sleep(Math.round(this.random() * 1500));
          await this.kill(again, 'tree');
        }
        const started = await this.start();
        server = started.server;
        const checked = await this.verify();
        // a refused write is not acknowledged, so it cannot be lost; it is reported, not failed on
        for (const e of loop.errors)
          this.log(`round ${round}: a write was refused while the server ran: ${e}`);
        const problems = [...checked.problems, ...(await this.replay(await this.login()))];
        for (const item of checked.lost) lost.add(item);
        const result: RoundResult = {
          round,
          mode,
          killedAfterMs: delay,
          acknowledged: this.acked.length - before,
          refused: loop.errors,
          inFlightAtKill: inFlight,
          restartMs: started.ms,
          lost: checked.lost,
          problems,
        };
        results.push(result);
        this.log(
          `round ${round} (${mode}): killed after ${delay} ms with ${inFlight} in flight; ${result.acknowledged} acknowledged, ` +
            `${result.lost.length} lost; restart ${(started.ms / 1000).toFixed(2)} s${problems.length ? `; PROBLEMS: ${problems.join('; ')}` : ''}`,
        );
      }
    } finally {
      await this.stopCleanly(server);
    }
    const restarts = results.map((r) => r.restartMs);
    return {
      rounds: results,
      acknowledged: this.acked.length,
      refused: results.reduce((sum, r) => sum + r.refused.length, 0),
      lost: lost.size,
      problems: results.flatMap((r) => r.problems),
      restartMs: { p50: percentile(restarts, 50), p95: percentile(restarts, 95), max: Math.max(...restarts) },
    };
  }
}
