import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CustomerRepairSchema,
  EstimateListSchema,
  type Repair,
  RepairEventListSchema,
  RepairPhotoListSchema,
  RepairSchema,
} from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finish } from '../../../../test/billing.js';
import { createCustomer, customerLogin } from '../../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../../test/helpers.js';
import { createComponent } from '../../../../test/inventory.js';
import { createRepair } from '../../../../test/repairs.js';

/*
 * Issue 15 §3–4: a CUSTOMER login reads its own orders (the customer's view, the timeline it follows,
 * estimates, photos, documents); another customer's order answers 404 and shows nothing of it.
 */

const INTERNAL_NOTE = 'Anotação interna: cliente discutiu no balcão';
const STATUS_NOTE = 'Observação de status só para a equipe';
const OTHER_NAME = 'Jabuticabeira Vizinho';

let t: TestApp;
let dataDir: string;
let mine: Repair;
let theirs: Repair;
let portal: { id: string; token: string };
let photoId: string;
let theirPhotoId: string;

async function uploadPhoto(repairId: string): Promise<string> {
  const boundary = `----h9${randomUUID()}`;
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF fake jpeg body')]);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="porta.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    jpeg,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/repairs/${repairId}/photos`,
    headers: {
      authorization: `Bearer ${t.adminToken}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
  if (res.statusCode !== 201) throw new Error(`photo failed: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

async function ok(res: { statusCode: number; body: string }, what: string) {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'bancada-customer-reads-'));
  t = await createTestApp({ config: { dataDir } });
  const own = await createCustomer(t, { name: 'Cliente do Portal' });
  const other = await createCustomer(t, { name: OTHER_NAME });
  const part = await createComponent(t, { name: 'Termostato', code: 'TERM-H9', price: 85.5, stock: 10 });
  const technician = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Técnica Interna' });
  mine = await createRepair(
    t,
    { notes: INTERNAL_NOTE, parts: [{ componentId: part.id, quantity: 1 }] },
    { customerId: own.id },
  );
  theirs = await createRepair(t, { notes: INTERNAL_NOTE }, { customerId: other.id });
  for (const repair of [mine, theirs]) {
    await ok(
      await t.request('POST', `/api/repairs/${repair.id}/assign`, {
        token: t.adminToken,
        body: { technicianId: technician.id },
      }),
      'assign',
    );
    await ok(
      await t.request('POST', `/api/repairs/${repair.id}/estimates`, {
        token: t.adminToken,
        body: { notify: false },
      }),
      'estimate',
    );
  }
  photoId = await uploadPhoto(mine.id);
  theirPhotoId = await uploadPhoto(theirs.id);
  portal = await customerLogin(t, own.id);
}, 60_000);

afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

const get = (url: string, token = portal.token) => t.request('GET', url, { token });

describe('GET /api/repairs/:id for a CUSTOMER', () => {
  it('answers their own order without the staff-only fields; staff still get the whole order', async () => {
    const staff = RepairSchema.parse((await get(`/api/repairs/${mine.id}`, t.adminToken)).json());
    // the fields exist on the staff's answer, so their absence below means something
    expect(staff).toMatchObject({ notes: INTERNAL_NOTE, technicianName: 'Técnica Interna' });
    expect(staff.parts[0]).toMatchObject({ stockState: 'reserved' });
    expect(staff.checklist.length).toBeGreaterThan(0);

    const res = await get(`/api/repairs/${mine.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBeDefined();
    const body = res.json();
    for (const field of [
      'notes',
      'priority',
      'technicianId',
      'technicianName',
      'estimatedHours',
      'actualHours',
      'checklist',
      'isOverdue',
    ])
      expect(body, field).not.toHaveProperty(field);
    expect(body.parts[0]).not.toHaveProperty('componentId');
    expect(body.parts[0]).not.toHaveProperty('stockState');
    expect(body.appliances[0]).not.toHaveProperty('estimatedHours');
    expect(res.body).not.toContain(INTERNAL_NOTE);
    expect(res.body).not.toContain('Técnica Interna');
    // what the customer does see: the order, its lines and totals, as the schema says
    const view = CustomerRepairSchema.strict().parse(body);
    expect(view).toMatchObject({
      id: mine.id,
      number: mine.number,
      status: staff.status,
      totalValue: staff.totalValue,
      serviceDescription: mine.serviceDescription,
      estimate: { version: 1, status: 'pending' },
    });
    expect(view.parts[0]).toMatchObject({
      name: 'Termostato',
      code: 'TERM-H9',
      quantity: 1,
      unitValue: 85.5,
    });
  });

  it("answers 404 for another customer's order, with nothing of it", async () => {
    const res = await get(`/api/repairs/${theirs.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(OTHER_NAME);
    expect(res.body).not.toContain(INTERNAL_NOTE);
    expect((await get(`/api/repairs/${randomUUID()}`)).statusCode).toBe(404);
  });

  it('still refuses the staff routes of an order, even on their own', async () => {
    expect((await get(`/api/repairs/${mine.id}/time`)).statusCode).toBe(403);
    expect((await get('/api/repairs')).statusCode).toBe(403);
    const edit = await t.request('PATCH', `/api/repairs/${mine.id}`, {
      token: portal.token,
      headers: { 'if-match': `"${mine.version}"` },
      body: { notes: 'x' },
    });
    expect(edit.statusCode).toBe(403);
  });
});

describe('the timeline, estimates and photos of a CUSTOMER', () => {
  it('shows the events a customer follows, without notes; staff see them all', async () => {
    await ok(
      await t.request('POST', `/api/repairs/${mine.id}/status`, {
        token: t.adminToken,
        body: { status: 'NAO_INICIADO', note: STATUS_NOTE },
      }),
      'status',
    );
    const staff = RepairEventListSchema.parse(
      (await get(`/api/repairs/${mine.id}/events`, t.adminToken)).json(),
    );
    const staffTypes = staff.items.map((e) => e.type);
    expect(staffTypes).toEqual(expect.arrayContaining(['assigned', 'photo', 'status', 'estimate_sent']));
    expect(staff.items.some((e) => e.note === STATUS_NOTE)).toBe(true);

    const res = await get(`/api/repairs/${mine.id}/events`);
    expect(res.statusCode, res.body).toBe(200);
    const own = RepairEventListSchema.parse(res.json());
    expect(new Set(own.items.map((e) => e.type))).toEqual(new Set(['created', 'status', 'estimate_sent']));
    expect(own.items.find((e) => e.type === 'status')).toMatchObject({ toStatus: 'NAO_INICIADO' });
    expect(own.items.every((e) => e.note === null && e.data === null)).toBe(true);
    expect(res.body).not.toContain(STATUS_NOTE);

    expect((await get(`/api/repairs/${theirs.id}/events`)).statusCode).toBe(404);
  });

  it("lists their own order's estimates without the staff author; another's: 404", async () => {
    const res = await get(`/api/repairs/${theirs.id}/estimates`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(OTHER_NAME);
    const own = await get(`/api/repairs/${mine.id}/estimates`);
    expect(own.statusCode, own.body).toBe(200);
    const list = EstimateListSchema.parse(own.json());
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ version: 1, createdBy: null });
    const staff = EstimateListSchema.parse(
      (await get(`/api/repairs/${mine.id}/estimates`, t.adminToken)).json(),
    );
    expect(staff.items[0]!.createdBy).toBe('Administrador');
  });

  it("opens their own order's photos; another customer's photos answer 404", async () => {
    const list = await get(`/api/repairs/${mine.id}/photos`);
    expect(list.statusCode, list.body).toBe(200);
    expect(RepairPhotoListSchema.parse(list.json()).items.map((p) => p.id)).toEqual([photoId]);
    const image = await get(`/api/repairs/${mine.id}/photos/${photoId}`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');

    expect((await get(`/api/repairs/${theirs.id}/photos`)).statusCode).toBe(404);
    expect((await get(`/api/repairs/${theirs.id}/photos/${theirPhotoId}`)).statusCode).toBe(404);
    // their photo under my order's address: not found either
    expect((await get(`/api/repairs/${mine.id}/photos/${theirPhotoId}`)).statusCode).toBe(404);
  });
});

describe('the documents of a CUSTOMER', () => {
  it("downloads their own order's intake receipt and service report; another's answer 404", async () => {
    const intake = await get(`/api/repairs/${mine.id}/documents/intake.pdf`);
    expect(intake.statusCode, intake.body.slice(0, 200)).toBe(200);
    expect(intake.headers['content-type']).toBe('application/pdf');
    expect(intake.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(`/api/repairs/${theirs.id}/documents/intake.pdf`)).statusCode).toBe(404);

    const finished = await createRepair(t, { notes: INTERNAL_NOTE }, { customerId: mine.customerId });
    await finish(t, finished.id);
    const report = await get(`/api/repairs/${finished.id}/documents/report.pdf`);
    expect(report.statusCode, report.body.slice(0, 200)).toBe(200);
    expect(report.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const theirsFinished = await createRepair(t, {}, { customerId: theirs.customerId });
    await finish(t, theirsFinished.id);
    const refused = await get(`/api/repairs/${theirsFinished.id}/documents/report.pdf`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain(OTHER_NAME);
  });
});
