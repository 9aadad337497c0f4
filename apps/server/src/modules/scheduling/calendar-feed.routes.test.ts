import { CalendarFeedSchema, ErrorBodySchema } from '@bancada/shared';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAsset, createCustomer, customerLogin, otherOrganization } from '../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestApp;
let organizationId: string;
let branchId: string;
let ana: { id: string; token: string };
let bruno: { id: string; token: string };
let customer: { id: string };
let otherCustomer: { id: string };
let portal: { id: string; token: string };
let asset: { id: string };
let serviceId: string;

beforeAll(async () => {
  t = await createTestApp();
  const org = await t.request('GET', '/api/organization', { token: t.adminToken });
  organizationId = org.json().id;
  // the shop's public address: feed URLs are built on it, and event UIDs carry its host
  const patched = await t.request('PATCH', '/api/organization', {
    token: t.adminToken,
    headers: { 'if-match': String(org.headers.etag) },
    body: { name: 'Oficina Central', publicUrl: 'https://oficina.example.com' },
  });
  expect(patched.statusCode).toBe(200);
  const branches = await t.deps.pool.query<{ id: string }>(
    'SELECT id FROM branches WHERE organization_id = $1 ORDER BY created_at LIMIT 1',
    [organizationId],
  );
  branchId = branches.rows[0]!.id;
  ana = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Ana Técnica' });
  bruno = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Bruno Técnico' });
  customer = await createCustomer(t, {
    name: 'María José Ñúñez Pereira',
    email: 'maria.jose@cliente.test',
    phone: '(11) 98765-4321',
  });
  otherCustomer = await createCustomer(t, { name: 'Outro Cliente' });
  portal = await customerLogin(t, customer.id);
  asset = await createAsset(t, customer.id, { kind: 'vehicle', plate: 'BRA2E19', model: 'Onix' });
  const service = await t.request('POST', '/api/service-catalog', {
    token: t.adminToken,
    body: { code: 'REV-40', name: 'Revisão 40.000 km, alinhamento; balanceamento', price: 350 },
  });
  expect(service.statusCode).toBe(201);
  serviceId = service.json().id;
}, 60_000);

afterAll(async () => {
  await t?.close();
});

/** An appointment row as the scheduling module stores it (the table of db/schema/scheduling.ts). */
async function insertAppointment(values: {
  technicianId?: string | null;
  customerId?: string;
  start: Date;
  hours?: number;
  status?: string;
  organization?: string;
  branch?: string;
}): Promise<string> {
  const res = await t.deps.pool.query<{ id: string }>(
    `INSERT INTO appointments (organization_id, branch_id, customer_id, asset_id, technician_id, service_ids,
                               starts_at, ends_at, status, source, notes)
     VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7, $8, $9, 'STAFF', 'Cliente liga no (11) 98765-4321')
     RETURNING id`,
    [
      values.organization ?? organizationId,
      values.branch ?? branchId,
      values.customerId ?? customer.id,
      values.customerId && values.customerId !== customer.id ? null : asset.id,
      values.technicianId === undefined ? ana.id : values.technicianId,
      [serviceId],
      values.start,
      new Date(values.start.getTime() + (values.hours ?? 1.5) * HOUR),
      values.status ?? 'SCHEDULED',
    ],
  );
  return res.rows[0]!.id;
}

/** What a reschedule does to the row: new times, the version (hence the feed's SEQUENCE) grows. */
async function moveAppointment(id: string, start: Date) {
  await t.deps.pool.query(
    `UPDATE appointments SET starts_at = $2, ends_at = $2::timestamptz + interval '1 hour',
            version = version + 1, updated_at = now() WHERE id = $1`,
    [id, start],
  );
}

async function feedUrl(path: string, token: string, method: 'GET' | 'POST' = 'GET') {
  const res = await t.request(method, path, { token });
  expect(res.statusCode, res.body).toBe(200);
  return CalendarFeedSchema.parse(res.json()).url;
}

/** The path and query of a feed URL, for inject. */
const local = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

async function fetchFeed(url: string) {
  const res = await t.request('GET', local(url));
  return res;
}

function eventsOf(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    calendar,
    events: calendar.getAllSubcomponents('vevent').map((component) => ({
      component,
      event: new ICAL.Event(component),
      status: component.getFirstPropertyValue('status') as string,
      stamp: component.getFirstPropertyValue('dtstamp') as ICAL.Time,
    })),
  };
}

describe('a technician’s calendar feed', () => {
  it('gives the technician their own address on the shop’s public address, the same on every read', async () => {
    const url = await feedUrl(`/api/users/${ana.id}/calendar-feed`, ana.token);
    expect(url).toMatch(
      new RegExp(
        `^https://oficina\\.example\\.com/api/calendar/technicians/${ana.id}\\.ics\\?token=[A-Za-z0-9_-]{43}$`,
      ),
    );
    expect(await feedUrl(`/api/users/${ana.id}/calendar-feed`, ana.token)).toBe(url);
    // an administrator sees the same address
    expect(await feedUrl(`/api/users/${ana.id}/calendar-feed`, t.adminToken)).toBe(url);
    // only the token's SHA-256 is stored
    const token = new URL(url).searchParams.get('token')!;
    const stored = await t.deps.pool.query<{ token_hash: string }>(
      `SELECT token_hash FROM calendar_feeds WHERE owner_id = $1 AND revoked_at IS NULL`,
      [ana.id],
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.token_hash).not.toContain(token);
    expect(stored.rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('makes one feed when several first reads arrive together', async () => {
    const carlos = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Carlos Técnico' });
    const urls = await Promise.all(
      Array.from({ length: 6 }, () => feedUrl(`/api/users/${carlos.id}/calendar-feed`, carlos.token)),
    );
    expect(new Set(urls).size).toBe(1);
    const rows = await t.deps.pool.query('SELECT 1 FROM calendar_feeds WHERE owner_id = $1', [carlos.id]);
    expect(rows.rowCount).toBe(1);
  });

  it('refuses another technician (403), a customer login (403) and an unknown user (404)', async () => {
    const asBruno = await t.request('GET', `/api/users/${ana.id}/calendar-feed`, { token: bruno.token });
    expect(asBruno.statusCode).toBe(403);
    expect(ErrorBodySchema.parse(asBruno.json()).error).toBe('Forbidden');
    const asCustomer = await t.request('POST', `/api/users/${ana.id}/calendar-feed`, { token: portal.token });
    expect(asCustomer.statusCode).toBe(403);
    const unknown = await t.request('GET', `/api/users/${crypto.randomUUID()}/calendar-feed`, {
      token: t.adminToken,
    });
    expect(unknown.statusCode).toBe(404);
    // a customer's login is no staff member with a feed
    const portalUser = await t.request('GET', `/api/users/${portal.id}/calendar-feed`, {
      token: t.adminToken,
    });
    expect(portalUser.statusCode).toBe(404);
  });

  it('serves text/calendar that ical.js parses: the window, cancelled ones as CANCELLED, first name and asset only', async () => {
    const now = Date.now();
    const soon = await insertAppointment({ start: new Date(now + 2 * DAY), status: 'CONFIRMED' });
    const cancelled = await insertAppointment({ start: new Date(now + 3 * DAY), status: 'CANCELLED' });
    const lastWeek = await insertAppointment({ start: new Date(now - 7 * DAY), status: 'ARRIVED' });
    const tooOld = await insertAppointment({ start: new Date(now - 40 * DAY) });
    const tooFar = await insertAppointment({ start: new Date(now + 400 * DAY) });
    const brunos = await insertAppointment({ start: new Date(now + 2 * DAY), technicianId: bruno.id });

    const res = await fetchFeed(await feedUrl(`/api/users/${ana.id}/calendar-feed`, ana.token));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of res.body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);

    const { calendar, events } = eventsOf(res.body);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Oficina Central — agenda de Ana Técnica');
    const uids = events.map((e) => e.event.uid);
    expect(uids).toEqual(
      expect.arrayContaining([soon, cancelled, lastWeek].map((id) => `${id}@oficina.example.com`)),
    );
    for (const id of [tooOld, tooFar, brunos]) expect(uids).not.toContain(`${id}@oficina.example.com`);

    const byId = new Map(events.map((e) => [e.event.uid.split('@')[0], e]));
    expect(byId.get(soon)!.status).toBe('CONFIRMED');
    expect(byId.get(cancelled)!.status).toBe('CANCELLED');
    expect(byId.get(lastWeek)!.status).toBe('CONFIRMED');
    const first = byId.get(soon)!;
    expect(first.event.startDate.zone?.tzid).toBe('UTC');
    expect(first.event.duration.toSeconds()).toBe(1.5 * 3600);
    expect(first.stamp.zone?.tzid).toBe('UTC');
    expect(Math.abs(first.stamp.toJSDate().getTime() - Date.now())).toBeLessThan(60_000);
    expect(first.event.sequence).toBe(0);
    expect(first.event.summary).toBe('Revisão 40.000 km, alinhamento; balanceamento — María');
    expect(first.event.description).toContain('Onix');
    expect(first.event.description).toContain('BRA2E19');
    // no personal data beyond the first name: not the surname, e-mail, phone or the notes
    for (const secret of ['Ñúñez', 'Pereira', 'maria.jose', '98765', '4321'])
      expect(res.body).not.toContain(secret);
  });

  it('updates a moved appointment: the same UID with a greater SEQUENCE and the new time', async () => {
    const start = new Date(Date.now() + 5 * DAY);
    const id = await insertAppointment({ start });
    const url = await feedUrl(`/api/users/${ana.id}/calendar-feed`, ana.token);
    const before = eventsOf((await fetchFeed(url)).body).events.find(
      (e) => e.event.uid === `${id}@oficina.example.com`,
    )!;
    // iCalendar times have whole seconds
    const later = new Date(Math.floor((start.getTime() + DAY + 2 * HOUR) / 60_000) * 60_000);
    await moveAppointment(id, later);
    const after = eventsOf((await fetchFeed(url)).body).events.find(
      (e) => e.event.uid === `${id}@oficina.example.com`,
    )!;
    expect(after.event.sequence).toBeGreaterThan(before.event.sequence);
    expect(after.event.startDate.toJSDate().toISOString()).toBe(later.toISOString());
  });

  it('follows the scheduling API: a booking, its reschedule (SEQUENCE grows, same UID) and its cancellation', async () => {
    const hours = ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, start: '08:00', end: '17:00' }));
    const created = await t.request('POST', '/api/users', {
      token: t.adminToken,
      body: {
        name: 'Dora Técnica',
        email: 'dora@oficina.test',
        password: 'secret-pass-1',
        role: 'TECHNICIAN',
        workingHours: hours,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const dora = created.json().id as string;
    // a Monday three weeks ahead, on the shop's clock (São Paulo, UTC-3)
    const d = new Date(Date.now() + 21 * DAY);
    const monday = new Date(
      Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + ((8 - d.getUTCDay()) % 7)),
    )
      .toISOString()
      .slice(0, 10);
    const at = (hhmm: string) => new Date(`${monday}T${hhmm}:00-03:00`);
    const booked = await t.request('POST', '/api/appointments', {
      token: t.adminToken,
      body: {
        customerId: customer.id,
        assetId: asset.id,
        serviceIds: [serviceId],
        technicianId: dora,
        start: at('08:00').toISOString(),
        end: at('09:00').toISOString(),
      },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const appointment = booked.json() as { id: string; version: number };
    const url = await feedUrl(`/api/users/${dora}/calendar-feed`, t.adminToken);
    const uid = `${appointment.id}@oficina.example.com`;
    const eventIn = async () => {
      const res = await fetchFeed(url);
      expect(res.statusCode).toBe(200);
      return eventsOf(res.body).events.find((e) => e.event.uid === uid)!;
    };

    const first = await eventIn();
    expect(first.status).toBe('TENTATIVE');
    expect(first.event.startDate.toJSDate().toISOString()).toBe(at('08:00').toISOString());

    const moved = await t.request('PATCH', `/api/appointments/${appointment.id}`, {
      token: t.adminToken,
      headers: { 'if-match': `"${appointment.version}"` },
      body: { start: at('10:00').toISOString(), end: at('11:00').toISOString(), reason: 'cliente pediu' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const second = await eventIn();
    expect(second.event.sequence).toBeGreaterThan(first.event.sequence);
    expect(second.event.startDate.toJSDate().toISOString()).toBe(at('10:00').toISOString());
    expect(second.event.endDate.toJSDate().toISOString()).toBe(at('11:00').toISOString());

    const cancelled = await t.request('POST', `/api/appointments/${appointment.id}/cancel`, {
      token: t.adminToken,
      body: { reason: 'desistiu' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const third = await eventIn();
    expect(third.status).toBe('CANCELLED');
    expect(third.event.sequence).toBeGreaterThan(second.event.sequence);
  });

  it('replacing the address: the old one answers 404 in seed 004’s body, the new one works', async () => {
    const old = await feedUrl(`/api/users/${ana.id}/calendar-feed`, ana.token);
    const replaced = await feedUrl(`/api/users/${ana.id}/calendar-feed`, ana.token, 'POST');
    expect(replaced).not.toBe(old);
    const gone = await fetchFeed(old);
    expect(gone.statusCode).toBe(404);
    expect(ErrorBodySchema.parse(gone.json())).toMatchObject({ error: 'Not Found' });
    expect((await fetchFeed(replaced)).statusCode).toBe(200);
    // reading it again gives the new address; an administrator may replace it too
    expect(await feedUrl(`/api/users/${ana.id}/calendar-feed`, ana.token)).toBe(replaced);
    const byAdmin = await feedUrl(`/api/users/${ana.id}/calendar-feed`, t.adminToken, 'POST');
    expect((await fetchFeed(replaced)).statusCode).toBe(404);
    expect((await fetchFeed(byAdmin)).statusCode).toBe(200);
    const live = await t.deps.pool.query(
      'SELECT 1 FROM calendar_feeds WHERE owner_id = $1 AND revoked_at IS NULL',
      [ana.id],
    );
    expect(live.rowCount).toBe(1);
  });

  it('answers 404 to a wrong token, a valid token on another technician’s id or on the customers’ path', async () => {
    const url = new URL(await feedUrl(`/api/users/${ana.id}/calendar-feed`, ana.token));
    const token = url.searchParams.get('token')!;
    await feedUrl(`/api/users/${bruno.id}/calendar-feed`, bruno.token);
    for (const path of [
      `/api/calendar/technicians/${ana.id}.ics?token=${token.slice(0, -2)}xx`,
      `/api/calendar/technicians/${bruno.id}.ics?token=${token}`,
      `/api/calendar/customers/${ana.id}.ics?token=${token}`,
      `/api/calendar/customers/${customer.id}.ics?token=${token}`,
    ]) {
      const res = await t.request('GET', path);
      expect(res.statusCode, path).toBe(404);
      expect(ErrorBodySchema.parse(res.json()).message).toBeTruthy();
    }
    expect((await t.request('GET', `/api/calendar/technicians/${ana.id}.ics`)).statusCode).toBe(400);
  });

  it('keeps organizations apart: another shop’s id with its valid token, or its admin on this shop’s technician, gets 404', async () => {
    const b = await otherOrganization(t);
    const tb: TestApp = { ...t, adminToken: b.token };
    const carla = await createUserAndLogin(tb, { role: 'TECHNICIAN', name: 'Carla da Outra' });
    const carlaUrl = new URL(await feedUrl(`/api/users/${carla.id}/calendar-feed`, carla.token));
    const carlaToken = carlaUrl.searchParams.get('token')!;
    expect((await t.request('GET', local(carlaUrl.toString()))).statusCode).toBe(200);
    // B's token on A's technician
    expect(
      (await t.request('GET', `/api/calendar/technicians/${ana.id}.ics?token=${carlaToken}`)).statusCode,
    ).toBe(404);
    // B's administrator asking for A's technician's address
    for (const method of ['GET', 'POST'] as const) {
      const res = await t.request(method, `/api/users/${ana.id}/calendar-feed`, { token: b.token });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(ana.id);
    }
    // B's feed never lists A's appointments
    expect((await t.request('GET', local(carlaUrl.toString()))).body).not.toContain('María');
  });
});

describe('a customer’s calendar feed (the portal)', () => {
  it('gives the signed-in customer their own address and feed; staff get 403', async () => {
    const url = await feedUrl('/api/portal/calendar-feed', portal.token);
    expect(url).toMatch(
      new RegExp(`^https://oficina\\.example\\.com/api/calendar/customers/${customer.id}\\.ics\\?token=`),
    );
    for (const token of [t.adminToken, ana.token]) {
      expect((await t.request('GET', '/api/portal/calendar-feed', { token })).statusCode).toBe(403);
      expect((await t.request('POST', '/api/portal/calendar-feed', { token })).statusCode).toBe(403);
    }
    const mine = await insertAppointment({ start: new Date(Date.now() + 4 * DAY), technicianId: null });
    const theirs = await insertAppointment({
      start: new Date(Date.now() + 4 * DAY),
      customerId: otherCustomer.id,
      technicianId: null,
    });
    const res = await fetchFeed(url);
    expect(res.statusCode).toBe(200);
    const { calendar, events } = eventsOf(res.body);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Oficina Central — meus agendamentos');
    const uids = events.map((e) => e.event.uid);
    expect(uids).toContain(`${mine}@oficina.example.com`);
    expect(uids).not.toContain(`${theirs}@oficina.example.com`);
    const event = events.find((e) => e.event.uid === `${mine}@oficina.example.com`)!.event;
    expect(event.summary).toBe('Oficina Central: Revisão 40.000 km, alinhamento; balanceamento');
    expect(event.location).toMatch(/^Oficina Central — /);
    // the other customer's id with this customer's token
    const token = new URL(url).searchParams.get('token')!;
    expect(
      (await t.request('GET', `/api/calendar/customers/${otherCustomer.id}.ics?token=${token}`)).statusCode,
    ).toBe(404);
  });

  it('replacing the customer’s address makes the old one answer 404', async () => {
    const old = await feedUrl('/api/portal/calendar-feed', portal.token);
    const replaced = await feedUrl('/api/portal/calendar-feed', portal.token, 'POST');
    expect(replaced).not.toBe(old);
    expect((await fetchFeed(old)).statusCode).toBe(404);
    expect((await fetchFeed(replaced)).statusCode).toBe(200);
  });
});

describe('the .ics addresses', () => {
  // last in the file: it spends this address's allowance
  it('are rate-limited like the other no-login links: 429 in seed 004’s body', async () => {
    const url = local(await feedUrl(`/api/users/${bruno.id}/calendar-feed`, bruno.token));
    let limited: Awaited<ReturnType<typeof fetchFeed>> | undefined;
    for (let i = 0; i < 70 && !limited; i++) {
      const res = await t.request('GET', url);
      if (res.statusCode === 429) limited = res;
      else expect(res.statusCode).toBe(200);
    }
    expect(limited, 'no 429 within 70 requests').toBeDefined();
    expect(ErrorBodySchema.parse(limited!.json()).error).toBe('Too Many Requests');
  });
});
