/**
 * Service-order benchmark: a large shop's history (default 1,000,000 orders over 5 years, 20,000
 * customers) generated in a fresh embedded PostgreSQL, then GET /api/repairs, GET /api/repairs/:id and
 * POST /api/repairs timed through the repairs service (the code the routes call).
 * Run: npx tsx bench/repairs.ts   (BENCH_REPAIRS=200000 for a quick run) → writes bench/RESULTS.md
 *
 * Other knobs: BENCH_CUSTOMERS, BENCH_COMPONENTS, BENCH_TECHNICIANS, BENCH_RUNS (per list query),
 * BENCH_CREATES (sequential creates), BENCH_PARALLEL (creates at once) and BENCH_PARALLEL_ROUNDS;
 * BENCH_PLANS=file writes EXPLAIN ANALYZE of every timed list query there (the ones that miss the
 * target are always printed); BENCH_WHATIF='CREATE INDEX …; …' runs that SQL after the timings and
 * times the list queries that missed (or those BENCH_WHATIF_ONLY matches) and the creates again, reported
 * apart: it is not the schema. BENCH_HOLD=seconds keeps the database up after the run for EXPLAIN by
 * hand (URL printed; deleting the HOLD file it names ends the wait). BENCH_RESULTS=file writes the
 * section there instead of bench/RESULTS.md.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  APPLIANCE_TYPES,
  cnpjRoot,
  OPEN_REPAIR_STATUSES,
  RepairCreateSchema,
  RepairListQuerySchema,
  VOLTAGES,
} from '@bancada/shared';
import pg from 'pg';
import { connectDatabase } from '../apps/server/src/db/client.js';
import { freePort, startEmbeddedPostgres } from '../apps/server/src/db/embedded.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { sealContact } from '../apps/server/src/modules/customers/customers.records.js';
import {
  CITIES,
  FIRST_NAMES,
  LAST_NAMES,
  seededRandom,
} from '../apps/server/src/modules/customers/demo-data.js';
import { DEMO_COMPONENTS } from '../apps/server/src/modules/inventory/demo-data.js';
import { DEMO_CATALOG } from '../apps/server/src/modules/repairs/demo-data.js';
import { emptyChecklist } from '../apps/server/src/modules/repairs/status/checklist.js';
import {
  type AuditChange,
  chainHash,
  GENESIS_HASH,
  type PreparedAuditRow,
  prepareAuditRow,
  verifyAuditChain,
} from '../apps/server/src/platform/audit.js';
import type { AuthedContext } from '../apps/server/src/platform/context.js';
import { createCipher } from '../apps/server/src/platform/crypto.js';
import { makeCnpj, makeCpf } from '../apps/server/src/platform/demo-documents.js';
import { benchAddress, benchServices, contactColumns } from './services.js';

const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const REPAIRS = env('BENCH_REPAIRS', 1_000_000);
const CUSTOMERS = env('BENCH_CUSTOMERS', 20_000);
const COMPONENTS = Math.max(3, env('BENCH_COMPONENTS', 50));
const TECHNICIANS = env('BENCH_TECHNICIANS', 10);
const RUNS = Math.max(30, env('BENCH_RUNS', 30));
const CREATES = env('BENCH_CREATES', 200);
const PARALLEL = env('BENCH_PARALLEL', 20);
const PARALLEL_ROUNDS = env('BENCH_PARALLEL_ROUNDS', 5);
/** warm-up calls before the timed ones; a call slower than SLOW_MS ends the warm-up after two */
const WARMUP = 5;
const SLOW_MS = 1000;
const YEARS = 5;
const TARGET_MS = 100;
/** rows per multi-row INSERT (customers, assets) */
const BATCH = 1000;
/** orders generated per INSERT … SELECT round (generate_series), so memory and WAL stay bounded */
const CHUNK = 100_000;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const DAY_MS = 86_400_000;

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
/** a SQL text literal (only for the constant vocabularies below) */
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

const arr = (items: readonly (string | number)[]) =>
  `ARRAY[${items.map((v) => (typeof v === 'number' ? String(v) : lit(v))).join(', ')}]`;

/** What customers say about the object, per kind of asset. */
const PROBLEMS = {
  appliance: [
    'Não está gelando a parte de baixo',
    'Não liga',
    'Faz barulho alto ao centrifugar',
    'Vazando água por baixo',
    'Liga mas não esquenta',
    'Desarma o disjuntor ao ligar',
    'Painel não acende',
    'Porta não veda direito',
    'Cheiro de queimado ao ligar',
    'Gela demais e congela os alimentos',
  ],
  vehicle: [
    'Barulho na suspensão dianteira',
    'Revisão dos 40 mil km',
    'Luz da injeção acesa',
    'Freio rangendo ao parar',
    'Ar-condicionado não gela',
    'Troca de óleo e filtros',
    'Motor falhando na partida a frio',
    'Vibração no volante acima de 100 km/h',
    'Carro puxando para a direita',
    'Embreagem patinando',
  ],
  machine: [
    'Vazamento no cilindro hidráulico',
    'Revisão de 500 horas',
    'Superaquecimento do motor',
    'Esteira com folga',
    'Perda de potência sob carga',
    'Troca de mangueiras hidráulicas',
  ],
} as const;
const NOTES = [
  'Serviço executado e testado.',
  'Peças substituídas conforme orçamento aprovado.',
  'Cliente avisado por telefone.',
  'Testado por 30 minutos sem falhas.',
];
const EXTRA_PARTS = [
  'Parafuso sextavado M8',
  'Abraçadeira de nylon',
  'Fusível 10 A',
  'Borracha de vedação',
  'Rolamento 6203',
  'Capacitor 35 µF',
  'Mangueira de entrada',
  'Chave seletora',
  'Lâmpada do painel',
  'Sensor de temperatura',
  'Correia do motor',
  'Vela de ignição',
  'Filtro de combustível',
  'Terminal de bateria',
  'Junta do cárter',
];

type Customer = { id: string; name: string };
type Asset = {
  id: string;
  customerIdx: number;
  kind: 'vehicle' | 'appliance' | 'machine';
  serial: string | null;
};
type Timing = { p50: number; p95: number; max: number; mean: number };

function stats(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return {
    p50: at(50),
    p95: at(95),
    max: sorted.at(-1)!,
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
  };
}

/** orders per audit batch: their rows are built, hashed and inserted together, so memory stays bounded */
const AUDIT_BATCH = 1000;
const STAFF_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const CUSTOMER_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1';

type AuditOrder = {
  n: number;
  id: string;
  customer_id: string;
  asset_id: string;
  kind: 'vehicle' | 'appliance' | 'machine';
  type: string | null;
  brand: string;
  model: string;
  voltage: string | null;
  serial: string | null;
  plate: string | null;
  tech_id: string | null;
  tech_name: string | null;
  received_at: Date;
  deadline: Date | null;
  status: string;
  finished_at: Date | null;
  service_type: string;
  priority: string;
  problem: string;
  job_name: string;
  labor_cents: string;
  parts_cents: string;
  estimated_hours: string;
  nf: string | null;
  return_guarantee: boolean;
  fabric_guarantee: boolean;
  discount_cents: string;
  total_cents: string;
  accessories: string[];
  odometer_km: string | null;
  hour_meter: string | null;
  fuel_level: string | null;
  notes: string;
  parts: {
    componentId: string;
    name: string;
    code: string;
    unit: string;
    quantity: number;
    priceCents: number;
  }[];
  events: { from: string; to: string; actorId: string; actorName: string; at: string }[];
};

/**
 * The audit rows a real history has (issue 11), written beside the generated orders: per order what
 * the services record — `repair.created` with the order as created, one `repair.status_changed` per
 * status event, the technician's timer started and stopped around the work, the estimate sent (and
 * decided by the customer) on orders that waited for approval or carry parts, the review checklist
 * and the closing notes on finished ones. Each row goes through `prepareAuditRow` (the diff, the
 * masking and the content hash of `recordAudit`) and is chained with the real hash function, in
 * batches of AUDIT_BATCH orders; `finish` writes the organization's chain head.
 */
function createAuditHistory(deps: {
  q: (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
  organizationId: string;
  admin: { id: string; name: string };
  customerNames: Map<string, string>;
  components: number;
  jobNames: string[];
}) {
  const { q, organizationId, admin } = deps;
  const chain = { prevHash: GENESIS_HASH, count: 0, lastId: 0 };
  const money = (cents: number | string) => Number(cents) / 100;
  const at = (d: Date | string, plusMinutes = 0) => new Date(new Date(d).getTime() + plusMinutes * 60_000);
  const staffIp = (id: string | null) =>
    `192.168.0.${10 + (Number.parseInt((id ?? '0').slice(0, 2), 16) % 40)}`;
  const checklist = (doneBy: string | null, doneAt: string | null) =>
    emptyChecklist().map((item) => ({ ...item, done: doneBy !== null, doneBy, doneAt }));

  function created(o: AuditOrder) {
    const labor = money(o.labor_cents);
    const receivedAt = new Date(o.received_at).toISOString();
    return {
      id: o.id,
      number: o.n,
      userId: o.customer_id,
      customerId: o.customer_id,
      customerName: deps.customerNames.get(o.customer_id) ?? '',
      assetId: o.asset_id,
      asset: {
        id: o.asset_id,
        kind: o.kind,
        label: `${o.brand} ${o.model}${o.plate ? ` · ${o.plate}` : ''}`,
        plate: o.plate,
        serial: o.serial,
      },
      appliances:
        o.kind === 'appliance'
          ? [
              {
                id: randomUUID(),
                type: o.type,
                brand: o.brand,
                model: o.model,
                voltage: o.voltage,
                serial: o.serial,
                customerNote: o.problem,
                laborValue: labor,
                estimatedHours: Number(o.estimated_hours),
                warrantyDays: 90,
                assetId: o.asset_id,
                approval: null,
              },
            ]
          : [],
      parts: o.parts.map((p) => ({
        id: randomUUID(),
        componentId: p.componentId,
        name: p.name,
        code: p.code,
        unit: p.unit,
        quantity: p.quantity,
        unitValue: money(p.priceCents),
        totalValue: money(p.priceCents * p.quantity),
        warrantyDays: 90,
        stockState: 'reserved',
        approval: null,
      })),
      services:
        o.kind === 'appliance'
          ? []
          : [
              {
                id: randomUUID(),
                catalogId: null,
                description: o.job_name,
                hours: Number(o.estimated_hours),
                price: labor,
                technicianId: o.tech_id,
                technicianName: o.tech_name,
                warrantyDays: 90,
                approval: null,
              },
            ],
      nf: o.nf,
      returnGuarantee: o.return_guarantee,
      fabricGuarantee: o.fabric_guarantee,
      partsTotal: money(o.parts_cents),
      laborValue: labor,
      discount: money(o.discount_cents),
      totalValue: money(o.total_cents),
      receivedAt,
      deadline: o.deadline ? new Date(o.deadline).toISOString() : null,
      serviceDescription: o.problem,
      notes: '',
      status: 'NAO_INICIADO',
      serviceType: o.service_type,
      priority: o.priority,
      condition: '',
      accessories: o.accessories,
      odometerKm: o.odometer_km === null ? null : Number(o.odometer_km),
      hourMeter: o.hour_meter === null ? null : Number(o.hour_meter),
      fuelLevel: o.fuel_level,
      technicianId: o.tech_id,
      technicianName: o.tech_name,
      estimatedHours: Number(o.estimated_hours),
      actualHours: 0,
      checklist: emptyChecklist(),
      estimate: null,
      warrantyReturn: null,
      warrantyUntil: null,
      isOverdue: false,
      approvedBy: null,
      approvedAt: null,
      finishedAt: null,
      deliveredAt: null,
      createdAt: receivedAt,
      updatedAt: receivedAt,
      version: 1,
    };
  }

  /** One order's rows, as the services would have recorded them. */
  function rowsOf(o: AuditOrder): PreparedAuditRow[] {
    const rows: PreparedAuditRow[] = [];
    const staff = (id: string | null, name: string | null) => ({
      actorId: id,
      actorName: name,
      ip: staffIp(id),
      userAgent: STAFF_UA,
    });
    const add = (
      who: ReturnType<typeof staff>,
      when: Date,
      change: Omit<AuditChange, 'organizationId' | 'entity' | 'entityId'>,
    ) =>
      rows.push(prepareAuditRow(who, { organizationId, entity: 'repair', entityId: o.id, ...change }, when));
    const desk = staff(admin.id, admin.name);
    add(desk, at(o.received_at), { action: 'repair.created', after: created(o) });
    const done = o.status === 'FINALIZADO' || o.status === 'ENTREGUE';
    const total = money(o.total_cents);
    const needsEstimate = o.status === 'AGUARDANDO_APROVACAO' || (done && o.parts.length > 0);
    for (const [i, e] of o.events.entries()) {
      const who = staff(e.actorId, e.actorName);
      if (e.to === 'FINALIZADO') {
        const when = at(e.at, -20);
        add(who, when, {
          action: 'repair.checklist',
          before: checklist(null, null),
          after: checklist(e.actorName, when.toISOString()),
        });
        add(who, at(e.at, -10), {
          action: 'repair.updated',
          before: { notes: '', version: 2 + i },
          after: { notes: o.notes, version: 3 + i },
        });
      }
      add(who, at(e.at), {
        action: 'repair.status_changed',
        before: { status: e.from },
        after: { status: e.to, note: null },
      });
      if (
        e.to === 'AGUARDANDO_APROVACAO' ||
        (e.to === 'EM_ANDAMENTO' && needsEstimate && o.status !== 'AGUARDANDO_APROVACAO')
      ) {
        const sent = at(e.at, 1);
        const estimate = {
          version: 1,
          validUntil: at(sent, 7 * 24 * 60).toISOString(),
          documentHash: createHash('sha256').update(`${o.id}:1`).digest('hex'),
          total,
        };
        add(desk, sent, { action: 'repair.estimate_sent', after: estimate });
        if (e.to === 'EM_ANDAMENTO') {
          add(
            {
              actorId: null,
              actorName: null,
              ip: `177.${o.n % 250}.${(o.n >> 8) % 250}.${(o.n >> 16) % 250}`,
              userAgent: CUSTOMER_UA,
            },
            at(sent, 90),
            {
              action: 'repair.estimate_decided',
              after: {
                version: 1,
                outcome: 'approved',
                channel: 'link',
                signerName: deps.customerNames.get(o.customer_id) ?? '',
                documentHash: estimate.documentHash,
                decisions: Object.fromEntries(o.parts.map((_, k) => [`part:${k}`, 'approved'])),
              },
            },
          );
        }
      }
      if (e.to === 'EM_ANDAMENTO' && o.tech_id) {
        const next = o.events[i + 1];
        const entry = {
          id: randomUUID(),
          repairId: o.id,
          technicianId: o.tech_id,
          technicianName: o.tech_name,
          serviceLineId: null,
          stage: 'EM_ANDAMENTO',
          startedAt: at(e.at).toISOString(),
          endedAt: null as string | null,
          seconds: 0,
          note: null,
        };
        const tech = staff(o.tech_id, o.tech_name);
        add(tech, at(e.at), { action: 'repair.timer_started', after: entry });
        if (next) {
          const ended = at(next.at, -30);
          const seconds = Math.max(60, Math.round((ended.getTime() - at(e.at).getTime()) / 1000));
          add(tech, ended, {
            action: 'repair.timer_stopped',
            after: { ...entry, endedAt: ended.toISOString(), seconds },
          });
        }
      }
    }
    return rows;
  }

  async function insert(rows: PreparedAuditRow[]) {
    const cols = {
      at: [] as string[],
      actorId: [] as (string | null)[],
      actorName: [] as (string | null)[],
      action: [] as string[],
      entityId: [] as (string | null)[],
      before: [] as (string | null)[],
      after: [] as (string | null)[],
      ip: [] as (string | null)[],
      ua: [] as (string | null)[],
      prev: [] as string[],
      hash: [] as string[],
    };
    for (const row of rows) {
      const hash = chainHash(chain.prevHash, row.contentHash);
      cols.at.push(row.occurredAt.toISOString());
      cols.actorId.push(row.actorId);
      cols.actorName.push(row.actorName);
      cols.action.push(row.action);
      cols.entityId.push(row.entityId);
      cols.before.push(row.before === null ? null : JSON.stringify(row.before));
      cols.after.push(row.after === null ? null : JSON.stringify(row.after));
      cols.ip.push(row.ip);
      cols.ua.push(row.userAgent);
      cols.prev.push(chain.prevHash);
      cols.hash.push(hash);
      chain.prevHash = hash;
    }
    // ids are taken in the arrays' order, which is the chain's
    const { rows: last } = await q(
      `WITH ins AS (
         INSERT INTO audit_log (organization_id, occurred_at, actor_id, actor_name, action, entity, entity_id, before,
           after, ip, user_agent, prev_hash, hash)
         SELECT $1, u.at, u.actor_id, u.actor_name, u.action, 'repair', u.entity_id, u.before, u.after, u.ip, u.ua,
           u.prev, u.hash
         FROM unnest($2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[],
           $9::text[], $10::text[], $11::text[], $12::text[]) WITH ORDINALITY
           AS u(at, actor_id, actor_name, action, entity_id, before, after, ip, ua, prev, hash, ord)
         ORDER BY u.ord
         RETURNING id)
       SELECT max(id)::bigint AS id FROM ins`,
      [
        organizationId,
        cols.at,
        cols.actorId,
        cols.actorName,
        cols.action,
        cols.entityId,
        cols.before,
        cols.after,
        cols.ip,
        cols.ua,
        cols.prev,
        cols.hash,
      ],
    );
    chain.count += rows.length;
    chain.lastId = Number(last[0].id);
  }

  return {
    chain,
    /** The audit rows of orders lo..hi of the round's plan (bench_plan); returns how many. */
    async round(lo: number, hi: number): Promise<number> {
      let written = 0;
      for (let from = lo; from <= hi; from += AUDIT_BATCH) {
        const to = Math.min(hi, from + AUDIT_BATCH - 1);
        const { rows: orders } = await q(
          `SELECT p.n, p.id, p.customer_id, p.asset_id, p.kind, p.type, p.brand, p.model, p.voltage, p.serial,
             a.plate, p.tech_id, p.tech_name, p.received_at, p.deadline, p.status, p.finished_at, p.service_type,
             p.priority, p.problem, ($4::text[])[1 + p.job] AS job_name, p.labor_cents, p.parts_cents,
             p.estimated_hours, r.nf, r.return_guarantee, r.fabric_guarantee, r.discount_cents, r.total_cents,
             r.accessories, r.odometer_km, r.hour_meter, r.fuel_level, r.notes,
             coalesce((SELECT json_agg(json_build_object('componentId', c.id, 'name', c.name, 'code', c.code,
                 'unit', c.unit, 'quantity', 1 + (p.n + j) % 3, 'priceCents', c.price_cents) ORDER BY j)
               FROM generate_series(0, p.part_count - 1) AS j
               JOIN bench_components c ON c.idx = (p.part_base + j) % $3), '[]') AS parts,
             coalesce((SELECT json_agg(json_build_object('from', e.from_status, 'to', e.to_status,
                 'actorId', e.actor_id, 'actorName', e.actor_name, 'at', e.at) ORDER BY e.seq)
               FROM repair_events e WHERE e.repair_id = p.id AND e.type = 'status'), '[]') AS events
           FROM bench_plan p JOIN repairs r ON r.id = p.id JOIN assets a ON a.id = p.asset_id
           WHERE p.n BETWEEN $1 AND $2 ORDER BY p.n`,
          [from, to, deps.components, deps.jobNames],
        );
        const rows = (orders as AuditOrder[]).flatMap(rowsOf);
        // the batch's rows in the order they happened (a row's place in the chain is its time's)
        rows.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
        await insert(rows);
        written += rows.length;
      }
      return written;
    },
    /** The organization's chain head, as `audit_append` keeps it. */
    async finish(): Promise<void> {
      await q(
        `INSERT INTO audit_chain_heads (organization_id, row_count, last_id, last_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (organization_id) DO UPDATE SET row_count = excluded.row_count, last_id = excluded.last_id,
           last_hash = excluded.last_hash`,
        [organizationId, chain.count, chain.lastId, chain.prevHash],
      );
    },
  };
}

async function main() {
  const started = Date.now();
  const loadAtStart = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bancada-bench-'));
  await chmod(dir, 0o755);
  const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
  log(`embedded PostgreSQL in ${dir}; ${REPAIRS.toLocaleString('en')} orders`);
  const pgServer = await startEmbeddedPostgres({
    dir: path.join(dir, 'pg'),
    port: await freePort(),
    database: 'bench',
  });
  try {
    await runMigrations(pgServer.url);
    // room for the parallel creates plus each list's three queries at once
    const handle = connectDatabase(pgServer.url, { max: PARALLEL + 5 });
    const { pool } = handle;
    const cipher = createCipher(randomBytes(32).toString('base64'));
    const rnd = seededRandom(7);
    const letters = (n: number) => Array.from({ length: n }, () => rnd.pick([...LETTERS])).join('');
    const insertTimes: { table: string; rows: number; seconds: number; how: string }[] = [];
    const timed = async <T>(table: string, how: string, work: () => Promise<T>, rows?: () => number) => {
      const t0 = Date.now();
      const result = await work();
      const seconds = (Date.now() - t0) / 1000;
      const n = rows ? rows() : 0;
      insertTimes.push({ table, rows: n, seconds, how });
      log(`${table}: ${n.toLocaleString('en')} rows in ${seconds.toFixed(1)} s`);
      return result;
    };

    // ---------------------------------------------------------------- organization and staff
    const {
      rows: [org],
    } = await pool.query<{ id: string }>(`INSERT INTO organizations (name) VALUES ('Bench') RETURNING id`);
    const organizationId = org!.id;
    const adminId = randomUUID();
    const adminName = 'Bench Admin';
    const technicianIds: string[] = [];
    await timed(
      'users (1 admin + technicians)',
      'one multi-row INSERT',
      async () => {
        const values: unknown[] = [];
        const tuples: string[] = [];
        const add = (id: string, name: string, email: string, role: string, specialty: string[]) => {
          const p = values.length;
          tuples.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, 'bench-no-login', $${p + 5}, $${p + 6})`);
          values.push(id, organizationId, name, email, role, specialty);
        };
        add(adminId, adminName, 'admin@bench.localhost', 'ADMINISTRATOR', []);
        for (let i = 0; i < TECHNICIANS; i++) {
          const id = randomUUID();
          technicianIds.push(id);
          add(
            id,
            `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}`,
            `tecnico${i + 1}@bench.localhost`,
            'TECHNICIAN',
            [['Mecânica geral', 'Refrigeração', 'Hidráulica', 'Eletrônica'][i % 4]!],
          );
        }
        await pool.query(
          `INSERT INTO users (id, organization_id, name, email, password_hash, role, specialties)
           VALUES ${tuples.join(', ')}`,
          values,
        );
      },
      () => 1 + TECHNICIANS,
    );

    // ---------------------------------------------------------------- customers (as bench/search.ts)
    const customers: Customer[] = [];
    await timed(
      'customers',
      `multi-row INSERT, ${BATCH} per statement`,
      async () => {
        for (let start = 0; start < CUSTOMERS; start += BATCH) {
          const values: unknown[] = [];
          const tuples: string[] = [];
          for (let i = start; i < Math.min(start + BATCH, CUSTOMERS); i++) {
            const company = i % 10 === 9;
            const place = rnd.pick(CITIES);
            const name = company
              ? `${rnd.pick(LAST_NAMES).replace(/^d[aeo]s? /, '')} ${rnd.pick(['Transportes', 'Construtora', 'Comércio', 'Agropecuária'])} Ltda.`
              : `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)} ${rnd.pick(LAST_NAMES)}`;
            const doc = company
              ? makeCnpj(`${String(i).padStart(8, '0')}0001`)
              : makeCpf(String(100_000_000 + i));
            const id = randomUUID();
            customers.push({ id, name });
            // contact data sealed as the API stores it (decision 0011)
            const contact = sealContact(cipher, {
              email: `${fold(name)
                .replace(/[^a-z]+/g, '.')
                .replace(/\.+$/, '')}.${i}@exemplo.com.br`,
              phone: `+55${place.area}9${rnd.digits(8)}`,
              phones: [],
              addresses: [benchAddress(place, `${place.cep}${rnd.digits(3)}`)],
            });
            const row = [
              id,
              organizationId,
              company ? 'company' : 'person',
              name,
              company ? 'CNPJ' : 'CPF',
              cipher.encrypt(doc),
              cipher.lookupHash(doc),
              company ? cipher.lookupHash(cnpjRoot(doc)) : null,
              ...contactColumns(contact),
            ];
            const p = values.length;
            tuples.push(`(${row.map((_, k) => `$${p + k + 1}`).join(', ')})`);
            values.push(...row);
          }
          await pool.query(
            `INSERT INTO customers (id, organization_id, kind, name, document_type, document_ciphertext,
               document_hash, document_root_hash, email_ciphertext, email_hash, phone_ciphertext,
               phones_ciphertext, phone_hashes, addresses_ciphertext, address_places) VALUES ${tuples.join(', ')}`,
            values,
          );
        }
      },
      () => customers.length,
    );

    // ---------------------------------------------------------------- assets: 1 or 2 per customer
    const assets: Asset[] = [];
    await timed(
      'assets',
      `multi-row INSERT, ${BATCH} per statement`,
      async () => {
        const plates = new Set<string>();
        const pending: { values: unknown[]; tuples: string[] } = { values: [], tuples: [] };
        const flush = async () => {
          if (pending.tuples.length === 0) return;
          await pool.query(
            `INSERT INTO assets (id, organization_id, customer_id, kind, brand, model, year, plate, plate_canonical,
               serial, type, voltage) VALUES ${pending.tuples.join(', ')}`,
            pending.values,
          );
          pending.values = [];
          pending.tuples = [];
        };
        for (let c = 0; c < CUSTOMERS; c++) {
          const count = c % 10 < 3 ? 2 : 1;
          for (let k = 0; k < count; k++) {
            const roll = rnd.next();
            const kind = roll < 0.45 ? 'vehicle' : roll < 0.9 ? 'appliance' : 'machine';
            let plate: string | null = null;
            let canonical: string | null = null;
            let serial: string | null = null;
            let brand: string;
            let model: string;
            let type: string | null = null;
            let voltage: string | null = null;
            if (kind === 'vehicle') {
              do {
                const digits = rnd.digits(4);
                const old = rnd.next() < 0.5;
                plate = old
                  ? `${letters(3)}${digits}`
                  : `${letters(3)}${digits[0]}${letters(1)}${digits.slice(2)}`;
                canonical = old
                  ? `${plate.slice(0, 4)}${String.fromCharCode(65 + Number(plate[4]))}${plate.slice(5)}`
                  : plate;
              } while (plates.has(canonical));
              plates.add(canonical);
              [brand, model] = rnd.pick([
                ['Fiat', 'Strada'],
                ['Volkswagen', 'Gol'],
                ['Chevrolet', 'Onix'],
                ['Toyota', 'Hilux'],
                ['Hyundai', 'HB20'],
                ['Renault', 'Kwid'],
              ] as const);
            } else if (kind === 'appliance') {
              type = rnd.pick(APPLIANCE_TYPES.slice(0, 9));
              voltage = rnd.pick(VOLTAGES);
              [brand, model] = rnd.pick([
                ['Brastemp', 'BRM45'],
                ['Electrolux', 'LAC11'],
                ['Consul', 'CRM39'],
                ['Panasonic', 'NN-ST25'],
                ['Philco', 'PH41'],
                ['Mondial', 'C-30'],
              ] as const);
              serial = `${brand.slice(0, 2).toUpperCase()}${rnd.digits(9)}`;
            } else {
              [brand, model] = rnd.pick([
                ['Caterpillar', '320 Escavadeira'],
                ['JCB', '3CX Retroescavadeira'],
                ['Komatsu', 'PC200'],
              ] as const);
              serial = `${brand.slice(0, 3).toUpperCase()}${rnd.digits(8)}`;
            }
            const id = randomUUID();
            assets.push({ id, customerIdx: c, kind, serial });
            const p = pending.values.length;
            pending.tuples.push(
              `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, $${p + 8}, $${p + 9}, $${p + 10}, $${p + 11}, $${p + 12})`,
            );
            pending.values.push(
              id,
              organizationId,
              customers[c]!.id,
              kind,
              brand,
              model,
              kind === 'appliance' ? null : rnd.int(2008, 2025),
              plate,
              canonical,
              serial,
              type,
              voltage,
            );
            if (pending.tuples.length >= BATCH) await flush();
          }
        }
        await flush();
      },
      () => assets.length,
    );

    // ---------------------------------------------------------------- components: seed 004's and the demo's
    const componentRows = [
      ...DEMO_COMPONENTS.map((c) => ({
        id: c.id!,
        code: c.code,
        name: c.name,
        price: c.price ?? 0,
        unit: c.unit ?? 'UN',
      })),
      ...EXTRA_PARTS.map((name, i) => ({
        id: '',
        code: `EXT-${i + 1}`,
        name,
        price: 5 + i * 3.5,
        unit: 'UN',
      })),
    ];
    const taken = new Set(componentRows.map((c) => c.id).filter(Boolean));
    let nextId = 1;
    for (const c of componentRows) {
      if (c.id) continue;
      while (taken.has(`comp-${String(nextId).padStart(3, '0')}`)) nextId++;
      c.id = `comp-${String(nextId).padStart(3, '0')}`;
      taken.add(c.id);
    }
    while (componentRows.length < COMPONENTS) {
      const i = componentRows.length;
      componentRows.push({
        id: `comp-${i + 1}`,
        code: `GEN-${i + 1}`,
        name: `Peça ${i + 1}`,
        price: 10,
        unit: 'UN',
      });
    }
    componentRows.length = COMPONENTS;
    await timed(
      'components',
      'one multi-row INSERT',
      async () => {
        const values: unknown[] = [];
        const tuples = componentRows.map((c) => {
          const p = values.length;
          values.push(organizationId, c.id, c.name, c.code, Math.round(c.price * 100), c.unit);
          // plenty of stock, minimum 0: the creates never run out nor send low-stock e-mails
          return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}::bigint, $${p + 5}::bigint / 2, $${p + 6}, 1000000)`;
        });
        await pool.query(
          `INSERT INTO components (organization_id, id, name, code, price_cents, cost_cents, unit, stock)
           VALUES ${tuples.join(', ')}`,
          values,
        );
      },
      () => componentRows.length,
    );

    // ---------------------------------------------------------------- orders, lines and events, in SQL
    const gen = await pool.connect();
    const q = (text: string, values: unknown[] = []) => gen.query(text, values);
    const now = new Date();
    const startAt = new Date(now.getTime() - YEARS * 365.25 * DAY_MS);
    const spanSeconds = (now.getTime() - startAt.getTime()) / 1000;
    const nowSql = `'${now.toISOString()}'::timestamptz`;
    await q(`CREATE UNLOGGED TABLE bench_objects AS
      SELECT row_number() OVER (ORDER BY id)::int AS idx, id AS asset_id, customer_id, kind, type, brand, model,
             voltage, serial FROM assets`);
    await q('CREATE UNIQUE INDEX ON bench_objects (idx)');
    await q(`CREATE UNLOGGED TABLE bench_techs AS
      SELECT row_number() OVER (ORDER BY id)::int - 1 AS idx, id, name FROM users WHERE role = 'TECHNICIAN'`);
    await q(`CREATE UNLOGGED TABLE bench_components AS
      SELECT row_number() OVER (ORDER BY id)::int - 1 AS idx, id, name, code, unit, price_cents FROM components`);
    await q('CREATE UNIQUE INDEX ON bench_components (idx)');
    // how an order reached its status (the status machine's usual walk); `anchor` says which moment the
    // step is a fraction of: finished, delivered, or the last status change
    await q(`CREATE UNLOGGED TABLE bench_paths (status text, step int, from_status text, to_status text,
      anchor text, frac float8)`);
    await q(`INSERT INTO bench_paths VALUES
      ('ENTREGUE', 1, 'NAO_INICIADO', 'EM_ANDAMENTO', 'finished', 0.3),
      ('ENTREGUE', 2, 'EM_ANDAMENTO', 'EM_REVISAO', 'finished', 0.8),
      ('ENTREGUE', 3, 'EM_REVISAO', 'FINALIZADO', 'finished', 1),
      ('ENTREGUE', 4, 'FINALIZADO', 'ENTREGUE', 'delivered', 1),
      ('FINALIZADO', 1, 'NAO_INICIADO', 'EM_ANDAMENTO', 'finished', 0.3),
      ('FINALIZADO', 2, 'EM_ANDAMENTO', 'EM_REVISAO', 'finished', 0.8),
      ('FINALIZADO', 3, 'EM_REVISAO', 'FINALIZADO', 'finished', 1),
      ('CANCELADO', 1, 'NAO_INICIADO', 'CANCELADO', 'changed', 1),
      ('EM_ANDAMENTO', 1, 'NAO_INICIADO', 'EM_ANDAMENTO', 'changed', 1),
      ('EM_REVISAO', 1, 'NAO_INICIADO', 'EM_ANDAMENTO', 'changed', 0.5),
      ('EM_REVISAO', 2, 'EM_ANDAMENTO', 'EM_REVISAO', 'changed', 1),
      ('AGUARDANDO_PECAS', 1, 'NAO_INICIADO', 'EM_ANDAMENTO', 'changed', 0.4),
      ('AGUARDANDO_PECAS', 2, 'EM_ANDAMENTO', 'AGUARDANDO_PECAS', 'changed', 1),
      ('AGUARDANDO_APROVACAO', 1, 'NAO_INICIADO', 'AGUARDANDO_APROVACAO', 'changed', 1)`);
    const jobs = DEMO_CATALOG.filter((c) => !c.code.startsWith('ELE-'));
    const emptyList = JSON.stringify(emptyChecklist());
    const doneList = (who: string, when: string) =>
      `jsonb_build_array(${emptyChecklist()
        .map(
          (c) =>
            `jsonb_build_object('key', ${lit(c.key)}, 'done', true, 'note', null, 'doneBy', ${who}, 'doneAt', ${when})`,
        )
        .join(', ')})`;
    const { rows: objectCount } = await q('SELECT count(*)::int AS n FROM bench_objects');
    const nObjects = objectCount[0].n as number;

    // One round's plan: every attribute of orders lo..hi, drawn once, then copied into the tables.
    await q(`CREATE UNLOGGED TABLE bench_plan (n int PRIMARY KEY, id uuid, customer_id uuid, asset_id uuid,
      kind text, type text, brand text, model text, voltage text, serial text, tech_id uuid, tech_name text,
      received_at timestamptz, deadline timestamptz, status text, finished_at timestamptz,
      delivered_at timestamptz, changed_at timestamptz, service_type text, priority text, problem text,
      job int, part_count int, part_base int, labor_cents bigint, parts_cents bigint, discount_pct int,
      estimated_hours numeric, r float8)`);
    await q('SELECT setseed(0.42)');
    const planRound = (lo: number, hi: number) =>
      q(`INSERT INTO bench_plan
        SELECT s.n, gen_random_uuid(), o.customer_id, o.asset_id, o.kind, o.type, o.brand, o.model, o.voltage,
          o.serial,
          CASE WHEN s.status = 'NAO_INICIADO' AND s.r5 < 0.5 THEN NULL ELSE t.id END,
          CASE WHEN s.status = 'NAO_INICIADO' AND s.r5 < 0.5 THEN NULL ELSE t.name END,
          s.received_at,
          CASE WHEN s.r6 < 0.15 THEN NULL
               ELSE date_trunc('day', s.received_at) + make_interval(days => 2 + floor(s.r6 * 12)::int, hours => 18) END,
          s.status,
          s.finished_at,
          CASE WHEN s.status = 'ENTREGUE'
               THEN s.finished_at + least(s.r5 * interval '3 days', (${nowSql} - s.finished_at) * 0.8) END,
          NULL,
          CASE WHEN s.r9 < 0.62 THEN 'REPAIR' WHEN s.r9 < 0.82 THEN 'PREVENTIVE_MAINTENANCE'
               WHEN s.r9 < 0.92 THEN 'DIAGNOSIS' WHEN s.r9 < 0.96 THEN 'INSPECTION' ELSE 'INSTALLATION' END,
          CASE WHEN s.r10 < 0.05 THEN 'LOW' WHEN s.r10 < 0.85 THEN 'NORMAL' WHEN s.r10 < 0.97 THEN 'HIGH'
               ELSE 'URGENT' END,
          CASE o.kind
            WHEN 'appliance' THEN (${arr(PROBLEMS.appliance)})[1 + floor(s.r11 * ${PROBLEMS.appliance.length})::int]
            WHEN 'vehicle' THEN (${arr(PROBLEMS.vehicle)})[1 + floor(s.r11 * ${PROBLEMS.vehicle.length})::int]
            ELSE (${arr(PROBLEMS.machine)})[1 + floor(s.r11 * ${PROBLEMS.machine.length})::int] END,
          floor(s.r12 * ${jobs.length})::int,
          CASE WHEN s.r7 < 0.55 THEN 0 WHEN s.r7 < 0.80 THEN 1 WHEN s.r7 < 0.93 THEN 2 ELSE 3 END,
          floor(s.r8 * ${COMPONENTS})::int,
          0, 0,
          CASE WHEN s.r10 * 10 - floor(s.r10 * 10) < 0.1 THEN 5 ELSE 0 END,
          0,
          s.r5
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
            g.received_at + least((0.2 + g.r4 * 8) * interval '1 day', (${nowSql} - g.received_at) * 0.6)
              AS finished_at
          FROM (
            SELECT r.*, extract(epoch FROM ${nowSql} - r.received_at) / 86400 AS age
            FROM (
              SELECT n, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
                random() AS r6, random() AS r7, random() AS r8, random() AS r9, random() AS r10,
                random() AS r11, random() AS r12,
                '${startAt.toISOString()}'::timestamptz
                  + ((n - 1 + random()) * ${spanSeconds / REPAIRS}) * interval '1 second' AS received_at
              FROM generate_series(${lo}, ${hi}) AS n
            ) r
          ) g
        ) s
        JOIN bench_objects o ON o.idx = 1 + floor(power(s.r1, 1.3) * ${nObjects})::int
        JOIN bench_techs t ON t.idx = (s.n * 7 + floor(s.r2 * 3)::int) % ${TECHNICIANS}`);
    // money and moments that depend on what was drawn
    const planFinish = () =>
      q(`UPDATE bench_plan p SET
          finished_at = CASE WHEN p.status IN ('FINALIZADO', 'ENTREGUE') THEN p.finished_at END,
          changed_at = CASE p.status
            WHEN 'NAO_INICIADO' THEN p.received_at
            WHEN 'FINALIZADO' THEN p.finished_at
            WHEN 'ENTREGUE' THEN p.delivered_at
            WHEN 'CANCELADO' THEN p.received_at + least(p.r * interval '3 days', (${nowSql} - p.received_at) * 0.5)
            ELSE p.received_at + (${nowSql} - p.received_at) * (0.2 + 0.7 * p.r) END,
          labor_cents = CASE WHEN p.kind = 'appliance' THEN (80 + floor(p.r * 33)::int * 10) * 100
            ELSE (${arr(jobs.map((j) => Math.round((j.price ?? 0) * 100)))})[1 + p.job] END,
          estimated_hours = CASE WHEN p.kind = 'appliance' THEN 0.5 + floor(p.r * 8) * 0.5
            ELSE (${arr(jobs.map((j) => j.standardHours ?? 1))})[1 + p.job] END,
          parts_cents = coalesce((
            SELECT sum(c.price_cents * (1 + (p.n + j) % 3))
            FROM generate_series(0, p.part_count - 1) AS j
            JOIN bench_components c ON c.idx = (p.part_base + j) % ${COMPONENTS}), 0)`);

    const done = `p.status IN ('FINALIZADO', 'ENTREGUE')`;
    const subtotal = '(p.parts_cents + p.labor_cents)';
    const discount = `round(${subtotal} * p.discount_pct / 100.0)::bigint`;
    const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    const insertRepairs = () =>
      q(
        `INSERT INTO repairs (id, organization_id, number, customer_id, asset_id, status, service_type, priority,
          nf, return_guarantee, fabric_guarantee, parts_total_cents, labor_cents, discount_cents, total_cents,
          estimated_hours, received_at, deadline, service_description, notes, condition, accessories, odometer_km,
          hour_meter, fuel_level, technician_id, checklist, warranty_until, approved_by_id, approved_by_name,
          approved_at, finished_at, delivered_at, status_changed_at, created_by_id, created_at, updated_at, version)
        SELECT p.id, $1, p.n, p.customer_id, p.asset_id, p.status, p.service_type, p.priority,
          CASE WHEN p.status = 'ENTREGUE' AND p.r < 0.6 THEN 'NF-' || p.n END,
          p.r < 0.3, p.kind = 'appliance' AND p.r > 0.9,
          p.parts_cents, p.labor_cents, ${discount}, ${subtotal} - ${discount},
          p.estimated_hours, p.received_at, p.deadline, p.problem,
          CASE WHEN ${done} THEN (${arr(NOTES)})[1 + floor(p.r * ${NOTES.length})::int] ELSE '' END,
          '', CASE WHEN p.kind = 'vehicle' AND p.r < 0.5 THEN '["Estepe", "Chave de roda"]'::jsonb ELSE '[]'::jsonb END,
          CASE WHEN p.kind = 'vehicle' THEN round((5000 + p.r * 245000)::numeric, 1) END,
          CASE WHEN p.kind = 'machine' THEN round((100 + p.r * 9000)::numeric, 1) END,
          CASE WHEN p.kind = 'vehicle' THEN (ARRAY['EMPTY', 'QUARTER', 'HALF', 'THREE_QUARTERS', 'FULL'])[1 + floor(p.r * 5)::int] END,
          p.tech_id,
          CASE WHEN ${done} THEN ${doneList('coalesce(p.tech_name, $3::text)', iso('p.finished_at'))}
               ELSE '${emptyList}'::jsonb END,
          CASE WHEN ${done} THEN p.finished_at + interval '90 days' END,
          CASE WHEN ${done} THEN $2::uuid END, CASE WHEN ${done} THEN $3::text END, CASE WHEN ${done} THEN p.finished_at END,
          p.finished_at, p.delivered_at, p.changed_at, $2, p.received_at, p.changed_at,
          1 + (SELECT count(*) FROM bench_paths b WHERE b.status = p.status)
        FROM bench_plan p ORDER BY p.n`,
        [organizationId, adminId, adminName],
      );
    const insertAppliances = () =>
      q(
        `INSERT INTO repair_appliances (organization_id, repair_id, position, type, brand, model, voltage, serial,
          customer_note, labor_cents, estimated_hours, warranty_days, asset_id, created_at)
        SELECT $1, p.id, 0, p.type, p.brand, p.model, p.voltage, p.serial, p.problem, p.labor_cents,
          p.estimated_hours, 90, p.asset_id, p.received_at
        FROM bench_plan p WHERE p.kind = 'appliance' ORDER BY p.n`,
        [organizationId],
      );
    const insertServices = () =>
      q(
        `INSERT INTO repair_services (organization_id, repair_id, position, description, hours, price_cents,
          technician_id, warranty_days, created_at)
        SELECT $1, p.id, 0, (${arr(jobs.map((j) => j.name))})[1 + p.job], p.estimated_hours, p.labor_cents,
          p.tech_id, 90, p.received_at
        FROM bench_plan p WHERE p.kind <> 'appliance' ORDER BY p.n`,
        [organizationId],
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
        JOIN bench_components c ON c.idx = (p.part_base + j) % ${COMPONENTS}
        ORDER BY p.n, j`,
        [organizationId],
      );
    const insertEvents = () =>
      q(
        `INSERT INTO repair_events (organization_id, repair_id, type, from_status, to_status, data, actor_id,
          actor_name, at)
        SELECT $1, e.id, e.type, e.from_status, e.to_status, NULL, e.actor_id, e.actor_name, e.at FROM (
          SELECT p.n, 0 AS step, p.id, 'created' AS type, NULL AS from_status, 'NAO_INICIADO' AS to_status,
            $2::uuid AS actor_id, $3::text AS actor_name, p.received_at AS at
          FROM bench_plan p
          UNION ALL
          SELECT p.n, b.step, p.id, 'status', b.from_status, b.to_status,
            CASE WHEN b.to_status IN ('EM_ANDAMENTO', 'EM_REVISAO', 'AGUARDANDO_PECAS') AND p.tech_id IS NOT NULL
                 THEN p.tech_id ELSE $2::uuid END,
            CASE WHEN b.to_status IN ('EM_ANDAMENTO', 'EM_REVISAO', 'AGUARDANDO_PECAS') AND p.tech_id IS NOT NULL
                 THEN p.tech_name ELSE $3::text END,
            p.received_at + (CASE b.anchor WHEN 'finished' THEN p.finished_at WHEN 'delivered' THEN p.delivered_at
                                 ELSE p.changed_at END - p.received_at) * b.frac
          FROM bench_plan p JOIN bench_paths b ON b.status = p.status
        ) e ORDER BY e.n, e.step`,
        [organizationId, adminId, adminName],
      );

    const rowsOf = { plan: 0, repairs: 0, appliances: 0, services: 0, parts: 0, events: 0, audit: 0 };
    const seconds = { plan: 0, repairs: 0, appliances: 0, services: 0, parts: 0, events: 0, audit: 0 };
    const audit = createAuditHistory({
      q,
      organizationId,
      admin: { id: adminId, name: adminName },
      customerNames: new Map(customers.map((c) => [c.id, c.name])),
      components: COMPONENTS,
      jobNames: jobs.map((j) => j.name),
    });
    const step = async (key: keyof typeof seconds, work: () => Promise<pg.QueryResult>) => {
      const t0 = Date.now();
      const result = await work();
      seconds[key] += (Date.now() - t0) / 1000;
      rowsOf[key] += result.rowCount ?? 0;
    };
    for (let lo = 1; lo <= REPAIRS; lo += CHUNK) {
      const hi = Math.min(REPAIRS, lo + CHUNK - 1);
      await q('TRUNCATE bench_plan');
      await step('plan', () => planRound(lo, hi));
      await step('plan', planFinish);
      await step('repairs', insertRepairs);
      await step('appliances', insertAppliances);
      await step('services', insertServices);
      await step('parts', insertParts);
      await step('events', insertEvents);
      const a0 = Date.now();
      rowsOf.audit += await audit.round(lo, hi);
      seconds.audit += (Date.now() - a0) / 1000;
      log(
        `orders ${hi.toLocaleString('en')}/${REPAIRS.toLocaleString('en')}: repairs ${seconds.repairs.toFixed(0)} s, events ${seconds.events.toFixed(0)} s`,
      );
    }
    rowsOf.plan = REPAIRS;
    const how = `INSERT … SELECT from the round's plan (${CHUNK.toLocaleString('en')} orders a round)`;
    insertTimes.push(
      {
        table: 'order plan (scratch table, not kept)',
        rows: rowsOf.plan,
        seconds: seconds.plan,
        how: 'generate_series and random() in SQL',
      },
      { table: 'repairs', rows: rowsOf.repairs, seconds: seconds.repairs, how },
      { table: 'repair_appliances', rows: rowsOf.appliances, seconds: seconds.appliances, how },
      { table: 'repair_services', rows: rowsOf.services, seconds: seconds.services, how },
      { table: 'repair_parts', rows: rowsOf.parts, seconds: seconds.parts, how },
      { table: 'repair_events', rows: rowsOf.events, seconds: seconds.events, how },
      {
        table: 'audit_log',
        rows: rowsOf.audit,
        seconds: seconds.audit,
        how: `built in Node (the services' diff, masking and hash), ${AUDIT_BATCH.toLocaleString('en')} orders per INSERT … unnest`,
      },
    );
    await audit.finish();
    // the components hold what open orders reserved; customers remember their last visit
    await q(`UPDATE components c SET reserved = coalesce((
        SELECT sum(quantity) FROM repair_parts p
        WHERE p.organization_id = c.organization_id AND p.component_id = c.id AND p.stock_state = 'reserved'), 0)`);
    await q(`UPDATE customers c SET last_visit_at = v.last FROM (
        SELECT customer_id, max(received_at) AS last FROM repairs GROUP BY customer_id) v WHERE v.customer_id = c.id`);
    // numbers go on from the generated history's highest, as migration 0009 does for a running shop
    await q(`INSERT INTO number_counters (organization_id, kind, value)
        SELECT organization_id, 'repair', max(number) FROM repairs GROUP BY organization_id
        ON CONFLICT (organization_id, kind) DO UPDATE SET value = excluded.value`);
    await q('DROP TABLE bench_plan, bench_objects, bench_techs, bench_components, bench_paths');
    // a running shop's tables have been vacuumed and analyzed (autovacuum): so are these
    await timed('VACUUM ANALYZE (all tables)', 'after the inserts', () => q('VACUUM ANALYZE'));
    gen.release();
    await timed(
      'verify-audit (the generated chain, walked and hashed)',
      'verifyAuditChain',
      async () => {
        const verified = await verifyAuditChain(handle.db);
        if (verified.firstBreak)
          throw new Error(`generated audit chain broken: ${JSON.stringify(verified.firstBreak)}`);
      },
      () => audit.chain.count,
    );

    const sizes = (
      await pool.query<{ table: string; rows: number; total: string }>(
        `SELECT c.relname AS table, c.reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS total
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname IN ('repairs', 'repair_events', 'repair_parts',
           'repair_appliances', 'repair_services', 'customers', 'assets', 'components', 'users', 'audit_log')
         ORDER BY pg_total_relation_size(c.oid) DESC`,
      )
    ).rows;
    const {
      rows: [mix],
    } = await pool.query<{
      open: number;
      overdue: number;
      entregue: number;
      cancelado: number;
      finalizado: number;
    }>(
      `SELECT count(*) FILTER (WHERE status NOT IN ('FINALIZADO', 'ENTREGUE', 'CANCELADO'))::int AS open,
         count(*) FILTER (WHERE status NOT IN ('FINALIZADO', 'ENTREGUE', 'CANCELADO') AND deadline < now())::int AS overdue,
         count(*) FILTER (WHERE status = 'ENTREGUE')::int AS entregue,
         count(*) FILTER (WHERE status = 'CANCELADO')::int AS cancelado,
         count(*) FILTER (WHERE status = 'FINALIZADO')::int AS finalizado
       FROM repairs`,
    );
    log(`status mix: ${JSON.stringify(mix)}`);

    // ---------------------------------------------------------------- the services, as the server wires them
    const services = benchServices({ db: handle.db, pool, cipher, dir });
    const repairsService = services.repairs;
    const ctx: AuthedContext = {
      actor: {
        userId: adminId,
        name: adminName,
        email: 'admin@bench.localhost',
        role: 'ADMINISTRATOR',
        organizationId,
        branchId: null,
        sessionId: 'bench',
        grants: {},
        customerId: null,
      },
      ip: null,
      userAgent: 'bench',
      locale: 'pt-BR',
      requestId: 'bench',
    };

    // the statements a call sends, for EXPLAIN: every query (pool or transaction) ends in Client#query
    const captured: { text: string; values: unknown[] }[] = [];
    let capturing = false;
    const clientQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
      this: pg.Client,
      ...args: unknown[]
    ) {
      if (capturing) {
        const [first, second] = args;
        const text = typeof first === 'string' ? first : (first as { text?: string } | null)?.text;
        const values = Array.isArray(second)
          ? second
          : ((first as { values?: unknown[] } | null)?.values ?? []);
        if (text) captured.push({ text, values });
      }
      return clientQuery.apply(this, args);
    };
    const plansFile = process.env.BENCH_PLANS;
    const plans: string[] = [];
    type Slowest = { ms: number; text: string; why: string };
    /** EXPLAIN ANALYZE of every SELECT one call sends; the slowest one, with its scans on the order tables */
    async function explain(name: string, call: () => Promise<unknown>): Promise<Slowest> {
      captured.length = 0;
      capturing = true;
      try {
        await call();
      } finally {
        capturing = false;
      }
      let slowest: Slowest = { ms: -1, text: '', why: '' };
      for (const statement of captured.filter((s) => /^\s*select/i.test(s.text))) {
        const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
          statement.values,
        );
        const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
        const text = `-- ${name}: ${ms.toFixed(1)} ms\n${statement.text}\n-- params: ${JSON.stringify(statement.values)}\n${plan}\n`;
        plans.push(text);
        if (ms > slowest.ms) {
          const scans = [
            ...plan.matchAll(
              /((?:Parallel )?(?:Seq Scan|Index Only Scan|Index Scan Backward|Index Scan|Bitmap Heap Scan|Bitmap Index Scan))(?: using (\w+))? on (\w+)[^\n]*actual time=[\d.]+\.\.[\d.]+ rows=([\d.]+)/g,
            ),
          ]
            .filter((m) => /^repair/.test(m[3]!) || /^repair/.test(m[2] ?? ''))
            .map(
              (m) => `${m[1]}${m[2] ? ` using ${m[2]}` : ''} on ${m[3]} (${Math.round(Number(m[4]))} rows)`,
            );
          const kind = /^\s*select count\(\*\)/i.test(statement.text)
            ? 'the count'
            : /from "repairs" inner join "customers"/.test(statement.text)
              ? 'the page'
              : `\`${statement.text.replace(/^select .*? from /is, 'select … from ').slice(0, 90)}…\``;
          slowest = { ms, text, why: `${kind}, ${ms.toFixed(0)} ms: ${[...new Set(scans)].join(', ')}` };
        }
      }
      return slowest;
    }

    // ---------------------------------------------------------------- targets of the queries
    const number = () => rnd.int(1, REPAIRS);
    const applianceSerials = assets.filter((a) => a.kind === 'appliance' && a.serial).map((a) => a.serial!);
    const openStatuses = OPEN_REPAIR_STATUSES.join(',');
    const month = () => {
      const d = new Date(startAt.getTime() + rnd.next() * (now.getTime() - startAt.getTime() - 31 * DAY_MS));
      const from = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
      const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1) - 1);
      return { from: from.toISOString().slice(0, 10), to: to.toISOString() };
    };
    const surnameFragment = () => {
      for (;;) {
        const c = customers[rnd.int(0, customers.length - 1)]!;
        const parts = c.name.split(' ');
        const last = parts.at(-1)!;
        if (!c.name.endsWith('Ltda.') && last.length >= 5) return last.slice(0, 5).toLowerCase();
      }
    };
    const scenarios: { name: string; make: () => Record<string, string> }[] = [
      {
        name: 'board: open orders (5 open statuses, 100 per page)',
        make: () => ({ status: openStatuses, pageSize: '100' }),
      },
      {
        name: 'board column: one open status, sort priority, 50 (as the board page)',
        make: () => ({ status: rnd.pick(OPEN_REPAIR_STATUSES), sort: 'priority', pageSize: '50' }),
      },
      {
        name: 'board column: ENTREGUE, sort -updatedAt, 20 (as the board page)',
        make: () => ({ status: 'ENTREGUE', sort: '-updatedAt', pageSize: '20' }),
      },
      {
        name: "technician's my jobs (technicianId + open, sort priority, 100)",
        make: () => ({
          technicianId: rnd.pick(technicianIds),
          open: 'true',
          sort: 'priority',
          pageSize: '100',
        }),
      },
      {
        name: "one customer's orders",
        make: () => ({ customerId: customers[rnd.int(0, customers.length - 1)]!.id }),
      },
      { name: 'text: order number', make: () => ({ q: String(number()) }) },
      {
        name: 'text: customer name fragment (5 letters of a surname)',
        make: () => ({ q: surnameFragment() }),
      },
      { name: 'text: appliance serial', make: () => ({ q: rnd.pick(applianceSerials) }) },
      { name: 'period: one month, sort -receivedAt', make: () => ({ ...month(), sort: '-receivedAt' }) },
      { name: 'overdue orders', make: () => ({ overdue: 'true' }) },
      { name: 'full list, page 200 (25 per page)', make: () => ({ page: '200' }) },
    ];

    type Scenario = (typeof scenarios)[number];
    type Result = Timing & { name: string; example: string; total: number; why: string };
    const show = (raw: Record<string, string>) =>
      Object.entries(raw)
        .map(([k, v]) => `${k}=${v}`)
        .join('&');
    async function timeLists(label: string, which: Scenario[]): Promise<Result[]> {
      const results: Result[] = [];
      for (const scenario of which) {
        for (let i = 0; i < WARMUP; i++) {
          const t0 = performance.now();
          await repairsService.list(ctx, RepairListQuerySchema.parse(scenario.make()));
          if (i >= 1 && performance.now() - t0 > SLOW_MS) break;
        }
        const times: number[] = [];
        let example = '';
        let total = 0;
        for (let i = 0; i < RUNS; i++) {
          const raw = scenario.make();
          const query = RepairListQuerySchema.parse(raw);
          example ||= show(raw);
          const t0 = performance.now();
          const page = await repairsService.list(ctx, query);
          times.push(performance.now() - t0);
          total += page.total;
        }
        const result = {
          name: scenario.name,
          example,
          total: Math.round(total / RUNS),
          why: '',
          ...stats(times),
        };
        log(
          `${label}${scenario.name}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, max ${result.max.toFixed(1)} ms, ~${result.total} found`,
        );
        if (result.p95 >= TARGET_MS || plansFile) {
          const slowest = await explain(`${label}${scenario.name}`, () =>
            repairsService.list(ctx, RepairListQuerySchema.parse(scenario.make())),
          );
          if (result.p95 >= TARGET_MS) {
            result.why = slowest.why;
            console.log(`slowest statement of a run:\n${slowest.text}`);
          }
        }
        results.push(result);
      }
      return results;
    }

    const lists = await timeLists('', scenarios);

    // GET /api/repairs/:id
    const { rows: sample } = await pool.query<{ id: string }>(
      'SELECT id FROM repairs WHERE organization_id = $1 AND number = ANY($2::int[])',
      [organizationId, Array.from({ length: RUNS + WARMUP }, number)],
    );
    for (const r of sample.slice(0, WARMUP)) await repairsService.get(ctx, r.id);
    const getTimes: number[] = [];
    for (const r of sample.slice(WARMUP)) {
      const t0 = performance.now();
      await repairsService.get(ctx, r.id);
      getTimes.push(performance.now() - t0);
    }
    const get = stats(getTimes);
    log(`get: p50 ${get.p50.toFixed(1)} ms, p95 ${get.p95.toFixed(1)} ms`);

    // POST /api/repairs: seed 004's example body (two parts), received now
    const body = (customerId: string) =>
      RepairCreateSchema.parse({
        userId: customerId,
        appliances: [
          {
            type: 'Geladeira',
            brand: 'Brastemp',
            model: 'BRM45',
            voltage: '127 V',
            serial: 'ABC123456',
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
        receivedAt: new Date().toISOString(),
        deadline: new Date(Date.now() + 7 * DAY_MS).toISOString(),
        serviceDescription:
          'Cliente relata que a geladeira não está gelando adequadamente. Problema começou há 3 dias.',
        notes: 'Verificar sistema de refrigeração e pressão do gás. Possível vazamento identificado.',
        status: 'NAO_INICIADO',
        updatedAt: new Date().toISOString(),
      });
    const customerAt = () => customers[rnd.int(0, customers.length - 1)]!.id;
    const reservedBefore = await pool.query<{ reserved: string }>(
      `SELECT reserved FROM components WHERE organization_id = $1 AND id = 'comp-001'`,
      [organizationId],
    );
    let createdCount = 0;
    async function timeCreates(label: string, runs: number): Promise<Timing & { runs: number; why: string }> {
      for (let i = 0; i < WARMUP; i++) await repairsService.create(ctx, body(customerAt()));
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const input = body(customerAt());
        const t0 = performance.now();
        const { body: created } = await repairsService.create(ctx, input);
        times.push(performance.now() - t0);
        // seed 004's example: partsTotal 175.50 + labor 150 - discount 25.50
        if (created.totalValue !== 300)
          throw new Error(`seed 004's body totals 300, got ${created.totalValue}`);
      }
      const result = { runs, why: '', ...stats(times) };
      log(`${label}create: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms`);
      const slowest = await explain(`${label}create (seed 004 body)`, () =>
        repairsService.create(ctx, body(customerAt())),
      );
      result.why = slowest.why;
      if (result.p95 >= TARGET_MS) console.log(`slowest statement of a create:\n${slowest.text}`);
      createdCount += WARMUP + runs + 1;
      return result;
    }
    const create = await timeCreates('', CREATES);

    const parallelTimes: number[] = [];
    const t0 = performance.now();
    for (let round = 0; round < PARALLEL_ROUNDS; round++) {
      await Promise.all(
        Array.from({ length: PARALLEL }, async () => {
          const input = body(customerAt());
          const start = performance.now();
          await repairsService.create(ctx, input);
          parallelTimes.push(performance.now() - start);
        }),
      );
    }
    const parallelSeconds = (performance.now() - t0) / 1000;
    const parallel = stats(parallelTimes);
    const throughput = (PARALLEL * PARALLEL_ROUNDS) / parallelSeconds;
    const reservedAfter = await pool.query<{ reserved: string }>(
      `SELECT reserved FROM components WHERE organization_id = $1 AND id = 'comp-001'`,
      [organizationId],
    );
    createdCount += PARALLEL * PARALLEL_ROUNDS;
    const reservedDelta = Number(reservedAfter.rows[0]!.reserved) - Number(reservedBefore.rows[0]!.reserved);
    if (reservedDelta !== createdCount) {
      throw new Error(`comp-001 reserved moved by ${reservedDelta}, expected ${createdCount}`);
    }
    log(
      `parallel creates: ${throughput.toFixed(1)} orders/s, latency p50 ${parallel.p50.toFixed(1)} ms, p95 ${parallel.p95.toFixed(1)} ms`,
    );

    // what-if: proposed indexes (or any SQL), then the list queries again — reported apart
    const whatIfSql = process.env.BENCH_WHATIF?.trim();
    let whatIf: {
      sql: string;
      seconds: number;
      results: Result[];
      create: Awaited<ReturnType<typeof timeCreates>>;
    } | null = null;
    if (whatIfSql) {
      const w0 = Date.now();
      await pool.query(whatIfSql);
      await pool.query('ANALYZE repairs');
      const seconds = (Date.now() - w0) / 1000;
      log(`what-if SQL ran in ${seconds.toFixed(1)} s`);
      // again: the list queries that missed (or those BENCH_WHATIF_ONLY names), and the creates
      const only = process.env.BENCH_WHATIF_ONLY ? new RegExp(process.env.BENCH_WHATIF_ONLY, 'i') : null;
      const again = scenarios.filter((s) =>
        only ? only.test(s.name) : lists.some((r) => r.name === s.name && r.p95 >= TARGET_MS),
      );
      whatIf = {
        sql: whatIfSql,
        seconds,
        results: await timeLists('[what-if] ', again),
        create: await timeCreates('[what-if] ', Math.max(30, Math.round(CREATES / 4))),
      };
    }
    if (plansFile) {
      await writeFile(plansFile, plans.join('\n'));
      log(`plans in ${plansFile}`);
    }

    // ---------------------------------------------------------------- bench/RESULTS.md
    const {
      rows: [version],
    } = await pool.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const ms = (n: number) => n.toFixed(1);
    const n = (v: number) => Math.round(v).toLocaleString('en');
    const row = (r: Result) =>
      `| ${r.name} | \`${r.example}\` | ${n(r.total)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${r.p95 < TARGET_MS ? 'yes' : '**no**'} |`;
    const missed = lists.filter((r) => r.p95 >= TARGET_MS);
    const knobs = Object.keys(process.env).filter((k) => k.startsWith('BENCH_') && k !== 'BENCH_REPAIRS');
    const section = `## Service orders: ${n(REPAIRS)} orders over ${YEARS} years

Run \`${REPAIRS === 1_000_000 ? '' : `BENCH_REPAIRS=${REPAIRS} `}npx tsx bench/repairs.ts\` (${now.toISOString().slice(0, 10)}${knobs.length ? `; also set: ${knobs.join(', ')}` : ''}).
Machine: ${os.cpus().length} CPU (\`nproc\`; ${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory,
Node ${process.version}, embedded PostgreSQL ${version!.v} with default settings (shared_buffers 128 MB); load
average at the start ${loadAtStart}, at the end ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' / ')} (other work on the machine skews the timings).

Data: one organization, ${n(CUSTOMERS)} customers, ${n(assets.length)} assets (vehicles, appliances, machines),
${n(COMPONENTS)} components (seed 004's \`comp-001\` and \`comp-045\` among them), ${TECHNICIANS} technicians and
${n(REPAIRS)} orders received over the last ${YEARS} years (numbers in order of arrival; spread unevenly over
the assets, the busiest getting a few times the average). Status mix: ${n(mix!.entregue)} ENTREGUE, ${n(mix!.cancelado)} CANCELADO, ${n(mix!.finalizado)}
FINALIZADO, ${n(mix!.open)} open (mostly from the last month; ${n(mix!.overdue)} of them past their deadline).
Appliance orders carry an appliance line, vehicle and machine orders a labor line; 45 % have 1–3 part
lines; every order has its \`created\` event and one per status change; totals are the sums of the lines.
Sizes (table + indexes): ${sizes.map((s) => `${s.table} ${s.total}`).join(', ')}.

| generated | rows | seconds | how |
|---|---:|---:|---|
${insertTimes.map((t) => `| ${t.table} | ${n(t.rows)} | ${t.seconds.toFixed(1)} | ${t.how} |`).join('\n')}

Each query goes through the repairs service that \`GET /api/repairs\` calls (the query string parsed by
\`RepairListQuerySchema\`; the page, its total, appliance types, estimates), ${RUNS} runs each with a
different target after ${WARMUP} warm-up runs. "found" is the average total.

| query | example | found | p50 ms | p95 ms | max ms | p95 < ${TARGET_MS} ms |
|---|---|---:|---:|---:|---:|---|
${lists.map(row).join('\n')}

| call | runs | p50 ms | p95 ms | max ms |
|---|---:|---:|---:|---:|
| \`get\` (GET /api/repairs/:id: the order with its lines, estimate, timers) | ${getTimes.length} | ${ms(get.p50)} | ${ms(get.p95)} | ${ms(get.max)} |
| \`create\` (POST /api/repairs, seed 004's body with 2 parts, one after another) | ${CREATES} | ${ms(create.p50)} | ${ms(create.p95)} | ${ms(create.max)} |
| \`create\`, ${PARALLEL} at once on the same components (${PARALLEL_ROUNDS} rounds) | ${parallelTimes.length} | ${ms(parallel.p50)} | ${ms(parallel.p95)} | ${ms(parallel.max)} |

Parallel creates: ${throughput.toFixed(1)} orders/s (they queue on the component rows they all reserve;
the order number is taken apart, decision 0005); \`comp-001\`'s reserved quantity moved by exactly the ${createdCount} orders created.

Slowest statement of one \`create\` (EXPLAIN ANALYZE): ${create.why}.

Target p95 < ${TARGET_MS} ms for each list query on 1M orders${REPAIRS < 1_000_000 ? ` (this run has ${n(REPAIRS)})` : ''}: ${
      missed.length === 0
        ? `met (worst p95 ${ms(Math.max(...lists.map((r) => r.p95)))} ms).`
        : `**NOT met** by ${missed.length} of ${lists.length}. Where the time goes (EXPLAIN ANALYZE of one call's slowest
statement, the scans of the order tables with their rows):

${missed.map((r) => `- ${r.name}: p95 ${ms(r.p95)} ms; ${r.why}`).join('\n')}`
    }
${
  whatIf
    ? `
### What-if: with SQL that is not in the schema

\`BENCH_WHATIF\` ran, after the timings above (${whatIf.seconds.toFixed(1)} s):

\`\`\`sql
${whatIf.sql}
\`\`\`

| query | example | found | p50 ms | p95 ms | max ms | p95 < ${TARGET_MS} ms |
|---|---|---:|---:|---:|---:|---|
${whatIf.results.map(row).join('\n')}
| \`create\`, seed 004's body, one after another (${whatIf.create.runs} runs) | | | ${ms(whatIf.create.p50)} | ${ms(whatIf.create.p95)} | ${ms(whatIf.create.max)} | |

${whatIf.results
  .filter((r) => r.why)
  .map((r) => `- ${r.name}: ${r.why}`)
  .concat(`- \`create\`: ${whatIf.create.why}`)
  .join('\n')}
`
    : ''
}`;
    const file = process.env.BENCH_RESULTS ?? path.join(HERE, 'RESULTS.md');
    let existing = '';
    try {
      existing = await readFile(file, 'utf8');
    } catch {
      existing = '# Benchmark results\n';
    }
    const marker = /## Service orders[\s\S]*?(?=\n## |$)/;
    const next = marker.test(existing)
      ? existing.replace(marker, () => section.trimEnd())
      : `${existing.trimEnd()}\n\n${section}`;
    await writeFile(file, `${next.trimEnd()}\n`);
    log(`wrote ${file}`);
    const hold = Number(process.env.BENCH_HOLD ?? 0);
    if (hold > 0) {
      // a file to delete ends the wait early (a signal would stop the embedded server without the clean-up)
      const holdFile = path.join(dir, 'HOLD');
      await writeFile(holdFile, 'delete this file to stop the benchmark\n');
      log(`BENCH_HOLD: the database stays up ${hold} s (or until ${holdFile} is deleted): ${pgServer.url}`);
      const until = Date.now() + hold * 1000;
      while (Date.now() < until && existsSync(holdFile)) await new Promise((r) => setTimeout(r, 1000));
    }
    await handle.close();
  } finally {
    await pgServer.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
