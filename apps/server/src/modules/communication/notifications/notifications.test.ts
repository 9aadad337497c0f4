import {
  ConversationMessagesSchema,
  ConversationPageSchema,
  CustomerMessageListSchema,
  zonedParts,
} from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesOf, runNotifications } from '../../../../test/communication.js';
import { createCustomer } from '../../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../../test/helpers.js';
import { createComponent, createSupplier } from '../../../../test/inventory.js';
import { completeChecklist, createRepair, moveRepair } from '../../../../test/repairs.js';

/**
 * Issue 14 §1: each event is one message per allowed channel, none without consent, none during quiet
 * hours (held back), none twice on a retry; templates checked on save. No provider is configured here:
 * WhatsApp and SMS messages are kept (`stored`) with a wa.me link, as in a shop without them.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let phoneSeq = 10_000_000;
const mobile = () => `(11) 9${String(phoneSeq++).slice(-8)}`;

async function customer(name: string, extra: Record<string, unknown>) {
  return createCustomer(t, { name, ...extra });
}

describe('the notification engine', () => {
  it('an order received tells a consenting customer by e-mail and WhatsApp, once, with the order and shop', async () => {
    const c = await customer('Ana Ribeiro', {
      email: 'ana.ribeiro@cliente.test',
      phone: mobile(),
      consents: { whatsapp: true, source: 'counter' },
    });
    const repair = await createRepair(t, {}, { customerId: c.id });
    const events = await runNotifications(t);
    expect(events.map((e) => e.event)).toContain('order_received');
    const messages = await messagesOf(t, repair.id);
    expect(messages.map((m) => [m.event, m.channel]).sort()).toEqual([
      ['order_received', 'email'],
      ['order_received', 'whatsapp'],
    ]);
    for (const m of messages) {
      expect(m.body_text).toContain('Ana Ribeiro');
      expect(m.body_text).toContain(String(repair.number));
    }
    // no provider: kept, and the order page offers the wa.me link with the text filled in
    const listed = CustomerMessageListSchema.parse(
      (await t.request('GET', `/api/messages?repairId=${repair.id}`, { token: t.adminToken })).json(),
    );
    const whatsapp = listed.find((m) => m.channel === 'whatsapp')!;
    expect(whatsapp.status).toBe('stored');
    expect(whatsapp.waMeLink).toMatch(/^https:\/\/wa\.me\/5511\d{9}\?text=/);
    expect(decodeURIComponent(whatsapp.waMeLink!.split('text=')[1]!)).toBe(whatsapp.body);

    // a retried dispatch (the job ran twice) writes nothing new
    const event = (
      await t.deps.pool.query<{ id: string }>(
        "SELECT id FROM notification_events WHERE related_id = $1 AND event = 'order_received'",
        [repair.id],
      )
    ).rows[0]!;
    await t.app.services.notifications.dispatch(event.id);
    await t.app.services.notifications.dispatch(event.id);
    expect(await messagesOf(t, repair.id)).toHaveLength(2);
  });

  it('sends nothing by WhatsApp or SMS without consent, and nothing at all to a customer with no address', async () => {
    const noConsent = await customer('Bruno Sem Consentimento', { phone: mobile() });
    const r1 = await createRepair(t, {}, { customerId: noConsent.id });
    const emailOnly = await customer('Carla Só Email', { email: 'carla@cliente.test', phone: mobile() });
    const r2 = await createRepair(t, {}, { customerId: emailOnly.id });
    await runNotifications(t);
    expect(await messagesOf(t, r1.id)).toEqual([]);
    expect((await messagesOf(t, r2.id)).map((m) => m.channel)).toEqual(['email']);
  });

  it('uses SMS when the customer prefers it (with SMS consent), or when WhatsApp is not allowed', async () => {
    const prefersSms = await customer('Davi Prefere SMS', {
      phone: mobile(),
      preferences: { contactChannel: 'sms' },
      consents: { sms: true, whatsapp: true, source: 'counter' },
    });
    const smsOnly = await customer('Elisa Só SMS', {
      phone: mobile(),
      consents: { sms: true, source: 'phone' },
    });
    const r1 = await createRepair(t, {}, { customerId: prefersSms.id });
    const r2 = await createRepair(t, {}, { customerId: smsOnly.id });
    await runNotifications(t);
    expect((await messagesOf(t, r1.id)).map((m) => m.channel).sort()).toEqual(['sms', 'whatsapp']);
    expect((await messagesOf(t, r2.id)).map((m) => m.channel)).toEqual(['sms']);
  });

  it('writes each status event once per order, in the customer’s language, with the feedback link on delivery', async () => {
    const c = await customer('Fernanda López', {
      email: 'fernanda@cliente.test',
      preferences: { locale: 'es' },
    });
    const repair = await createRepair(t, {}, { customerId: c.id });
    await moveRepair(t, repair.id, ['EM_ANDAMENTO', 'AGUARDANDO_PECAS', 'EM_ANDAMENTO', 'EM_REVISAO']);
    await completeChecklist(t, repair.id);
    await moveRepair(t, repair.id, ['FINALIZADO', 'ENTREGUE']);
    await runNotifications(t);
    const messages = await messagesOf(t, repair.id);
    expect(messages.map((m) => m.event)).toEqual([
      'order_received',
      'work_started',
      'awaiting_parts',
      'parts_arrived',
      'ready_for_pickup',
      'invoice_issued',
      'delivered',
    ]);
    // the invoice's message carries its Pix link and, by e-mail, its PDF
    const invoice = messages.find((m) => m.event === 'invoice_issued')!;
    expect(invoice.body_text).toMatch(/\/pay\/\S+/);
    const files = await t.deps.pool.query('SELECT attachments FROM outbox_messages WHERE id = $1', [
      invoice.id,
    ]);
    expect(files.rows[0].attachments[0].contentType).toBe('application/pdf');
    const delivered = messages.find((m) => m.event === 'delivered')!;
    expect(delivered.body_text).toMatch(/\/feedback\/\S+/);
    // Spanish, as the customer prefers
    expect(messages.find((m) => m.event === 'ready_for_pickup')!.subject).toMatch(/list|retir/i);
  });

  it('holds automatic messages during the shop’s quiet hours and sends them when they end', async () => {
    const now = new Date();
    const here = zonedParts(now, 'America/Sao_Paulo');
    const hh = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
    const quiet = { quietStart: hh(here.hour - 1), quietEnd: hh(here.hour + 2) };
    const patch = await t.request('PATCH', '/api/organization', { token: t.adminToken, body: quiet });
    expect(patch.statusCode, patch.body).toBe(200);
    try {
      const c = await customer('Gustavo Noturno', { email: 'gustavo@cliente.test' });
      const repair = await createRepair(t, {}, { customerId: c.id });
      await runNotifications(t);
      const [held] = await messagesOf(t, repair.id);
      expect(held!.status).toBe('queued');
      const waited = held!.not_before!.getTime() - now.getTime();
      expect(waited).toBeGreaterThan(60 * 60_000);
      expect(waited).toBeLessThanOrEqual(2 * 3_600_000 + 60_000);
      expect(zonedParts(held!.not_before!, 'America/Sao_Paulo')).toMatchObject({
        hour: (here.hour + 2) % 24,
        minute: 0,
      });
      // the delivery job waits in pg-boss until then
      const job = await t.deps.pool.query<{ start_after: Date }>(
        "SELECT start_after FROM pgboss.job WHERE name = 'outbox-deliver' AND data->>'messageId' = $1",
        [held!.id],
      );
      expect(job.rows[0]!.start_after.getTime()).toBe(held!.not_before!.getTime());
      // when the job runs, it is sent (kept, with no SMTP here)
      await t.app.services.outbox.deliver(held!.id);
      expect((await messagesOf(t, repair.id))[0]!.status).toBe('stored');
    } finally {
      await t.request('PATCH', '/api/organization', {
        token: t.adminToken,
        body: { quietStart: '20:00', quietEnd: '08:00' },
      });
    }
  });

  it('refuses quiet hours that are not HH:MM', async () => {
    const res = await t.request('PATCH', '/api/organization', {
      token: t.adminToken,
      body: { quietStart: '25:00', quietEnd: '8h' },
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().details).sort()).toEqual(['quietEnd', 'quietStart']);
  });
});

describe('message templates', () => {
  const key = { event: 'ready_for_pickup', channel: 'sms', locale: 'pt-BR' } as const;

  it('lists every event × channel × language with its placeholders', async () => {
    const res = await t.request('GET', '/api/message-templates', { token: t.adminToken });
    expect(res.statusCode).toBe(200);
    const all = res.json() as { event: string; isDefault: boolean; required: string[] }[];
    expect(all).toHaveLength(14 * 3 * 3);
    const one = all.find((x) => x.event === 'estimate_ready')!;
    expect(one.required).toContain('approvalLink');
  });

  it('an unknown placeholder is a 400 naming it, and nothing is saved', async () => {
    const res = await t.request('PUT', '/api/message-templates', {
      token: t.adminToken,
      body: { ...key, body: 'Olá {{customerName}}, seu {{carro}} está pronto.' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('{{carro}}');
    expect(res.json().details.placeholders).toEqual(['carro']);
    const list = await t.request(
      'GET',
      '/api/message-templates?event=ready_for_pickup&channel=sms&locale=pt-BR',
      {
        token: t.adminToken,
      },
    );
    expect(list.json()[0].isDefault).toBe(true);
  });

  it('an e-mail needs a subject; the preview renders sample values', async () => {
    const res = await t.request('PUT', '/api/message-templates', {
      token: t.adminToken,
      body: {
        event: 'delivered',
        channel: 'email',
        locale: 'en',
        subject: ' ',
        body: 'Thanks {{customerName}}',
      },
    });
    expect(res.statusCode).toBe(400);
    const preview = await t.request('POST', '/api/message-templates/preview', {
      token: t.adminToken,
      body: { ...key, body: 'Oi {{customerName}}, a OS {{orderNumber}} está pronta.' },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().body).toBe('Oi Maria Souza, a OS 1042 está pronta.');
  });

  it('the shop’s own text is used for the next message; a reset goes back to the default', async () => {
    const saved = await t.request('PUT', '/api/message-templates', {
      token: t.adminToken,
      body: { ...key, body: 'Oficina {{shopName}}: OS {{orderNumber}} pronta, {{customerName}}!' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().isDefault).toBe(false);
    const c = await customer('Helena Texto Próprio', {
      phone: mobile(),
      consents: { sms: true, source: 'counter' },
    });
    const repair = await createRepair(t, {}, { customerId: c.id });
    await moveRepair(t, repair.id, ['EM_ANDAMENTO', 'EM_REVISAO']);
    await completeChecklist(t, repair.id);
    await moveRepair(t, repair.id, ['FINALIZADO']);
    await runNotifications(t);
    const ready = (await messagesOf(t, repair.id)).find((m) => m.event === 'ready_for_pickup')!;
    expect(ready.body_text).toMatch(
      new RegExp(`^Oficina .+: OS ${repair.number} pronta, Helena Texto Próprio!$`),
    );
    const reset = await t.request('PUT', '/api/message-templates', {
      token: t.adminToken,
      body: { ...key, body: '', reset: true },
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().isDefault).toBe(true);
    const audit = await t.request('GET', '/api/audit?action=message_template.updated', {
      token: t.adminToken,
    });
    expect(audit.statusCode).toBe(200);
  });
});

describe('conversations without a provider', () => {
  it('lists the customer’s conversation with the automatic WhatsApp messages; a reply is kept with a wa.me link', async () => {
    const c = await customer('Igor Conversa', {
      phone: mobile(),
      consents: { whatsapp: true, source: 'counter' },
    });
    await createRepair(t, {}, { customerId: c.id });
    await runNotifications(t);
    const page = ConversationPageSchema.parse(
      (await t.request('GET', `/api/conversations?customerId=${c.id}`, { token: t.adminToken })).json(),
    );
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.customerName).toBe('Igor Conversa');
    const id = page.items[0]!.id;
    const reply = await t.request('POST', `/api/conversations/${id}/messages`, {
      token: t.adminToken,
      body: { text: 'Seu carro fica pronto amanhã.' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    await runNotifications(t);
    const thread = ConversationMessagesSchema.parse(
      (await t.request('GET', `/api/conversations/${id}/messages`, { token: t.adminToken })).json(),
    );
    expect(thread.items.map((m) => m.direction)).toEqual(['out', 'out']);
    expect(thread.items[1]!.status).toBe('stored');
    expect(thread.items[1]!.waMeLink).toContain('wa.me/');
  });

  it('refuses a WhatsApp reply without consent, naming the way out', async () => {
    const c = await customer('Júlia Sem WhatsApp', { email: 'julia@cliente.test', phone: mobile() });
    await createRepair(t, {}, { customerId: c.id });
    await runNotifications(t);
    // the e-mail does not open a conversation: the staff starts one by replying by e-mail
    const conversation = await t.deps.pool.query<{ id: string }>(
      'INSERT INTO conversations (organization_id, customer_id) SELECT organization_id, id FROM customers WHERE id = $1 RETURNING id',
      [c.id],
    );
    const id = conversation.rows[0]!.id;
    const refused = await t.request('POST', `/api/conversations/${id}/messages`, {
      token: t.adminToken,
      body: { text: 'Olá' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/WhatsApp/);
    const byEmail = await t.request('POST', `/api/conversations/${id}/messages`, {
      token: t.adminToken,
      body: { text: 'Olá por e-mail', channel: 'email' },
    });
    expect(byEmail.statusCode, byEmail.body).toBe(201);
  });

  it('a message id of another organization is a 404, and only failed or kept messages are resent', async () => {
    const c = await customer('Karina Reenvio', { email: 'karina@cliente.test' });
    const repair = await createRepair(t, {}, { customerId: c.id });
    await runNotifications(t, { deliver: false });
    const [queued] = await messagesOf(t, repair.id);
    const early = await t.request('POST', `/api/messages/${queued!.id}/resend`, { token: t.adminToken });
    expect(early.statusCode).toBe(409);
    await t.app.services.outbox.deliver(queued!.id);
    const again = await t.request('POST', `/api/messages/${queued!.id}/resend`, { token: t.adminToken });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().resendOf).toBe(queued!.id);
    const missing = await t.request('POST', `/api/messages/${crypto.randomUUID()}/resend`, {
      token: t.adminToken,
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('late purchase orders (issue 14 §8)', () => {
  it('remind the supplier and tell the managers once per expected date; an order on time says nothing', async () => {
    const supplier = await createSupplier(t, { email: 'vendas@pecas-atrasadas.test' });
    const component = await createComponent(t);
    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const orders: { id: string; number: number }[] = [];
    for (const expectedAt of [yesterday, nextWeek]) {
      const created = await t.request('POST', '/api/purchase-orders', {
        token: t.adminToken,
        body: { supplierId: supplier.id, expectedAt, lines: [{ componentId: component.id, quantity: 2 }] },
      });
      expect(created.statusCode, created.body).toBe(201);
      const sent = await t.request('POST', `/api/purchase-orders/${created.json().id}/send`, {
        token: t.adminToken,
      });
      expect(sent.statusCode, sent.body).toBe(200);
      orders.push(created.json() as { id: string; number: number });
    }
    expect(await t.app.services.purchaseOrders.remindLate()).toBeGreaterThanOrEqual(1);
    expect(await t.app.services.purchaseOrders.remindLate()).toBe(0);
    await runNotifications(t);
    const late = await messagesOf(t, orders[0]!.id);
    const reminder = late.find((m) => m.event === 'purchase_order_late')!;
    expect(reminder).toMatchObject({ channel: 'email', to_address: 'vendas@pecas-atrasadas.test' });
    expect(reminder.body_text).toContain(String(orders[0]!.number));
    // the managers heard of it too (the administrator is one)
    expect(
      late.some(
        (m) =>
          m.event === null &&
          m.subject?.includes(String(orders[0]!.number)) &&
          m.to_address !== 'vendas@pecas-atrasadas.test',
      ),
    ).toBe(true);
    expect((await messagesOf(t, orders[1]!.id)).filter((m) => m.event === 'purchase_order_late')).toEqual([]);
  });

  it('receiving the parts an order waits for moves it back to work and tells the customer', async () => {
    const c = await customer('Renata Peças', { email: 'renata@cliente.test' });
    const repair = await createRepair(t, {}, { customerId: c.id });
    await moveRepair(t, repair.id, ['EM_ANDAMENTO', 'AGUARDANDO_PECAS']);
    const supplier = await createSupplier(t, { email: 'pecas@fornecedor.test' });
    const component = await createComponent(t);
    const created = await t.request('POST', '/api/purchase-orders', {
      token: t.adminToken,
      body: {
        supplierId: supplier.id,
        lines: [{ componentId: component.id, quantity: 1, repairId: repair.id }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const po = created.json() as { id: string; lines: { id: string }[] };
    await t.request('POST', `/api/purchase-orders/${po.id}/send`, { token: t.adminToken });
    const received = await t.request('POST', `/api/purchase-orders/${po.id}/receipts`, {
      token: t.adminToken,
      body: { lines: [{ lineId: po.lines[0]!.id, quantity: 1 }] },
    });
    expect(received.statusCode, received.body).toBe(200);
    const after = await t.request('GET', `/api/repairs/${repair.id}`, { token: t.adminToken });
    expect(after.json().status).toBe('EM_ANDAMENTO');
    await runNotifications(t);
    expect((await messagesOf(t, repair.id)).map((m) => m.event)).toContain('parts_arrived');
  });
});
