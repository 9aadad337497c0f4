import { type Repair, RepairSchema } from '@bancada/shared';
import { createCustomer } from './customers.js';
import type { TestApp } from './helpers.js';

/** seed 004's example body for a customer; parts and fields may be overridden. */
export function seedBody(userId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    userId,
    appliances: [
      {
        type: 'Geladeira',
        brand: 'Brastemp',
        model: 'BRM45',
        voltage: '127 V',
        serial: 'ABC123456',
        customerNote: 'Não está gelando a parte de baixo',
        laborValue: 150.0,
      },
    ],
    parts: [],
    nf: 'NF-12345',
    returnGuarantee: true,
    fabricGuarantee: false,
    discount: 0,
    receivedAt: '2025-11-13T10:00:00.000Z',
    deadline: '2025-11-20T18:00:00.000Z',
    serviceDescription: 'Cliente relata que a geladeira não está gelando adequadamente.',
    notes: 'Verificar sistema de refrigeração.',
    status: 'NAO_INICIADO',
    updatedAt: '2025-11-13T10:00:00.000Z',
    ...overrides,
  };
}

/** Creates an order through the API (a new customer unless one is given); throws unless 201. */
export async function createRepair(
  t: TestApp,
  overrides: Record<string, unknown> = {},
  options: { customerId?: string; token?: string } = {},
): Promise<Repair> {
  const customerId = options.customerId ?? (await createCustomer(t, { name: 'Maria da Silva' })).id;
  const res = await t.request('POST', '/api/repairs', {
    token: options.token ?? t.adminToken,
    body: seedBody(customerId, overrides),
  });
  if (res.statusCode !== 201) throw new Error(`create repair failed: ${res.statusCode} ${res.body}`);
  return RepairSchema.parse(res.json());
}

/** Moves an order through statuses in order, as the given user; throws on the first refusal. */
export async function moveRepair(t: TestApp, id: string, statuses: string[], token = t.adminToken) {
  let last: Repair | undefined;
  for (const status of statuses) {
    const res = await t.request('POST', `/api/repairs/${id}/status`, { token, body: { status } });
    if (res.statusCode !== 200) throw new Error(`move to ${status} failed: ${res.statusCode} ${res.body}`);
    last = RepairSchema.parse(res.json());
  }
  return last;
}

/** Checks every item of the review checklist. */
export async function completeChecklist(t: TestApp, id: string, token = t.adminToken) {
  const res = await t.request('PUT', `/api/repairs/${id}/checklist`, {
    token,
    body: {
      items: ['work_done', 'parts_as_planned', 'tested', 'asset_clean'].map((key) => ({ key, done: true })),
    },
  });
  if (res.statusCode !== 200) throw new Error(`checklist failed: ${res.statusCode} ${res.body}`);
  return RepairSchema.parse(res.json());
}
