import { RepairTimeSchema, TimeEntrySchema } from '@bancada/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerLogin, otherOrganization } from '../../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../../test/helpers.js';
import { createRepair, moveRepair } from '../../../../test/repairs.js';
import { LIVE_CHANNEL } from '../../../platform/live.js';
import { createOrderChanges } from '../orders/order-changes.js';
import { createRepairsRepo } from '../orders/repairs.repo.js';
import { actualSecondsByRepair, createRepairTimeRepo } from './time.repo.js';
import { createRepairTimeService } from './time.service.js';
import { timeInStatus } from './time-in-status.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const start = (id: string, token: string, body: Record<string, unknown> = {}, lang = 'pt-BR') =>
  t.request('POST', `/api/repairs/${id}/timers/start`, { token, body, headers: { 'accept-language': lang } });
const stop = (id: string, token: string, body: Record<string, unknown> = {}) =>
  t.request('POST', `/api/repairs/${id}/timers/stop`, { token, body });

async function eventTypes(repairId: string): Promise<string[]> {
  const { rows } = await t.deps.pool.query<{ type: string }>(
    'SELECT type FROM repair_events WHERE repair_id = $1 ORDER BY seq',
    [repairId],
  );
  return rows.map((r) => r.type);
}

describe('timers', () => {
  it('starts and stops the caller’s own timer, stamped with the order’s status, with events and audit', async () => {
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Ana Técnica' });
    const repair = await createRepair(t);
    await moveRepair(t, repair.id, ['EM_ANDAMENTO']);
    const started = await start(repair.id, tech.token, { note: 'Diagnóstico' });
    expect(started.statusCode, started.body).toBe(201);
    const entry = TimeEntrySchema.parse(started.json());
    expect(entry).toMatchObject({
      repairId: repair.id,
      technicianId: tech.id,
      technicianName: 'Ana Técnica',
      stage: 'EM_ANDAMENTO',
      endedAt: null,
      note: 'Diagnóstico',
      serviceLineId: null,
    });
    const stopped = await stop(repair.id, tech.token);
    expect(stopped.statusCode, stopped.body).toBe(200);
    const done = TimeEntrySchema.parse(stopped.json());
    expect(done.id).toBe(entry.id);
    expect(done.endedAt).not.toBeNull();
    expect(done.seconds).toBeGreaterThanOrEqual(0);
    expect(await eventTypes(repair.id)).toEqual(['created', 'status', 'timer_started', 'timer_stopped']);
    const { rows } = await t.deps.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'repair.timer%' ORDER BY id`,
      [repair.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['repair.timer_started', 'repair.timer_stopped']);

    const again = await stop(repair.id, tech.token);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('Nenhum cronômetro em andamento nesta OS para Ana Técnica');
  });

  it('allows one running timer per technician and names the order it runs on', async () => {
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Bruno' });
    const first = await createRepair(t);
    const second = await createRepair(t);
    expect((await start(first.id, tech.token)).statusCode).toBe(201);
    const busy = await start(second.id, tech.token, {}, 'en');
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({
      error: 'Conflict',
      message: `A timer is already running for Bruno (order no. ${first.number}); stop it first`,
      details: { repairId: first.id, number: first.number },
    });
    // another technician may time the same order meanwhile
    const colleague = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    expect((await start(first.id, colleague.token)).statusCode).toBe(201);
  });

  it('lets exactly one of two simultaneous starts for a technician win', async () => {
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const a = await createRepair(t);
    const b = await createRepair(t);
    const responses = await Promise.all([start(a.id, tech.token), start(b.id, tech.token)]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const { rows } = await t.deps.pool.query(
      'SELECT id FROM repair_time_entries WHERE technician_id = $1 AND ended_at IS NULL',
      [tech.id],
    );
    expect(rows).toHaveLength(1);
  });

  it('answers 409 from the unique index when two starts pass the check together', async () => {
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Duda' });
    const a = await createRepair(t);
    const b = await createRepair(t);
    const actor = (await t.app.services.auth.resolveActor(tech.token))!;
    const ctx = { actor, ip: null, userAgent: null, locale: 'pt-BR' as const, requestId: 'test' };
    const repo = createRepairTimeRepo();
    // the check inside the transaction sees nothing, as when both requests run it at once
    const blind = {
      ...repo,
      runningFor: (...args: Parameters<typeof repo.runningFor>) =>
        args[0] === t.deps.db ? repo.runningFor(...args) : Promise.resolve(undefined),
    };
    const orders = createRepairsRepo();
    const service = createRepairTimeService({
      db: t.deps.db,
      pool: t.deps.pool,
      repo: blind,
      orders,
      changes: createOrderChanges({ repo: orders, outbox: t.app.services.outbox }),
      users: t.app.services.users,
      status: t.app.services.repairStatus,
    });
    await service.start(ctx, a.id, {});
    await expect(service.start(ctx, b.id, {})).rejects.toMatchObject({
      code: 'CONFLICT',
      messageKey: 'repairs.timer_running',
      params: { name: 'Duda', number: String(a.number) },
    });
  });

  it('lets staff with repairs:update time another technician, but not a technician', async () => {
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Carla' });
    const other = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const repair = await createRepair(t);
    const refused = await start(repair.id, other.token, { technicianId: tech.id });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toBe('Um técnico só registra o próprio tempo');
    const attendant = await createUserAndLogin(t, { role: 'ATTENDANT' });
    const byDesk = await start(repair.id, attendant.token, { technicianId: tech.id });
    expect(byDesk.statusCode, byDesk.body).toBe(201);
    expect(byDesk.json()).toMatchObject({ technicianId: tech.id, technicianName: 'Carla' });
    expect((await stop(repair.id, attendant.token, { technicianId: tech.id })).statusCode).toBe(200);
    const nobody = await start(repair.id, t.adminToken, { technicianId: crypto.randomUUID() });
    expect(nobody.statusCode).toBe(404);
  });

  it('refuses closed orders, foreign service lines, customers and other shops', async () => {
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const repair = await createRepair(t);
    const line = await start(repair.id, tech.token, { serviceLineId: crypto.randomUUID() });
    expect(line.statusCode).toBe(404);
    await moveRepair(t, repair.id, ['CANCELADO']);
    const closed = await start(repair.id, tech.token);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().message).toBe(
      `A OS nº ${repair.number} está Cancelado e não pode mais ser alterada`,
    );

    const mine = await createRepair(t);
    const portal = await customerLogin(t, mine.customerId);
    expect((await start(mine.id, portal.token)).statusCode).toBe(403);
    expect((await t.request('GET', `/api/repairs/${mine.id}/time`, { token: portal.token })).statusCode).toBe(
      403,
    );
    const other = await otherOrganization(t);
    expect((await start(mine.id, other.token)).statusCode).toBe(404);
    expect((await t.request('GET', `/api/repairs/${mine.id}/time`, { token: other.token })).statusCode).toBe(
      404,
    );
    expect((await t.request('POST', `/api/repairs/${mine.id}/timers/start`, { body: {} })).statusCode).toBe(
      401,
    );
  });
});

describe('the first timer on an order not started yet', () => {
  it('puts the order in progress through the status machine: event, audit, live update, stage', async () => {
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Iara' });
    const repair = await createRepair(t);
    expect(repair.status).toBe('NAO_INICIADO');
    const listener = new pg.Client({ connectionString: t.url });
    await listener.connect();
    const live: { type: string; repairId: string; status: string }[] = [];
    listener.on('notification', (n) => live.push(JSON.parse(n.payload ?? '{}')));
    await listener.query(`LISTEN ${LIVE_CHANNEL}`);

    const started = await start(repair.id, tech.token);
    expect(started.statusCode, started.body).toBe(201);
    expect(TimeEntrySchema.parse(started.json()).stage).toBe('EM_ANDAMENTO');
    const after = (await t.request('GET', `/api/repairs/${repair.id}`, { token: tech.token })).json();
    expect(after.status).toBe('EM_ANDAMENTO');
    expect(await eventTypes(repair.id)).toEqual(['created', 'status', 'timer_started']);
    const { rows: events } = await t.deps.pool.query(
      `SELECT from_status, to_status, note FROM repair_events WHERE repair_id = $1 AND type = 'status'`,
      [repair.id],
    );
    expect(events).toEqual([
      { from_status: 'NAO_INICIADO', to_status: 'EM_ANDAMENTO', note: 'Iniciada pelo cronômetro de Iara' },
    ]);
    const { rows: audit } = await t.deps.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1
          AND action IN ('repair.status_changed', 'repair.timer_started') ORDER BY id`,
      [repair.id],
    );
    expect(audit.map((r) => r.action)).toEqual(['repair.status_changed', 'repair.timer_started']);
    await expect.poll(() => live.filter((m) => m.repairId === repair.id).length).toBeGreaterThanOrEqual(2);
    expect(live.find((m) => m.type === 'repair.status_changed')).toMatchObject({
      repairId: repair.id,
      status: 'EM_ANDAMENTO',
    });
    await listener.end();

    // a second technician's timer leaves the order where it is
    const colleague = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    expect((await start(repair.id, colleague.token)).statusCode).toBe(201);
    expect(await eventTypes(repair.id)).toEqual(['created', 'status', 'timer_started', 'timer_started']);
  });

  it('refuses the timer with 403 and the reason when the caller may not start the order', async () => {
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Joel' });
    const repair = await createRepair(t);
    const actor = (await t.app.services.auth.resolveActor(tech.token))!;
    // a role outside the transition's roles that still holds repairs:transition through a grant
    const ctx = {
      actor: {
        ...actor,
        role: 'CUSTOMER' as const,
        customerId: repair.customerId,
        grants: { 'repairs:transition': ['CUSTOMER' as const] },
      },
      ip: null,
      userAgent: null,
      locale: 'en' as const,
      requestId: 'test',
    };
    await expect(t.app.services.repairTime.start(ctx, repair.id, {})).rejects.toMatchObject({
      code: 'FORBIDDEN',
      messageKey: 'repairs.timer_needs_start',
      details: { from: 'NAO_INICIADO', to: 'EM_ANDAMENTO' },
    });
    const { rows } = await t.deps.pool.query('SELECT id FROM repair_time_entries WHERE repair_id = $1', [
      repair.id,
    ]);
    expect(rows).toHaveLength(0);
    expect(await eventTypes(repair.id)).toEqual(['created']);
    const res = await t.request('GET', `/api/repairs/${repair.id}`, { token: t.adminToken });
    expect(res.json().status).toBe('NAO_INICIADO');
  });
});

describe('time of an order', () => {
  it('measures time in each status from the events and estimated vs actual hours', async () => {
    const ana = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Ana' });
    const beto = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Beto' });
    const repair = await createRepair(t, {
      appliances: [{ type: 'Geladeira', laborValue: 150, estimatedHours: 2.5 }],
    });
    await moveRepair(t, repair.id, ['EM_ANDAMENTO']);
    // created 3 h ago, started work 1 h ago (the events are append-only: triggers off for this rewrite)
    await rewriteHistory(
      `UPDATE repair_events SET at = now() - CASE type WHEN 'created' THEN interval '3 hours' ELSE interval '1 hour' END
       WHERE repair_id = $1`,
      [repair.id],
    );
    expect((await start(repair.id, ana.token)).statusCode).toBe(201);
    await t.deps.pool.query(
      `UPDATE repair_time_entries SET started_at = now() - interval '30 minutes' WHERE technician_id = $1`,
      [ana.id],
    );
    expect((await stop(repair.id, ana.token)).statusCode).toBe(200);
    expect((await start(repair.id, beto.token)).statusCode).toBe(201);
    await t.deps.pool.query(
      `UPDATE repair_time_entries SET started_at = now() - interval '15 minutes' WHERE technician_id = $1`,
      [beto.id],
    );

    const res = await t.request('GET', `/api/repairs/${repair.id}/time`, { token: ana.token });
    expect(res.statusCode, res.body).toBe(200);
    const time = RepairTimeSchema.parse(res.json());
    const seconds = Object.fromEntries(time.timeInStatus.map((s) => [s.status, s.seconds]));
    expect(Object.keys(seconds)).toEqual(['NAO_INICIADO', 'EM_ANDAMENTO']);
    expect(seconds.NAO_INICIADO).toBeGreaterThanOrEqual(7200 - 2);
    expect(seconds.NAO_INICIADO).toBeLessThanOrEqual(7200 + 2);
    expect(seconds.EM_ANDAMENTO).toBeGreaterThanOrEqual(3600 - 2);
    expect(seconds.EM_ANDAMENTO).toBeLessThanOrEqual(3600 + 5);
    expect(time.entries.map((e) => [e.technicianName, e.stage, e.endedAt === null])).toEqual([
      ['Ana', 'EM_ANDAMENTO', false],
      ['Beto', 'EM_ANDAMENTO', true],
    ]);
    expect(time.byTechnician.map((b) => b.technicianName)).toEqual(['Ana', 'Beto']);
    expect(time.byTechnician[0]!.seconds).toBeGreaterThanOrEqual(1800);
    expect(time.byTechnician[1]!.seconds).toBeGreaterThanOrEqual(900);
    expect(time.estimatedHours).toBe(repair.estimatedHours);
    expect(time.actualHours).toBeGreaterThanOrEqual(0.75);
    expect(time.actualHours).toBeLessThan(0.8);

    const sums = await actualSecondsByRepair(t.deps.db, (await orgOf(repair.id)).organizationId, [
      repair.id,
      crypto.randomUUID(),
    ]);
    expect([...sums.keys()]).toEqual([repair.id]);
    expect(sums.get(repair.id)).toBeGreaterThanOrEqual(2700);
    const other = await otherOrganization(t);
    expect((await actualSecondsByRepair(t.deps.db, other.organizationId, [repair.id])).size).toBe(0);
  });
});

async function rewriteHistory(statement: string, params: unknown[]) {
  const client = await t.deps.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(statement, params);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

async function orgOf(repairId: string) {
  const { rows } = await t.deps.pool.query<{ organizationId: string }>(
    'SELECT organization_id AS "organizationId" FROM repairs WHERE id = $1',
    [repairId],
  );
  return rows[0]!;
}

describe('timeInStatus', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 0, 5, 8, minutes));
  const origin = { status: 'NAO_INICIADO', at: at(0) };

  it('opens with the created row, moves at each status row and runs the current one to now', () => {
    const events = [
      { type: 'created', fromStatus: null, toStatus: 'NAO_INICIADO', at: at(0) },
      { type: 'assigned', fromStatus: null, toStatus: null, at: at(5) },
      { type: 'status', fromStatus: 'NAO_INICIADO', toStatus: 'EM_ANDAMENTO', at: at(10) },
      { type: 'status', fromStatus: 'EM_ANDAMENTO', toStatus: 'AGUARDANDO_PECAS', at: at(40) },
      { type: 'status', fromStatus: 'AGUARDANDO_PECAS', toStatus: 'EM_ANDAMENTO', at: at(50) },
    ];
    expect(timeInStatus(events, origin, at(70))).toEqual([
      { status: 'NAO_INICIADO', seconds: 600 },
      { status: 'AGUARDANDO_PECAS', seconds: 600 },
      { status: 'EM_ANDAMENTO', seconds: 3000 },
    ]);
  });

  it('starts from the first change’s status when the created row is missing, never negative', () => {
    const events = [{ type: 'status', fromStatus: 'NAO_INICIADO', toStatus: 'CANCELADO', at: at(20) }];
    expect(timeInStatus(events, origin, at(10))).toEqual([
      { status: 'NAO_INICIADO', seconds: 1200 },
      { status: 'CANCELADO', seconds: 0 },
    ]);
    expect(timeInStatus([], origin, at(1))).toEqual([{ status: 'NAO_INICIADO', seconds: 60 }]);
  });
});
