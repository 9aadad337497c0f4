import { AssetSchema, HistorySchema, ReadingSchema } from '@bancada/shared';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAsset, createCustomer, customerLogin, otherOrganization } from '../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const reading = (assetId: string, body: Record<string, unknown>, token = t.adminToken) =>
  t.request('POST', `/api/assets/${assetId}/readings`, { token, body });

describe('assets', () => {
  it('creates a vehicle with plate, VIN and a first odometer reading', async () => {
    const customer = await createCustomer(t, { name: 'Motorista' });
    const res = await t.request('POST', `/api/customers/${customer.id}/assets`, {
      token: t.adminToken,
      body: {
        kind: 'vehicle',
        brand: 'Fiat',
        model: 'Strada',
        year: 2020,
        color: 'Prata',
        plate: 'abc-1234',
        vin: '9bwzzz377vt004251',
        fuel: 'flex',
        initialReading: 45_000,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(AssetSchema.parse(res.json())).toMatchObject({
      customerName: 'Motorista',
      plate: 'ABC1234',
      plateCanonical: 'ABC1C34',
      vin: '9BWZZZ377VT004251',
      odometer: 45_000,
      hourMeter: null,
    });
    const list = (
      await t.request('GET', `/api/customers/${customer.id}/assets`, { token: t.adminToken })
    ).json();
    expect(list.total).toBe(1);
    expect(
      (await t.request('GET', `/api/customers/${customer.id}`, { token: t.adminToken })).json().assetCount,
    ).toBe(1);
  });

  it('creates appliances from seed 004’s list with voltage, and machines with an hour meter', async () => {
    const customer = await createCustomer(t, { name: 'Cliente Misto' });
    const fridge = await createAsset(t, customer.id, {
      kind: 'appliance',
      type: 'Geladeira',
      brand: 'Brastemp',
      model: 'BRM45',
      voltage: '127 V',
      serial: 'ABC123456',
    });
    expect(fridge).toMatchObject({ type: 'Geladeira', voltage: '127 V', odometer: null });
    const bad = await t.request('POST', `/api/customers/${customer.id}/assets`, {
      token: t.adminToken,
      body: { kind: 'appliance', type: 'Torradeira' },
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().details)).toEqual(['type']);
    const digger = await createAsset(t, customer.id, {
      kind: 'machine',
      brand: 'Caterpillar',
      model: '320',
      serial: 'CAT0320X',
      initialReading: 1250.5,
    });
    expect(digger).toMatchObject({ hourMeter: 1250.5, odometer: null });
    expect((await reading(fridge.id, { value: 10 })).statusCode).toBe(422);
  });

  it('updates with If-Match (412 when stale) and recomputes the canonical plate', async () => {
    const customer = await createCustomer(t, { name: 'Troca Placa' });
    const car = await createAsset(t, customer.id, { kind: 'vehicle', plate: 'XYZ1234' });
    const ok = await t.request('PATCH', `/api/assets/${car.id}`, {
      token: t.adminToken,
      headers: { 'if-match': '"1"' },
      body: { plate: 'XYZ9A87', color: 'Azul' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      plate: 'XYZ9A87',
      plateCanonical: 'XYZ9A87',
      color: 'Azul',
      version: 2,
    });
    const stale = await t.request('PATCH', `/api/assets/${car.id}`, {
      token: t.adminToken,
      headers: { 'if-match': '"1"' },
      body: { color: 'Preto' },
    });
    expect(stale.statusCode).toBe(412);
  });

  it('soft-deletes an asset (managers and administrators only)', async () => {
    const customer = await createCustomer(t, { name: 'Apaga Bem' });
    const car = await createAsset(t, customer.id, { kind: 'vehicle', plate: 'DEL1234' });
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    expect((await t.request('DELETE', `/api/assets/${car.id}`, { token: tech.token })).statusCode).toBe(403);
    expect((await t.request('DELETE', `/api/assets/${car.id}`, { token: t.adminToken })).statusCode).toBe(
      204,
    );
    expect((await t.request('GET', `/api/assets/${car.id}`, { token: t.adminToken })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/search?q=DEL1234', { token: t.adminToken })).json().total).toBe(0);
  });
});

describe('readings', () => {
  it('only go up; a lower value needs an explicit, audited correction', async () => {
    const customer = await createCustomer(t, { name: 'Leituras' });
    const car = await createAsset(t, customer.id, {
      kind: 'vehicle',
      plate: 'ODO1234',
      initialReading: 1000,
    });
    const up = await reading(car.id, { value: 1500 });
    expect(up.statusCode).toBe(201);
    expect(ReadingSchema.parse(up.json())).toMatchObject({
      kind: 'odometer',
      value: 1500,
      correction: false,
    });

    const down = await reading(car.id, { value: 1200 });
    expect(down.statusCode).toBe(422);
    expect(down.json()).toEqual({
      error: 'Unprocessable Entity',
      message:
        'A leitura 1.200 é menor que a anterior (1.500). Se for uma correção, marque-a como correção e informe o motivo.',
      details: { value: 1200, previous: 1500 },
    });
    const noReason = await reading(car.id, { value: 1200, correction: true });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details).toEqual({ reason: 'Informe o motivo' });

    const fixed = await reading(car.id, { value: 1200, correction: true, reason: 'digitado errado' });
    expect(fixed.statusCode).toBe(201);
    expect(fixed.json()).toMatchObject({ value: 1200, correction: true, reason: 'digitado errado' });
    expect((await t.request('GET', `/api/assets/${car.id}`, { token: t.adminToken })).json().odometer).toBe(
      1200,
    );

    const audit = (
      await t.request('GET', `/api/audit?action=asset.reading_correction&entityId=${car.id}`, {
        token: t.adminToken,
      })
    ).json();
    expect(audit.total).toBe(1);
    expect(audit.items[0]).toMatchObject({
      before: { value: 1500 },
      after: { value: 1200, reason: 'digitado errado' },
    });
    const list = (await t.request('GET', `/api/assets/${car.id}/readings`, { token: t.adminToken })).json();
    expect(list.map((r: { value: number }) => r.value)).toEqual([1200, 1500, 1000]);
  });

  it('checks a back-dated reading against the later ones too', async () => {
    const customer = await createCustomer(t, { name: 'Horímetro' });
    const machine = await createAsset(t, customer.id, { kind: 'machine', serial: 'HM-1' });
    expect((await reading(machine.id, { value: 500, readAt: '2026-01-10T10:00:00Z' })).statusCode).toBe(201);
    expect((await reading(machine.id, { value: 900, readAt: '2026-03-10T10:00:00Z' })).statusCode).toBe(201);
    expect((await reading(machine.id, { value: 700, readAt: '2026-02-10T10:00:00Z' })).statusCode).toBe(201);
    const tooHigh = await reading(machine.id, { value: 950, readAt: '2026-02-20T10:00:00Z' });
    expect(tooHigh.statusCode).toBe(422);
    expect(tooHigh.json().details).toEqual({ value: 950, next: 900 });
    expect(
      (await t.request('GET', `/api/assets/${machine.id}`, { token: t.adminToken })).json().hourMeter,
    ).toBe(900);
  });

  it('serializes concurrent readings of one asset', async () => {
    const customer = await createCustomer(t, { name: 'Corrida de Leituras' });
    const car = await createAsset(t, customer.id, { kind: 'vehicle', initialReading: 100 });
    const results = await Promise.all([300, 200].map((value) => reading(car.id, { value })));
    const statuses = results.map((r) => r.statusCode);
    // either order is fine, but the stored sequence never goes down
    expect(statuses).toContain(201);
    const values = (await t.request('GET', `/api/assets/${car.id}/readings`, { token: t.adminToken }))
      .json()
      .map((r: { value: number }) => r.value)
      .reverse();
    expect([...values].sort((a: number, b: number) => a - b)).toEqual(values);
  });
});

describe('transfer and history', () => {
  it('moves an asset to another customer and keeps its history', async () => {
    const seller = await createCustomer(t, { name: 'Vendedor' });
    const buyer = await createCustomer(t, { name: 'Comprador' });
    const car = await createAsset(t, seller.id, {
      kind: 'vehicle',
      plate: 'TRF1234',
      initialReading: 80_000,
    });
    const res = await t.request('POST', `/api/assets/${car.id}/transfer`, {
      token: t.adminToken,
      body: { customerId: buyer.id, reason: 'venda do carro' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ customerId: buyer.id, customerName: 'Comprador', odometer: 80_000 });
    const same = await t.request('POST', `/api/assets/${car.id}/transfer`, {
      token: t.adminToken,
      body: { customerId: buyer.id },
    });
    expect(same.statusCode).toBe(422);

    const history = HistorySchema.parse(
      (await t.request('GET', `/api/assets/${car.id}/history`, { token: t.adminToken })).json(),
    );
    expect(history.items.map((i) => i.type)).toEqual(['transfer', 'reading', 'asset_created']);
    expect(history.items[0]!.summary).toBe('Transferido de Vendedor para Comprador');
    expect(history.items[1]!.summary).toBe('Odômetro: 80.000 km');
    const sellerHistory = HistorySchema.parse(
      (await t.request('GET', `/api/customers/${seller.id}/history`, { token: t.adminToken })).json(),
    );
    expect(sellerHistory.items.map((i) => [i.type, i.assetLabel])).toEqual([['transfer', 'TRF-1234']]);
    expect(
      (await t.request('GET', `/api/customers/${seller.id}/assets`, { token: t.adminToken })).json().total,
    ).toBe(0);
    const audit = (
      await t.request('GET', `/api/audit?action=asset.transfer&entityId=${car.id}`, { token: t.adminToken })
    ).json();
    expect(audit.items[0].after).toMatchObject({ customerId: buyer.id, transferReason: 'venda do carro' });
  });
});

describe('QR label', () => {
  it('is a PNG that encodes the asset page', async () => {
    const customer = await createCustomer(t, { name: 'Etiqueta' });
    const car = await createAsset(t, customer.id, { kind: 'vehicle', plate: 'QRC1234' });
    const res = await t.request('GET', `/api/assets/${car.id}/label`, { token: t.adminToken });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.rawPayload.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(res.rawPayload.length).toBeGreaterThan(500);
  });

  it("points at the shop's public address once it has one (issue 10), not at PUBLIC_URL", async () => {
    const customer = await createCustomer(t, { name: 'Etiqueta Pública' });
    const car = await createAsset(t, customer.id, { kind: 'vehicle', plate: 'QRP1234' });
    const org = await t.request('GET', '/api/organization', { token: t.adminToken });
    const patched = await t.request('PATCH', '/api/organization', {
      token: t.adminToken,
      headers: { 'if-match': String(org.headers.etag) },
      body: { publicUrl: 'https://oficina.example.com.br' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const res = await t.request('GET', `/api/assets/${car.id}/label`, { token: t.adminToken });
    // the same QR code the label draws, for the page at the shop's address
    const options = { type: 'png', width: 360, margin: 2, errorCorrectionLevel: 'M' } as const;
    const expected = await QRCode.toBuffer(`https://oficina.example.com.br/assets/${car.id}`, options);
    expect(res.rawPayload.equals(expected)).toBe(true);
  });
});

describe('tenancy', () => {
  it('one organization cannot reach another’s assets', async () => {
    const other = await otherOrganization(t);
    const customer = await createCustomer(t, { name: 'Dono Local' });
    const car = await createAsset(t, customer.id, { kind: 'vehicle', plate: 'TEN1234' });
    expect((await t.request('GET', `/api/assets/${car.id}`, { token: other.token })).statusCode).toBe(404);
    expect(
      (await t.request('GET', `/api/customers/${customer.id}/assets`, { token: other.token })).statusCode,
    ).toBe(404);
    expect(
      (await t.request('POST', `/api/assets/${car.id}/readings`, { token: other.token, body: { value: 1 } }))
        .statusCode,
    ).toBe(404);
    expect((await t.request('GET', '/api/search?q=TEN1234', { token: other.token })).json().total).toBe(0);
    const theirs = await createCustomer(t, { name: 'Lá' }, other.token);
    const move = await t.request('POST', `/api/assets/${car.id}/transfer`, {
      token: t.adminToken,
      body: { customerId: theirs.id },
    });
    expect(move.statusCode).toBe(404);
  });
});

describe('a customer login on another customer’s asset', () => {
  it('answers 404 before the body is validated: a bad body tells nothing, and its own asset still validates', async () => {
    const mine = await createCustomer(t, { name: 'Cliente do Portal' });
    const neighbour = await createCustomer(t, { name: 'Vizinho' });
    const myCar = await createAsset(t, mine.id, { kind: 'vehicle', plate: 'OWN1A23' });
    const theirCar = await createAsset(t, neighbour.id, { kind: 'vehicle', plate: 'NEI2B34' });
    const portal = await customerLogin(t, mine.id);
    const bad = { plate: 12, year: 'never' };
    const res = await t.request('PATCH', `/api/assets/${theirCar.id}`, { token: portal.token, body: bad });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('Not Found');
    // a route a CUSTOMER may not call at all: 403, before the body too
    const reading = await t.request('POST', `/api/assets/${theirCar.id}/readings`, {
      token: portal.token,
      body: { value: 'x' },
    });
    expect(reading.statusCode).toBe(403);
    // on its own asset the same body meets the validator
    const own = await t.request('PATCH', `/api/assets/${myCar.id}`, { token: portal.token, body: bad });
    expect([400, 403]).toContain(own.statusCode);
  });
});
