import { ConversationMessagesSchema, ConversationPageSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesOf, runNotifications } from '../../../../test/communication.js';
import { createCustomer } from '../../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../../test/helpers.js';
import { completeChecklist, createRepair, moveRepair } from '../../../../test/repairs.js';
import { type FakeTwilio, startFakeTwilio } from '../channels/fake-sms-twilio.js';
import {
  buildGraphError,
  type FakeWhatsApp,
  signWebhook,
  startFakeWhatsApp,
} from '../channels/fake-whatsapp.js';

/**
 * Issue 14 §2: the WhatsApp Cloud API and Twilio adapters against local fakes speaking their APIs,
 * through the whole engine: the template message, a provider 500 then success delivered once, the
 * webhook's verification, signatures, statuses and inbound messages, the staff reply, SMS and its report.
 */
const APP_SECRET = 'test-app-secret-0123456789';
const VERIFY_TOKEN = 'verify-me-please';

let t: TestApp;
let whatsapp: FakeWhatsApp;
let twilio: FakeTwilio;
beforeAll(async () => {
  whatsapp = await startFakeWhatsApp();
  twilio = await startFakeTwilio();
  t = await createTestApp({
    config: {
      whatsapp: {
        apiUrl: whatsapp.url,
        apiVersion: undefined,
        phoneNumberId: whatsapp.phoneNumberId,
        accessToken: whatsapp.accessToken,
        appSecret: APP_SECRET,
        verifyToken: VERIFY_TOKEN,
      },
      sms: {
        provider: 'twilio',
        apiUrl: twilio.url,
        accountSid: twilio.accountSid,
        authToken: twilio.authToken,
        from: twilio.from,
        messagingServiceSid: undefined,
      },
    },
  });
});
afterAll(async () => {
  await t.close();
  await whatsapp.close();
  await twilio.close();
});

let seq = 1_000_000;
// a mobile: 9, then 8 digits starting 6–9 (what it was before the 9th digit)
const nextMobile = () => `98${String(seq++).slice(-7)}`;

/**
 * A finished order for a customer with WhatsApp consent: the earlier events are sent first, so its
 * "ready for pickup" is the next thing the provider sees.
 */
async function readyOrder(name: string, localNumber: string) {
  const c = await createCustomer(t, {
    name,
    phone: `(11) ${localNumber}`,
    consents: { whatsapp: true, source: 'counter' },
  });
  const repair = await createRepair(t, {}, { customerId: c.id });
  await moveRepair(t, repair.id, ['EM_ANDAMENTO', 'EM_REVISAO']);
  await completeChecklist(t, repair.id);
  await runNotifications(t);
  await moveRepair(t, repair.id, ['FINALIZADO']);
  return { customer: c, repair };
}

function webhookBody(value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA-1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '5511930000000', phone_number_id: whatsapp.phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

async function postWebhook(body: unknown, secret = APP_SECRET) {
  const raw = JSON.stringify(body);
  return t.app.inject({
    method: 'POST',
    url: '/api/webhooks/whatsapp',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhook(raw, secret) },
    payload: raw,
  });
}

const unix = () => String(Math.floor(Date.now() / 1000));

describe('WhatsApp Cloud API', () => {
  it('"ready for pickup" goes out as the approved template; a provider 500 then success delivers it once', async () => {
    const local = nextMobile();
    const before = whatsapp.requests.length;
    const { repair } = await readyOrder('Lia Template', local);
    whatsapp.failNext(500, buildGraphError(1, 'An unknown error occurred'), 1);
    await runNotifications(t);
    let ready = (await messagesOf(t, repair.id)).find(
      (m) => m.event === 'ready_for_pickup' && m.channel === 'whatsapp',
    )!;
    // the first attempt met the 500: recorded as failed, thrown so pg-boss retries with backoff
    expect(ready.status).toBe('failed');
    await t.app.services.outbox.deliver(ready.id);
    ready = (await messagesOf(t, repair.id)).find((m) => m.id === ready.id)!;
    expect(ready.status).toBe('sent');
    // once more (a duplicate job) sends nothing
    await t.app.services.outbox.deliver(ready.id);
    const sent = whatsapp.requests
      .slice(before)
      .filter(
        (r) => (r.body as { template?: { name: string } }).template?.name === 'bancada_ready_for_pickup',
      );
    expect(sent).toHaveLength(2);
    const body = sent[1]!.body as {
      to: string;
      template: { language: { code: string }; components: unknown[] };
    };
    expect(body.to).toBe(`5511${local}`);
    expect(body.template.language.code).toBe('pt_BR');
    expect(JSON.stringify(body.template.components)).toContain('Lia Template');
    const attempts = await t.deps.pool.query('SELECT attempts FROM outbox_messages WHERE id = $1', [
      ready.id,
    ]);
    expect(attempts.rows[0].attempts).toBe(2);
  });

  it('answers the verification challenge only with the verify token', async () => {
    const ok = await t.app.inject({
      method: 'GET',
      url: `/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444',
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('statuses move a message to delivered and read; a forged signature is a 401 and changes nothing', async () => {
    const { repair } = await readyOrder('Marta Status', nextMobile());
    await runNotifications(t);
    const ready = (await messagesOf(t, repair.id)).find(
      (m) => m.event === 'ready_for_pickup' && m.channel === 'whatsapp',
    )!;
    const { rows } = await t.deps.pool.query<{ provider_message_id: string; to_address: string }>(
      'SELECT provider_message_id, to_address FROM outbox_messages WHERE id = $1',
      [ready.id],
    );
    const wamid = rows[0]!.provider_message_id;
    const status = (s: string) =>
      webhookBody({
        statuses: [{ id: wamid, status: s, timestamp: unix(), recipient_id: rows[0]!.to_address.slice(1) }],
      });

    const forged = await postWebhook(status('read'), 'not-the-secret');
    expect(forged.statusCode).toBe(401);
    expect((await messagesOf(t, repair.id)).find((m) => m.id === ready.id)!.status).toBe('sent');

    expect((await postWebhook(status('delivered'))).json()).toEqual({ statuses: 1, messages: 0 });
    expect((await messagesOf(t, repair.id)).find((m) => m.id === ready.id)!.status).toBe('delivered');
    await postWebhook(status('read'));
    // a late "delivered" never moves a read message back
    await postWebhook(status('delivered'));
    const listed = (
      await t.request('GET', `/api/messages?repairId=${repair.id}`, { token: t.adminToken })
    ).json() as {
      id: string;
      status: string;
      readAt: string | null;
      deliveredAt: string | null;
    }[];
    const final = listed.find((m) => m.id === ready.id)!;
    expect(final.status).toBe('read');
    expect(final.readAt).not.toBeNull();
    expect(final.deliveredAt).not.toBeNull();
  });

  it('an inbound message from the number without the 9th digit lands in the customer’s conversation; staff reply in the window', async () => {
    const local = nextMobile();
    const { customer, repair } = await readyOrder('Nina Responde', local);
    await runNotifications(t);
    // WhatsApp may report a Brazilian mobile without its 9th digit
    const from = `5511${local.slice(1)}`;
    const wamid = `wamid.inbound-${local}`;
    const inbound = webhookBody({
      contacts: [{ wa_id: from, profile: { name: 'Nina' } }],
      messages: [
        { id: wamid, from, timestamp: unix(), type: 'text', text: { body: 'Posso buscar às 17h?' } },
      ],
    });
    expect((await postWebhook(inbound)).json()).toEqual({ statuses: 0, messages: 1 });
    // Meta redelivers: stored once
    expect((await postWebhook(inbound)).json()).toEqual({ statuses: 0, messages: 0 });

    const page = ConversationPageSchema.parse(
      (
        await t.request('GET', `/api/conversations?customerId=${customer.id}`, { token: t.adminToken })
      ).json(),
    );
    expect(page.items[0]!.unread).toBe(1);
    expect(page.items[0]!.whatsappWindowUntil).not.toBeNull();
    const id = page.items[0]!.id;
    const thread = ConversationMessagesSchema.parse(
      (await t.request('GET', `/api/conversations/${id}/messages`, { token: t.adminToken })).json(),
    );
    const last = thread.items.at(-1)!;
    expect(last).toMatchObject({ direction: 'in', text: 'Posso buscar às 17h?', repairId: repair.id });
    // opening it read it
    const after = ConversationPageSchema.parse(
      (
        await t.request('GET', `/api/conversations?customerId=${customer.id}`, { token: t.adminToken })
      ).json(),
    );
    expect(after.items[0]!.unread).toBe(0);

    const before = whatsapp.requests.length;
    const reply = await t.request('POST', `/api/conversations/${id}/messages`, {
      token: t.adminToken,
      body: { text: 'Pode sim, até às 18h.', repairId: repair.id },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    await runNotifications(t);
    const text = whatsapp.requests.slice(before).find((r) => (r.body as { type?: string }).type === 'text');
    expect((text!.body as { text: { body: string } }).text.body).toBe('Pode sim, até às 18h.');
  });

  it('outside the 24-hour window a free-text reply is refused with the way out', async () => {
    const { customer } = await readyOrder('Otávio Fora da Janela', nextMobile());
    await runNotifications(t);
    const page = ConversationPageSchema.parse(
      (
        await t.request('GET', `/api/conversations?customerId=${customer.id}`, { token: t.adminToken })
      ).json(),
    );
    const res = await t.request('POST', `/api/conversations/${page.items[0]!.id}/messages`, {
      token: t.adminToken,
      body: { text: 'Olá' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/24 horas/);
  });
});

describe('SMS through Twilio', () => {
  it('sends to a customer with SMS consent only; the signed delivery report marks it delivered; a forged one is a 401', async () => {
    const c = await createCustomer(t, {
      name: 'Paulo SMS',
      phone: `(11) ${nextMobile()}`,
      consents: { sms: true, source: 'counter' },
    });
    const repair = await createRepair(t, {}, { customerId: c.id });
    await runNotifications(t);
    const [sms] = await messagesOf(t, repair.id);
    expect(sms).toMatchObject({ channel: 'sms', status: 'sent', event: 'order_received' });
    const sent = twilio.messages.at(-1)!;
    expect(sent.body).toContain(`OS ${repair.number}`);
    const url = `${t.deps.config.publicUrl}/api/webhooks/sms/twilio`;
    const params = {
      MessageSid: sent.sid,
      MessageStatus: 'delivered',
      AccountSid: twilio.accountSid,
      To: sent.to,
    };
    const forged = twilio.signStatusCallback(url, params, 'wrong-token');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/webhooks/sms/twilio',
      headers: forged.headers,
      payload: forged.rawBody,
    });
    expect(bad.statusCode).toBe(401);
    const signed = twilio.signStatusCallback(url, params);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/webhooks/sms/twilio',
      headers: signed.headers,
      payload: signed.rawBody,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await messagesOf(t, repair.id))[0]!.status).toBe('delivered');
  });
});
