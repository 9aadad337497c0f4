import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ErrorBodySchema, type Repair, RepairPhotoListSchema, RepairPhotoSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, customerLogin, otherOrganization } from '../../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../../test/helpers.js';
import { createRepair } from '../../../../test/repairs.js';

let t: TestApp;
let dataDir: string;
let repair: Repair;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'bancada-photos-'));
  t = await createTestApp({ config: { dataDir } });
  repair = await createRepair(t);
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF fake jpeg body')]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('png'),
]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 data')]);

type Part =
  | { name: string; value: string }
  | { name: string; filename: string; contentType: string; data: Buffer };

function multipart(parts: Part[]) {
  const boundary = `----bancada${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head =
      'data' in part
        ? `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType}\r\n`
        : `Content-Disposition: form-data; name="${part.name}"\r\n`;
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n`));
    chunks.push('data' in part ? part.data : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(
  repairId: string,
  parts: Part[],
  options: { token?: string; headers?: Record<string, string> } = {},
) {
  const { payload, contentType } = multipart(parts);
  return t.app.inject({
    method: 'POST',
    url: `/api/repairs/${repairId}/photos`,
    headers: {
      authorization: `Bearer ${options.token ?? t.adminToken}`,
      'content-type': contentType,
      ...options.headers,
    },
    payload,
  });
}

const file = (data: Buffer, filename = 'porta.jpg', contentType = 'image/jpeg'): Part => ({
  name: 'file',
  filename,
  contentType,
  data,
});

describe('POST /api/repairs/:id/photos', () => {
  it('stores a JPEG with caption and stage, lists it and serves the very bytes back', async () => {
    const res = await upload(repair.id, [
      { name: 'caption', value: 'Arranhão na porta' },
      { name: 'stage', value: 'intake' },
      file(JPEG),
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const photo = RepairPhotoSchema.parse(res.json());
    expect(photo).toMatchObject({
      repairId: repair.id,
      fileName: 'porta.jpg',
      contentType: 'image/jpeg',
      size: JPEG.length,
      caption: 'Arranhão na porta',
      stage: 'intake',
      url: `/api/repairs/${repair.id}/photos/${photo.id}`,
      uploadedBy: expect.any(String),
    });

    const list = RepairPhotoListSchema.parse(
      (await t.request('GET', `/api/repairs/${repair.id}/photos`, { token: t.adminToken })).json(),
    );
    expect(list.items.map((p) => p.id)).toContain(photo.id);

    const image = await t.request('GET', photo.url, { token: t.adminToken });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.rawPayload.equals(JPEG)).toBe(true);

    // on disk under DATA_DIR/uploads, in a folder of the organization and order, under a generated name
    const folder = path.join(dataDir, 'uploads', 'repairs');
    const [organizationFolder] = await readdir(folder);
    const files = await readdir(path.join(folder, organizationFolder!, repair.id));
    expect(files.some((name) => /^[0-9a-f-]{36}\.jpg$/.test(name))).toBe(true);
  });

  it("records a 'photo' event on the order and an audit row", async () => {
    const res = await upload(repair.id, [
      { name: 'stage', value: 'work' },
      file(PNG, 'placa.png', 'image/png'),
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const photo = RepairPhotoSchema.parse(res.json());
    const { rows: events } = await t.deps.pool.query(
      `SELECT type, data, actor_name FROM repair_events WHERE repair_id = $1 AND type = 'photo'`,
      [repair.id],
    );
    expect(events.map((e) => e.data.photoId)).toContain(photo.id);
    expect(events.find((e) => e.data.photoId === photo.id)).toMatchObject({ data: { stage: 'work' } });
    const { rows: audit } = await t.deps.pool.query(
      `SELECT action, entity_id FROM audit_log WHERE action = 'repair.photo_added' AND entity_id = $1`,
      [repair.id],
    );
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('trusts the bytes, not the declared type: PNG and WebP are accepted, a text file named .jpg is not', async () => {
    const webp = await upload(repair.id, [file(WEBP, 'x.bin', 'application/octet-stream')]);
    expect(webp.statusCode, webp.body).toBe(201);
    expect(webp.json()).toMatchObject({ contentType: 'image/webp', stage: 'intake', caption: null });

    const fake = await upload(repair.id, [file(Buffer.from('<?php echo 1; ?>'), 'foto.jpg', 'image/jpeg')]);
    expect(fake.statusCode).toBe(415);
    expect(ErrorBodySchema.parse(fake.json())).toMatchObject({
      error: 'Unsupported Media Type',
      message: 'A foto deve ser uma imagem JPEG, PNG ou WebP',
    });
  });

  it("refuses a file over 10 MB with 413 in seed 004's error body", async () => {
    const big = Buffer.concat([JPEG, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload(repair.id, [file(big)], { headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(413);
    expect(ErrorBodySchema.parse(res.json())).toEqual({
      error: 'Payload Too Large',
      message: 'The photo exceeds the limit of 10 MB',
    });
    // nothing half-written is left behind
    const list = RepairPhotoListSchema.parse(
      (await t.request('GET', `/api/repairs/${repair.id}/photos`, { token: t.adminToken })).json(),
    );
    expect(list.items.every((p) => p.size < 1024 * 1024)).toBe(true);
  });

  it('answers 400 without a file or with an unknown stage, and 415 to a JSON body', async () => {
    const missing = await upload(repair.id, [{ name: 'caption', value: 'sem arquivo' }]);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      error: 'Validation Error',
      details: { file: expect.any(String) },
    });

    const stage = await upload(repair.id, [{ name: 'stage', value: 'before' }, file(JPEG)]);
    expect(stage.statusCode).toBe(400);
    expect(stage.json()).toMatchObject({
      details: { stage: 'Etapa inválida: use intake, work ou delivery' },
    });

    const json = await t.request('POST', `/api/repairs/${repair.id}/photos`, {
      token: t.adminToken,
      body: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    expect(ErrorBodySchema.parse(json.json()).error).toBe('Unsupported Media Type');
  });

  it('lets a technician photograph the work and keeps other customers out', async () => {
    const technician = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const res = await upload(repair.id, [{ name: 'stage', value: 'work' }, file(JPEG)], {
      token: technician.token,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().uploadedBy).toBe('Pessoa TECHNICIAN');

    const customer = await createCustomer(t, { name: 'Cliente do Portal' });
    const portal = await customerLogin(t, customer.id);
    expect((await upload(repair.id, [file(JPEG)], { token: portal.token })).statusCode).toBe(403);
    // another customer's order: 404, as if it did not exist (a customer reads their own orders' photos)
    expect(
      (await t.request('GET', `/api/repairs/${repair.id}/photos`, { token: portal.token })).statusCode,
    ).toBe(404);
  });

  it("answers 404 for another organization's order and photos, and 401 without a token", async () => {
    const photo = RepairPhotoSchema.parse((await upload(repair.id, [file(JPEG)])).json());
    const other = await otherOrganization(t);
    const denied = await upload(repair.id, [file(JPEG)], { token: other.token });
    expect(denied.statusCode).toBe(404);
    expect(ErrorBodySchema.parse(denied.json()).error).toBe('Not Found');
    expect(
      (await t.request('GET', `/api/repairs/${repair.id}/photos`, { token: other.token })).statusCode,
    ).toBe(404);
    expect((await t.request('GET', photo.url, { token: other.token })).statusCode).toBe(404);
    expect(
      (await t.request('GET', `/api/repairs/${repair.id}/photos/${randomUUID()}`, { token: t.adminToken }))
        .statusCode,
    ).toBe(404);
    expect((await t.request('GET', photo.url)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `/api/repairs/${repair.id}/photos` })).statusCode).toBe(
      401,
    );
  });
});
