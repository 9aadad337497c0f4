import { RepairWithWarningsSchema, TechnicianSuggestionListSchema, WEEKDAYS } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerLogin, otherOrganization } from '../../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../../test/helpers.js';
import { createRepair, moveRepair } from '../../../../test/repairs.js';
import {
  assessTechnician,
  compareSuggestions,
  DEFAULT_TIME_ZONE,
  hoursLeftThisWeek,
  localClock,
  normalizeSpecialty,
} from './assessment.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Hours = { day: string; start: string; end: string }[];
const ALL_WEEK: Hours = WEEKDAYS.map((day) => ({ day, start: '00:00', end: '23:59' }));

async function technician(name: string, specialties: string[], workingHours: Hours, active = true) {
  const res = await t.request('POST', '/api/users', {
    token: t.adminToken,
    body: {
      name,
      email: `${normalizeSpecialty(name).replace(/\W/g, '')}-${crypto.randomUUID().slice(0, 6)}@oficina.test`,
      password: 'secret-pass-1',
      role: 'TECHNICIAN',
      specialties,
      workingHours,
    },
  });
  if (res.statusCode !== 201) throw new Error(`create technician failed: ${res.body}`);
  const id = res.json().id as string;
  if (!active) {
    const off = await t.request('PATCH', `/api/users/${id}`, {
      token: t.adminToken,
      body: { active: false },
    });
    if (off.statusCode !== 200) throw new Error(`deactivate failed: ${off.body}`);
  }
  return id;
}

async function catalogService(specialty: string) {
  const res = await t.request('POST', '/api/service-catalog', {
    token: t.adminToken,
    body: {
      code: `SRV-${crypto.randomUUID().slice(0, 6)}`,
      name: `Serviço ${specialty}`,
      specialty,
      price: 100,
    },
  });
  if (res.statusCode !== 201) throw new Error(`create catalog item failed: ${res.body}`);
  return res.json().id as string;
}

const suggestions = async (query: string, token = t.adminToken, lang = 'pt-BR') => {
  const res = await t.request('GET', `/api/technicians/suggestions${query}`, {
    token,
    headers: { 'accept-language': lang },
  });
  expect(res.statusCode, res.body).toBe(200);
  return TechnicianSuggestionListSchema.parse(res.json()).items;
};

const assign = (
  id: string,
  technicianId: string | null,
  headers: Record<string, string> = {},
  token = t.adminToken,
) => t.request('POST', `/api/repairs/${id}/assign`, { token, body: { technicianId }, headers });

// today in the shop's time zone, and a weekday that is not today
const today = localClock(new Date(), DEFAULT_TIME_ZONE).day;
const notToday = WEEKDAYS[(WEEKDAYS.indexOf(today) + 3) % 7]!;

describe('technician suggestions and assignment', () => {
  let ana: string;
  let beto: string;
  let carla: string;
  let dani: string;
  let heavy: string;
  let electrical: string;

  beforeAll(async () => {
    ana = await technician('Ana Elétrica', ['ELETRICA', 'freios'], ALL_WEEK);
    beto = await technician('Beto Sobrecarga', ['elétrica'], ALL_WEEK);
    carla = await technician('Carla Folga', ['suspensão'], [{ day: notToday, start: '08:00', end: '17:00' }]);
    dani = await technician('Dani Sem Agenda', [], []);
    await technician('Edu Inativo', ['Elétrica'], ALL_WEEK, false);
    // 500 estimated hours are more than any week has
    heavy = (
      await createRepair(t, {
        appliances: [{ type: 'Fogão', laborValue: 100, estimatedHours: 500 }],
        technicianId: beto,
      })
    ).id;
    electrical = await catalogService('Elétrica');
  });

  it('ranks by specialty (accent- and case-insensitive), then load, with translated warnings', async () => {
    const items = await suggestions('?specialty=eletrica');
    expect(items.map((i) => i.name)).toEqual([
      'Ana Elétrica',
      'Beto Sobrecarga',
      'Carla Folga',
      'Dani Sem Agenda',
    ]);
    const [a, b, c, d] = items;
    expect(a).toMatchObject({
      id: ana,
      matchesSpecialty: true,
      worksToday: true,
      openOrders: 0,
      assignedHours: 0,
    });
    expect(a!.weeklyHours).toBe(hoursLeftThisWeek(ALL_WEEK, new Date(), DEFAULT_TIME_ZONE));
    expect(b).toMatchObject({
      id: beto,
      matchesSpecialty: true,
      openOrders: 1,
      assignedHours: 500,
      overloaded: true,
    });
    expect(b!.warnings[0]).toMatch(
      /^Beto Sobrecarga já tem 1 OS abertas \(500 h estimadas\) para [\d.,]+ h de trabalho/,
    );
    expect(c).toMatchObject({ id: carla, matchesSpecialty: false, worksToday: false, overloaded: false });
    expect(c!.warnings).toEqual([
      'Carla Folga não tem a especialidade eletrica',
      'Carla Folga não trabalha hoje',
    ]);
    // no working hours recorded: not judged by them
    expect(d).toMatchObject({ id: dani, worksToday: true, weeklyHours: 0, overloaded: false });
    expect(d!.warnings).toEqual(['Dani Sem Agenda não tem a especialidade eletrica']);

    const english = await suggestions('?specialty=eletrica', t.adminToken, 'en');
    expect(english.find((i) => i.id === carla)!.warnings).toContain('Carla Folga does not work today');
  });

  it("takes the order's own needs: its lines' specialties, its hours, and not its own load", async () => {
    const order = await createRepair(t, {
      appliances: [{ type: 'Geladeira', laborValue: 100, estimatedHours: 2 }],
      services: [{ catalogId: electrical }],
    });
    const items = await suggestions(`?repairId=${order.id}`);
    expect(items.filter((i) => i.matchesSpecialty).map((i) => i.id)).toEqual([ana, beto]);
    const forHeavy = await suggestions(`?repairId=${heavy}`);
    // the heavy order is beto's own: it is counted as the order's hours, not twice
    expect(forHeavy.find((i) => i.id === beto)).toMatchObject({
      openOrders: 0,
      assignedHours: 0,
      overloaded: true,
    });
    expect(
      (
        await t.request('GET', `/api/technicians/suggestions?repairId=${crypto.randomUUID()}`, {
          token: t.adminToken,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('assigns with If-Match, an event, an audit row and warnings that never block', async () => {
    const order = await createRepair(t, { services: [{ catalogId: electrical }] });
    const stale = await assign(order.id, carla, { 'if-match': `"${order.version + 5}"` });
    expect(stale.statusCode).toBe(412);

    const res = await assign(order.id, carla, { 'if-match': `"${order.version}"` });
    expect(res.statusCode, res.body).toBe(200);
    const assigned = RepairWithWarningsSchema.parse(res.json());
    expect(assigned).toMatchObject({
      technicianId: carla,
      technicianName: 'Carla Folga',
      version: order.version + 1,
    });
    expect(res.headers.etag).toBe(`"${order.version + 1}"`);
    expect(assigned.warnings).toEqual([
      { code: 'technician_specialty', message: 'Carla Folga não tem a especialidade Elétrica' },
      { code: 'technician_not_today', message: 'Carla Folga não trabalha hoje' },
    ]);
    const { rows: events } = await t.deps.pool.query(
      `SELECT data FROM repair_events WHERE repair_id = $1 AND type = 'assigned'`,
      [order.id],
    );
    expect(events.map((e) => e.data)).toEqual([
      { technicianId: carla, technicianName: 'Carla Folga', previousTechnicianId: null },
    ]);
    const { rows: audit } = await t.deps.pool.query(
      `SELECT before, after FROM audit_log WHERE entity_id = $1 AND action = 'repair.assigned'`,
      [order.id],
    );
    expect(audit).toEqual([
      { before: { technicianId: null }, after: { technicianId: carla, technicianName: 'Carla Folga' } },
    ]);

    const overloaded = RepairWithWarningsSchema.parse((await assign(order.id, beto)).json());
    expect(overloaded.warnings.map((w) => w.code)).toEqual(['technician_overloaded']);
    const cleared = await assign(order.id, null);
    expect(cleared.statusCode).toBe(200);
    expect(RepairWithWarningsSchema.parse(cleared.json())).toMatchObject({
      technicianId: null,
      warnings: [],
    });
    // assigning the same again changes nothing
    const same = RepairWithWarningsSchema.parse((await assign(order.id, null)).json());
    expect(same.version).toBe(cleared.json().version);
  });

  it('refuses unknown or inactive technicians, closed orders, technicians, customers and other shops', async () => {
    const order = await createRepair(t);
    const unknown = await assign(order.id, crypto.randomUUID());
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('Técnico não encontrado ou inativo');
    const { rows } = await t.deps.pool.query(`SELECT id FROM users WHERE name = 'Edu Inativo'`);
    expect((await assign(order.id, rows[0]!.id)).statusCode).toBe(404);

    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    expect((await assign(order.id, tech.id, {}, tech.token)).statusCode).toBe(403);
    // technicians read the list (the board's filter) but only staff who manage orders assign
    expect((await suggestions('', tech.token)).length).toBeGreaterThan(0);
    const portal = await customerLogin(t, order.customerId);
    expect((await t.request('GET', '/api/technicians/suggestions', { token: portal.token })).statusCode).toBe(
      403,
    );
    const other = await otherOrganization(t);
    expect((await assign(order.id, null, {}, other.token)).statusCode).toBe(404);
    expect(
      (await t.request('GET', '/api/technicians/suggestions', { token: other.token })).json().items,
    ).toEqual([]);

    await moveRepair(t, order.id, ['CANCELADO']);
    const closed = await assign(order.id, tech.id);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().message).toBe(`A OS nº ${order.number} está Cancelado e não pode mais ser alterada`);
  });
});

describe('assessment rules', () => {
  // Wednesday 7 January 2026, 13:00 in São Paulo (UTC−3)
  const wednesday1pm = new Date('2026-01-07T16:00:00Z');
  const hours: Hours = [
    { day: 'mon', start: '08:00', end: '12:00' },
    { day: 'wed', start: '08:00', end: '12:00' },
    { day: 'wed', start: '12:30', end: '18:00' },
    { day: 'fri', start: '08:00', end: '12:00' },
  ];
  const base = {
    technician: {
      id: 'x',
      name: 'Rita',
      role: 'TECHNICIAN',
      specialties: ['Refrigeração'],
      workingHours: hours,
    },
    load: { openOrders: 2, assignedHours: 4 },
    required: ['refrigeracao'],
    orderHours: 3,
    now: wednesday1pm,
    timeZone: DEFAULT_TIME_ZONE,
  };

  it('reads the wall clock of the time zone and counts only the hours left this week', () => {
    expect(localClock(wednesday1pm, DEFAULT_TIME_ZONE)).toEqual({ day: 'wed', minutes: 13 * 60 });
    expect(localClock(wednesday1pm, 'Asia/Tokyo').day).toBe('thu');
    // 13:00–18:00 today and Friday's 4 h
    expect(hoursLeftThisWeek(hours, wednesday1pm, DEFAULT_TIME_ZONE)).toBe(9);
    expect(normalizeSpecialty('  Elétrica   Automotiva ')).toBe('eletrica automotiva');
  });

  it('is overloaded when assigned plus this order exceed the hours left, or at eight open orders', () => {
    expect(assessTechnician(base)).toMatchObject({
      matchesSpecialty: true,
      worksToday: true,
      overloaded: false,
    });
    const full = assessTechnician({ ...base, orderHours: 5.5 });
    expect(full.overloaded).toBe(true);
    expect(full.warnings[0]).toMatchObject({
      code: 'technician_overloaded',
      params: { name: 'Rita', orders: 2, hours: 4, available: 9 },
    });
    expect(assessTechnician({ ...base, load: { openOrders: 8, assignedHours: 0 } }).overloaded).toBe(true);
    const thursday = assessTechnician({ ...base, now: new Date('2026-01-08T12:00:00Z') });
    expect(thursday.worksToday).toBe(false);
    expect(thursday.warnings.map((w) => w.code)).toEqual(['technician_overloaded', 'technician_not_today']);
  });

  it('sorts matching specialty first, then not overloaded, then the lightest load', () => {
    const make = (name: string, matchesSpecialty: boolean, overloaded: boolean, assignedHours: number) => ({
      ...assessTechnician(base),
      name,
      matchesSpecialty,
      overloaded,
      assignedHours,
    });
    const sorted = [
      make('d', false, false, 0),
      make('c', true, true, 0),
      make('b', true, false, 10),
      make('a', true, false, 2),
    ].sort(compareSuggestions);
    expect(sorted.map((s) => s.name)).toEqual(['a', 'b', 'c', 'd']);
  });
});
