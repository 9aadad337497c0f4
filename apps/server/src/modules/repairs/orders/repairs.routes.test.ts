import { ComponentSchema, ErrorBodySchema, RepairSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAsset, createCustomer } from '../../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../../test/helpers.js';
import { createComponent } from '../../../../test/inventory.js';
import { seedBody } from '../../../../test/repairs.js';

let t: TestApp;
let customerId: string;
let sequence = 0;

beforeAll(async () => {
  t = await createTestApp();
  customerId = (await createCustomer(t, { name: 'Maria da Silva' })).id;
});
afterAll(() => t.close());

/** Two fresh components priced like seed 004's (85.50 and 45.00). */
async function seedComponents(stock = 15) {
  sequence += 1;
  const thermostat = await createComponent(t, {
    id: `comp-001-${sequence}`,
    name: 'Termostato',
    code: `TERM-${sequence}`,
    description: 'Termostato para geladeiras',
    price: 85.5,
    stock,
  });
  const relay = await createComponent(t, {
    id: `comp-045-${sequence}`,
    name: 'Relé de partida',
    code: `RELE-${sequence}`,
    price: 45.0,
    stock,
  });
  return { thermostat, relay };
}

async function component(id: string) {
  return ComponentSchema.parse(
    (await t.request('GET', `/api/components/${id}`, { token: t.adminToken })).json(),
  );
}

function post(body: unknown, token = t.adminToken, headers: Record<string, string> = {}) {
  return t.request('POST', '/api/repairs', { token, body, headers });
}

describe('POST /api/repairs — seed 004', () => {
  it("creates seed 004's example: partsTotal 175.50, laborValue 150, totalValue 300, stock reserved", async () => {
    const { thermostat, relay } = await seedComponents();
    const res = await post(
      seedBody(customerId, {
        parts: [
          { componentId: thermostat.id, quantity: 1 },
          { componentId: relay.id, quantity: 2 },
        ],
        discount: 25.5,
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const repair = RepairSchema.parse(res.json());
    expect(repair).toMatchObject({
      userId: customerId,
      partsTotal: 175.5,
      laborValue: 150,
      discount: 25.5,
      totalValue: 300,
      status: 'NAO_INICIADO',
      nf: 'NF-12345',
      returnGuarantee: true,
      fabricGuarantee: false,
      receivedAt: '2025-11-13T10:00:00.000Z',
      deadline: '2025-11-20T18:00:00.000Z',
      serviceDescription: 'Cliente relata que a geladeira não está gelando adequadamente.',
      notes: 'Verificar sistema de refrigeração.',
    });
    expect(repair.number).toBeGreaterThan(0);
    expect(repair.appliances).toEqual([
      expect.objectContaining({
        type: 'Geladeira',
        brand: 'Brastemp',
        model: 'BRM45',
        voltage: '127 V',
        serial: 'ABC123456',
        customerNote: 'Não está gelando a parte de baixo',
        laborValue: 150,
      }),
    ]);
    expect(repair.parts.map((p) => [p.componentId, p.name, p.quantity, p.unitValue, p.totalValue])).toEqual([
      [thermostat.id, 'Termostato', 1, 85.5, 85.5],
      [relay.id, 'Relé de partida', 2, 45, 90],
    ]);
    expect(res.headers.etag).toBe(`"${repair.version}"`);
    // seed 004 rule 10: the stock is taken in the same transaction (RESERVE in the ledger)
    expect(await component(thermostat.id)).toMatchObject({ stock: 14, reserved: 1 });
    expect(await component(relay.id)).toMatchObject({ stock: 13, reserved: 2 });
    const moves = (
      await t.request('GET', `/api/components/${relay.id}/movements`, { token: t.adminToken })
    ).json();
    expect(moves.items[0]).toMatchObject({
      type: 'RESERVE',
      quantity: 2,
      documentType: 'repair',
      documentId: repair.id,
    });
    // the appliance became an asset of the customer, and the order reads back the same
    expect(repair.appliances[0]!.assetId).toBeTruthy();
    const again = await t.request('GET', `/api/repairs/${repair.id}`, { token: t.adminToken });
    expect(RepairSchema.parse(again.json())).toEqual(repair);
  });

  it('accepts a bare YYYY-MM-DD receivedAt and applies the defaults of the optional fields', async () => {
    const res = await post({
      userId: customerId,
      appliances: [{ type: 'Micro-ondas', laborValue: 80 }],
      receivedAt: '2025-11-13',
      status: 'NAO_INICIADO',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      receivedAt: '2025-11-13T00:00:00.000Z',
      parts: [],
      discount: 0,
      deadline: null,
      serviceDescription: '',
      notes: '',
      nf: null,
      returnGuarantee: false,
      fabricGuarantee: false,
      partsTotal: 0,
      laborValue: 80,
      totalValue: 80,
    });
  });

  it('ignores totals sent by the client and always starts NAO_INICIADO (rules 6 and 7)', async () => {
    const { thermostat } = await seedComponents();
    const res = await post(
      seedBody(customerId, {
        parts: [{ componentId: thermostat.id, quantity: 1, totalValue: 1, unitValue: 1, componentName: 'x' }],
        partsTotal: 1,
        laborValue: 1,
        totalValue: 1,
        status: 'FINALIZADO',
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      partsTotal: 85.5,
      laborValue: 150,
      totalValue: 235.5,
      status: 'NAO_INICIADO',
    });
  });

  it('sums each appliance labor into laborValue (rule 6) and allows an order without parts (rule 9)', async () => {
    const res = await post(
      seedBody(customerId, {
        appliances: [
          { type: 'Geladeira', laborValue: 150 },
          { type: 'Fogão', laborValue: 99.9 },
          { type: 'Ventilador', laborValue: 0.1 },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ partsTotal: 0, laborValue: 250, totalValue: 250 });
  });

  it('counts the same component listed twice once, summed', async () => {
    const { thermostat } = await seedComponents(3);
    const res = await post(
      seedBody(customerId, {
        parts: [
          { componentId: thermostat.id, quantity: 1 },
          { componentId: thermostat.id, quantity: 2 },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const repair = RepairSchema.parse(res.json());
    expect(repair.parts).toHaveLength(1);
    expect(repair.parts[0]).toMatchObject({ quantity: 3, totalValue: 256.5 });
    expect(await component(thermostat.id)).toMatchObject({ stock: 0, reserved: 3 });
  });

  it('answers 400 with the seed body when the required fields are missing', async () => {
    const res = await post({});
    expect(res.statusCode).toBe(400);
    const body = ErrorBodySchema.parse(res.json());
    expect(body).toEqual({
      error: 'Validation Error',
      message: 'Campos obrigatórios ausentes',
      details: {
        userId: 'Campo obrigatório',
        appliances: 'Deve conter pelo menos um eletrodoméstico',
        receivedAt: 'Data de recebimento é obrigatória',
        status: 'Campo obrigatório',
      },
    });
  });

  it.each([
    [
      'an empty appliance list',
      { appliances: [] },
      'appliances',
      'Deve conter pelo menos um eletrodoméstico',
    ],
    [
      'an appliance without type (rule 2)',
      { appliances: [{ laborValue: 10 }] },
      'appliances.0.type',
      'Campo obrigatório',
    ],
    [
      'a type outside the list',
      { appliances: [{ type: 'Torradeira', laborValue: 10 }] },
      'appliances.0.type',
      /^Tipo inválido/,
    ],
    [
      'an appliance without labor (rule 3)',
      { appliances: [{ type: 'Geladeira' }] },
      'appliances.0.laborValue',
      'Campo obrigatório',
    ],
    [
      'a negative labor',
      { appliances: [{ type: 'Geladeira', laborValue: -1 }] },
      'appliances.0.laborValue',
      /negativ/,
    ],
    [
      'labor with 3 decimals',
      { appliances: [{ type: 'Geladeira', laborValue: 1.005 }] },
      'appliances.0.laborValue',
      /2 casas/,
    ],
    ['a negative discount', { discount: -5 }, 'discount', /negativ/],
    [
      'an unknown voltage',
      { appliances: [{ type: 'Geladeira', laborValue: 1, voltage: '110V' }] },
      'appliances.0.voltage',
      /Voltagem/,
    ],
    [
      'a future receivedAt (rule 8)',
      { receivedAt: '2999-01-01' },
      'receivedAt',
      'A data de recebimento não pode ser futura',
    ],
    ['an invalid receivedAt', { receivedAt: '2025-02-30' }, 'receivedAt', /^Data inválida/],
    ['a receivedAt in another format', { receivedAt: '13/11/2025' }, 'receivedAt', /^Data inválida/],
    ['a deadline before receivedAt', { deadline: '2025-11-01' }, 'deadline', /antes da data de recebimento/],
    ['an unknown status', { status: 'PRONTO' }, 'status', 'Status inválido'],
    [
      'a zero quantity',
      { parts: [{ componentId: 'comp-001', quantity: 0 }] },
      'parts.0.quantity',
      /maior que zero|positiv/,
    ],
    ['a malformed userId', { userId: 'abc' }, 'userId', 'Identificador inválido'],
  ])('refuses %s with 400 keyed by the field', async (_name, overrides, field, message) => {
    const res = await post(seedBody(customerId, overrides));
    expect(res.statusCode, res.body).toBe(400);
    const body = ErrorBodySchema.parse(res.json());
    expect(body.error).toBe('Validation Error');
    expect(body.details?.[field]).toMatch(message);
  });

  it('answers 404 with the seed message when the customer does not exist (rule 1)', async () => {
    const res = await post(seedBody('123e4567-e89b-12d3-a456-426614174000'));
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'Not Found', message: 'Cliente com ID informado não existe' });
  });

  it('answers 404 naming the component that does not exist, before looking at stock (rule 4)', async () => {
    const { thermostat } = await seedComponents(0);
    const res = await post(
      seedBody(customerId, {
        parts: [
          { componentId: thermostat.id, quantity: 5 },
          { componentId: 'comp-999', quantity: 1 },
        ],
      }),
    );
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: 'Not Found',
      message: "Componente com ID 'comp-999' não existe no estoque",
    });
  });

  it('answers 422 Insufficient Stock with the seed details and keeps everything as it was (rule 5)', async () => {
    const { thermostat, relay } = await seedComponents(2);
    const before = (await t.request('GET', '/api/repairs', { token: t.adminToken })).json().total;
    const res = await post(
      seedBody(customerId, {
        parts: [
          { componentId: relay.id, quantity: 1 },
          { componentId: thermostat.id, quantity: 5 },
        ],
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      error: 'Insufficient Stock',
      message: "Estoque insuficiente para o componente 'Termostato'",
      details: { componentId: thermostat.id, requested: 5, available: 2 },
    });
    // nothing kept: no order, the other part's reservation rolled back
    expect((await t.request('GET', '/api/repairs', { token: t.adminToken })).json().total).toBe(before);
    expect(await component(relay.id)).toMatchObject({ stock: 2, reserved: 0 });
  });

  it('blocks an order when a component has zero stock', async () => {
    const { thermostat } = await seedComponents(0);
    const res = await post(seedBody(customerId, { parts: [{ componentId: thermostat.id, quantity: 1 }] }));
    expect(res.statusCode).toBe(422);
    expect(res.json().details).toEqual({ componentId: thermostat.id, requested: 1, available: 0 });
  });

  it('refuses a discount larger than labor plus parts (no negative money)', async () => {
    const res = await post(seedBody(customerId, { discount: 150.01 }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error: 'Unprocessable Entity',
      details: { discount: 150.01, subtotal: 150 },
    });
    const exact = await post(seedBody(customerId, { discount: 150 }));
    expect(exact.json()).toMatchObject({ totalValue: 0 });
  });

  it('answers 401 with the seed message without a valid token', async () => {
    const res = await t.request('POST', '/api/repairs', { body: seedBody(customerId) });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      error: 'Unauthorized',
      message: 'Token de autenticação inválido ou expirado',
    });
    const bad = await t.request('POST', '/api/repairs', { token: 'not-a-token', body: seedBody(customerId) });
    expect(bad.statusCode).toBe(401);
  });

  it('answers 403 with the seed message to staff who are not administrators, until a grant allows them', async () => {
    const attendant = await createUserAndLogin(t, { role: 'ATTENDANT' });
    const res = await post(seedBody(customerId), attendant.token);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({
      error: 'Forbidden',
      message: 'Apenas administradores podem criar ordens de serviço',
    });
    const es = await t.request('POST', '/api/repairs', {
      token: attendant.token,
      body: {},
      headers: { 'accept-language': 'es' },
    });
    expect(es.json().message).toBe('Solo los administradores pueden crear órdenes de servicio');
    const grant = await t.request('PUT', '/api/permissions', {
      token: t.adminToken,
      body: { grants: { 'repairs:create': ['ADMINISTRATOR', 'ATTENDANT'] } },
    });
    expect(grant.statusCode, grant.body).toBe(200);
    const again = await post(seedBody(customerId), attendant.token);
    expect(again.statusCode, again.body).toBe(201);
    await t.request('PUT', '/api/permissions', { token: t.adminToken, body: { grants: {} } });
  });

  it('honours Idempotency-Key: a retry returns the first order and reserves nothing twice', async () => {
    const { thermostat } = await seedComponents(5);
    const body = seedBody(customerId, { parts: [{ componentId: thermostat.id, quantity: 2 }] });
    const key = `retry-${Date.now()}`;
    const [first, second] = await Promise.all([
      post(body, t.adminToken, { 'idempotency-key': key }),
      post(body, t.adminToken, { 'idempotency-key': key }),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(first.json().id).toBe(second.json().id);
    expect([first.headers['idempotent-replayed'], second.headers['idempotent-replayed']].sort()).toEqual([
      'true',
      undefined,
    ]);
    expect(await component(thermostat.id)).toMatchObject({ stock: 3, reserved: 2 });
    const other = await post({ ...body, notes: 'outra' }, t.adminToken, { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(other.json().message).toBe('Esta Idempotency-Key já foi usada com outra requisição');
    const malformed = await post(body, t.adminToken, { 'idempotency-key': 'x' });
    expect(malformed.statusCode).toBe(400);
  });

  it('sells the last units of a component once: N parallel orders against stock K → exactly K succeed', async () => {
    const K = 4;
    const N = 12;
    const { thermostat } = await seedComponents(K);
    const responses = await Promise.all(
      Array.from({ length: N }, () =>
        post(seedBody(customerId, { parts: [{ componentId: thermostat.id, quantity: 1 }] })),
      ),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(K);
    expect(codes.filter((c) => c === 422)).toHaveLength(N - K);
    for (const r of responses.filter((x) => x.statusCode === 422)) {
      expect(r.json()).toMatchObject({
        error: 'Insufficient Stock',
        details: { componentId: thermostat.id, available: 0 },
      });
    }
    expect(await component(thermostat.id)).toMatchObject({ stock: 0, reserved: K });
    const numbers = responses.filter((r) => r.statusCode === 201).map((r) => r.json().number);
    expect(new Set(numbers).size).toBe(K);
  });
});

describe('orders beyond appliances', () => {
  it('creates an order for a vehicle with odometer and fuel at intake, recording the reading', async () => {
    const car = await createAsset(t, customerId, {
      kind: 'vehicle',
      brand: 'Fiat',
      model: 'Strada',
      plate: 'ABC1D23',
    });
    const res = await post({
      userId: customerId,
      assetId: car.id,
      receivedAt: new Date().toISOString(),
      status: 'NAO_INICIADO',
      odometerKm: 80123,
      fuelLevel: 'HALF',
      serviceType: 'PREVENTIVE_MAINTENANCE',
      priority: 'HIGH',
      condition: 'Risco na porta traseira',
      accessories: ['Estepe', 'Macaco'],
      serviceDescription: 'Revisão dos 80 mil',
      services: [{ description: 'Troca de óleo e filtro', hours: 1, price: 120 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const repair = RepairSchema.parse(res.json());
    expect(repair).toMatchObject({
      assetId: car.id,
      asset: { kind: 'vehicle', plate: 'ABC1D23' },
      appliances: [],
      odometerKm: 80123,
      fuelLevel: 'HALF',
      serviceType: 'PREVENTIVE_MAINTENANCE',
      priority: 'HIGH',
      accessories: ['Estepe', 'Macaco'],
      laborValue: 120,
      totalValue: 120,
      estimatedHours: 1,
    });
    const readings = (
      await t.request('GET', `/api/assets/${car.id}/readings`, { token: t.adminToken })
    ).json();
    expect(readings.items ?? readings).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: 80123 })]),
    );
    const lower = await post({
      userId: customerId,
      assetId: car.id,
      receivedAt: new Date().toISOString(),
      status: 'NAO_INICIADO',
      odometerKm: 100,
    });
    expect(lower.statusCode).toBe(422);
  });

  it('prices service lines from the catalog (canned jobs) and refuses a line with no price', async () => {
    const item = await t.request('POST', '/api/service-catalog', {
      token: t.adminToken,
      body: {
        code: `REV-${Date.now()}`,
        name: 'Revisão de freios',
        standardHours: 2,
        price: 240,
        specialty: 'Freios',
      },
    });
    expect(item.statusCode, item.body).toBe(201);
    const machine = await createAsset(t, customerId, {
      kind: 'machine',
      brand: 'Caterpillar',
      model: '320',
      serial: 'CAT0320X',
    });
    const res = await post({
      userId: customerId,
      assetId: machine.id,
      receivedAt: '2025-11-13',
      status: 'NAO_INICIADO',
      hourMeter: 4520.5,
      services: [{ catalogId: item.json().id }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      hourMeter: 4520.5,
      services: [{ description: 'Revisão de freios', hours: 2, price: 240, warrantyDays: 90 }],
      laborValue: 240,
      estimatedHours: 2,
    });
    const noPrice = await post({
      userId: customerId,
      assetId: machine.id,
      receivedAt: '2025-11-13',
      status: 'NAO_INICIADO',
      services: [{ description: 'Diagnóstico' }],
    });
    expect(noPrice.statusCode).toBe(400);
    expect(noPrice.json().details['services.0.price']).toMatch(/preço do serviço/);
  });

  it("refuses another customer's asset and an unknown one", async () => {
    const other = await createCustomer(t, { name: 'João Souza' });
    const car = await createAsset(t, other.id, { kind: 'vehicle', plate: 'XYZ9A87' });
    const base = { userId: customerId, receivedAt: '2025-11-13', status: 'NAO_INICIADO' };
    expect((await post({ ...base, assetId: car.id })).statusCode).toBe(422);
    expect((await post({ ...base, assetId: '123e4567-e89b-12d3-a456-426614174000' })).statusCode).toBe(404);
  });
});
