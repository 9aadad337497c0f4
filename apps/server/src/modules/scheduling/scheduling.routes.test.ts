import {
  AppointmentCalendarSchema,
  AppointmentConflictDetailsSchema,
  AppointmentDetailSchema,
  AppointmentSchema,
  BaySchema,
  CapacitySchema,
  ErrorBodySchema,
  HolidaySchema,
  SlotListSchema,
} from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesOf, runNotifications } from '../../../test/communication.js';
import { createAsset, createCustomer, customerLogin, otherOrganization } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { adminContext } from '../../../test/inventory.js';
import { createRepair } from '../../../test/repairs.js';
import { createAppointmentReminders } from './appointment-reminders.js';
import { createAvailability } from './availability.js';
import { createCapacity } from './capacity.js';
import { createSchedulingRepo } from './scheduling.repo.js';

let t: TestApp;
let serviceId: string;
let twoHourServiceId: string;
beforeAll(async () => {
  t = await createTestApp();
  serviceId = await catalogService('Troca de óleo', 1);
  twoHourServiceId = await catalogService('Revisão dos freios', 2);
});
afterAll(() => t.close());

const DAY_MS = 86_400_000;
const HOURS = ['mon', 'tue', 'wed', 'thu', 'fri'].flatMap((day) => [
  { day, start: '08:00', end: '12:00' },
  { day, start: '13:00', end: '17:00' },
]);
let seq = 1;

/** A Monday `weeks` weeks ahead or more (YYYY-MM-DD); the shop is in São Paulo (UTC-3). */
function monday(weeks: number): string {
  const d = new Date(Date.now() + weeks * 7 * DAY_MS);
  const add = (8 - d.getUTCDay()) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + add))
    .toISOString()
    .slice(0, 10);
}
/** A wall-clock time of the shop (São Paulo) as an ISO instant. */
const local = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00-03:00`).toISOString();
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

async function catalogService(name: string, standardHours: number): Promise<string> {
  const res = await t.request('POST', '/api/service-catalog', {
    token: t.adminToken,
    body: { code: `AG-${seq++}-${Date.now()}`, name, standardHours, price: 100 },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function technician(): Promise<string> {
  const res = await t.request('POST', '/api/users', {
    token: t.adminToken,
    body: {
      name: `Técnico ${seq}`,
      email: `tec-${seq++}-${Date.now()}@oficina.test`,
      password: 'secret-pass-1',
      role: 'TECHNICIAN',
      workingHours: HOURS,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function car() {
  const customer = await createCustomer(t, { name: 'Joana Prado' });
  const asset = await createAsset(t, customer.id, {
    kind: 'vehicle',
    brand: 'Fiat',
    model: 'Strada',
    plate: `AGD${1000 + seq++}`,
  });
  return { customerId: customer.id, assetId: asset.id };
}

async function slots(query: Record<string, string>, token = t.adminToken) {
  const res = await t.request('GET', `/api/appointments/slots?${new URLSearchParams(query)}`, { token });
  expect(res.statusCode, res.body).toBe(200);
  return SlotListSchema.parse(res.json());
}

async function book(body: Record<string, unknown>, token = t.adminToken) {
  return t.request('POST', '/api/appointments', { token, body });
}

async function booked(body: Record<string, unknown>, token = t.adminToken) {
  const res = await book(body, token);
  expect(res.statusCode, res.body).toBe(201);
  return AppointmentSchema.parse(res.json());
}

describe('free slots', () => {
  it('offers 15-minute starts within working hours, never across the lunch break', async () => {
    const tech = await technician();
    const day = monday(3);
    const found = await slots({
      serviceIds: serviceId,
      technicianId: tech,
      from: local(day, '00:00'),
      to: local(nextDay(day), '00:00'),
    });
    expect(found).toHaveLength(26);
    expect(found[0]).toMatchObject({
      start: local(day, '08:00'),
      end: local(day, '09:00'),
      technicianId: tech,
    });
    expect(found.at(-1)?.start).toBe(local(day, '16:00'));
    expect(found.map((s) => s.start)).not.toContain(local(day, '11:15'));
  });

  it('sums the services’ standard hours and leaves out holidays and bookings', async () => {
    const tech = await technician();
    const { customerId } = await car();
    const day = monday(4);
    const range = { technicianId: tech, from: local(day, '00:00'), to: local(nextDay(day), '00:00') };
    // 1 h + 2 h: a 3-hour job fits 08:00–09:00 in the morning and 13:00–14:00 in the afternoon
    const long = await slots({ ...range, serviceIds: `${serviceId},${twoHourServiceId}` });
    expect(long.map((s) => s.start)).toEqual([
      local(day, '08:00'),
      local(day, '08:15'),
      local(day, '08:30'),
      local(day, '08:45'),
      local(day, '09:00'),
      local(day, '13:00'),
      local(day, '13:15'),
      local(day, '13:30'),
      local(day, '13:45'),
      local(day, '14:00'),
    ]);
    await booked({ customerId, serviceIds: [serviceId], technicianId: tech, start: local(day, '09:00') });
    const afterBooking = await slots({ ...range, serviceIds: serviceId });
    expect(afterBooking).toHaveLength(26 - 7);
    expect(afterBooking.map((s) => s.start)).not.toContain(local(day, '09:30'));

    const holiday = await t.request('POST', '/api/holidays', {
      token: t.adminToken,
      body: { date: day, name: 'Aniversário da cidade' },
    });
    expect(holiday.statusCode, holiday.body).toBe(201);
    const { id } = HolidaySchema.parse(holiday.json());
    expect(await slots({ ...range, serviceIds: serviceId })).toEqual([]);
    const again = await t.request('POST', '/api/holidays', {
      token: t.adminToken,
      body: { date: day, name: 'De novo' },
    });
    expect(again.statusCode).toBe(409);
    expect((await t.request('DELETE', `/api/holidays/${id}`, { token: t.adminToken })).statusCode).toBe(204);
    expect(await slots({ ...range, serviceIds: serviceId })).toHaveLength(26 - 7);
  });

  it('answers 400 without services and 404 for a service of no catalog', async () => {
    const day = monday(3);
    const range = { from: local(day, '00:00'), to: local(nextDay(day), '00:00') };
    const none = await t.request(
      'GET',
      `/api/appointments/slots?${new URLSearchParams({ ...range, serviceIds: '' })}`,
      {
        token: t.adminToken,
      },
    );
    expect(none.statusCode).toBe(400);
    const unknown = await t.request(
      'GET',
      `/api/appointments/slots?${new URLSearchParams({ ...range, serviceIds: crypto.randomUUID() })}`,
      { token: t.adminToken },
    );
    expect(unknown.statusCode).toBe(404);
  });
});

describe('booking', () => {
  it('lets exactly one of 20 parallel bookings of one slot win; the rest get 409 with the next free slots', async () => {
    const tech = await technician();
    const { customerId } = await car();
    const day = monday(5);
    const start = local(day, '10:00');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        book({ customerId, serviceIds: [serviceId], technicianId: tech, start }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    // the statuses and the first other body say what the losers got if not a 409
    const other = results.find((r) => r.statusCode !== 201 && r.statusCode !== 409);
    expect(
      codes.filter((c) => c === 409),
      `${codes.join(',')} ${other?.body ?? ''}`,
    ).toHaveLength(19);
    const refused = ErrorBodySchema.parse(results.find((r) => r.statusCode === 409)!.json());
    expect(refused.error).toBe('Conflict');
    const details = AppointmentConflictDetailsSchema.parse(refused.details);
    expect(details).toMatchObject({ resource: 'technician', resourceId: tech });
    expect(details.nextSlots.length).toBeGreaterThan(0);
    expect(details.nextSlots[0]).toMatchObject({ start: local(day, '11:00'), technicianId: tech });
  });

  it('refuses a bay taken at that time, naming the bay', async () => {
    const created = await t.request('POST', '/api/bays', {
      token: t.adminToken,
      body: { name: `Elevador ${seq++}`, kind: 'LIFT' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const bay = BaySchema.parse(created.json());
    const { customerId } = await car();
    const day = monday(6);
    await booked({ customerId, bayId: bay.id, start: local(day, '08:00'), end: local(day, '10:00') });
    const res = await book({
      customerId,
      bayId: bay.id,
      start: local(day, '09:00'),
      end: local(day, '09:30'),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().details).toMatchObject({ resource: 'bay', resourceId: bay.id });
    // deactivated, it is no longer offered or bookable
    const renamed = await t.request('PATCH', `/api/bays/${bay.id}`, {
      token: t.adminToken,
      headers: { 'if-match': `"${bay.version}"` },
      body: { active: false },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const stale = await t.request('PATCH', `/api/bays/${bay.id}`, {
      token: t.adminToken,
      headers: { 'if-match': `"${bay.version}"` },
      body: { name: 'Outro' },
    });
    expect(stale.statusCode).toBe(412);
    const later = await book({
      customerId,
      bayId: bay.id,
      start: local(day, '14:00'),
      end: local(day, '15:00'),
    });
    expect(later.statusCode).toBe(404);
  });

  it('reschedules with If-Match, keeps the history, and refuses a busy time with 409', async () => {
    const tech = await technician();
    const { customerId, assetId } = await car();
    const day = monday(7);
    const first = await booked({
      customerId,
      assetId,
      serviceIds: [serviceId],
      technicianId: tech,
      start: local(day, '08:00'),
    });
    await booked({ customerId, serviceIds: [serviceId], technicianId: tech, start: local(day, '14:00') });
    const moved = await t.request('PATCH', `/api/appointments/${first.id}`, {
      token: t.adminToken,
      headers: { 'if-match': `"${first.version}"` },
      body: { start: local(day, '10:00'), reason: 'cliente pediu' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(AppointmentSchema.parse(moved.json())).toMatchObject({
      start: local(day, '10:00'),
      end: local(day, '11:00'),
    });
    const stale = await t.request('PATCH', `/api/appointments/${first.id}`, {
      token: t.adminToken,
      headers: { 'if-match': `"${first.version}"` },
      body: { start: local(day, '11:00') },
    });
    expect(stale.statusCode).toBe(412);
    const busy = await t.request('PATCH', `/api/appointments/${first.id}`, {
      token: t.adminToken,
      body: { start: local(day, '14:30') },
    });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().details.resource).toBe('technician');
    const detail = AppointmentDetailSchema.parse(
      (await t.request('GET', `/api/appointments/${first.id}`, { token: t.adminToken })).json(),
    );
    expect(detail.changes).toEqual([
      expect.objectContaining({
        fromStart: local(day, '08:00'),
        toStart: local(day, '10:00'),
        reason: 'cliente pediu',
      }),
    ]);
    const { rows } = await t.deps.pool.query(
      `SELECT event FROM notification_events WHERE related_id = $1 ORDER BY created_at`,
      [first.id],
    );
    expect(rows.map((r) => r.event)).toEqual(['appointment_confirmed', 'appointment_changed']);
  });

  it('confirms, opens the service order on arrival (once), and frees the slot on cancel', async () => {
    const tech = await technician();
    const { customerId, assetId } = await car();
    const day = monday(8);
    const appointment = await booked({
      customerId,
      assetId,
      serviceIds: [serviceId, twoHourServiceId],
      technicianId: tech,
      start: local(day, '13:00'),
      notes: 'Barulho no freio dianteiro',
    });
    expect(appointment.end).toBe(local(day, '16:00'));
    const confirmed = await t.request('POST', `/api/appointments/${appointment.id}/confirm`, {
      token: t.adminToken,
    });
    expect(confirmed.json().status).toBe('CONFIRMED');
    const arrived = await t.request('POST', `/api/appointments/${appointment.id}/arrive`, {
      token: t.adminToken,
    });
    expect(arrived.statusCode, arrived.body).toBe(200);
    const { repairId } = arrived.json();
    const again = await t.request('POST', `/api/appointments/${appointment.id}/arrive`, {
      token: t.adminToken,
    });
    expect(again.json()).toEqual({ repairId });
    const repair = (await t.request('GET', `/api/repairs/${repairId}`, { token: t.adminToken })).json();
    expect(repair).toMatchObject({
      userId: customerId,
      assetId,
      serviceDescription: 'Barulho no freio dianteiro',
      status: 'NAO_INICIADO',
    });
    expect(repair.services).toHaveLength(2);
    const noShow = await t.request('POST', `/api/appointments/${appointment.id}/no-show`, {
      token: t.adminToken,
    });
    expect(noShow.statusCode).toBe(422);

    const other = await booked({
      customerId,
      serviceIds: [serviceId],
      technicianId: tech,
      start: local(day, '08:00'),
    });
    const cancelled = await t.request('POST', `/api/appointments/${other.id}/cancel`, {
      token: t.adminToken,
      body: { reason: 'desistiu' },
    });
    expect(cancelled.json()).toMatchObject({ status: 'CANCELLED', cancelReason: 'desistiu' });
    await booked({ customerId, serviceIds: [serviceId], technicianId: tech, start: local(day, '08:00') });
  });

  it('tells the customer, in their message, the time on the shop’s clock', async () => {
    const customer = await createCustomer(t, { name: 'Rita Alves', email: 'rita@cliente.test' });
    const day = monday(13);
    const appointment = await booked({
      customerId: customer.id,
      start: local(day, '09:30'),
      end: local(day, '10:30'),
    });
    await runNotifications(t, { deliver: false });
    const [email] = (await messagesOf(t, appointment.id)).filter((m) => m.channel === 'email');
    expect(email).toMatchObject({ event: 'appointment_confirmed', to_address: 'rita@cliente.test' });
    const [year, month, date] = day.split('-');
    expect(email!.subject).toContain(`${date}/${month}/${year}`);
    expect(email!.subject).toContain('09:30');
  });

  it('lists a range with the open orders’ received dates and deadlines', async () => {
    const tech = await technician();
    const { customerId } = await car();
    const day = monday(9);
    const appointment = await booked({
      customerId,
      serviceIds: [serviceId],
      technicianId: tech,
      start: local(day, '08:00'),
    });
    // seed 004's body: received 2025-11-13T10:00Z
    const order = await createRepair(
      t,
      { technicianId: tech, deadline: local(day, '18:00') },
      { customerId },
    );
    const calendar = async (from: string, to: string) => {
      const res = await t.request(
        'GET',
        `/api/appointments?${new URLSearchParams({ from, to, technicianId: tech })}`,
        {
          token: t.adminToken,
        },
      );
      expect(res.statusCode, res.body).toBe(200);
      return AppointmentCalendarSchema.parse(res.json());
    };
    const week = await calendar(local(day, '00:00'), local(nextDay(day), '00:00'));
    expect(week.appointments.map((a) => a.id)).toEqual([appointment.id]);
    expect(week.appointments[0]).toMatchObject({
      customerName: 'Joana Prado',
      technicianName: expect.any(String),
    });
    expect(week.orderDates).toEqual([
      expect.objectContaining({ repairId: order.id, kind: 'deadline', at: local(day, '18:00') }),
    ]);
    const received = await calendar('2025-11-13T00:00:00.000Z', '2025-11-14T00:00:00.000Z');
    expect(received.orderDates).toEqual([
      expect.objectContaining({ repairId: order.id, kind: 'received', at: '2025-11-13T10:00:00.000Z' }),
    ]);
  });
});

describe('the portal', () => {
  it('books for the customer themself only, and hides other customers’ appointments', async () => {
    const tech = await technician();
    const mine = await car();
    const theirs = await car();
    const { token } = await customerLogin(t, mine.customerId);
    const day = monday(10);
    const offered = await slots(
      {
        serviceIds: serviceId,
        technicianId: tech,
        from: local(day, '00:00'),
        to: local(nextDay(day), '00:00'),
      },
      token,
    );
    expect(offered.length).toBeGreaterThan(0);
    const res = await book(
      { customerId: theirs.customerId, serviceIds: [serviceId], start: offered[0]!.start },
      token,
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(AppointmentSchema.parse(res.json())).toMatchObject({
      customerId: mine.customerId,
      source: 'PORTAL',
    });
    // outside working hours: not a slot the portal may take
    const night = await book(
      {
        customerId: mine.customerId,
        serviceIds: [serviceId],
        technicianId: tech,
        start: local(day, '22:00'),
      },
      token,
    );
    expect(night.statusCode).toBe(409);
    expect(night.json().details.nextSlots.length).toBeGreaterThan(0);

    const other = await booked({
      customerId: theirs.customerId,
      serviceIds: [serviceId],
      technicianId: tech,
      start: local(day, '15:00'),
    });
    for (const [method, url] of [
      ['GET', `/api/appointments/${other.id}`],
      ['PATCH', `/api/appointments/${other.id}`],
      ['POST', `/api/appointments/${other.id}/cancel`],
    ] as const) {
      const answer = await t.request(method, url, { token, body: method === 'PATCH' ? { notes: 'x' } : {} });
      expect(answer.statusCode, `${method} ${url}`).toBe(404);
    }
    const list = AppointmentCalendarSchema.parse(
      (
        await t.request(
          'GET',
          `/api/appointments?${new URLSearchParams({ from: local(day, '00:00'), to: local(nextDay(day), '00:00'), customerId: theirs.customerId })}`,
          { token },
        )
      ).json(),
    );
    expect(list.appointments.every((a) => a.customerId === mine.customerId)).toBe(true);
    expect(list.appointments).toHaveLength(1);
    const confirm = await t.request('POST', `/api/appointments/${res.json().id}/confirm`, { token });
    expect(confirm.statusCode).toBe(403);
  });

  it('refuses a customer’s cancellation less than 2 hours before the start', async () => {
    const { customerId } = await car();
    const { token } = await customerLogin(t, customerId);
    const soon = new Date(Date.now() + 60 * 60_000);
    const appointment = await booked({
      customerId,
      start: soon.toISOString(),
      end: new Date(soon.getTime() + 3_600_000).toISOString(),
    });
    const res = await t.request('POST', `/api/appointments/${appointment.id}/cancel`, { token, body: {} });
    expect(res.statusCode).toBe(422);
    expect(ErrorBodySchema.parse(res.json()).message).toMatch(/2/);
    const staff = await t.request('POST', `/api/appointments/${appointment.id}/cancel`, {
      token: t.adminToken,
    });
    expect(staff.json().status).toBe('CANCELLED');
  });

  it('keeps another organization out', async () => {
    const { customerId } = await car();
    const day = monday(11);
    const appointment = await booked({ customerId, start: local(day, '08:00'), end: local(day, '09:00') });
    const other = await otherOrganization(t);
    for (const [method, url] of [
      ['GET', `/api/appointments/${appointment.id}`],
      ['POST', `/api/appointments/${appointment.id}/arrive`],
    ] as const) {
      expect((await t.request(method, url, { token: other.token })).statusCode).toBe(404);
    }
    const booking = await book(
      { customerId, start: local(day, '10:00'), end: local(day, '11:00') },
      other.token,
    );
    expect(booking.statusCode).toBe(404);
  });
});

describe('capacity and reminders (a fixed clock)', () => {
  it('flags the 17:00 promise at 11:00 when the remaining hours exceed the time left', async () => {
    const tech = await technician();
    const day = monday(12);
    const { customerId } = await car();
    await booked({ customerId, technicianId: tech, start: local(day, '14:00'), end: local(day, '15:00') });
    const order = await createRepair(
      t,
      {
        technicianId: tech,
        services: [{ description: 'Retífica', hours: 5, price: 500 }],
        deadline: local(day, '17:00'),
      },
      { customerId },
    );
    const s = t.app.services;
    // the module's services on the app's database, with the clock at 11:00 that day
    const deps = {
      ...t.deps,
      storage: s.storage,
      repo: createSchedulingRepo(),
      customers: s.customers,
      assets: s.assets,
      users: s.users,
      organization: s.organization,
      outbox: s.outbox,
      repairs: s.repairs,
      now: () => new Date(local(day, '11:00')),
    };
    const availability = createAvailability(deps);
    const scheduling = {
      availability: { capacity: createCapacity({ ...deps, availability }) },
      appointmentReminders: createAppointmentReminders(deps),
    };
    const capacity = CapacitySchema.parse(
      await scheduling.availability.capacity(await adminContext(t), { date: day }),
    );
    const mine = capacity.technicians.find((x) => x.technicianId === tech);
    expect(mine).toMatchObject({
      availableHours: 8,
      appointmentHours: 1,
      orderHours: 4,
      bookedHours: 5,
      atRisk: [expect.objectContaining({ repairId: order.id, remainingHours: 5, availableHours: 4 })],
    });

    // the day before, the reminder goes out once
    // on the day itself it is too late for the day-before reminder
    expect(await scheduling.appointmentReminders.runDue(new Date(local(day, '07:00')))).toBe(0);
    const eve = new Date(Date.parse(local(day, '10:00')) - DAY_MS);
    expect(await scheduling.appointmentReminders.runDue(eve)).toBeGreaterThan(0);
    const count = async () =>
      (
        await t.deps.pool.query(
          `SELECT count(*)::int AS n FROM notification_events WHERE event = 'appointment_reminder'`,
        )
      ).rows[0].n;
    const before = await count();
    await scheduling.appointmentReminders.runDue(eve);
    expect(await count()).toBe(before);
  });
});
