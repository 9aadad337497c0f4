import {
  CampaignPreviewSchema,
  CampaignSchema,
  CampaignUnsubscribeSchema,
  ConsentEventListSchema,
  CustomerSchema,
  ErrorBodySchema,
} from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAsset, createCustomer, otherOrganization } from '../../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../../test/helpers.js';

let t: TestApp;
let organizationId: string;
beforeAll(async () => {
  t = await createTestApp({ config: { publicUrl: 'https://oficina.example.com' } });
  const { rows } = await t.deps.pool.query<{ id: string }>(`SELECT id FROM organizations WHERE is_default`);
  organizationId = rows[0]!.id;
});
afterAll(() => t.close());

let citySeq = 0;
/** Customers in a city of their own, so each test's segment holds only them. */
function newCity() {
  citySeq += 1;
  return `Cidade Campanha ${citySeq}`;
}

async function customerIn(city: string, name: string, extra: Record<string, unknown>) {
  return createCustomer(t, {
    name,
    addresses: [{ street: 'Rua A', number: '1', city, state: 'SP', postalCode: '01310-100' }],
    ...extra,
  });
}

/** Four customers: consent to e-mail promotions; e-mail without; WhatsApp with both consents; only marketing. */
async function audience(city: string) {
  return {
    ana: await customerIn(city, 'Ana Promo', {
      email: `ana${citySeq}@exemplo.com.br`,
      consents: { marketing_email: true },
    }),
    bia: await customerIn(city, 'Bia Sem Consentimento', { email: `bia${citySeq}@exemplo.com.br` }),
    caio: await customerIn(city, 'Caio WhatsApp', {
      phone: '(11) 98888-0001',
      preferences: { locale: 'en' },
      consents: { whatsapp: true, marketing_whatsapp: true },
    }),
    davi: await customerIn(city, 'Davi Só Marketing', {
      phone: '(11) 98888-0002',
      consents: { marketing_whatsapp: true, marketing_sms: true },
    }),
  };
}

const MESSAGES = {
  email: {
    subject: 'Revisão com 10% para {{customerName}}',
    body: 'Olá {{customerName}}, a {{shopName}} tem uma oferta. Sair: {{unsubscribeLink}}',
  },
  whatsapp: { body: 'Oferta da {{shopName}} para você!' },
  sms: { body: 'Oferta {{shopName}}' },
};

async function createCampaign(city: string, channels: string[], extra: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/api/campaigns', {
    token: t.adminToken,
    body: { name: `Campanha ${city}`, segment: { cities: [city] }, channels, messages: MESSAGES, ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  return CampaignSchema.parse(res.json());
}

/** Sends and runs the job the send queued (the test app has no worker). */
async function sendNow(id: string) {
  const res = await t.request('POST', `/api/campaigns/${id}/send`, { token: t.adminToken });
  expect(res.statusCode, res.body).toBe(202);
  expect(CampaignSchema.parse(res.json()).status).toBe('sending');
  await t.app.services.campaigns.runSend({ organizationId, campaignId: id });
}

async function messagesOf(campaignId: string) {
  const { rows } = await t.deps.pool.query<{
    channel: string;
    customer_id: string;
    to_address: string;
    subject: string | null;
    body_text: string;
    whatsapp_template: { name: string; language: string; bodyParameters: string[] } | null;
    not_before: Date | null;
  }>(
    `SELECT channel, customer_id, to_address, subject, body_text, whatsapp_template, not_before
     FROM outbox_messages WHERE related_entity = 'campaign' AND related_id = $1 ORDER BY channel`,
    [campaignId],
  );
  return rows;
}

describe('the audience preview', () => {
  it('counts per channel only customers with marketing consent (and channel consent for WhatsApp/SMS)', async () => {
    const city = newCity();
    await audience(city);
    const res = await t.request('POST', '/api/campaigns/preview', {
      token: t.adminToken,
      body: { segment: { cities: [city.toUpperCase()] }, channels: ['email', 'whatsapp', 'sms'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(CampaignPreviewSchema.parse(res.json())).toEqual({
      segmentSize: 4,
      total: 2,
      perChannel: { email: 1, whatsapp: 1, sms: 0 },
    });
    const emailOnly = CampaignPreviewSchema.parse(
      (
        await t.request('POST', '/api/campaigns/preview', {
          token: t.adminToken,
          body: { segment: { cities: [city] }, channels: ['email'] },
        })
      ).json(),
    );
    expect(emailOnly).toMatchObject({ total: 1, perChannel: { email: 1, whatsapp: 0, sms: 0 } });
  });

  it('filters by the assets’ kind and brand and by the last visit', async () => {
    const city = newCity();
    const { ana, caio } = await audience(city);
    await createAsset(t, ana.id, { kind: 'vehicle', brand: 'Fiat', model: 'Uno', plate: 'CMP1A23' });
    await createAsset(t, caio.id, { kind: 'appliance', type: 'Geladeira', brand: 'Brastemp' });
    const preview = async (segment: Record<string, unknown>) =>
      CampaignPreviewSchema.parse(
        (
          await t.request('POST', '/api/campaigns/preview', {
            token: t.adminToken,
            body: { segment: { cities: [city], ...segment }, channels: ['email', 'whatsapp'] },
          })
        ).json(),
      );
    expect(await preview({ assetKinds: ['vehicle'] })).toMatchObject({ segmentSize: 1, total: 1 });
    expect(await preview({ brands: ['brastemp'] })).toMatchObject({
      segmentSize: 1,
      perChannel: { whatsapp: 1 },
    });
    expect(await preview({ models: ['Uno'], assetKinds: ['appliance'] })).toMatchObject({ segmentSize: 0 });
    // nobody has visited yet
    expect(await preview({ lastVisitAfter: '2000-01-01' })).toMatchObject({ segmentSize: 0 });
  });
});

describe('a campaign', () => {
  it('refuses an unknown placeholder with a 400 naming it, and a missing e-mail subject', async () => {
    const res = await t.request('POST', '/api/campaigns', {
      token: t.adminToken,
      body: {
        name: 'Errada',
        channels: ['email', 'sms'],
        messages: {
          email: { subject: 'Oi', body: 'Olá {{customerName}}' },
          sms: { body: 'Total {{total}}' },
        },
      },
    });
    expect(res.statusCode).toBe(400);
    const error = ErrorBodySchema.parse(res.json());
    expect(error.message).toContain('{{total}}');
    expect(error.details).toHaveProperty(['messages.sms.body']);

    const noSubject = await t.request('POST', '/api/campaigns', {
      token: t.adminToken,
      body: { name: 'Sem assunto', channels: ['email'], messages: { email: { body: 'Oi' } } },
    });
    expect(noSubject.statusCode).toBe(400);
    expect(ErrorBodySchema.parse(noSubject.json()).details).toHaveProperty(['messages.email.subject']);

    const noMessage = await t.request('POST', '/api/campaigns', {
      token: t.adminToken,
      body: { name: 'Sem texto', channels: ['whatsapp'], messages: {} },
    });
    expect(noMessage.statusCode).toBe(400);
  });

  it('sends nothing to customers without marketing consent, once, each with an unsubscribe link', async () => {
    const city = newCity();
    const { ana, bia, caio, davi } = await audience(city);
    const campaign = await createCampaign(city, ['email', 'whatsapp', 'sms']);
    expect(campaign.status).toBe('draft');
    await sendNow(campaign.id);

    const sent = await messagesOf(campaign.id);
    expect(sent.map((m) => [m.channel, m.customer_id])).toEqual([
      ['email', ana.id],
      ['whatsapp', caio.id],
    ]);
    expect(sent.some((m) => m.customer_id === bia.id || m.customer_id === davi.id)).toBe(false);
    const [email, whatsapp] = sent;
    expect(email!.subject).toBe('Revisão com 10% para Ana Promo');
    expect(email!.body_text).toMatch(
      /^Olá Ana Promo, a .+ tem uma oferta\. Sair: https:\/\/oficina\.example\.com\/unsubscribe\//,
    );
    // a text without the link gets it appended, in the customer's language
    expect(whatsapp!.body_text).toContain(
      'To stop receiving promotions: https://oficina.example.com/unsubscribe/',
    );
    expect(whatsapp!.whatsapp_template).toEqual({
      name: 'bancada_campaign',
      language: 'en',
      bodyParameters: ['Caio WhatsApp', whatsapp!.body_text],
    });

    const again = await t.request('POST', `/api/campaigns/${campaign.id}/send`, { token: t.adminToken });
    expect(again.statusCode).toBe(409);
    expect(ErrorBodySchema.parse(again.json()).error).toBe('Conflict');
    // a retried job queues nothing twice
    await t.app.services.campaigns.runSend({ organizationId, campaignId: campaign.id });
    expect(await messagesOf(campaign.id)).toHaveLength(2);

    const read = CampaignSchema.parse(
      (await t.request('GET', `/api/campaigns/${campaign.id}`, { token: t.adminToken })).json(),
    );
    expect(read).toMatchObject({ status: 'sent', audienceSize: 2 });
    expect(read.counts).toMatchObject({ total: 2, unsubscribed: 0, failed: 0 });
  });

  it('honours an unsubscribe at once: the ledger records it and the next campaign skips the customer', async () => {
    const city = newCity();
    const { ana, caio } = await audience(city);
    const first = await createCampaign(city, ['email', 'whatsapp']);
    await sendNow(first.id);
    const email = (await messagesOf(first.id)).find((m) => m.channel === 'email')!;
    const token = /\/unsubscribe\/([\w-]+\.[\w-]+)/.exec(email.body_text)![1]!;

    const info = await t.request('GET', `/api/public/unsubscribe/${token}`);
    expect(info.statusCode, info.body).toBe(200);
    expect(CampaignUnsubscribeSchema.parse(info.json())).toMatchObject({
      channel: 'email',
      unsubscribed: false,
    });
    const done = await t.request('POST', `/api/public/unsubscribe/${token}`, {
      headers: { 'user-agent': 'Celular do cliente' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(CampaignUnsubscribeSchema.parse(done.json())).toMatchObject({
      channel: 'email',
      unsubscribed: true,
    });
    // twice is harmless
    expect((await t.request('POST', `/api/public/unsubscribe/${token}`)).statusCode).toBe(200);

    const customer = CustomerSchema.parse(
      (await t.request('GET', `/api/customers/${ana.id}`, { token: t.adminToken })).json(),
    );
    expect(customer.consents.marketing_email).toMatchObject({ granted: false, source: 'unsubscribe-link' });
    expect(customer.consents.email.granted).toBe(false);
    const ledger = ConsentEventListSchema.parse(
      (await t.request('GET', `/api/customers/${ana.id}/consents`, { token: t.adminToken })).json(),
    );
    const revocations = ledger.filter((e) => e.channel === 'marketing_email' && !e.granted);
    expect(revocations).toHaveLength(1);
    expect(revocations[0]).toMatchObject({ source: 'unsubscribe-link' });

    const counts = CampaignSchema.parse(
      (await t.request('GET', `/api/campaigns/${first.id}`, { token: t.adminToken })).json(),
    ).counts;
    expect(counts).toMatchObject({ total: 2, unsubscribed: 1 });

    const second = await createCampaign(city, ['email', 'whatsapp']);
    await sendNow(second.id);
    expect((await messagesOf(second.id)).map((m) => m.customer_id)).toEqual([caio.id]);
  });

  it('throttles: 50 messages a batch, the next batch a minute later', async () => {
    const city = newCity();
    for (let i = 0; i < 51; i++) {
      await customerIn(city, `Cliente Lote ${i}`, {
        email: `lote${i}-${citySeq}@exemplo.com.br`,
        consents: { marketing_email: true },
      });
    }
    // quiet hours off, so only the throttle spaces them
    await t.deps.pool.query(
      `UPDATE organizations SET quiet_start = '00:00', quiet_end = '00:00' WHERE id = $1`,
      [organizationId],
    );
    const campaign = await createCampaign(city, ['email']);
    await sendNow(campaign.id);
    const sent = await messagesOf(campaign.id);
    expect(sent).toHaveLength(51);
    expect(sent.filter((m) => m.not_before === null)).toHaveLength(50);
    const later = sent.filter((m) => m.not_before !== null);
    expect(later).toHaveLength(1);
    expect(later[0]!.not_before!.getTime() - Date.now()).toBeGreaterThan(50_000);
  });
});

describe('the unsubscribe link and the campaigns’ access', () => {
  it('answers 401 for a forged token', async () => {
    const res = await t.request('POST', `/api/public/unsubscribe/${'A'.repeat(27)}.${'B'.repeat(22)}`);
    expect(res.statusCode).toBe(401);
    expect(ErrorBodySchema.parse(res.json()).message).toMatch(/inválido/);
  });

  it('is for campaign managers; another shop neither sees nor sends this one', async () => {
    const campaign = await createCampaign(newCity(), ['email']);
    const technician = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    expect((await t.request('GET', '/api/campaigns', { token: technician.token })).statusCode).toBe(403);
    const outside = await otherOrganization(t);
    expect(
      (await t.request('GET', `/api/campaigns/${campaign.id}`, { token: outside.token })).statusCode,
    ).toBe(404);
    expect(
      (await t.request('POST', `/api/campaigns/${campaign.id}/send`, { token: outside.token })).statusCode,
    ).toBe(404);
    const list = await t.request('GET', '/api/campaigns', { token: t.adminToken });
    expect(list.json().items.map((c: { id: string }) => c.id)).toContain(campaign.id);
  });
});
