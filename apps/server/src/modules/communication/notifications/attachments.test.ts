import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ConversationMessageSchema,
  ConversationMessagesSchema,
  ConversationPageSchema,
} from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesOf, runNotifications } from '../../../../test/communication.js';
import { createCustomer, otherOrganization } from '../../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../../test/helpers.js';
import { createRepair } from '../../../../test/repairs.js';
import { uploadsDir } from '../../../platform/storage.js';
import {
  buildGraphError,
  type FakeWhatsApp,
  signWebhook,
  startFakeWhatsApp,
} from '../channels/fake-whatsapp.js';
import { MEDIA_FETCH_ATTEMPTS } from './media.js';

/**
 * Issue 14 §2–§3, files: the order's PDFs as WhatsApp document messages inside the customer service
 * window (never outside it, never twice), customers' photos and files fetched by a job and streamed to
 * staff, and staff replies with photos and PDFs on each channel. Against the local Cloud API fake.
 */
const APP_SECRET = 'attachments-app-secret';

let t: TestApp;
let whatsapp: FakeWhatsApp;
beforeAll(async () => {
  whatsapp = await startFakeWhatsApp();
  t = await createTestApp({
    config: {
      whatsapp: {
        apiUrl: whatsapp.url,
        apiVersion: undefined,
        phoneNumberId: whatsapp.phoneNumberId,
        accessToken: whatsapp.accessToken,
        appSecret: APP_SECRET,
        verifyToken: 'verify',
      },
    },
  });
});
afterAll(async () => {
  await t.close();
  await whatsapp.close();
});

let seq = 2_000_000;
const nextMobile = () => `97${String(seq++).slice(-7)}`;
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from('a small jpeg of a dented door'),
]);
const PDF = Buffer.from('%PDF-1.4\n% orçamento\n%%EOF\n');

async function postWebhook(value: Record<string, unknown>) {
  const raw = JSON.stringify({
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
  });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/webhooks/whatsapp',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhook(raw, APP_SECRET) },
    payload: raw,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { statuses: number; messages: number };
}

const unix = () => String(Math.floor(Date.now() / 1000));
let wamid = 0;

/** A customer with WhatsApp consent; `writes`: they sent a message, so the 24-hour window is open. */
async function whatsappCustomer(name: string, writes: boolean, sms = false) {
  const local = nextMobile();
  const customer = await createCustomer(t, {
    name,
    phone: `(11) ${local}`,
    email: `${local}@cliente.test`,
    consents: { whatsapp: true, ...(sms ? { sms: true } : {}), source: 'counter' },
  });
  const from = `5511${local}`;
  if (writes) {
    await postWebhook({
      messages: [
        { id: `wamid.text-${wamid++}`, from, timestamp: unix(), type: 'text', text: { body: 'Oi' } },
      ],
    });
  }
  const page = ConversationPageSchema.parse(
    (await t.request('GET', `/api/conversations?customerId=${customer.id}`, { token: t.adminToken })).json(),
  );
  return { customer, from, conversationId: page.items[0]?.id ?? null };
}

async function thread(conversationId: string) {
  const res = await t.request('GET', `/api/conversations/${conversationId}/messages`, {
    token: t.adminToken,
  });
  return ConversationMessagesSchema.parse(res.json());
}

function multipart(
  fields: Record<string, string>,
  files: Array<{ name: string; type: string; bytes: Buffer }>,
) {
  const boundary = `----anexo${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function replyWithFiles(conversationId: string, body: ReturnType<typeof multipart>, token = t.adminToken) {
  return t.app.inject({
    method: 'POST',
    url: `/api/conversations/${conversationId}/messages`,
    headers: { authorization: `Bearer ${token}`, 'content-type': body.contentType },
    payload: body.payload,
  });
}

const mediaJobs = async (messageId: string) =>
  (
    await t.deps.pool.query<{ data: { messageId: string; attachmentId: string } }>(
      "SELECT data FROM pgboss.job WHERE name = 'conversation-media' AND data->>'messageId' = $1",
      [messageId],
    )
  ).rows.map((r) => r.data);

describe('the order’s PDFs by WhatsApp', () => {
  it('inside the window the intake receipt follows the text as a document message, once, even after a provider 500', async () => {
    const { customer, from, conversationId } = await whatsappCustomer('Rita Janela', true);
    const before = whatsapp.requests.length;
    const repair = await createRepair(t, {}, { customerId: customer.id });
    // the document's send meets a 500 first: the upload, the text, the upload again, then the document
    await runNotifications(t, { deliver: false });
    const rows = (await messagesOf(t, repair.id)).filter((m) => m.channel === 'whatsapp');
    expect(rows).toHaveLength(2);
    const [text, document] = rows as [(typeof rows)[0], (typeof rows)[0]];
    expect(text.event).toBe('order_received');
    expect(text.whatsapp_template).toBeNull();
    expect(document.body_text).toMatch(/\.pdf$/);
    await t.app.services.outbox.deliver(text.id);
    whatsapp.failNext(500, buildGraphError(1, 'An unknown error occurred'), 1);
    // the upload met the 500: retried by pg-boss
    await expect(t.app.services.outbox.deliver(document.id)).rejects.toThrow();
    await t.app.services.outbox.deliver(document.id);
    await t.app.services.outbox.deliver(document.id);
    // a retried dispatch queues nothing more
    const { rows: events } = await t.deps.pool.query<{ id: string }>(
      'SELECT id FROM notification_events WHERE related_id = $1',
      [repair.id],
    );
    for (const event of events) await t.app.services.notifications.dispatch(event.id);
    expect((await messagesOf(t, repair.id)).filter((m) => m.channel === 'whatsapp')).toHaveLength(2);

    const sent = whatsapp.requests.slice(before);
    const uploads = sent.filter((r) => r.path.endsWith('/media'));
    const documents = sent.filter((r) => (r.body as { type?: string }).type === 'document');
    expect(documents).toHaveLength(1);
    const body = documents[0]!.body as { to: string; document: { id: string; filename: string } };
    expect(body.to).toBe(from);
    expect(body.document.filename).toMatch(/\.pdf$/);
    const uploaded = whatsapp.media.get(body.document.id)!;
    expect(uploaded.mimeType).toBe('application/pdf');
    expect(uploaded.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(uploads.length).toBeGreaterThanOrEqual(2);
    const form = uploads.at(-1)!.body as Record<string, unknown>;
    expect(form).toMatchObject({ messaging_product: 'whatsapp', type: 'application/pdf' });
    const statuses = await messagesOf(t, repair.id);
    expect(statuses.find((m) => m.id === document.id)!.status).toBe('sent');

    // the conversation shows the document, and staff can open it
    const shown = (await thread(conversationId!)).items.find((m) => m.attachments.length > 0)!;
    expect(shown.attachments[0]).toMatchObject({ contentType: 'application/pdf', status: 'ready' });
    const file = await t.request('GET', shown.attachments[0]!.url!, { token: t.adminToken });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('outside the window the template goes alone: no document message', async () => {
    const { customer } = await whatsappCustomer('Sérgio Sem Janela', false);
    const before = whatsapp.requests.length;
    const repair = await createRepair(t, {}, { customerId: customer.id });
    await runNotifications(t);
    const rows = (await messagesOf(t, repair.id)).filter((m) => m.channel === 'whatsapp');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.whatsapp_template?.name).toBe('bancada_order_received');
    const sent = whatsapp.requests.slice(before);
    expect(sent.some((r) => (r.body as { type?: string }).type === 'document')).toBe(false);
    expect(sent.some((r) => r.path.endsWith('/media'))).toBe(false);
    // by e-mail the receipt is attached as always
    const email = (await messagesOf(t, repair.id)).find((m) => m.channel === 'email')!;
    const files = await t.deps.pool.query('SELECT attachments FROM outbox_messages WHERE id = $1', [
      email.id,
    ]);
    expect(files.rows[0].attachments[0].contentType).toBe('application/pdf');
  });
});

describe('customers’ photos and files', () => {
  async function sendImage(from: string, mediaId: string, caption?: string) {
    const id = `wamid.image-${wamid++}`;
    const message = {
      id,
      from,
      timestamp: unix(),
      type: 'image',
      image: {
        id: mediaId,
        mime_type: 'image/jpeg',
        sha256: 'ignored-by-us',
        ...(caption ? { caption } : {}),
      },
    };
    expect(
      await postWebhook({ contacts: [{ wa_id: from, profile: { name: 'Cliente' } }], messages: [message] }),
    ).toEqual({
      statuses: 0,
      messages: 1,
    });
    return message;
  }

  it('an inbound photo lands at once as pending, a job fetches and checks it, and staff stream it; another shop gets 404', async () => {
    const { from, conversationId } = await whatsappCustomer('Ulisses Foto', true);
    const mediaId = whatsapp.addMedia(JPEG, 'image/jpeg');
    const message = await sendImage(from, mediaId, 'Olha o amassado');
    // Meta redelivers: nothing twice, no second job
    await postWebhook({ messages: [message] });

    let last = (await thread(conversationId!)).items.at(-1)!;
    expect(last).toMatchObject({ direction: 'in', text: 'Olha o amassado' });
    expect(last.attachments[0]).toMatchObject({ status: 'pending', url: null, contentType: 'image/jpeg' });
    const jobs = await mediaJobs(last.id);
    expect(jobs).toEqual([{ messageId: last.id, attachmentId: last.attachments[0]!.id }]);
    const early = await t.request(
      'GET',
      `/api/conversations/${conversationId}/attachments/${last.attachments[0]!.id}`,
      { token: t.adminToken },
    );
    expect(early.statusCode).toBe(409);

    await t.app.services.notifications.fetchInboundMedia(jobs[0]!);
    last = (await thread(conversationId!)).items.at(-1)!;
    expect(last.attachments[0]).toMatchObject({ status: 'ready', size: JPEG.length });
    const file = await t.request('GET', last.attachments[0]!.url!, { token: t.adminToken });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.rawPayload.equals(JPEG)).toBe(true);
    // stored sealed: the bytes at rest are not the photo
    const { rows } = await t.deps.pool.query<{ attachments: Array<{ key: string }> }>(
      'SELECT attachments FROM conversation_messages WHERE id = $1',
      [last.id],
    );
    const atRest = await readFile(path.join(uploadsDir(t.deps.config.dataDir), rows[0]!.attachments[0]!.key));
    expect(atRest.length).toBeGreaterThan(0);
    expect(atRest.includes(Buffer.from('dented door'))).toBe(false);

    const other = await otherOrganization(t);
    const foreign = await t.request('GET', last.attachments[0]!.url!, { token: other.token });
    expect(foreign.statusCode).toBe(404);
  });

  it('a file whose checksum never matches is retried, then left unavailable; the message stays', async () => {
    const { from, conversationId } = await whatsappCustomer('Vera Corrompida', true);
    const mediaId = whatsapp.addMedia(JPEG, 'image/jpeg', { sha256: 'a'.repeat(64) });
    await sendImage(from, mediaId);
    const last = (await thread(conversationId!)).items.at(-1)!;
    const [job] = await mediaJobs(last.id);
    for (let attempt = 1; attempt < MEDIA_FETCH_ATTEMPTS; attempt++) {
      await expect(t.app.services.notifications.fetchInboundMedia(job!)).rejects.toThrow(/SHA-256/);
    }
    // the last attempt gives up without throwing: pg-boss has nothing left to retry
    await t.app.services.notifications.fetchInboundMedia(job!);
    const after = (await thread(conversationId!)).items.find((m) => m.id === last.id)!;
    expect(after.attachments[0]!.status).toBe('unavailable');
    const res = await t.request(
      'GET',
      `/api/conversations/${conversationId}/attachments/${after.attachments[0]!.id}`,
      { token: t.adminToken },
    );
    expect(res.statusCode).toBe(404);
  });

  it('a file larger than 16 MB is refused at once, without downloading it', async () => {
    const { from, conversationId } = await whatsappCustomer('Wagner Gigante', true);
    const mediaId = whatsapp.addMedia(JPEG, 'image/jpeg', { fileSize: 17 * 1024 * 1024 });
    await sendImage(from, mediaId);
    const last = (await thread(conversationId!)).items.at(-1)!;
    const before = whatsapp.requests.length;
    await t.app.services.notifications.fetchInboundMedia((await mediaJobs(last.id))[0]!);
    expect(whatsapp.requests.slice(before).some((r) => r.path.startsWith('/files/'))).toBe(false);
    const after = (await thread(conversationId!)).items.find((m) => m.id === last.id)!;
    expect(after.attachments[0]!.status).toBe('unavailable');
  });
});

describe('staff replies with photos and PDFs', () => {
  it('by WhatsApp: each file uploaded and sent as an image or document message, the text as the first caption', async () => {
    const { from, conversationId } = await whatsappCustomer('Xavier Anexos', true);
    const before = whatsapp.requests.length;
    const res = await replyWithFiles(
      conversationId!,
      multipart({ text: 'Segue a foto e o orçamento' }, [
        { name: 'porta.jpg', type: 'image/jpeg', bytes: JPEG },
        { name: 'orcamento.pdf', type: 'application/pdf', bytes: PDF },
      ]),
    );
    expect(res.statusCode, res.body).toBe(201);
    const message = ConversationMessageSchema.parse(res.json());
    expect(message.attachments.map((a) => [a.fileName, a.contentType, a.status])).toEqual([
      ['porta.jpg', 'image/jpeg', 'ready'],
      ['orcamento.pdf', 'application/pdf', 'ready'],
    ]);
    await runNotifications(t);
    const sent = whatsapp.requests.slice(before).filter((r) => r.path.endsWith('/messages'));
    expect(sent.map((r) => (r.body as { type: string }).type)).toEqual(['image', 'document']);
    const image = sent[0]!.body as { to: string; image: { id: string; caption: string } };
    expect(image.to).toBe(from);
    expect(image.image.caption).toBe('Segue a foto e o orçamento');
    expect(whatsapp.media.get(image.image.id)!.bytes.equals(JPEG)).toBe(true);
    const document = sent[1]!.body as { document: { filename: string; caption?: string } };
    expect(document.document).toMatchObject({ filename: 'orcamento.pdf' });
    expect(document.document.caption).toBeUndefined();
    // the staff member sees their own files in the thread
    const file = await t.request('GET', message.attachments[1]!.url!, { token: t.adminToken });
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect(file.headers['content-type']).toBe('application/pdf');
  });

  it('by e-mail the files are attachments; by SMS a 409 says SMS carries no files', async () => {
    const { conversationId } = await whatsappCustomer('Yara E-mail', true, true);
    const email = await replyWithFiles(
      conversationId!,
      multipart({ channel: 'email', text: '' }, [{ name: 'laudo.pdf', type: 'application/pdf', bytes: PDF }]),
    );
    expect(email.statusCode, email.body).toBe(201);
    const { rows } = await t.deps.pool.query<{
      subject: string;
      attachments: Array<{ filename: string; contentBase64: string }>;
    }>(
      "SELECT subject, attachments FROM outbox_messages WHERE channel = 'email' ORDER BY created_at DESC LIMIT 1",
    );
    expect(rows[0]!.subject).toBe('laudo.pdf');
    expect(Buffer.from(rows[0]!.attachments[0]!.contentBase64, 'base64').equals(PDF)).toBe(true);

    const refused = await replyWithFiles(
      conversationId!,
      multipart({ channel: 'sms', text: 'Oi' }, [{ name: 'porta.jpg', type: 'image/jpeg', bytes: JPEG }]),
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/SMS não leva arquivos/);
  });

  it('refuses a file that is neither a photo nor a PDF, and more than five files', async () => {
    const { conversationId } = await whatsappCustomer('Zeca Recusado', true);
    const exe = await replyWithFiles(
      conversationId!,
      multipart({ text: 'veja' }, [
        { name: 'foto.jpg', type: 'image/jpeg', bytes: Buffer.from('MZ not an image') },
      ]),
    );
    expect(exe.statusCode).toBe(400);
    expect(exe.json().details).toHaveProperty('files.0');
    const six = await replyWithFiles(
      conversationId!,
      multipart(
        { text: 'muitas' },
        Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.jpg`, type: 'image/jpeg', bytes: JPEG })),
      ),
    );
    expect(six.statusCode).toBe(400);
    const big = Buffer.concat([JPEG, Buffer.alloc(11 * 1024 * 1024)]);
    const tooLarge = await replyWithFiles(
      conversationId!,
      multipart({ text: 'grande' }, [{ name: 'grande.jpg', type: 'image/jpeg', bytes: big }]),
    );
    expect(tooLarge.statusCode).toBe(413);
    const eight = Buffer.concat([PDF, Buffer.alloc(8 * 1024 * 1024)]);
    const together = await replyWithFiles(
      conversationId!,
      multipart(
        { text: 'juntos' },
        [1, 2, 3].map((i) => ({ name: `p${i}.pdf`, type: 'application/pdf', bytes: eight })),
      ),
    );
    expect(together.statusCode).toBe(413);
    expect(together.json().message).toMatch(/20 MB/);
    // the JSON body still works, and an empty text without files is still required
    const empty = await t.request('POST', `/api/conversations/${conversationId}/messages`, {
      token: t.adminToken,
      body: { text: '' },
    });
    expect(empty.statusCode).toBe(400);
    const noFiles = await replyWithFiles(conversationId!, multipart({ text: '  ' }, []));
    expect(noFiles.statusCode).toBe(400);
  });
});
