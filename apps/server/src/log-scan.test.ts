import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApp, type TestApp } from '../test/helpers.js';
import { serializeRequest } from './app.js';
import { makeCpf } from './platform/demo-documents.js';

// Issue 13 §3: logs never contain documents, phone numbers, e-mails, tokens or passwords. The whole
// app runs at level debug with its log captured, through the flows that carry them.

const lines: string[] = [];
let t: TestApp;

const CPF = makeCpf('418725396');
const CPF_FORMATTED = `${CPF.slice(0, 3)}.${CPF.slice(3, 6)}.${CPF.slice(6, 9)}-${CPF.slice(9)}`;
const EMAIL = 'joana.logscan@cliente.test';
const PHONE = '11987612345';
const PHONE_FORMATTED = '(11) 98761-2345';
const STAFF = { email: 'atendente.logscan@oficina.test', password: 'logscan-Secret-Pass-9' };
const seen = new Set<string>();

beforeAll(async () => {
  t = await createTestApp({
    config: { logLevel: 'debug' },
    logStream: { write: (line: string) => void lines.push(line) },
  });
}, 60_000);
afterAll(() => t.close());

/** Every value that must stay out of the log, with what it is. */
function secrets(): [string, string][] {
  return [
    ['the administrator password', ADMIN.password],
    ['a staff password', STAFF.password],
    ['the new password', 'logscan-New-Pass-10'],
    ['the CPF (digits)', CPF],
    ['the CPF (formatted)', CPF_FORMATTED],
    ['the e-mail', EMAIL],
    ['the staff e-mail', STAFF.email],
    ['the phone digits', PHONE],
    ['the phone (formatted)', PHONE_FORMATTED],
    ...[...seen].map((token) => ['a token', token] as [string, string]),
  ];
}

describe('the log of an integration run', () => {
  it('runs sign-in, refresh, customers, searches, failures and a password reset', async () => {
    const staff = await t.request('POST', '/api/users', {
      token: t.adminToken,
      body: { name: 'Atendente Log', email: STAFF.email, password: STAFF.password, role: 'ATTENDANT' },
    });
    expect(staff.statusCode, staff.body).toBe(201);
    const signIn = await t.login(STAFF.email, STAFF.password);
    seen.add(signIn.accessToken).add(signIn.refreshToken).add(t.adminToken);
    const refreshed = await t.request('POST', '/api/auth/refresh', {
      body: { refreshToken: signIn.refreshToken },
    });
    expect(refreshed.statusCode).toBe(200);
    seen.add(refreshed.json().accessToken).add(refreshed.json().refreshToken);
    const token = refreshed.json().accessToken as string;
    // a wrong password is logged as a failure, without the password tried
    await t.request('POST', '/api/auth/login', {
      body: { email: STAFF.email, password: `${STAFF.password}x` },
    });

    const created = await t.request('POST', '/api/customers', {
      token,
      body: {
        name: 'Joana Logscan',
        document: CPF_FORMATTED,
        email: EMAIL,
        phones: [{ label: 'mobile', number: PHONE_FORMATTED }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;

    for (const url of [
      `/api/customers?q=${CPF}`,
      `/api/customers?q=${encodeURIComponent(CPF_FORMATTED)}`,
      `/api/customers?q=${PHONE}&page=1`,
      `/api/search?q=${encodeURIComponent(EMAIL)}`,
      `/api/search?page=1&q=${PHONE}`,
      `/api/outbox?q=${encodeURIComponent(EMAIL)}`,
      `/api/customers/export?q=${CPF}`,
      // personal data where an id or another filter belongs: a client's mistake, still kept out
      `/api/customers/${CPF}`,
      `/api/customers/${encodeURIComponent(CPF_FORMATTED)}/assets`,
      `/api/customers/${encodeURIComponent(EMAIL)}`,
      `/api/customers?city=${encodeURIComponent(EMAIL)}`,
      `/api/repairs?q=${encodeURIComponent(PHONE_FORMATTED)}`,
      `/api/live?token=${encodeURIComponent(t.adminToken)}`,
    ]) {
      expect((await t.request('GET', url, { token: t.adminToken })).statusCode, url).toBeLessThan(500);
    }
    // a request refused by validation, with the personal data in its body
    const invalid = await t.request('POST', '/api/customers', {
      token,
      body: {
        name: '',
        document: CPF,
        email: EMAIL,
        phones: [{ label: 'mobile', number: PHONE }],
        kind: 'nonsense',
      },
    });
    expect(invalid.statusCode).toBe(400);
    // a duplicate: PostgreSQL's unique violation quotes the row's values in its detail
    const duplicate = await t.request('POST', '/api/customers', {
      token,
      body: {
        name: 'Joana de Novo',
        document: CPF,
        email: EMAIL,
        phones: [{ label: 'mobile', number: PHONE }],
      },
    });
    expect(duplicate.statusCode).toBe(409);
    // a database error: a constraint the data breaks, whose message quotes the failing row
    await t.deps.pool.query(
      `ALTER TABLE customers ADD CONSTRAINT logscan_no_updates CHECK (version < 2) NOT VALID`,
    );
    try {
      const failed = await t.request('PATCH', `/api/customers/${id}`, {
        token: t.adminToken,
        body: { email: EMAIL, phones: [{ label: 'mobile', number: PHONE }], notes: `CPF ${CPF}` },
        headers: { 'if-match': `"${created.json().version}"` },
      });
      expect(failed.statusCode).toBeGreaterThanOrEqual(400);
    } finally {
      await t.deps.pool.query('ALTER TABLE customers DROP CONSTRAINT logscan_no_updates');
    }

    const reset = await t.request('POST', '/api/auth/password-reset', { body: { email: STAFF.email } });
    expect(reset.statusCode).toBe(202);
    const outbox = await t.request('GET', `/api/outbox?q=${encodeURIComponent(STAFF.email)}`, {
      token: t.adminToken,
    });
    const message = (outbox.json().items as { body: string }[])[0]!;
    const resetToken = /token=([\w-]+)/.exec(message.body)![1]!;
    seen.add(resetToken);
    const confirmed = await t.request('POST', '/api/auth/password-reset/confirm', {
      body: { token: resetToken, password: 'logscan-New-Pass-10' },
    });
    expect(confirmed.statusCode).toBe(204);
    await t.request('POST', '/api/auth/logout', {
      token: t.adminToken,
      body: { refreshToken: signIn.refreshToken },
    });
  });

  it('holds none of the passwords, tokens, documents, e-mails or phones', () => {
    const log = lines.join('');
    // the run was logged at all, errors included
    expect(lines.length).toBeGreaterThan(20);
    expect(log).toMatch(/"level":50/);
    // as written, and as a URL carries it (`%40`, `%20`, ...)
    const forms = secrets().flatMap(([what, value]) => [
      [what, value],
      [`${what}, URL-encoded`, encodeURIComponent(value)],
    ]);
    const found = forms
      .filter(([, value]) => log.includes(value!))
      .map(([what, value]) => {
        const line = lines.find((l) => l.includes(value!))!;
        return `${what} in: ${line.slice(0, 400)}`;
      });
    expect(found).toEqual([]);
  });
});

describe('the request line of the log', () => {
  it.each([
    ['/api/customers/52998224725', '/api/customers/[redacted]'],
    ['/api/customers/529.982.247-25/assets', '/api/customers/[redacted]/assets'],
    ['/api/customers/12ABC34501DE35', '/api/customers/[redacted]'],
    ['/api/customers?city=ana%40x.test&page=2', '/api/customers?city=[redacted]&page=2'],
    [
      '/api/customers?kind=person&phones=%2B55%2011%2098765-4321',
      '/api/customers?kind=person&phones=[redacted]',
    ],
    ['/api/live?TOKEN=abc', '/api/live?TOKEN=[redacted]'],
  ])('hides personal data in %s', (url, logged) => {
    expect(serializeRequest({ method: 'GET', url }).url).toBe(logged);
  });

  it('keeps ids, dates, numbers and filters readable', () => {
    const url =
      '/api/repairs/0b7c6a52-59a4-4c3e-9d55-123456789012/photos?from=2025-11-13&to=2025-11-20T18:00:00.000Z&page=2&status=EM_ANDAMENTO&number=1234';
    expect(serializeRequest({ method: 'GET', url }).url).toBe(url);
  });
});
