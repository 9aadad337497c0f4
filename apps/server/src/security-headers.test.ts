import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/helpers.js';
import { buildApp, securityHeaders } from './app.js';

let t: TestApp;
let web: FastifyInstance;
let webDir: string;
beforeAll(async () => {
  t = await createTestApp();
  // a built SPA of our own: an index page and a hashed asset
  webDir = await mkdtemp(path.join(tmpdir(), 'bancada-web-'));
  await mkdir(path.join(webDir, 'assets'));
  await writeFile(
    path.join(webDir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>',
  );
  await writeFile(path.join(webDir, 'assets', 'index-abc123.js'), 'console.log("app");');
  web = await buildApp(t.deps, { webDir });
  await web.ready();
});
afterAll(async () => {
  await web.close();
  await t.close();
  await rm(webDir, { recursive: true, force: true });
});

function directives(res: LightMyRequestResponse): Map<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectSecurityHeaders(res: LightMyRequestResponse, where: string) {
  const csp = directives(res);
  expect(csp.get('default-src'), where).toEqual(["'self'"]);
  expect(csp.get('script-src'), where).toEqual(["'self'"]);
  expect(csp.get('object-src'), where).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors'), where).toEqual(["'none'"]);
  expect(csp.get('base-uri'), where).toEqual(["'self'"]);
  for (const [name, values] of csp) {
    if (name.startsWith('script')) expect(values, `${where} ${name}`).not.toContain("'unsafe-inline'");
    expect(values, `${where} ${name}`).not.toContain("'unsafe-eval'");
  }
  expect(res.headers['x-content-type-options'], where).toBe('nosniff');
  expect(res.headers['x-frame-options'], where).toBe('DENY');
  expect(res.headers['referrer-policy'], where).toBe('no-referrer');
  // served over plain HTTP in tests (PUBLIC_URL http://…): no HSTS
  expect(res.headers['strict-transport-security'], where).toBeUndefined();
  expect(res.headers['set-cookie'], where).toBeUndefined();
}

describe('security headers', () => {
  it('are on API answers, successes and errors alike', async () => {
    expectSecurityHeaders(await t.request('GET', '/api/health'), 'health');
    expectSecurityHeaders(await t.request('GET', '/api/customers'), '401');
    expectSecurityHeaders(await t.request('GET', '/api/nothing'), '404');
    expectSecurityHeaders(
      await t.request('GET', '/api/customers', { token: t.adminToken }),
      'customers list',
    );
  });

  it('are on the sign-in answer, which sets no cookie', async () => {
    const res = await t.request('POST', '/api/auth/login', {
      body: { email: 'admin@oficina.test', password: 'admin-pass-123' },
    });
    expect(res.statusCode).toBe(200);
    expectSecurityHeaders(res, 'login');
  });

  it('are on the SPA page, a static asset and a client-side route', async () => {
    const index = await web.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('id="root"');
    expectSecurityHeaders(index, 'index');
    const route = await web.inject({ method: 'GET', url: '/repairs/123' });
    expect(route.statusCode).toBe(200);
    expectSecurityHeaders(route, 'client route');
    const asset = await web.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expectSecurityHeaders(asset, 'asset');
  });

  it('let the SPA’s own scripts, the live socket, blob images and inline styles through', async () => {
    const csp = directives(await web.inject({ method: 'GET', url: '/' }));
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://localhost:3000']);
    expect(csp.get('img-src')).toEqual(expect.arrayContaining(["'self'", 'data:', 'blob:']));
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('are on the API docs, whose page has no inline script the policy would block', async () => {
    const page = await t.request('GET', '/api/docs/');
    expect(page.statusCode).toBe(200);
    expectSecurityHeaders(page, 'docs');
    // every script of Swagger UI's page is a file of our origin
    const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="\.?\/?[^"]*"/);
      expect(body!.trim()).toBe('');
      expect(attributes).not.toMatch(/src="(https?:)?\/\//);
    }
    const initializer = await t.request('GET', '/api/docs/static/swagger-initializer.js');
    expect(initializer.statusCode).toBe(200);
    expectSecurityHeaders(initializer, 'swagger initializer');
  });

  it('send HSTS and upgrade-insecure-requests only when the public address is https', () => {
    const plain = securityHeaders('http://localhost:3000');
    expect(plain.strictTransportSecurity).toBe(false);
    expect(plain.contentSecurityPolicy.directives).not.toHaveProperty('upgradeInsecureRequests');
    const tls = securityHeaders('https://oficina.example.com');
    expect(tls.strictTransportSecurity).toEqual({ maxAge: 31_536_000, includeSubDomains: true });
    expect(tls.contentSecurityPolicy.directives.connectSrc).toEqual(["'self'", 'wss://oficina.example.com']);
  });

  it('sends HSTS on every answer of an app served over https', async () => {
    const secure = await buildApp({
      ...t.deps,
      config: { ...t.deps.config, publicUrl: 'https://oficina.example.com' },
    });
    try {
      const res = await secure.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    } finally {
      await secure.close();
    }
  });
});
