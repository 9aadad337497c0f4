import type { AuthedContext } from '../src/platform/context.js';
import type { TestApp } from './helpers.js';

let sequence = 0;

/** Creates a component through the API as the administrator; throws unless 201. */
export async function createComponent(t: TestApp, body: Record<string, unknown> = {}, token = t.adminToken) {
  sequence += 1;
  const res = await t.request('POST', '/api/components', {
    token,
    body: { name: `Peça ${sequence}`, code: `P-${Date.now()}-${sequence}`, price: 10, ...body },
  });
  if (res.statusCode !== 201) throw new Error(`create component failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number; stock: number; reserved: number } & Record<
    string,
    unknown
  >;
}

export async function createSupplier(t: TestApp, body: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/api/suppliers', {
    token: t.adminToken,
    body: { name: `Fornecedor ${++sequence}`, ...body },
  });
  if (res.statusCode !== 201) throw new Error(`create supplier failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number; name: string } & Record<string, unknown>;
}

/** The administrator as a service caller (for the stock service used by other modules). */
export async function adminContext(t: TestApp): Promise<AuthedContext> {
  const {
    rows: [admin],
  } = await t.deps.pool.query<{ id: string; name: string; email: string; organization_id: string }>(
    `SELECT id, name, email, organization_id FROM users WHERE role = 'ADMINISTRATOR' ORDER BY created_at LIMIT 1`,
  );
  return {
    actor: {
      userId: admin!.id,
      name: admin!.name,
      email: admin!.email,
      role: 'ADMINISTRATOR',
      organizationId: admin!.organization_id,
      branchId: null,
      sessionId: 'test',
      grants: {},
      customerId: null,
    },
    ip: null,
    userAgent: 'test',
    locale: 'pt-BR',
    requestId: 'test',
  };
}
