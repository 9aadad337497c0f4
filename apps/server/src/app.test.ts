import { ErrorBodySchema, HealthSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/helpers.js';

// every warning the process emits while the apps below are built (a deprecation prints on each start)
const warnings: Error[] = [];
process.on('warning', (warning) => warnings.push(warning));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { bodyLimitBytes: 2048 } });
});
afterAll(() => t.close());

describe('framework-level errors keep seed 004’s body', () => {
  it('malformed JSON → 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      payload: '{"email": "a@b.c",',
    });
    expect(res.statusCode).toBe(400);
    expect(ErrorBodySchema.strict().parse(res.json())).toEqual({
      error: 'Bad Request',
      message: 'The request body is not valid JSON',
    });
  });

  it('unknown route → 404 in the request language, even without a token', async () => {
    const res = await t.request('GET', '/api/nothing-here', {
      headers: { 'accept-language': 'es-AR,es;q=0.9' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'Not Found', message: 'La ruta GET /api/nothing-here no existe' });
  });

  it('payload too large → 413', async () => {
    const res = await t.request('POST', '/api/auth/login', {
      body: { email: 'a@b.co', password: 'x'.repeat(5000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toBe('Payload Too Large');
  });

  it('unsupported content type → 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    expect(res.statusCode).toBe(415);
    expect(ErrorBodySchema.parse(res.json()).error).toBe('Unsupported Media Type');
  });

  it('a protected route without a token → 401 before the body is validated', async () => {
    const res = await t.request('POST', '/api/users', { body: { nonsense: true } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      error: 'Unauthorized',
      message: 'Token de autenticação inválido ou expirado',
    });
  });

  it('unknown JSON keys are ignored, wrong types are named', async () => {
    const res = await t.request('POST', '/api/auth/login', {
      body: { email: 42, password: ['x'], extra: 1 },
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual({
      email: 'Invalid type: expected string',
      password: 'Invalid type: expected string',
    });
  });

  it('sends security headers', async () => {
    const res = await t.request('GET', '/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});

describe('health', () => {
  it('reports the database state', async () => {
    const res = await t.request('GET', '/api/health');
    expect(res.statusCode).toBe(200);
    const health = HealthSchema.parse(res.json());
    expect(health.database.status).toBe('up');
    expect(health.database.serverVersion).toMatch(/^\d+/);
  });
});

describe('OpenAPI', () => {
  type Operation = {
    tags?: string[];
    operationId?: string;
    responses?: Record<string, unknown>;
    security?: unknown[];
  };

  it('documents every route with tags, an operationId and its error responses', async () => {
    const res = await t.request('GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, Operation>> };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(20);
    const ids = new Set<string>();
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.tags?.length, where).toBeGreaterThan(0);
      expect(op.operationId, where).toBeTruthy();
      expect(ids.has(op.operationId!), `${where} duplicate operationId`).toBe(false);
      ids.add(op.operationId!);
      const statuses = Object.keys(op.responses ?? {});
      expect(
        statuses.some((s) => s.startsWith('2')),
        where,
      ).toBe(true);
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (!isPublic) expect(statuses, `${where} documents 401`).toContain('401');
    }
    expect(ids).toContain('login');
    expect(ids).toContain('createUser');
  });

  it('serves Swagger UI', async () => {
    const res = await t.request('GET', '/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});

describe('access log', () => {
  it('writes one line per request when it is answered: method, path without secrets, status, time', async () => {
    const lines: string[] = [];
    const logged = await createTestApp({
      config: { logLevel: 'info' },
      logStream: { write: (line) => lines.push(line) },
    });
    try {
      await logged.request('GET', '/api/search?q=529.982.247-25', { token: logged.adminToken });
    } finally {
      await logged.close();
    }
    const entries = lines
      .flatMap((l) => l.split('\n'))
      .filter((l) => l.includes('/api/search'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      msg: 'request completed',
      req: { method: 'GET', url: '/api/search?q=[redacted]' },
      res: { statusCode: 200 },
    });
    expect(entries[0]!.responseTime).toEqual(expect.any(Number));
  });

  it('building the app prints no deprecation warning at start-up', () => {
    expect(warnings.filter((w) => /Deprecation/.test(w.name)).map((w) => w.message)).toEqual([]);
  });
});
