import {
  ConsentEventListSchema,
  CustomerDataExportSchema,
  CustomerSchema,
  DataRequestCreatedSchema,
  DataRequestListSchema,
  MeSchema,
  PortalAccountReadySchema,
  StaffDataRequestPageSchema,
  StaffDataRequestSchema,
} from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { customerRecords } from '../../../test/customer-records.js';
import { createAsset, createCustomer, customerLogin, otherOrganization } from '../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';
import { makeCpf } from '../../platform/demo-documents.js';

// every registration hashes the typed password, known e-mail or not: counted here
const hashed = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../platform/password.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../platform/password.js')>();
  return {
    ...actual,
    hashPassword: (password: string) => {
      hashed.count++;
      return actual.hashPassword(password);
    },
  };
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const policy = await t.request('POST', '/api/privacy/policy', {
    token: t.adminToken,
    body: { body: 'Política de privacidade da oficina.\n\nTratamos seus dados para executar o serviço.' },
  });
  expect(policy.statusCode, policy.body).toBe(201);
});
afterAll(() => t.close());

let seq = 0;
const uniqueEmail = (name: string) => `${name}-${Date.now().toString(36)}-${seq++}@cliente.test`;

async function mailsTo(email: string) {
  const { rows } = await t.deps.pool.query<{ subject: string; body_text: string }>(
    'SELECT subject, body_text FROM outbox_messages WHERE to_address = $1 ORDER BY created_at',
    [email],
  );
  return rows;
}

function tokenIn(body: string, path: string): string {
  const match = new RegExp(`${path}\\?token=([\\w-]+)`).exec(body);
  if (!match) throw new Error(`no ${path} link in: ${body}`);
  return match[1]!;
}

function register(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.request('POST', '/api/portal/register', {
    body: { password: 'minha-senha-1', acceptPrivacyPolicy: true, ...body },
    headers,
  });
}

/** Registers and verifies: a signed-in customer of the portal. */
async function portalCustomer(name: string) {
  const email = uniqueEmail(name);
  expect((await register({ name, email })).statusCode).toBe(202);
  const [mail] = await mailsTo(email);
  const verified = await t.request('POST', '/api/portal/verify-email', {
    body: { token: tokenIn(mail!.body_text, '/portal/verify') },
  });
  expect(verified.statusCode, verified.body).toBe(200);
  const session = await t.login(email, 'minha-senha-1');
  const me = MeSchema.parse((await t.request('GET', '/api/auth/me', { token: session.accessToken })).json());
  return { email, token: session.accessToken, customerId: me.customerId!, refresh: session.refreshToken };
}

describe('self-registration', () => {
  it('e-mails a verification link in the chosen language; the account exists only after verifying', async () => {
    const email = uniqueEmail('nova');
    const res = await register({ name: 'Nova Cliente', email, phone: '(11) 98888-7777', locale: 'es' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'verification_sent' });
    // no login yet
    const early = await t.request('POST', '/api/auth/login', { body: { email, password: 'minha-senha-1' } });
    expect(early.statusCode).toBe(401);

    const [mail] = await mailsTo(email);
    expect(mail!.subject).toMatch(/Confirme su correo/);
    const token = tokenIn(mail!.body_text, '/portal/verify');
    const verified = await t.request('POST', '/api/portal/verify-email', { body: { token } });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(PortalAccountReadySchema.parse(verified.json())).toEqual({ email });

    const session = await t.login(email, 'minha-senha-1', true);
    const me = MeSchema.parse(
      (await t.request('GET', '/api/auth/me', { token: session.accessToken })).json(),
    );
    expect(me.role).toBe('CUSTOMER');
    expect(me.locale).toBe('es');
    const customer = CustomerSchema.parse(
      (await t.request('GET', `/api/customers/${me.customerId}`, { token: session.accessToken })).json(),
    );
    expect(customer).toMatchObject({ name: 'Nova Cliente', email, phone: '+5511988887777' });

    // the privacy policy's acceptance is in the consent ledger with the version in force
    const ledger = ConsentEventListSchema.parse(
      (await t.request('GET', `/api/customers/${me.customerId}/consents`, { token: t.adminToken })).json(),
    );
    expect(ledger).toEqual([
      expect.objectContaining({ channel: 'privacy_policy', granted: true, source: 'portal' }),
    ]);
    const { rows } = await t.deps.pool.query<{ policy_version: number }>(
      `SELECT policy_version FROM customer_consents WHERE customer_id = $1`,
      [me.customerId],
    );
    expect(rows[0]!.policy_version).toBeGreaterThanOrEqual(1);

    // the pending row (and its sealed copy of the contact data) is gone once used
    const pending = await t.deps.pool.query('SELECT 1 FROM portal_signups WHERE name = $1', ['Nova Cliente']);
    expect(pending.rowCount).toBe(0);
    // the link works once
    const again = await t.request('POST', '/api/portal/verify-email', { body: { token } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toBe('Bad Request');
    expect(again.json().message).toBe('Este link é inválido, expirou ou já foi usado');
  });

  it('links the verified account to the existing customer with that e-mail, never before', async () => {
    const email = uniqueEmail('antigo');
    const existing = await createCustomer(t, {
      name: 'Cliente Antigo',
      email,
      document: makeCpf('123450001'),
    });
    expect((await register({ name: 'Quem Diz Ser', email })).statusCode).toBe(202);
    // before verification nothing is linked: the record has no login
    const before = CustomerSchema.parse(
      (await t.request('GET', `/api/customers/${existing.id}`, { token: t.adminToken })).json(),
    );
    expect(before.portalUserId).toBeNull();

    const [mail] = await mailsTo(email);
    const verified = await t.request('POST', '/api/portal/verify-email', {
      body: { token: tokenIn(mail!.body_text, '/portal/verify') },
    });
    expect(verified.statusCode, verified.body).toBe(200);
    const session = await t.login(email, 'minha-senha-1');
    const me = MeSchema.parse(
      (await t.request('GET', '/api/auth/me', { token: session.accessToken })).json(),
    );
    expect(me.customerId).toBe(existing.id);
    const { rows } = await t.deps.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM customers WHERE name = $1',
      ['Quem Diz Ser'],
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('never links by a document alone: a CPF anyone may know opens no one’s record', async () => {
    const document = makeCpf('123450002');
    const victim = await createCustomer(t, { name: 'Dona do CPF', email: uniqueEmail('dona'), document });
    const email = uniqueEmail('intruso');
    expect((await register({ name: 'Intruso', email, document })).statusCode).toBe(202);
    const [mail] = await mailsTo(email);
    const verified = await t.request('POST', '/api/portal/verify-email', {
      body: { token: tokenIn(mail!.body_text, '/portal/verify') },
    });
    expect(verified.statusCode, verified.body).toBe(200);
    const session = await t.login(email, 'minha-senha-1');
    const me = MeSchema.parse(
      (await t.request('GET', '/api/auth/me', { token: session.accessToken })).json(),
    );
    expect(me.customerId).not.toBe(victim.id);
    const own = await t.request('GET', `/api/customers/${victim.id}`, { token: session.accessToken });
    expect(own.statusCode).toBe(404);
  });

  it('answers a known e-mail exactly like an unknown one, hashing a password either way, and mails a reset link instead', async () => {
    const known = await portalCustomer('conhecido');
    const unknown = uniqueEmail('desconhecido');
    const timings: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
    for (let i = 0; i < 3; i++) {
      for (const [which, email] of [
        ['known', known.email],
        ['unknown', `${i}-${unknown}`],
      ] as const) {
        const hashesBefore = hashed.count;
        const started = performance.now();
        const res = await register({ name: 'Alguém', email });
        timings[which].push(performance.now() - started);
        expect(res.statusCode).toBe(202);
        expect(res.json()).toEqual({ status: 'verification_sent' });
        expect(hashed.count - hashesBefore).toBe(1);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    const ratio = median(timings.known) / median(timings.unknown);
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);

    const mails = await mailsTo(known.email);
    const exists = mails.filter((m) => m.subject.startsWith('Você já tem uma conta'));
    expect(exists).toHaveLength(3);
    expect(mails.at(-1)!.body_text).toMatch(/\/reset-password\?token=/);
    expect(mails.at(-1)!.body_text).not.toMatch(/\/portal\/verify/);
  });

  it('limits registrations of one e-mail (429) and refuses a malformed body (400)', async () => {
    const email = uniqueEmail('insistente');
    for (let i = 0; i < 5; i++) expect((await register({ name: 'Insistente', email })).statusCode).toBe(202);
    const limited = await register({ name: 'Insistente', email });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toBe('Too Many Requests');

    const bad = await t.request('POST', '/api/portal/register', {
      body: { name: '', email: 'not-an-email', password: 'short', acceptPrivacyPolicy: false },
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().details)).toEqual(
      expect.arrayContaining(['name', 'email', 'password', 'acceptPrivacyPolicy']),
    );
  });

  it('signs a portal customer in with "remember me" and resets a forgotten password', async () => {
    const customer = await portalCustomer('lembrar');
    const remembered = await t.login(customer.email, 'minha-senha-1', true);
    const sessions = await t.request('GET', '/api/auth/sessions', { token: remembered.accessToken });
    expect(sessions.json()).toEqual(
      expect.arrayContaining([expect.objectContaining({ rememberMe: true, current: true })]),
    );

    expect(
      (await t.request('POST', '/api/auth/password-reset', { body: { email: customer.email } })).statusCode,
    ).toBe(202);
    const reset = (await mailsTo(customer.email)).at(-1)!;
    const confirm = await t.request('POST', '/api/auth/password-reset/confirm', {
      body: { token: tokenIn(reset.body_text, '/reset-password'), password: 'senha-nova-22' },
    });
    expect(confirm.statusCode).toBe(204);
    await expect(t.login(customer.email, 'senha-nova-22')).resolves.toBeDefined();
  });
});

describe('invitations', () => {
  it('e-mails an invitation; accepting sets the password and links the login to that customer', async () => {
    const email = uniqueEmail('convidado');
    const invited = await createCustomer(t, { name: 'Convidado', email });
    const res = await t.request('POST', `/api/customers/${invited.id}/portal-invitation`, {
      token: t.adminToken,
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ status: 'invitation_sent' });
    const [mail] = await mailsTo(email);
    const token = tokenIn(mail!.body_text, '/portal/invitation');

    const accepted = await t.request('POST', '/api/portal/accept-invitation', {
      body: { token, password: 'convite-senha-1' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toEqual({ email });
    const session = await t.login(email, 'convite-senha-1');
    const me = MeSchema.parse(
      (await t.request('GET', '/api/auth/me', { token: session.accessToken })).json(),
    );
    expect(me.customerId).toBe(invited.id);

    const reuse = await t.request('POST', '/api/portal/accept-invitation', {
      body: { token, password: 'outra-senha-1' },
    });
    expect(reuse.statusCode).toBe(400);
    // now the customer has a login: a second invitation is refused
    const again = await t.request('POST', `/api/customers/${invited.id}/portal-invitation`, {
      token: t.adminToken,
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a customer without an e-mail (409), a technician (403) and another shop’s customer (404)', async () => {
    const noEmail = await createCustomer(t, { name: 'Sem E-mail' });
    const res = await t.request('POST', `/api/customers/${noEmail.id}/portal-invitation`, {
      token: t.adminToken,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('O cliente não tem e-mail cadastrado');

    const technician = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const withEmail = await createCustomer(t, { name: 'Com E-mail', email: uniqueEmail('com') });
    const denied = await t.request('POST', `/api/customers/${withEmail.id}/portal-invitation`, {
      token: technician.token,
    });
    expect(denied.statusCode).toBe(403);
    const other = await otherOrganization(t);
    const foreign = await t.request('POST', `/api/customers/${withEmail.id}/portal-invitation`, {
      token: other.token,
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('refuses a bad token', async () => {
    const res = await t.request('POST', '/api/portal/accept-invitation', {
      body: { token: 'nao-existe', password: 'qualquer-senha' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('Bad Request');
  });
});

describe('my data', () => {
  it('exports the signed-in customer’s own data as JSON and CSV, without staff notes', async () => {
    const customer = await portalCustomer('exporta');
    await t.request('PATCH', `/api/customers/${customer.customerId}`, {
      token: t.adminToken,
      body: { notes: 'nota interna da oficina' },
    });
    await createAsset(t, customer.customerId, {
      kind: 'vehicle',
      plate: `EXP${String(Date.now()).slice(-4)}`,
    });
    const json = await t.request('GET', '/api/portal/export?format=json', { token: customer.token });
    expect(json.statusCode, json.body).toBe(200);
    const data = CustomerDataExportSchema.parse(json.json());
    expect(data.customerId).toBe(customer.customerId);
    expect(data.customer.notes).toBeNull();
    expect(data.assets).toHaveLength(1);
    expect(data.consents.map((c) => c.purpose)).toContain('privacy_policy');
    expect(json.body).not.toContain('nota interna da oficina');

    const csv = await t.request('GET', '/api/portal/export?format=csv', { token: customer.token });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('section,record,field,value');

    // staff use the staff route; a staff login has no "own" data here
    expect((await t.request('GET', '/api/portal/export', { token: t.adminToken })).statusCode).toBe(403);
  });

  it('holds my appointments, conversation, feedback and tickets, without staff-internal notes', async () => {
    const record = await createCustomer(t, {
      name: 'Lia Completa',
      phone: '(11) 96666-4321',
      consents: { whatsapp: true, source: 'counter' },
    });
    const login = await customerLogin(t, record.id);
    const made = await customerRecords(t, record.id);
    const res = await t.request('GET', '/api/portal/export?format=json', { token: login.token });
    expect(res.statusCode, res.body).toBe(200);
    const data = CustomerDataExportSchema.parse(res.json());
    expect(data.appointments.map((a) => a.id)).toEqual([made.appointmentId]);
    expect(data.conversation_messages).toEqual([
      expect.objectContaining({
        direction: 'out',
        channel: 'whatsapp',
        text: expect.stringContaining('Lia'),
      }),
    ]);
    expect(data.feedback).toEqual([expect.objectContaining({ repairId: made.repairId, nps: 9 })]);
    expect(data.ticket_messages.map((m) => m.text)).toEqual(['Voltou o barulho']);
    expect(res.body).not.toContain('nota interna: cliente difícil');

    const csv = await t.request('GET', '/api/portal/export?format=csv', { token: login.token });
    expect(csv.body).toContain(`appointments,1,id,${made.appointmentId}`);
    expect(csv.body).toContain('feedback,1,nps,9');
  });

  it('takes correction and deletion requests, tells the managers, and shows staff’s answer', async () => {
    const customer = await portalCustomer('pede');
    const created = await t.request('POST', '/api/portal/data-requests', {
      token: customer.token,
      body: { kind: 'DELETION', message: 'Quero que apaguem meus dados' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const request = DataRequestCreatedSchema.parse(created.json());
    expect(request).toMatchObject({ kind: 'DELETION', status: 'OPEN' });
    const { rows: mails } = await t.deps.pool.query<{ subject: string }>(
      `SELECT subject FROM outbox_messages WHERE related_id = $1`,
      [request.id],
    );
    expect(mails.length).toBeGreaterThan(0);
    expect(mails[0]!.subject).toMatch(/Nova solicitação LGPD \(exclusão\)/);

    const open = StaffDataRequestPageSchema.parse(
      (await t.request('GET', '/api/data-requests?status=OPEN', { token: t.adminToken })).json(),
    );
    expect(open.items.find((i) => i.id === request.id)).toMatchObject({ customerId: customer.customerId });

    const technician = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const denied = await t.request('POST', `/api/data-requests/${request.id}/resolve`, {
      token: technician.token,
      body: { status: 'DONE', answer: 'x' },
    });
    expect(denied.statusCode).toBe(403);

    const resolved = await t.request('POST', `/api/data-requests/${request.id}/resolve`, {
      token: t.adminToken,
      body: { status: 'DONE', answer: 'Dados anonimizados; notas fiscais mantidas (LGPD art. 16)' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(StaffDataRequestSchema.parse(resolved.json()).status).toBe('DONE');
    const twice = await t.request('POST', `/api/data-requests/${request.id}/resolve`, {
      token: t.adminToken,
      body: { status: 'REJECTED', answer: 'não' },
    });
    expect(twice.statusCode).toBe(409);

    const answered = (await mailsTo(customer.email)).at(-1)!;
    expect(answered.subject).toMatch(/Sua solicitação de exclusão foi respondida/);
    expect(answered.body_text).toContain('art. 16');
    const mine = DataRequestListSchema.parse(
      (await t.request('GET', '/api/portal/data-requests', { token: customer.token })).json(),
    );
    expect(mine.items).toEqual([
      expect.objectContaining({ id: request.id, status: 'DONE', answer: expect.stringContaining('art. 16') }),
    ]);
  });
});

describe('another customer', () => {
  it('sees none of my data, requests or records, and changes nothing', async () => {
    const me = await portalCustomer('eu');
    const other = await portalCustomer('outro');
    const mine = DataRequestCreatedSchema.parse(
      (
        await t.request('POST', '/api/portal/data-requests', {
          token: me.token,
          body: { kind: 'CORRECTION', message: 'Meu telefone mudou' },
        })
      ).json(),
    );

    const theirExport = CustomerDataExportSchema.parse(
      (await t.request('GET', '/api/portal/export', { token: other.token })).json(),
    );
    expect(theirExport.customerId).toBe(other.customerId);
    expect(JSON.stringify(theirExport)).not.toContain(me.customerId);
    expect(JSON.stringify(theirExport)).not.toContain(me.email);

    const theirList = DataRequestListSchema.parse(
      (await t.request('GET', '/api/portal/data-requests', { token: other.token })).json(),
    );
    expect(theirList.items.map((i) => i.id)).not.toContain(mine.id);

    // staff routes and my records: 403 or 404, nothing leaked
    for (const [method, url, body] of [
      ['GET', '/api/data-requests', undefined],
      ['POST', `/api/data-requests/${mine.id}/resolve`, { status: 'DONE', answer: 'feito' }],
      ['POST', `/api/customers/${me.customerId}/portal-invitation`, undefined],
      ['GET', `/api/customers/${me.customerId}`, undefined],
      ['GET', `/api/customers/${me.customerId}/consents`, undefined],
      ['GET', `/api/customers/${me.customerId}/data-export`, undefined],
    ] as const) {
      const res = await t.request(method, url, { token: other.token, ...(body ? { body } : {}) });
      expect([403, 404], `${method} ${url}`).toContain(res.statusCode);
      expect(res.body).not.toContain(me.email);
    }
    const still = DataRequestListSchema.parse(
      (await t.request('GET', '/api/portal/data-requests', { token: me.token })).json(),
    );
    expect(still.items).toEqual([expect.objectContaining({ id: mine.id, status: 'OPEN', answer: null })]);
  });

  it('a customer of the portal session made by staff (customerLogin) is scoped the same way', async () => {
    const record = await createCustomer(t, { name: 'Balcão' });
    const login = await customerLogin(t, record.id);
    const data = CustomerDataExportSchema.parse(
      (await t.request('GET', '/api/portal/export', { token: login.token })).json(),
    );
    expect(data.customerId).toBe(record.id);
  });
});
