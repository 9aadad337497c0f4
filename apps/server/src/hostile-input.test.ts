import { request as httpRequest } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { ErrorBodySchema, ROUTE_ACCESS } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, customerLogin } from '../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../test/helpers.js';
import { createRepair } from '../test/repairs.js';
import { buildApp, HTTP_TIMEOUTS } from './app.js';

type Parameter = { name: string; in: string; required?: boolean; schema?: { type?: string | string[] } };
type Operation = { operationId: string; parameters?: Parameter[] };
type Document = { paths: Record<string, Record<string, Operation>> };

const SOME_ID = '2f1e4bb0-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const strictError = ErrorBodySchema.strict();

let t: TestApp;
let doc: Document;
beforeAll(async () => {
  t = await createTestApp();
  doc = (await t.request('GET', '/api/openapi.json')).json() as Document;
});
afterAll(() => t.close());

const isString = (p: Parameter) =>
  p.schema?.type === 'string' || (Array.isArray(p.schema?.type) && p.schema.type.includes('string'));

describe('a NUL byte or another control character in a text parameter', () => {
  it('is a 400 in seed 004’s body on every documented GET route', async () => {
    const failures: string[] = [];
    let checked = 0;
    // a route only a portal customer may call answers 403 to staff before reading its parameters
    const customer = await createCustomer(t, { name: 'Cliente NUL' });
    const portal = await customerLogin(t, customer.id);
    const rules: Record<string, { access: unknown }> = ROUTE_ACCESS;
    for (const [path, methods] of Object.entries(doc.paths)) {
      const op = methods.get;
      if (!op) continue;
      const token = rules[`GET ${path}`]?.access === 'customer' ? portal.token : t.adminToken;
      const url = path.replace(/\{[^}]+\}/g, SOME_ID);
      for (const param of (op.parameters ?? []).filter((p) => p.in === 'query' && isString(p))) {
        for (const value of ['%00', 'a%00b', '%1B%5B2J']) {
          checked++;
          const res = await t.request('GET', `${url}?${param.name}=${value}`, { token });
          const shaped = strictError.safeParse(res.json()).success;
          if (res.statusCode !== 400 || !shaped)
            failures.push(
              `${op.operationId} ?${param.name}=${value} → ${res.statusCode} ${res.body.slice(0, 80)}`,
            );
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(failures).toEqual([]);
  });

  it('names the parameter, in the request’s language', async () => {
    const res = await t.request('GET', '/api/tools?q=%00', {
      token: t.adminToken,
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'Validation Error', details: { q: expect.any(String) } });
  });

  it('inside a JSON body string is a 400 (PostgreSQL text cannot store it), and nothing is written', async () => {
    const before = await t.deps.pool.query('SELECT count(*)::int AS n FROM customers');
    const res = await t.request('POST', '/api/customers', {
      token: t.adminToken,
      body: { name: 'Maria\u0000Silva', notes: 'ok' },
    });
    expect(res.statusCode).toBe(400);
    expect(strictError.parse(res.json())).toMatchObject({ error: 'Validation Error' });
    expect(res.json().details).toHaveProperty('name');
    const after = await t.deps.pool.query('SELECT count(*)::int AS n FROM customers');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('half of a surrogate pair in a body string (jsonb refuses it) is a 400 naming the field, and nothing is written', async () => {
    const before = await t.deps.pool.query('SELECT count(*)::int AS n FROM campaigns');
    // raw JSON, since a JS string with a lone surrogate is re-encoded as U+FFFD on the way out
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' },
      payload:
        '{"name":"Promo","channels":["email"],"messages":{"email":{"subject":"Oi","body":"oi \\ud800"}}}',
    });
    expect(res.statusCode).toBe(400);
    expect(strictError.parse(res.json())).toMatchObject({ error: 'Validation Error' });
    expect(res.json().details).toHaveProperty(['messages.email.body']);
    const after = await t.deps.pool.query('SELECT count(*)::int AS n FROM campaigns');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('keeps tabs and line breaks in free text', async () => {
    const customer = await createCustomer(t, { name: 'Tab Line', notes: 'linha 1\nlinha\t2\r\nfim' });
    expect(customer.notes).toBe('linha 1\nlinha\t2\r\nfim');
  });
});

describe('database errors in the log', () => {
  it('never carry the query’s bound values', async () => {
    const lines: string[] = [];
    const logged = await createTestApp({
      config: { logLevel: 'info' },
      logStream: { write: (line) => lines.push(line) },
    });
    try {
      // a failing query with a searched document among its parameters
      await logged.deps.pool.query('ALTER TABLE customers RENAME COLUMN search_text TO search_text_gone');
      const res = await logged.request('GET', '/api/customers?q=529.982.247-25', {
        token: logged.adminToken,
      });
      expect(res.statusCode).toBe(500);
      expect(strictError.parse(res.json()).error).toBe('Internal Server Error');
    } finally {
      await logged.close();
    }
    const text = lines.join('\n');
    expect(text).toContain('unhandled error');
    expect(text).not.toMatch(/529\.?982\.?247-?25|52998224725/);
  });
});

describe('framework errors use seed 004’s body', () => {
  it('a path parameter over the router’s limit → 414 without echoing the URL', async () => {
    const long = 'x'.repeat(150);
    const res = await t.request('GET', `/api/customers/${long}`, {
      token: t.adminToken,
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(414);
    const body = strictError.parse(res.json());
    expect(body.error).toBe('URI Too Long');
    expect(res.body).not.toContain(long);
  });

  it('an unknown method on a known path → 404 or 405 in seed 004’s body', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/customers' });
    expect([404, 405]).toContain(res.statusCode);
    expect(strictError.safeParse(res.json()).success).toBe(true);
  });

  it('a JSON body labelled with a charset other than utf-8 → 415', async () => {
    for (const charset of ['utf-7', 'iso-8859-1', 'utf-16']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': `application/json; charset=${charset}` },
        payload: JSON.stringify({ email: 'a@b.co', password: 'whatever-123' }),
      });
      expect(res.statusCode, charset).toBe(415);
      expect(strictError.parse(res.json()).error).toBe('Unsupported Media Type');
    }
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      payload: JSON.stringify({ email: 'a@b.co', password: 'whatever-123' }),
    });
    expect(ok.statusCode).toBe(401);
  });

  it('over a socket: an over-long URL → 431 and a malformed request → 400, both in seed 004’s body', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const get = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
          let body = '';
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const secret = `q=${'529.982.247-25'.repeat(3000)}`;
    const long = await get(`/api/customers?${secret}`);
    expect(long.status).toBe(431);
    expect(strictError.parse(JSON.parse(long.body)).error).toBe('Request Header Fields Too Large');
    expect(long.body).not.toContain('529.982');
    const garbage = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk;
      });
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);
    const body = garbage.slice(garbage.indexOf('\r\n\r\n') + 4);
    expect(strictError.parse(JSON.parse(body)).error).toBe('Bad Request');
  });
});

describe('uploads', () => {
  it('a multipart body cut short, or without a boundary, is a 400, not a 500', async () => {
    const repair = await createRepair(t);
    const head =
      '--b0\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n';
    for (const [contentType, payload] of [
      ['multipart/form-data; boundary=b0', `${head}\xff\xd8\xff`],
      ['multipart/form-data', '--b0\r\n'],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/repairs/${repair.id}/photos`,
        headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': contentType },
        payload,
      });
      expect(res.statusCode, contentType).toBeLessThan(500);
      expect(res.statusCode, contentType).toBeGreaterThanOrEqual(400);
      expect(strictError.safeParse(res.json()).success).toBe(true);
    }
  });
});

describe('slow clients', () => {
  it('a client that never finishes its headers is cut off with 408 in seed 004’s body', async () => {
    const slow = await buildApp(t.deps, { timeouts: { headersMs: 300, requestMs: 600, checkEveryMs: 100 } });
    await slow.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = slow.server.address() as AddressInfo;
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () =>
          socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n'),
        );
        let received = '';
        socket.on('data', (chunk) => {
          received += chunk;
        });
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
        setTimeout(() => reject(new Error('the server kept the connection open')), 5000);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
      expect(strictError.parse(JSON.parse(body)).error).toBe('Request Timeout');
    } finally {
      await slow.close();
    }
  });

  it('the production server has header, request and idle timeouts', async () => {
    const app = await buildApp(t.deps);
    try {
      expect(app.server.headersTimeout).toBe(HTTP_TIMEOUTS.headersMs);
      expect(app.server.requestTimeout).toBe(HTTP_TIMEOUTS.requestMs);
      expect(app.server.timeout).toBe(HTTP_TIMEOUTS.idleMs);
    } finally {
      await app.close();
    }
  });
});

describe('authorization comes before validation', () => {
  it('answers 403 (or the owner’s 404) to a caller without the right, whatever the body', async () => {
    const technician = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const own = await createCustomer(t, { name: 'Portal Dono' });
    const other = await createCustomer(t, { name: 'Outro' });
    const portal = await customerLogin(t, own.id);
    const invalid = { kind: 'spaceship', nonsense: ['x'] };
    const cases: [string, 'POST' | 'PATCH' | 'DELETE', string, string, number][] = [
      ['a CUSTOMER', 'POST', `/api/customers/${other.id}/assets`, portal.token, 404],
      ['a CUSTOMER', 'POST', '/api/customers', portal.token, 403],
      ['a CUSTOMER', 'POST', '/api/repairs', portal.token, 403],
      ['a CUSTOMER', 'POST', '/api/components', portal.token, 403],
      ['a CUSTOMER', 'PATCH', `/api/customers/${other.id}`, portal.token, 404],
      ['a TECHNICIAN', 'POST', '/api/customers', technician.token, 403],
      ['a TECHNICIAN', 'PATCH', `/api/customers/${own.id}`, technician.token, 403],
      ['a TECHNICIAN', 'POST', '/api/users', technician.token, 403],
      ['a TECHNICIAN', 'POST', '/api/suppliers', technician.token, 403],
      ['a TECHNICIAN', 'POST', '/api/repairs', technician.token, 403],
    ];
    for (const [who, method, url, token, status] of cases) {
      const res = await t.request(method, url, { token, body: invalid });
      expect(res.statusCode, `${who} ${method} ${url}: ${res.body}`).toBe(status);
      expect(strictError.parse(res.json()).details).toBeUndefined();
    }
    // with an invalid id in the path too
    const res = await t.request('POST', '/api/customers/not-a-uuid/assets', {
      token: portal.token,
      body: invalid,
    });
    expect(res.statusCode).toBe(404);
  });
});
