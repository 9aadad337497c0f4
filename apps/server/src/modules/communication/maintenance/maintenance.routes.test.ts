import {
  ErrorBodySchema,
  MaintenancePlanListSchema,
  MaintenancePlanSchema,
  MaintenanceReminderPageSchema,
  MaintenanceTemplateListSchema,
} from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finish } from '../../../../test/billing.js';
import { createAsset, createCustomer, otherOrganization } from '../../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../../test/helpers.js';
import { createRepair } from '../../../../test/repairs.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const DAY_MS = 86_400_000;
let plateSeq = 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
/** Tomorrow 15:00 UTC: noon in São Paulo, after the 09:00 the job waits for, after every test's writes. */
function jobClock(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 15));
}

async function car(preferences: Record<string, unknown> = {}, initialReading = 50_000) {
  const customer = await createCustomer(t, { name: 'Joana Prado', preferences });
  const asset = await createAsset(t, customer.id, {
    kind: 'vehicle',
    brand: 'Fiat',
    model: 'Strada',
    plate: `MNT${plateSeq++}`,
    initialReading,
  });
  return { customerId: customer.id, assetId: asset.id };
}

async function createPlan(assetId: string, body: Record<string, unknown>, token = t.adminToken) {
  const res = await t.request('POST', `/api/assets/${assetId}/maintenance-plans`, { token, body });
  expect(res.statusCode, res.body).toBe(201);
  return MaintenancePlanSchema.parse(res.json());
}

let catalogSeq = 1;
/** A service of the organization's catalog (or of the token's organization). */
async function catalogService(name: string, token = t.adminToken): Promise<string> {
  const res = await t.request('POST', '/api/service-catalog', {
    token,
    body: { code: `MNT-${Date.now()}-${catalogSeq++}`, name, standardHours: 1, price: 120 },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function remindersOf(planId: string) {
  const { rows } = await t.deps.pool.query<{ dedupe_key: string; payload: Record<string, unknown> }>(
    `SELECT dedupe_key, payload FROM notification_events WHERE event = 'reminder_due' AND dedupe_key LIKE $1`,
    [`reminder_due:${planId}:%`],
  );
  return rows;
}

describe('maintenance templates', () => {
  it('lists the plans offered for a kind in the request language', async () => {
    const res = await t.request('GET', '/api/maintenance-templates?assetKind=vehicle', {
      token: t.adminToken,
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const templates = MaintenanceTemplateListSchema.parse(res.json());
    expect(templates.every((x) => x.assetKind === 'vehicle')).toBe(true);
    expect(templates.find((x) => x.key === 'vehicle.oil_change')).toMatchObject({
      name: 'Oil change',
      intervalKm: 10_000,
      intervalHours: null,
      intervalMonths: 6,
    });
  });
});

describe('POST /api/assets/:id/maintenance-plans', () => {
  it('creates a plan from a template, last served now at the latest reading', async () => {
    const { assetId, customerId } = await car();
    const plan = await createPlan(assetId, { templateKey: 'vehicle.oil_change' });
    expect(plan).toMatchObject({
      assetId,
      customerId,
      templateKey: 'vehicle.oil_change',
      name: 'Troca de óleo',
      intervalKm: 10_000,
      intervalMonths: 6,
      lastServiceKm: 50_000,
      active: true,
      version: 1,
    });
    // one reading only: no usage to measure yet, so the 6 months decide
    expect(plan.projection).toMatchObject({ reason: 'time', status: 'ok', confidence: 'time_only' });
    const dueInDays = (Date.parse(plan.projection.dueAt!) - Date.now()) / DAY_MS;
    expect(dueInDays).toBeGreaterThan(175);
    expect(dueInDays).toBeLessThan(186);
  });

  it('creates a plan by hand and projects it from the readings history', async () => {
    const { assetId } = await car({}, 40_000);
    // 100 km a day over the last 60 days
    const reading = await t.request('POST', `/api/assets/${assetId}/readings`, {
      token: t.adminToken,
      body: { value: 46_000, readAt: daysAgo(0) },
    });
    expect(reading.statusCode, reading.body).toBe(201);
    await t.deps.pool.query(`UPDATE asset_readings SET read_at = $2 WHERE asset_id = $1 AND value = 40000`, [
      assetId,
      daysAgo(60),
    ]);
    const plan = await createPlan(assetId, {
      name: 'Filtro de ar',
      intervalKm: 10_000,
      lastService: { at: daysAgo(60), km: 40_000 },
    });
    expect(plan).toMatchObject({ name: 'Filtro de ar', templateKey: null, intervalKm: 10_000 });
    expect(plan.projection).toMatchObject({
      reason: 'distance',
      confidence: 'measured',
      dueValue: 50_000,
      status: 'ok',
    });
    // 4,000 km to go at 100 km/day
    const dueInDays = (Date.parse(plan.projection.dueAt!) - Date.now()) / DAY_MS;
    expect(dueInDays).toBeGreaterThan(38);
    expect(dueInDays).toBeLessThan(42);

    const list = await t.request('GET', `/api/assets/${assetId}/maintenance-plans`, { token: t.adminToken });
    expect(list.statusCode, list.body).toBe(200);
    expect(MaintenancePlanListSchema.parse(list.json()).map((p) => p.id)).toEqual([plan.id]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no interval', { name: 'Revisão' }, 'intervalKm'],
    ['a zero interval', { name: 'Revisão', intervalKm: 0 }, 'intervalKm'],
    ['a fractional interval', { name: 'Revisão', intervalMonths: 1.5 }, 'intervalMonths'],
    ['hours on a vehicle', { name: 'Revisão', intervalHours: 250 }, 'intervalHours'],
    ['no name nor template', { intervalMonths: 6 }, 'name'],
    ['a template of another kind', { templateKey: 'machine.service' }, 'templateKey'],
    ['an unknown template', { templateKey: 'vehicle.nope' }, 'templateKey'],
    [
      'a service not in the catalog',
      { name: 'Revisão', intervalMonths: 6, serviceId: '00000000-0000-4000-8000-000000000000' },
      'serviceId',
    ],
    [
      'an order that does not exist',
      {
        name: 'Revisão',
        intervalMonths: 6,
        lastService: { repairId: '00000000-0000-4000-8000-000000000000' },
      },
      'lastService.repairId',
    ],
    [
      'a service in the future',
      { templateKey: 'vehicle.oil_change', lastService: { at: '2999-01-01T00:00:00Z' } },
      'lastService.at',
    ],
  ])('refuses %s with a 400 naming the field', async (_name, body, field) => {
    const { assetId } = await car();
    const res = await t.request('POST', `/api/assets/${assetId}/maintenance-plans`, {
      token: t.adminToken,
      body,
    });
    expect(res.statusCode, res.body).toBe(400);
    const error = ErrorBodySchema.parse(res.json());
    expect(error.error).toBe('Validation Error');
    expect(Object.keys(error.details ?? {})).toContain(field);
  });

  it('answers 404 for another organization’s asset and plan', async () => {
    const { assetId } = await car();
    const plan = await createPlan(assetId, { templateKey: 'vehicle.brake_check' });
    const other = await otherOrganization(t);
    const list = await t.request('GET', `/api/assets/${assetId}/maintenance-plans`, { token: other.token });
    expect(list.statusCode).toBe(404);
    const created = await t.request('POST', `/api/assets/${assetId}/maintenance-plans`, {
      token: other.token,
      body: { templateKey: 'vehicle.oil_change' },
    });
    expect(created.statusCode).toBe(404);
    const patched = await t.request('PATCH', `/api/maintenance-plans/${plan.id}`, {
      token: other.token,
      body: { active: false },
    });
    expect(patched.statusCode).toBe(404);
  });
});

describe('a plan from an order’s service line', () => {
  it('takes the service’s name and the order as its last service', async () => {
    const { assetId, customerId } = await car();
    const oil = await catalogService('Troca de óleo e filtro');
    const repair = await createRepair(
      t,
      { appliances: [], assetId, odometerKm: 50_400, services: [{ catalogId: oil }] },
      { customerId },
    );
    await finish(t, repair.id);
    const plan = await createPlan(assetId, {
      serviceId: oil,
      intervalKm: 10_000,
      intervalMonths: 6,
      lastService: { repairId: repair.id },
    });
    expect(plan).toMatchObject({
      serviceId: oil,
      templateKey: null,
      name: 'Troca de óleo e filtro',
      lastServiceRepairId: repair.id,
      lastServiceKm: 50_400,
      projection: { status: 'ok' },
    });
    const list = await t.request('GET', `/api/assets/${assetId}/maintenance-plans`, { token: t.adminToken });
    expect(MaintenancePlanListSchema.parse(list.json())[0]).toMatchObject({
      id: plan.id,
      serviceId: oil,
      lastServiceRepairId: repair.id,
      version: 1,
    });
  });

  it('accepts an order still open: the service counts from now', async () => {
    const { assetId, customerId } = await car();
    const oil = await catalogService('Troca de óleo');
    const repair = await createRepair(
      t,
      { appliances: [], assetId, services: [{ catalogId: oil }] },
      { customerId },
    );
    const before = Date.now();
    const plan = await createPlan(assetId, {
      serviceId: oil,
      name: 'Óleo do motor',
      intervalMonths: 6,
      lastService: { repairId: repair.id },
    });
    expect(plan).toMatchObject({
      name: 'Óleo do motor',
      lastServiceRepairId: repair.id,
      lastServiceKm: 50_000,
    });
    expect(Date.parse(plan.lastServiceAt!)).toBeGreaterThanOrEqual(before - 1000);
  });

  it.each<[string, string, 'other-asset' | 'no-line' | 'other-organization']>([
    ['an order of another asset', 'lastService.repairId', 'other-asset'],
    ['an order without a line of the service', 'serviceId', 'no-line'],
    ['a service of another organization’s catalog', 'serviceId', 'other-organization'],
  ])('refuses %s with a 400 naming %s', async (_name, field, kind) => {
    const { assetId, customerId } = await car();
    const other = await car();
    const oil = await catalogService('Troca de óleo');
    const brakes = await catalogService('Freios');
    const foreign =
      kind === 'other-organization' ? await catalogService('Óleo', (await otherOrganization(t)).token) : oil;
    const repair = await createRepair(
      t,
      {
        appliances: [],
        assetId: kind === 'other-asset' ? other.assetId : assetId,
        services: [{ catalogId: kind === 'no-line' ? brakes : oil }],
      },
      { customerId: kind === 'other-asset' ? other.customerId : customerId },
    );
    const res = await t.request('POST', `/api/assets/${assetId}/maintenance-plans`, {
      token: t.adminToken,
      body: { serviceId: foreign, intervalMonths: 6, lastService: { repairId: repair.id } },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(Object.keys(ErrorBodySchema.parse(res.json()).details ?? {})).toContain(field);
  });
});

describe('PATCH /api/maintenance-plans/:id', () => {
  it('edits the intervals, marks served and deactivates, honouring If-Match', async () => {
    const { assetId } = await car();
    const plan = await createPlan(assetId, {
      templateKey: 'vehicle.oil_change',
      lastService: { at: daysAgo(200) },
    });
    expect(plan.projection.status).toBe('overdue');

    const stale = await t.request('PATCH', `/api/maintenance-plans/${plan.id}`, {
      token: t.adminToken,
      body: { intervalMonths: 12 },
      headers: { 'if-match': '"7"' },
    });
    expect(stale.statusCode).toBe(412);

    const edited = await t.request('PATCH', `/api/maintenance-plans/${plan.id}`, {
      token: t.adminToken,
      body: { intervalMonths: 12 },
      headers: { 'if-match': `"${plan.version}"` },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.headers.etag).toBe('"2"');
    expect(MaintenancePlanSchema.parse(edited.json())).toMatchObject({ intervalMonths: 12, version: 2 });

    const cleared = await t.request('PATCH', `/api/maintenance-plans/${plan.id}`, {
      token: t.adminToken,
      body: { intervalKm: null, intervalMonths: null },
    });
    expect(cleared.statusCode).toBe(400);
    expect(ErrorBodySchema.parse(cleared.json()).details).toHaveProperty('intervalKm');

    const served = await t.request('PATCH', `/api/maintenance-plans/${plan.id}`, {
      token: t.adminToken,
      body: { served: { km: 50_100 } },
    });
    expect(served.statusCode, served.body).toBe(200);
    const servedPlan = MaintenancePlanSchema.parse(served.json());
    expect(servedPlan.lastServiceKm).toBe(50_100);
    expect(servedPlan.projection.status).toBe('ok');

    const off = await t.request('PATCH', `/api/maintenance-plans/${plan.id}`, {
      token: t.adminToken,
      body: { active: false },
    });
    expect(MaintenancePlanSchema.parse(off.json())).toMatchObject({ active: false, nextReminderAt: null });
  });

  it('answers 404 for an unknown plan', async () => {
    const res = await t.request('PATCH', '/api/maintenance-plans/00000000-0000-4000-8000-000000000000', {
      token: t.adminToken,
      body: { active: false },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('the daily reminders', () => {
  it('sends a due reminder once: a second run records nothing', async () => {
    const { assetId, customerId } = await car();
    const plan = await createPlan(assetId, {
      templateKey: 'vehicle.oil_change',
      lastService: { at: daysAgo(200) },
    });
    const now = jobClock();
    await t.app.services.maintenance.runDue(now);
    const first = await remindersOf(plan.id);
    expect(first).toHaveLength(1);
    expect(first[0]!.payload).toMatchObject({
      assetName: expect.stringContaining('Fiat Strada'),
      dueService: 'Troca de óleo',
    });
    // the portal's booking page with the asset chosen, on the shop's public address
    const link = new URL(String(first[0]!.payload.bookingLink));
    expect(link.pathname).toBe('/portal/book');
    expect(link.searchParams.get('assetId')).toBe(assetId);
    const { rows } = await t.deps.pool.query(
      `SELECT customer_id, related_entity, related_id FROM notification_events WHERE dedupe_key = $1`,
      [first[0]!.dedupe_key],
    );
    expect(rows[0]).toEqual({ customer_id: customerId, related_entity: 'asset', related_id: assetId });

    await t.app.services.maintenance.runDue(now);
    await t.app.services.maintenance.runDue(new Date(now.getTime() + 3_600_000));
    expect(await remindersOf(plan.id)).toHaveLength(1);

    const list = await t.request('GET', `/api/assets/${assetId}/maintenance-plans`, { token: t.adminToken });
    const [stored] = MaintenancePlanListSchema.parse(list.json());
    expect(stored!.lastRemindedAt).toBe(now.toISOString());
  });

  it('waits for 09:00 on the organization’s wall clock', async () => {
    const { assetId } = await car();
    const plan = await createPlan(assetId, {
      templateKey: 'vehicle.oil_change',
      lastService: { at: daysAgo(200) },
    });
    const tomorrow = jobClock();
    // 10:00 UTC is 07:00 in São Paulo
    const early = new Date(tomorrow.getTime() - 5 * 3_600_000);
    await t.app.services.maintenance.runDue(early);
    expect(await remindersOf(plan.id)).toHaveLength(0);
    await t.app.services.maintenance.runDue(tomorrow);
    expect(await remindersOf(plan.id)).toHaveLength(1);
  });

  it('sends nothing to a customer who asked for no reminders', async () => {
    const { assetId } = await car({ reminderFrequency: 'none' });
    const plan = await createPlan(assetId, {
      templateKey: 'vehicle.oil_change',
      lastService: { at: daysAgo(200) },
    });
    expect(plan.nextReminderAt).toBeNull();
    await t.app.services.maintenance.runDue(jobClock());
    expect(await remindersOf(plan.id)).toHaveLength(0);
  });

  it('stops once a newer finished order served the plan', async () => {
    const { assetId, customerId } = await car();
    const plan = await createPlan(assetId, {
      templateKey: 'vehicle.oil_change',
      lastService: { at: daysAgo(200) },
    });
    const repair = await createRepair(t, { appliances: [], assetId, odometerKm: 51_000 }, { customerId });
    await finish(t, repair.id);

    await t.app.services.maintenance.runDue(jobClock());
    expect(await remindersOf(plan.id)).toHaveLength(0);
    const list = await t.request('GET', `/api/assets/${assetId}/maintenance-plans`, { token: t.adminToken });
    const [served] = MaintenancePlanListSchema.parse(list.json());
    expect(served).toMatchObject({ lastServiceRepairId: repair.id, lastServiceKm: 51_000, version: 2 });
    expect(served!.projection.status).toBe('ok');
  });

  it('a plan of a service is served only by a finished order with a line of it', async () => {
    const { assetId, customerId } = await car();
    const oil = await catalogService('Troca de óleo');
    const brakes = await catalogService('Freios');
    const byHand = await createPlan(assetId, {
      templateKey: 'vehicle.oil_change',
      lastService: { at: daysAgo(200) },
    });
    const ofOil = await createPlan(assetId, {
      serviceId: oil,
      intervalMonths: 6,
      lastService: { at: daysAgo(200) },
    });
    // a brakes job: it serves the plan without a service, not the oil plan
    const brakesJob = await createRepair(
      t,
      { appliances: [], assetId, odometerKm: 51_000, services: [{ catalogId: brakes }] },
      { customerId },
    );
    await finish(t, brakesJob.id);
    await t.app.services.maintenance.runDue(jobClock());
    expect(await remindersOf(byHand.id)).toHaveLength(0);
    expect(await remindersOf(ofOil.id)).toHaveLength(1);
    const plans = async () =>
      new Map(
        MaintenancePlanListSchema.parse(
          (
            await t.request('GET', `/api/assets/${assetId}/maintenance-plans`, { token: t.adminToken })
          ).json(),
        ).map((p) => [p.id, p]),
      );
    let byId = await plans();
    expect(byId.get(byHand.id)).toMatchObject({ lastServiceRepairId: brakesJob.id, lastServiceKm: 51_000 });
    expect(byId.get(ofOil.id)).toMatchObject({
      lastServiceRepairId: null,
      projection: { status: 'overdue' },
    });

    // an oil change serves it
    const oilJob = await createRepair(
      t,
      { appliances: [], assetId, odometerKm: 51_200, services: [{ catalogId: oil }] },
      { customerId },
    );
    await finish(t, oilJob.id);
    byId = await plans();
    expect(byId.get(ofOil.id)).toMatchObject({
      lastServiceRepairId: oilJob.id,
      lastServiceKm: 51_200,
      projection: { status: 'ok' },
    });
    expect(byId.get(byHand.id)).toMatchObject({ lastServiceRepairId: oilJob.id });
  });

  it('lists the plans due across the organization, soonest first, with names', async () => {
    const { assetId, customerId } = await car();
    const plan = await createPlan(assetId, {
      templateKey: 'vehicle.brake_check',
      lastService: { at: daysAgo(400) },
    });
    const res = await t.request('GET', '/api/maintenance-reminders?pageSize=200', { token: t.adminToken });
    expect(res.statusCode, res.body).toBe(200);
    const page = MaintenanceReminderPageSchema.parse(res.json());
    const row = page.items.find((r) => r.planId === plan.id);
    expect(row).toMatchObject({
      assetId,
      customerId,
      customerName: 'Joana Prado',
      planName: 'Revisão dos freios',
      status: 'overdue',
      dueReason: 'time',
    });
    expect(row!.assetName).toContain('Fiat Strada');
    const dates = page.items.map((r) => r.dueAt);
    expect([...dates].sort()).toEqual(dates);

    const soon = await t.request('GET', '/api/maintenance-reminders?status=due_soon&pageSize=200', {
      token: t.adminToken,
    });
    const soonPage = MaintenanceReminderPageSchema.parse(soon.json());
    expect(soonPage.items.some((r) => r.planId === plan.id)).toBe(false);
    expect(soonPage.items.every((r) => r.status === 'due_soon')).toBe(true);
  });
});
