/**
 * Free-slot search benchmark (issue 15 §1): a branch of 20 technicians (Monday to Friday, 08–12 and
 * 13–17) and 10 bays with a year of appointments (six months back, six ahead; seeded directly), then
 * 200 searches through the scheduling service (the code GET /api/appointments/slots calls): a week's
 * 1-hour slots from a random day of the next six months, half of them for one technician.
 * Run: npx tsx bench/slots.ts   → prints the figures for bench/RESULTS.md
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SlotQuerySchema } from '@bancada/shared';
import { connectDatabase } from '../apps/server/src/db/client.js';
import { freePort, startEmbeddedPostgres } from '../apps/server/src/db/embedded.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import type { AuthedContext } from '../apps/server/src/platform/context.js';
import { createCipher } from '../apps/server/src/platform/crypto.js';
import { benchServices } from './services.js';

const TECHNICIANS = 20;
const BAYS = 10;
const SEARCHES = Number(process.env.BENCH_RUNS ?? 200);
const DAY_MS = 86_400_000;
const HOURS = ['mon', 'tue', 'wed', 'thu', 'fri'].flatMap((day) => [
  { day, start: '08:00', end: '12:00' },
  { day, start: '13:00', end: '17:00' },
]);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bancada-bench-slots-'));
  await chmod(dir, 0o755);
  const pgServer = await startEmbeddedPostgres({
    dir: path.join(dir, 'pg'),
    port: await freePort(),
    database: 'bench',
  });
  try {
    await runMigrations(pgServer.url);
    const handle = connectDatabase(pgServer.url, { max: 4 });
    const { pool } = handle;
    const one = async <T extends object>(text: string, values: unknown[] = []) =>
      (await pool.query<T & pg_row>(text, values)).rows[0]!;
    type pg_row = Record<string, unknown>;
    const { id: organizationId } = await one<{ id: string }>(
      `INSERT INTO organizations (name) VALUES ('Bench') RETURNING id`,
    );
    const { id: branchId } = await one<{ id: string }>(
      `INSERT INTO branches (organization_id, name, is_default) VALUES ($1, 'Matriz', true) RETURNING id`,
      [organizationId],
    );
    const { id: adminId } = await one<{ id: string }>(
      `INSERT INTO users (organization_id, name, email, password_hash, role, branch_id)
       VALUES ($1, 'Admin', 'admin@bench.test', 'x', 'ADMINISTRATOR', $2) RETURNING id`,
      [organizationId, branchId],
    );
    const technicians = (
      await pool.query<{ id: string }>(
        `INSERT INTO users (organization_id, name, email, password_hash, role, branch_id, working_hours)
         SELECT $1, 'Técnico ' || i, 'tec' || i || '@bench.test', 'x', 'TECHNICIAN', $2, $3::jsonb
         FROM generate_series(1, ${TECHNICIANS}) i RETURNING id`,
        [organizationId, branchId, JSON.stringify(HOURS)],
      )
    ).rows.map((r) => r.id);
    const bays = (
      await pool.query<{ id: string }>(
        `INSERT INTO bays (organization_id, branch_id, name) SELECT $1, $2, 'Box ' || i FROM generate_series(1, ${BAYS}) i RETURNING id`,
        [organizationId, branchId],
      )
    ).rows.map((r) => r.id);
    const { id: customerId } = await one<{ id: string }>(
      `INSERT INTO customers (organization_id, name) VALUES ($1, 'Cliente') RETURNING id`,
      [organizationId],
    );
    const { id: serviceId } = await one<{ id: string }>(
      `INSERT INTO service_catalog (organization_id, code, name, standard_hours, price_cents) VALUES ($1, 'S1', 'Revisão', 1, 10000) RETURNING id`,
      [organizationId],
    );
    // a year of appointments: four 90-minute ones per technician and workday, a third left out so
    // free time remains; the first ten technicians each hold their own bay
    const seeded = await pool.query(
      `INSERT INTO appointments (organization_id, branch_id, customer_id, technician_id, bay_id, starts_at, ends_at, status, source)
       SELECT $1, $2, $3, t.tech, CASE WHEN t.ord <= ${BAYS} THEN ($5::uuid[])[t.ord] END,
              (d::date + s.st) AT TIME ZONE 'America/Sao_Paulo',
              (d::date + s.st + interval '90 minutes') AT TIME ZONE 'America/Sao_Paulo',
              'SCHEDULED', 'STAFF'
       FROM generate_series(now()::date - 182, now()::date + 183, interval '1 day') d
       CROSS JOIN unnest($4::uuid[]) WITH ORDINALITY AS t(tech, ord)
       CROSS JOIN (VALUES (time '08:00'), (time '10:00'), (time '13:00'), (time '15:00')) s(st)
       WHERE extract(isodow FROM d) < 6
         AND (t.ord + extract(doy FROM d)::int + extract(hour FROM s.st)::int) % 3 <> 0`,
      [organizationId, branchId, customerId, technicians, bays],
    );
    await pool.query('ANALYZE');
    const services = benchServices({
      db: handle.db,
      pool,
      cipher: createCipher(randomBytes(32).toString('base64')),
      dir,
    });
    const ctx: AuthedContext = {
      actor: {
        userId: adminId,
        name: 'Admin',
        email: 'admin@bench.test',
        role: 'ADMINISTRATOR',
        organizationId,
        branchId,
        sessionId: 'bench',
        grants: {},
        customerId: null,
      },
      ip: null,
      userAgent: 'bench',
      locale: 'pt-BR',
      requestId: 'bench',
    };
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const search = (i: number) => {
      const from = new Date(Date.now() + Math.floor(random() * 180) * DAY_MS);
      const query = SlotQuerySchema.parse({
        serviceIds: serviceId,
        from: from.toISOString(),
        to: new Date(from.getTime() + 7 * DAY_MS).toISOString(),
        ...(i % 2 ? { technicianId: technicians[Math.floor(random() * TECHNICIANS)] } : {}),
      });
      return services.appointmentAvailability.slots(ctx, query);
    };
    for (let i = 0; i < 20; i++) await search(i); // warm-up
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < SEARCHES; i++) {
      const t0 = performance.now();
      found += (await search(i)).length;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const fmt = (n: number) => n.toFixed(1);
    console.log(
      JSON.stringify(
        {
          date: new Date().toISOString(),
          technicians: TECHNICIANS,
          bays: BAYS,
          appointments: seeded.rowCount,
          searches: SEARCHES,
          averageSlots: Math.round(found / SEARCHES),
          p50ms: fmt(percentile(times, 50)),
          p95ms: fmt(percentile(times, 95)),
          p99ms: fmt(percentile(times, 99)),
          maxms: fmt(times.at(-1)!),
          load: os
            .loadavg()
            .map((n) => n.toFixed(2))
            .join(' / '),
          cpus: os.cpus().length,
          node: process.version,
        },
        null,
        2,
      ),
    );
    await handle.close();
  } finally {
    await pgServer.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
