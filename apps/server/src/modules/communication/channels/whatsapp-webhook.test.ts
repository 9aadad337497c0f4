import { describe, expect, it } from 'vitest';
import { signWebhook } from './fake-whatsapp.js';
import {
  isValidSignature,
  parseWebhook,
  verifySubscription,
  type WhatsAppWebhookParse,
} from './whatsapp-webhook.js';

const PHONE_NUMBER_ID = '106540352242922';
const CUSTOMER = '16505551234';
const SENT_ID = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NTg5MDQ0MEM0NzQzQjQ3MjQA';

/** One delivery as Meta sends it: an entry with one `messages` change carrying `value`. */
function delivery(value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
              ...value,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

const contacts = [{ profile: { name: 'Sheena Nelson' }, wa_id: CUSTOMER }];

function inbound(message: Record<string, unknown>) {
  return delivery({
    contacts,
    messages: [{ from: CUSTOMER, id: 'wamid.IN1', timestamp: '1749416383', ...message }],
  });
}

function eventsOf(result: WhatsAppWebhookParse) {
  if (!result.ok) throw new Error(result.reason);
  return result.events;
}

describe('verifySubscription', () => {
  const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'meatloaf-42', 'hub.challenge': '1158201444' };

  it('echoes the challenge when the mode is subscribe and the token matches', () => {
    expect(verifySubscription(query, 'meatloaf-42')).toEqual({ ok: true, challenge: '1158201444' });
  });

  it('reads the keys a nesting query parser gives too', () => {
    const nested = { hub: { mode: 'subscribe', verify_token: 'meatloaf-42', challenge: '7' } };
    expect(verifySubscription(nested, 'meatloaf-42')).toEqual({ ok: true, challenge: '7' });
  });

  it.each([
    ['a wrong token', { ...query, 'hub.verify_token': 'meatloaf-43' }, 'meatloaf-42'],
    ['a longer token', { ...query, 'hub.verify_token': 'meatloaf-42x' }, 'meatloaf-42'],
    ['no token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }, 'meatloaf-42'],
    ['a wrong mode', { ...query, 'hub.mode': 'unsubscribe' }, 'meatloaf-42'],
    ['no mode', { 'hub.verify_token': 'meatloaf-42', 'hub.challenge': '1' }, 'meatloaf-42'],
    ['no challenge', { 'hub.mode': 'subscribe', 'hub.verify_token': 'meatloaf-42' }, 'meatloaf-42'],
    ['a repeated token', { ...query, 'hub.verify_token': ['meatloaf-42', 'x'] }, 'meatloaf-42'],
    ['no configured token', { ...query, 'hub.verify_token': '' }, ''],
  ])('refuses %s', (_, request, verifyToken) => {
    expect(verifySubscription(request, verifyToken)).toEqual({ ok: false });
  });
});

describe('isValidSignature', () => {
  const secret = 'app-secret-0123456789abcdef';
  const raw = Buffer.from(JSON.stringify(inbound({ type: 'text', text: { body: 'Olá' } })));
  const signature = signWebhook(raw, secret);

  it('accepts the HMAC-SHA256 of the raw body under the app secret', () => {
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(isValidSignature(raw, signature, secret)).toBe(true);
  });

  it('refuses a body with one byte changed', () => {
    const tampered = Buffer.from(raw);
    tampered[10] = tampered[10]! ^ 1;
    expect(isValidSignature(tampered, signature, secret)).toBe(false);
  });

  it.each([
    ['one hex digit changed', `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`],
    ['the wrong secret', signWebhook(raw, 'another-secret')],
    ['a missing header', undefined],
    ['an empty header', ''],
    ['the sha1 prefix', signature.replace('sha256=', 'sha1=')],
    ['no prefix', signature.slice('sha256='.length)],
    ['a shorter digest', signature.slice(0, -2)],
    ['a longer digest', `${signature}00`],
    ['a base64 digest', `sha256=${Buffer.from(signature.slice(7), 'hex').toString('base64')}`],
    ['non-hex characters', `sha256=${'z'.repeat(64)}`],
  ])('refuses %s', (_, header) => {
    expect(isValidSignature(raw, header, secret)).toBe(false);
  });

  it('refuses everything when no app secret is configured', () => {
    expect(isValidSignature(raw, signWebhook(raw, ''), '')).toBe(false);
  });
});

describe('parseWebhook: statuses', () => {
  it('reads sent, delivered and read of one message, several in one delivery', () => {
    const status = (value: string, timestamp: string) => ({
      id: SENT_ID,
      status: value,
      timestamp,
      recipient_id: CUSTOMER,
      conversation: { id: 'a75d17ad06104c51166f948319b03c6a', origin: { type: 'utility' } },
      pricing: { billable: true, pricing_model: 'PMP', category: 'utility' },
    });
    const events = eventsOf(
      parseWebhook(
        delivery({
          statuses: [
            status('sent', '1750857384'),
            status('delivered', '1750857386'),
            status('read', '1750857400'),
          ],
        }),
      ),
    );
    expect(events).toEqual([
      {
        kind: 'status',
        phoneNumberId: PHONE_NUMBER_ID,
        providerMessageId: SENT_ID,
        status: 'sent',
        at: new Date(1750857384_000),
        recipient: CUSTOMER,
      },
      expect.objectContaining({ status: 'delivered', at: new Date(1750857386_000) }),
      expect.objectContaining({ status: 'read', at: new Date(1750857400_000) }),
    ]);
  });

  it('reads a failed status with its errors', () => {
    const events = eventsOf(
      parseWebhook(
        delivery({
          statuses: [
            {
              id: SENT_ID,
              status: 'failed',
              timestamp: '1750857384',
              recipient_id: CUSTOMER,
              errors: [
                {
                  code: 131047,
                  title: 'Re-engagement message',
                  message: 'Re-engagement message',
                  error_data: {
                    details:
                      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
                  },
                  href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
                },
              ],
            },
          ],
        }),
      ),
    );
    expect(events).toEqual([
      {
        kind: 'status',
        phoneNumberId: PHONE_NUMBER_ID,
        providerMessageId: SENT_ID,
        status: 'failed',
        at: new Date(1750857384_000),
        recipient: CUSTOMER,
        errors: [
          {
            code: 131047,
            title: 'Re-engagement message',
            message:
              'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
          },
        ],
      },
    ]);
  });

  it('skips a status it does not track instead of refusing the delivery', () => {
    const result = parseWebhook(
      delivery({ statuses: [{ id: SENT_ID, status: 'deleted', timestamp: '1', recipient_id: CUSTOMER }] }),
    );
    expect(eventsOf(result)).toEqual([]);
  });
});

describe('parseWebhook: inbound messages', () => {
  const base = {
    kind: 'message',
    phoneNumberId: PHONE_NUMBER_ID,
    providerMessageId: 'wamid.IN1',
    from: CUSTOMER,
    profileName: 'Sheena Nelson',
    at: new Date(1749416383_000),
  };

  it.each([
    [
      'a text',
      { type: 'text', text: { body: 'Does it come in another color?' } },
      { type: 'text', text: 'Does it come in another color?' },
    ],
    [
      'an image with caption',
      {
        type: 'image',
        image: {
          caption: 'Foto do defeito',
          mime_type: 'image/jpeg',
          sha256: 'abc=',
          id: '2754859441498128',
        },
      },
      {
        type: 'image',
        media: { id: '2754859441498128', mimeType: 'image/jpeg', caption: 'Foto do defeito' },
      },
    ],
    [
      'a document',
      {
        type: 'document',
        document: {
          filename: 'nota.pdf',
          mime_type: 'application/pdf',
          sha256: 'def=',
          id: '1003383421387256',
        },
      },
      {
        type: 'document',
        media: { id: '1003383421387256', mimeType: 'application/pdf', filename: 'nota.pdf' },
      },
    ],
    [
      'a voice note',
      {
        type: 'audio',
        audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'x=', id: '1003383421387257', voice: true },
      },
      { type: 'audio', media: { id: '1003383421387257', mimeType: 'audio/ogg; codecs=opus' } },
    ],
    [
      'a video',
      { type: 'video', video: { mime_type: 'video/mp4', sha256: 'y=', id: '1003383421387258' } },
      { type: 'video', media: { id: '1003383421387258', mimeType: 'video/mp4' } },
    ],
    [
      'a location, as text',
      {
        type: 'location',
        location: {
          address: 'Rua XV de Novembro, 100',
          latitude: -25.4284,
          longitude: -49.2733,
          name: 'Oficina',
        },
      },
      { type: 'location', text: 'Oficina, Rua XV de Novembro, 100 (-25.4284, -49.2733)' },
    ],
    [
      'a quick-reply button of a template',
      {
        context: { from: '15550783881', id: SENT_ID },
        type: 'button',
        button: { payload: 'APPROVE_1042', text: 'Aprovar' },
      },
      { type: 'button', text: 'Aprovar', payload: 'APPROVE_1042', replyTo: SENT_ID },
    ],
    [
      'an interactive reply button',
      {
        context: { from: '15550783881', id: SENT_ID },
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'cancel-button', title: 'Cancel' } },
      },
      { type: 'interactive', text: 'Cancel', payload: 'cancel-button', replyTo: SENT_ID },
    ],
    [
      'a list reply',
      {
        type: 'interactive',
        interactive: {
          type: 'list_reply',
          list_reply: {
            id: 'priority_express',
            title: 'Priority Mail Express',
            description: 'Next Day to 2 Days',
          },
        },
      },
      { type: 'interactive', text: 'Priority Mail Express', payload: 'priority_express' },
    ],
    [
      'a reaction',
      { type: 'reaction', reaction: { message_id: SENT_ID, emoji: '👍' } },
      { type: 'reaction', text: '👍', replyTo: SENT_ID },
    ],
    [
      'a type it does not read',
      { type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown' }] },
      { type: 'unsupported' },
    ],
  ])('reads %s', (_, message, expected) => {
    expect(eventsOf(parseWebhook(inbound(message)))).toEqual([{ ...base, ...expected }]);
  });

  it('reads several messages, each with its own sender name', () => {
    const events = eventsOf(
      parseWebhook(
        delivery({
          contacts: [
            { profile: { name: 'Ana' }, wa_id: '5511987654321' },
            { profile: { name: 'João' }, wa_id: '551187654321' },
          ],
          messages: [
            { from: '5511987654321', id: 'wamid.A', timestamp: '1', type: 'text', text: { body: 'oi' } },
            { from: '551187654321', id: 'wamid.B', timestamp: '2', type: 'text', text: { body: 'olá' } },
          ],
        }),
      ),
    );
    expect(events.map((e) => (e.kind === 'message' ? [e.from, e.profileName, e.text] : []))).toEqual([
      ['5511987654321', 'Ana', 'oi'],
      ['551187654321', 'João', 'olá'],
    ]);
  });
});

describe('parseWebhook: the delivery', () => {
  it('reads statuses and messages of a delivery that carries both, across entries and changes', () => {
    const statuses = delivery({
      statuses: [{ id: SENT_ID, status: 'delivered', timestamp: '1750857386', recipient_id: CUSTOMER }],
    });
    const messages = inbound({ type: 'text', text: { body: 'Pode fazer o serviço' } });
    const both = {
      object: 'whatsapp_business_account',
      entry: [
        { id: '1', changes: [...statuses.entry[0]!.changes, ...messages.entry[0]!.changes] },
        { id: '2', changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED' } }] },
      ],
    };
    const events = eventsOf(parseWebhook(both));
    expect(events.map((e) => `${e.kind} ${e.providerMessageId}`)).toEqual([
      `status ${SENT_ID}`,
      'message wamid.IN1',
    ]);
  });

  it('accepts fields it does not know', () => {
    const result = parseWebhook({
      ...inbound({ type: 'text', text: { body: 'a' }, identity: {} }),
      extra: 1,
    });
    expect(eventsOf(result)).toHaveLength(1);
  });

  it.each([
    ['nothing', undefined],
    ['text', 'whatsapp'],
    ['an Instagram delivery', { object: 'instagram', entry: [] }],
    ['a Page delivery', { object: 'page', entry: [{ id: '1', changes: [] }] }],
    ['no entry list', { object: 'whatsapp_business_account' }],
    ['a message without id', inbound({ type: 'text', text: { body: 'a' }, id: undefined })],
    ['a sender that is not a number', inbound({ type: 'text', text: { body: 'a' }, from: 'someone' })],
    [
      'a timestamp that is not Unix seconds',
      inbound({ type: 'text', text: { body: 'a' }, timestamp: 'ontem' }),
    ],
    ['another messaging product', delivery({ messaging_product: 'messenger' })],
  ])('refuses %s', (_, body) => {
    const result = parseWebhook(body);
    expect(result.ok).toBe(false);
    expect((result as { reason: string }).reason).toMatch(
      /^not a WhatsApp Business Account delivery \(.+\)$/,
    );
  });
});
