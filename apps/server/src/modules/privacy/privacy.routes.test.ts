import {
  AnonymiseResultSchema,
  ConsentReportSchema,
  CustomerDataExportSchema,
  CustomerSchema,
  IncidentListSchema,
  IncidentSchema,
  PolicyVersionListSchema,
  PolicyVersionSchema,
  PublicPolicySchema,
  RetentionPreviewSchema,
  RetentionSettingsSchema,
} from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finish, invoiceOfRepair, pay } from '../../../test/billing.js';
import { customerRecords } from '../../../test/customer-records.js';
import { createAsset, createCustomer, customerLogin, otherOrganization } from '../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';
import { createRepair } from '../../../test/repairs.js';
import { makeCpf } from '../../platform/demo-documents.js';

let t: TestApp;
let technician: string;
beforeAll(async () => {
  t = await createTestApp();
  technician = (await createUserAndLogin(t, { role: 'TECHNICIAN' })).token;
});
afterAll(() => t.close());

let seq = 300_000_000;
const newCpf = () => makeCpf(String(seq++));

const POLICY_V1 = 'Política de privacidade da oficina.\n\nTratamos seus dados para executar o serviço.';
const POLICY_V2 = `${POLICY_V1}\n\n## Seus direitos\n\n- acesso\n- correção\n- anonimização`;

async function publish(body: string) {
  const res = await t.request('POST', '/api/privacy/policy', { token: t.adminToken, body: { body } });
  expect(res.statusCode, res.body).toBe(201);
  return PolicyVersionSchema.parse(res.json());
}

/** A customer with every kind of record: document, contacts, consent, a car with a reading, a paid order. */
async function richCustomer(name: string) {
  const customer = await createCustomer(t, {
    name,
    document: newCpf(),
    email: `${name.split(' ')[0]!.toLowerCase()}@exemplo.com.br`,
    phone: '(11) 98765-4321',
    addresses: [
      { street: 'Rua Secreta', number: '42', city: 'São Paulo', state: 'SP', postalCode: '01310-100' },
    ],
    notes: 'prefere contato à tarde',
    consents: { email: true, source: 'counter' },
  });
  const car = await createAsset(t, customer.id, {
    kind: 'vehicle',
    plate: `PRV${String(seq).slice(-4)}`,
    initialReading: 1000,
  });
  const repair = await createRepair(t, {}, { customerId: customer.id });
  await finish(t, repair.id);
  const invoice = await invoiceOfRepair(t, repair.id);
  return { customer, car, repair, invoice };
}

describe('the privacy policy', () => {
  it('publishes versions with author and date, keeps the old ones, and shows the newest publicly', async () => {
    const v1 = await publish(POLICY_V1);
    const v2 = await publish(POLICY_V2);
    expect(v2.version).toBe(v1.version + 1);
    expect(v2.authorName).toBeTruthy();

    const list = PolicyVersionListSchema.parse(
      (await t.request('GET', '/api/privacy/policy', { token: t.adminToken })).json(),
    );
    expect(list.items.map((i) => i.version)).toEqual([v2.version, v1.version]);
    expect(list.current?.body).toBe(POLICY_V2);
    const old = await t.request('GET', `/api/privacy/policy/versions/${v1.version}`, { token: t.adminToken });
    expect(PolicyVersionSchema.parse(old.json()).body).toBe(POLICY_V1);

    // no sign-in: the installation's only organization with a policy
    const page = await t.request('GET', '/api/public/privacy-policy');
    expect(page.statusCode, page.body).toBe(200);
    expect(PublicPolicySchema.parse(page.json())).toMatchObject({ version: v2.version, body: POLICY_V2 });
  });

  it('refuses to change a published version in the database', async () => {
    await expect(t.deps.pool.query(`UPDATE privacy_policy_versions SET body = 'x'`)).rejects.toThrow(
      /never changed/,
    );
  });

  it('records in the consent ledger the policy version a consent was given under', async () => {
    const customer = await createCustomer(t, { name: 'Consentida', consents: { sms: true } });
    const { rows } = await t.deps.pool.query<{ policy_version: number }>(
      'SELECT policy_version FROM customer_consents WHERE customer_id = $1',
      [customer.id],
    );
    expect(rows).toEqual([{ policy_version: 2 }]);
  });
});

describe('data export', () => {
  it('holds every section of the customer and nothing of another customer or organization', async () => {
    const { customer, car, repair, invoice } = await richCustomer('Joana Exportada');
    expect((await pay(t, invoice.id, { method: 'PIX', amount: invoice.total })).statusCode).toBe(201);
    await t.request('POST', `/api/assets/${car.id}/readings`, { token: t.adminToken, body: { value: 2000 } });
    await createCustomer(t, { name: 'Vizinho Intruso', email: 'vizinho@exemplo.com.br' });
    const other = await otherOrganization(t);
    await createCustomer(t, { name: 'Cliente Alheio' }, other.token);

    const res = await t.request('GET', `/api/customers/${customer.id}/data-export?format=json`, {
      token: t.adminToken,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="dados-cliente-.*\.json"/);
    const data = CustomerDataExportSchema.parse(res.json());
    expect(data.customer).toMatchObject({
      id: customer.id,
      name: 'Joana Exportada',
      email: 'joana@exemplo.com.br',
    });
    expect(data.consents).toEqual([
      expect.objectContaining({ purpose: 'email', granted: true, policyVersion: 2 }),
    ]);
    // the car, and the appliance the order registered
    expect(data.assets.map((a) => a.id)).toContain(car.id);
    expect(data.assets).toHaveLength(2);
    expect(data.readings.map((r) => r.value)).toEqual(expect.arrayContaining([1000, 2000]));
    expect(data.repairs.map((r) => r.id)).toEqual([repair.id]);
    expect(data.repair_lines).toEqual([
      expect.objectContaining({ repairId: repair.id, lineType: 'appliance' }),
    ]);
    expect(data.invoices.map((i) => i.id)).toEqual([invoice.id]);
    expect(data.payments).toHaveLength(1);
    expect(data.estimates).toEqual([]);
    expect(data.photos).toEqual([]);
    const audited = new Set(data.audit.map((a) => a.entityId));
    for (const id of [customer.id, car.id, repair.id]) expect(audited).toContain(id);
    const text = res.body;
    expect(text).not.toContain('Vizinho Intruso');
    expect(text).not.toContain('vizinho@exemplo.com.br');
    expect(text).not.toContain('Cliente Alheio');

    const csv = await t.request('GET', `/api/customers/${customer.id}/data-export?format=csv`, {
      token: t.adminToken,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').split('\n');
    expect(lines[0]).toBe('section,record,field,value');
    const sections = new Set(lines.slice(1).map((l) => l.split(',')[0]));
    for (const s of [
      'customer',
      'consents',
      'assets',
      'readings',
      'repairs',
      'repair_lines',
      'invoices',
      'payments',
      'audit',
    ])
      expect(sections).toContain(s);
    expect(csv.body).toContain('customer,1,name,Joana Exportada');

    // another organization's administrator reaches nothing
    const foreign = await t.request('GET', `/api/customers/${customer.id}/data-export`, {
      token: other.token,
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('holds the appointments, conversations, messages, feedback, tickets the other modules keep', async () => {
    const customer = await createCustomer(t, {
      name: 'Rita Completa',
      phone: '(11) 97777-1234',
      email: 'rita@exemplo.com.br',
      consents: { whatsapp: true, source: 'counter' },
    });
    const made = await customerRecords(t, customer.id);
    const res = await t.request('GET', `/api/customers/${customer.id}/data-export?format=json`, {
      token: t.adminToken,
    });
    expect(res.statusCode, res.body).toBe(200);
    const data = CustomerDataExportSchema.parse(res.json());
    expect(data.appointments).toEqual([
      expect.objectContaining({ id: made.appointmentId, customerId: customer.id, changes: [] }),
    ]);
    const whatsapp = data.conversation_messages.find((m) => m.channel === 'whatsapp');
    expect(whatsapp).toMatchObject({ direction: 'out', conversationId: data.conversations[0]!.id });
    expect(data.sent_messages.map((m) => m.channel)).toEqual(expect.arrayContaining(['whatsapp', 'email']));
    expect(data.sent_messages[0]).not.toHaveProperty('providerMessageId');
    expect(data.notifications.map((e) => e.event)).toContain('appointment_confirmed');
    expect(data.feedback).toEqual([
      expect.objectContaining({
        repairId: made.repairId,
        rating: 4,
        nps: 9,
        comment: 'Atendimento rápido, recomendo',
      }),
    ]);
    expect(data.tickets.map((tk) => tk.id)).toEqual([made.ticketId]);
    // the customer's part of the ticket; the staff-internal note stays out (docs/api.md)
    expect(data.ticket_messages.map((m) => m.text)).toEqual(['Voltou o barulho']);
    expect(res.body).not.toContain('nota interna: cliente difícil');
    const audited = new Set(data.audit.map((a) => a.entityId));
    expect(audited).toContain(made.appointmentId);

    const csv = await t.request('GET', `/api/customers/${customer.id}/data-export?format=csv`, {
      token: t.adminToken,
    });
    expect(csv.body).toContain('feedback,1,comment,"Atendimento rápido, recomendo"');
    expect(csv.body).toContain(`appointments,1,id,${made.appointmentId}`);
    expect(csv.body).toMatch(/conversation_messages,\d+,channel,whatsapp/);
  });
});

describe('anonymisation', () => {
  it('is refused with 409 while the customer has an open order', async () => {
    const customer = await createCustomer(t, { name: 'Com Ordem Aberta' });
    await createRepair(t, {}, { customerId: customer.id });
    const res = await t.request('POST', `/api/customers/${customer.id}/anonymise`, {
      token: t.adminToken,
      body: { reason: 'pedido do titular' },
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ error: 'Conflict', details: { openOrders: 1 } });
  });

  it('is refused with 409 while an invoice is unpaid, then removes the identifiers everywhere and keeps the invoice', async () => {
    const { customer, invoice } = await richCustomer('Carlos Esquecido');
    const anonymise = () =>
      t.request('POST', `/api/customers/${customer.id}/anonymise`, {
        token: t.adminToken,
        body: { reason: 'pedido do titular (art. 18 IV)' },
      });
    const unpaid = await anonymise();
    expect(unpaid.statusCode, unpaid.body).toBe(409);
    expect(unpaid.json().message).toMatch(/saldo em aberto/);

    expect((await pay(t, invoice.id, { method: 'PIX', amount: invoice.total })).statusCode).toBe(201);
    const done = await anonymise();
    expect(done.statusCode, done.body).toBe(200);
    const result = AnonymiseResultSchema.parse(done.json());
    expect(result.name).toMatch(/^Cliente anonimizado #[0-9A-F]{8}$/);

    const after = CustomerSchema.parse(
      (await t.request('GET', `/api/customers/${customer.id}`, { token: t.adminToken })).json(),
    );
    expect(after).toMatchObject({
      name: result.name,
      document: null,
      email: null,
      phone: null,
      phones: [],
      addresses: [],
      notes: null,
    });
    const { rows } = await t.deps.pool.query<{ search_text: string; document_hash: string | null }>(
      'SELECT search_text, document_hash FROM customers WHERE id = $1',
      [customer.id],
    );
    expect(rows[0]!.search_text).not.toMatch(/carlos|esquecido|98765/);
    expect(rows[0]!.document_hash).toBeNull();
    const search = await t.request('GET', '/api/search?q=Esquecido', { token: t.adminToken });
    expect(search.body).not.toContain(customer.id);

    // the invoice is a fiscal record: kept, with the name it was issued with (LGPD art. 16 I)
    const kept = await t.request('GET', `/api/invoices/${invoice.id}`, { token: t.adminToken });
    expect(kept.statusCode).toBe(200);

    const audit = await t.request('GET', `/api/audit?entityId=${customer.id}&action=customer.anonymised`, {
      token: t.adminToken,
    });
    const [entry] = audit.json().items;
    expect(entry.after).toMatchObject({ anonymised: true, name: result.name });
    expect(JSON.stringify(entry)).not.toMatch(/Carlos|Esquecido|carlos@|Rua Secreta/);

    expect((await anonymise()).statusCode).toBe(409);
  });

  it("closes the customer's portal logins: deactivated, stripped of e-mail and name, signed out", async () => {
    const customer = await createCustomer(t, { name: 'Dora Portal', email: 'dora@portal.test' });
    const portal = await customerLogin(t, customer.id);
    const email = `cliente-${customer.id.slice(0, 8)}@portal.test`;
    const session = await t.login(email, 'portal-pass-1');
    const done = await t.request('POST', `/api/customers/${customer.id}/anonymise`, {
      token: t.adminToken,
      body: { reason: 'pedido do titular' },
    });
    expect(done.statusCode, done.body).toBe(200);

    const signIn = await t.request('POST', '/api/auth/login', {
      body: { email, password: 'portal-pass-1', rememberMe: false },
    });
    expect(signIn.statusCode).toBe(401);
    const refresh = await t.request('POST', '/api/auth/refresh', {
      body: { refreshToken: session.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
    const { rows } = await t.deps.pool.query<{ active: boolean; email: string; name: string }>(
      'SELECT active, email, name FROM users WHERE id = $1',
      [portal.id],
    );
    expect(rows[0]).toEqual({
      active: false,
      email: `anonimizado+${portal.id}@invalid`,
      name: 'Cliente anonimizado',
    });
    const audit = await t.request('GET', `/api/audit?entityId=${customer.id}&action=customer.anonymised`, {
      token: t.adminToken,
    });
    expect(audit.json().items[0].after).toMatchObject({ portalLoginsClosed: 1 });
  });
});

describe('the consent report', () => {
  it('counts per purpose granted, revoked and never asked, lists and exports one purpose', async () => {
    const granted = await createCustomer(t, { name: 'Zz Aceitou', consents: { whatsapp: true } });
    const revoked = await createCustomer(t, { name: 'Zz Desistiu', consents: { whatsapp: true } });
    await t.request('PATCH', `/api/customers/${revoked.id}`, {
      token: t.adminToken,
      body: { consents: { whatsapp: false } },
    });
    const res = await t.request('GET', '/api/privacy/consents?purpose=whatsapp&state=revoked', {
      token: t.adminToken,
    });
    expect(res.statusCode, res.body).toBe(200);
    const report = ConsentReportSchema.parse(res.json());
    const whatsapp = report.counts.find((c) => c.purpose === 'whatsapp')!;
    expect(whatsapp.granted).toBeGreaterThanOrEqual(1);
    expect(whatsapp.revoked).toBe(1);
    expect(whatsapp.never).toBeGreaterThan(0);
    expect(report.items.map((i) => i.customerId)).toEqual([revoked.id]);

    const csv = await t.request('GET', '/api/privacy/consents/export?purpose=whatsapp&state=granted', {
      token: t.adminToken,
    });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain(`${granted.id},Zz Aceitou,whatsapp,granted`);
    expect(csv.body).not.toContain('Zz Desistiu');
  });
});

describe('the incident register', () => {
  it('computes the ANPD deadline, flags it overdue until the ANPD is notified, and never deletes', async () => {
    const created = await t.request('POST', '/api/privacy/incidents', {
      token: t.adminToken,
      body: {
        title: 'Notebook da recepção furtado',
        discoveredAt: '2026-04-16T14:00:00-03:00',
        dataCategories: ['identification', 'contact'],
        peopleAffected: 120,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const incident = IncidentSchema.parse(created.json());
    // Thursday → Friday, Monday, (Tiradentes), Wednesday
    expect(incident).toMatchObject({
      anpdDeadline: '2026-04-22',
      overdue: true,
      keepUntil: '2031-04-16',
      number: 1,
    });

    const updated = await t.request('PATCH', `/api/privacy/incidents/${incident.id}`, {
      token: t.adminToken,
      headers: { 'if-match': '"1"' },
      body: { anpdNotifiedAt: '2026-04-20T10:00:00-03:00', status: 'contained', measures: 'Senhas trocadas' },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(IncidentSchema.parse(updated.json())).toMatchObject({
      overdue: false,
      status: 'contained',
      version: 2,
    });
    const stale = await t.request('PATCH', `/api/privacy/incidents/${incident.id}`, {
      token: t.adminToken,
      headers: { 'if-match': '"1"' },
      body: { status: 'closed' },
    });
    expect(stale.statusCode).toBe(412);

    const list = IncidentListSchema.parse(
      (await t.request('GET', '/api/privacy/incidents', { token: t.adminToken })).json(),
    );
    expect(list.items.map((i) => i.id)).toContain(incident.id);
    expect(
      (await t.request('DELETE', `/api/privacy/incidents/${incident.id}`, { token: t.adminToken }))
        .statusCode,
    ).toBe(404);
    await expect(
      t.deps.pool.query('DELETE FROM privacy_incidents WHERE id = $1', [incident.id]),
    ).rejects.toThrow(/kept until/);
  });
});

describe('retention settings', () => {
  it('shows the fixed legal periods, saves the settings and previews what they would remove', async () => {
    const initial = RetentionSettingsSchema.parse(
      (await t.request('GET', '/api/privacy/retention', { token: t.adminToken })).json(),
    );
    expect(initial.fixed.map((f) => f.record)).toEqual(['fiscal', 'audit', 'incidents']);
    const saved = await t.request('PUT', '/api/privacy/retention', {
      token: t.adminToken,
      body: { anonymiseInactiveAfterYears: 5, purgePhotosAfterYears: null },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(RetentionSettingsSchema.parse(saved.json())).toMatchObject({
      anonymiseInactiveAfterYears: 5,
      version: 1,
    });

    const old = await createCustomer(t, { name: 'Sumido Há Anos', email: 'sumido@exemplo.com.br' });
    await t.deps.pool.query(
      `UPDATE customers SET created_at = '2015-01-01', updated_at = '2015-01-01', last_visit_at = NULL WHERE id = $1`,
      [old.id],
    );
    const preview = await t.request('POST', '/api/privacy/retention/preview', {
      token: t.adminToken,
      body: {},
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const dry = RetentionPreviewSchema.parse(preview.json());
    expect(dry.customers.sample.map((s) => s.id)).toContain(old.id);
    // a dry run changes nothing
    const still = await t.request('GET', `/api/customers/${old.id}`, { token: t.adminToken });
    expect(still.json().name).toBe('Sumido Há Anos');
  });
});

describe('permissions', () => {
  it.each([
    ['GET', '/api/privacy/incidents'],
    ['GET', '/api/privacy/consents'],
    ['GET', '/api/privacy/retention'],
    ['GET', '/api/privacy/policy'],
  ] as const)('refuses a technician %s %s with 403', async (method, url) => {
    expect((await t.request(method, url, { token: technician })).statusCode).toBe(403);
  });

  it('refuses a technician the data export and the anonymisation with 403', async () => {
    const customer = await createCustomer(t, { name: 'Protegida' });
    const exported = await t.request('GET', `/api/customers/${customer.id}/data-export`, {
      token: technician,
    });
    expect(exported.statusCode).toBe(403);
    const anonymised = await t.request('POST', `/api/customers/${customer.id}/anonymise`, {
      token: technician,
      body: { reason: 'teste' },
    });
    expect(anonymised.statusCode).toBe(403);
  });
});
