import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildGraphError, type FakeWhatsApp, type RecordedFile, startFakeWhatsApp } from './fake-whatsapp.js';
import {
  classifyWhatsAppFailure,
  createWhatsAppCloudChannel,
  WHATSAPP_API_URL,
  WHATSAPP_API_VERSION,
  type WhatsAppCloudChannel,
  WhatsAppSendError,
} from './whatsapp-cloud.js';

const CUSTOMER = '5511987654321';
const PDF = Buffer.from('%PDF-1.4\n% orçamento OS 1042\n%%EOF\n');

let fake: FakeWhatsApp;
let whatsapp: WhatsAppCloudChannel;

function connect(overrides: { accessToken?: string; phoneNumberId?: string; timeoutMs?: number } = {}) {
  return createWhatsAppCloudChannel({
    apiUrl: fake.url,
    phoneNumberId: overrides.phoneNumberId ?? fake.phoneNumberId,
    accessToken: overrides.accessToken ?? fake.accessToken,
    ...(overrides.timeoutMs === undefined ? {} : { timeoutMs: overrides.timeoutMs }),
  });
}

async function rejectionOf(promise: Promise<unknown>): Promise<WhatsAppSendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WhatsAppSendError);
  return error as WhatsAppSendError;
}

/** Everything an error could leak through: its message, stack, fields and JSON form. */
function everythingIn(error: WhatsAppSendError): string {
  return [error.message, error.stack, String(error), error.providerMessage, JSON.stringify(error)].join('\n');
}

beforeEach(async () => {
  fake = await startFakeWhatsApp();
  whatsapp = connect();
});

afterEach(async () => {
  await fake.close();
});

describe('WhatsApp Cloud API adapter: the requests', () => {
  it('sends a template with the document header and the body parameters, with the Bearer token', async () => {
    const sent = await whatsapp.sendTemplate(CUSTOMER, {
      name: 'orcamento_pronto',
      language: 'pt_BR',
      bodyParameters: ['Maria', 'OS 1042', 'R$ 450,50'],
      document: { link: 'https://oficina.example.com/p/abc123.pdf', filename: 'orcamento-1042.pdf' },
    });

    expect(sent).toEqual({ providerMessageId: expect.stringMatching(/^wamid\./), waId: CUSTOMER });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe(`/${WHATSAPP_API_VERSION}/${fake.phoneNumberId}/messages`);
    expect(request!.headers.authorization).toBe(`Bearer ${fake.accessToken}`);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: CUSTOMER,
      type: 'template',
      template: {
        name: 'orcamento_pronto',
        language: { code: 'pt_BR' },
        components: [
          {
            type: 'header',
            parameters: [
              {
                type: 'document',
                document: {
                  link: 'https://oficina.example.com/p/abc123.pdf',
                  filename: 'orcamento-1042.pdf',
                },
              },
            ],
          },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Maria' },
              { type: 'text', text: 'OS 1042' },
              { type: 'text', text: 'R$ 450,50' },
            ],
          },
        ],
      },
    });
  });

  it('sends a template without parameters with no components at all', async () => {
    await whatsapp.sendTemplate(CUSTOMER, { name: 'hello_world', language: 'en_US', bodyParameters: [] });
    expect(fake.requests[0]!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: CUSTOMER,
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
  });

  it('sends a text, asking for a link preview only when the text has a link', async () => {
    await whatsapp.sendText(CUSTOMER, 'Olá Maria, sua OS 1042 está pronta para retirada.');
    await whatsapp.sendText(CUSTOMER, 'Acompanhe em https://oficina.example.com/os/abc123');
    expect(fake.requests.map((r) => r.body)).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: CUSTOMER,
        type: 'text',
        text: { body: 'Olá Maria, sua OS 1042 está pronta para retirada.', preview_url: false },
      },
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: CUSTOMER,
        type: 'text',
        text: { body: 'Acompanhe em https://oficina.example.com/os/abc123', preview_url: true },
      },
    ]);
  });

  it('sends a document by link with its caption', async () => {
    await whatsapp.sendDocument(CUSTOMER, {
      link: 'https://oficina.example.com/p/nfse-77.pdf',
      filename: 'nfse-77.pdf',
      caption: 'Sua nota fiscal',
    });
    expect(fake.requests[0]!.body).toMatchObject({
      type: 'document',
      document: {
        link: 'https://oficina.example.com/p/nfse-77.pdf',
        filename: 'nfse-77.pdf',
        caption: 'Sua nota fiscal',
      },
    });
  });

  it('uploads a file as multipart and sends it by the media id it answered', async () => {
    const uploaded = await whatsapp.uploadMedia(PDF, 'application/pdf', 'orcamento-1042.pdf');
    expect(uploaded.id).toMatch(/^\d+$/);

    const [upload] = fake.requests;
    expect(upload!.path).toBe(`/${WHATSAPP_API_VERSION}/${fake.phoneNumberId}/media`);
    expect(upload!.headers.authorization).toBe(`Bearer ${fake.accessToken}`);
    expect(upload!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = upload!.body as Record<string, unknown>;
    expect(form.messaging_product).toBe('whatsapp');
    expect(form.type).toBe('application/pdf');
    const file = form.file as RecordedFile;
    expect(file.filename).toBe('orcamento-1042.pdf');
    expect(file.contentType).toBe('application/pdf');
    expect(file.bytes.equals(PDF)).toBe(true);

    await whatsapp.sendDocument(CUSTOMER, { id: uploaded.id, filename: 'orcamento-1042.pdf' });
    expect(fake.requests[1]!.body).toMatchObject({
      type: 'document',
      document: { id: uploaded.id, filename: 'orcamento-1042.pdf' },
    });
    expect(fake.requests[1]!.body).not.toHaveProperty('document.caption');
  });

  it('answers the wa_id Meta resolved, which in Brazil may lack the mobile 9th digit', async () => {
    await fake.close();
    fake = await startFakeWhatsApp({ resolveWaId: (to) => to.replace(/^(55\d{2})9(\d{8})$/, '$1$2') });
    const sent = await connect().sendText(CUSTOMER, 'Olá');
    expect(sent.waId).toBe('551187654321');
  });

  it('uses the Graph API host when no URL is given', async () => {
    const calls: string[] = [];
    const recording = (async (url: string | URL | Request) => {
      calls.push(String(url));
      return Response.json({
        messaging_product: 'whatsapp',
        contacts: [{ wa_id: CUSTOMER }],
        messages: [{ id: 'wamid.X' }],
      });
    }) as typeof fetch;
    const channel = createWhatsAppCloudChannel({ phoneNumberId: '123', accessToken: 't' }, recording);
    await channel.sendText(CUSTOMER, 'Olá');
    expect(calls).toEqual([`${WHATSAPP_API_URL}/${WHATSAPP_API_VERSION}/123/messages`]);
    // a newer Graph API version from the settings, without a release; a malformed one is refused
    const newer = createWhatsAppCloudChannel(
      { phoneNumberId: '123', accessToken: 't', apiVersion: 'v25.0' },
      recording,
    );
    await newer.sendText(CUSTOMER, 'Olá');
    expect(calls.at(-1)).toBe(`${WHATSAPP_API_URL}/v25.0/123/messages`);
    expect(() =>
      createWhatsAppCloudChannel({ phoneNumberId: '123', accessToken: 't', apiVersion: '25' }, recording),
    ).toThrow(/WHATSAPP_API_VERSION/);
  });
});

describe('WhatsApp Cloud API adapter: media', () => {
  it('sends an uploaded image by its id with a caption', async () => {
    const { id } = await whatsapp.uploadMedia(
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]),
      'image/jpeg',
      'porta.jpg',
    );
    await whatsapp.sendImage(CUSTOMER, { id, caption: 'A porta' });
    expect(fake.requests.at(-1)!.body).toMatchObject({
      type: 'image',
      image: { id, caption: 'A porta' },
    });
    expect(fake.media.get(id)!.filename).toBe('porta.jpg');
  });

  it('reads a customer’s file: its URL, type, size and SHA-256, then the bytes with the token', async () => {
    const id = fake.addMedia(PDF, 'application/pdf');
    const info = await whatsapp.mediaInfo(id);
    expect(info).toMatchObject({ mimeType: 'application/pdf', fileSize: PDF.length });
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    const bytes = await whatsapp.downloadMedia(info.url, 1024);
    expect(bytes.equals(PDF)).toBe(true);
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${fake.accessToken}`);
  });

  it('refuses a file above the limit without keeping it, and a gone media id as not retryable', async () => {
    const id = fake.addMedia(Buffer.alloc(4096, 1), 'video/mp4');
    const info = await whatsapp.mediaInfo(id);
    const tooLarge = await rejectionOf(whatsapp.downloadMedia(info.url, 1024));
    expect(tooLarge.message).toMatch(/larger than/);
    const gone = await rejectionOf(whatsapp.mediaInfo('12345'));
    expect(gone.retryable).toBe(false);
    expect(gone.httpStatus).toBe(404);
  });
});

describe('WhatsApp Cloud API adapter: input refused before any request', () => {
  it.each([
    ['a leading +', '+5511987654321'],
    ['spaces and a hyphen', '55 11 98765-4321'],
    ['a national number with trunk 0', '011987654321'],
    ['too few digits', '12345'],
    ['more than 15 digits', '5511987654321000'],
    ['letters', '55119876abcd'],
    ['nothing', ''],
  ])('refuses a recipient with %s', async (_, to) => {
    const errors = await Promise.all([
      rejectionOf(whatsapp.sendText(to, 'Olá')),
      rejectionOf(whatsapp.sendTemplate(to, { name: 'hello_world', language: 'en_US', bodyParameters: [] })),
      rejectionOf(whatsapp.sendDocument(to, { link: 'https://x.example/a.pdf', filename: 'a.pdf' })),
    ]);
    for (const error of errors) {
      expect(error.kind).toBe('input');
      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(/E\.164 number in digits only/);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ['an empty text', () => whatsapp.sendText(CUSTOMER, '   ')],
    ['a text over 4096 characters', () => whatsapp.sendText(CUSTOMER, 'a'.repeat(4097))],
    [
      'a template name with capitals',
      () => whatsapp.sendTemplate(CUSTOMER, { name: 'Orcamento', language: 'pt_BR', bodyParameters: [] }),
    ],
    [
      'a language that is not a code',
      () => whatsapp.sendTemplate(CUSTOMER, { name: 'orcamento', language: 'Português', bodyParameters: [] }),
    ],
    [
      'an empty template parameter',
      () => whatsapp.sendTemplate(CUSTOMER, { name: 'orcamento', language: 'pt_BR', bodyParameters: [''] }),
    ],
    [
      'a template parameter with a line break',
      () =>
        whatsapp.sendTemplate(CUSTOMER, { name: 'orcamento', language: 'pt_BR', bodyParameters: ['a\nb'] }),
    ],
    [
      'a document link that is not http(s)',
      () => whatsapp.sendDocument(CUSTOMER, { link: 'file:///etc/passwd', filename: 'a.pdf' }),
    ],
    ['a document without a file name', () => whatsapp.sendDocument(CUSTOMER, { id: '123', filename: ' ' })],
    ['an empty upload', () => whatsapp.uploadMedia(Buffer.alloc(0), 'application/pdf', 'a.pdf')],
    ['an upload with no MIME type', () => whatsapp.uploadMedia(PDF, 'pdf', 'a.pdf')],
  ])('refuses %s', async (_, send) => {
    const error = await rejectionOf(send());
    expect(error.kind).toBe('input');
    expect(error.retryable).toBe(false);
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses settings without a numeric phone number id or a token, naming the variable to set', () => {
    expect(() => createWhatsAppCloudChannel({ phoneNumberId: '+55 11 4000-0000', accessToken: 't' })).toThrow(
      /WHATSAPP_PHONE_NUMBER_ID/,
    );
    expect(() => createWhatsAppCloudChannel({ phoneNumberId: '123', accessToken: '' })).toThrow(
      /WHATSAPP_ACCESS_TOKEN/,
    );
  });
});

describe('WhatsApp Cloud API adapter: failures', () => {
  it('fails a 500 as retryable, and the retry done by the caller succeeds', async () => {
    fake.failNext(500, buildGraphError(131000, 'Something went wrong'));
    const send = () => whatsapp.sendText(CUSTOMER, 'Sua OS 1042 está pronta.');

    const first = await rejectionOf(send());
    expect(first.retryable).toBe(true);
    expect(first.httpStatus).toBe(500);
    const sent = await send();
    expect(sent.providerMessageId).toMatch(/^wamid\./);
    expect(fake.requests).toHaveLength(2);
  });

  it.each([
    // status, code, kind, retryable, what the message must say
    [500, 131000, 'unexpected', true, /on its side/],
    [503, 131016, 'unexpected', true, /on its side/],
    [502, undefined, 'unexpected', true, /on its side/],
    [429, 4, 'throttled', true, /rate/],
    [400, 4, 'throttled', true, /rate/],
    [400, 80007, 'throttled', true, /Business Account reached its rate limit/],
    [400, 130429, 'throttled', true, /throughput/],
    [400, 131048, 'throttled', true, /spam/],
    [400, 131056, 'throttled', true, /Wait before sending to this customer again/],
    [429, undefined, 'throttled', true, /rate/],
    [400, 100, 'rejected', false, /refused a parameter/],
    [400, 131026, 'rejected', false, /another channel/],
    [400, 131047, 'rejected', false, /outside the 24-hour window: a template message is needed/],
    [400, 132000, 'rejected', false, /different number of parameters/],
    [404, 132001, 'rejected', false, /does not exist in language 'pt_BR'/],
    [400, 132015, 'rejected', false, /paused/],
    [401, 190, 'auth', false, /set WHATSAPP_ACCESS_TOKEN to a valid token/i],
    [403, 10, 'auth', false, /whatsapp_business_messaging/],
  ] as const)('classifies HTTP %i with code %s as %s, retryable %s', async (status, code, kind, retryable, says) => {
    fake.failNext(
      status,
      code === undefined
        ? '<html><body>Bad gateway</body></html>'
        : buildGraphError(code, 'Provider says so'),
    );
    const error = await rejectionOf(
      whatsapp.sendTemplate(CUSTOMER, {
        name: 'orcamento_pronto',
        language: 'pt_BR',
        bodyParameters: ['Maria'],
      }),
    );
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(retryable);
    expect(error.code).toBe(code);
    expect(error.httpStatus).toBe(status);
    expect(error.message).toMatch(says);
    expect(everythingIn(error)).not.toContain(fake.accessToken);
    expect(classifyWhatsAppFailure({ httpStatus: status, code })).toEqual({ kind, retryable });
  });

  it('keeps Meta details and trace id for the log', async () => {
    fake.failNext(400, {
      error: {
        message: '(#131047) Re-engagement message',
        type: 'OAuthException',
        code: 131047,
        error_data: {
          messaging_product: 'whatsapp',
          details:
            'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
        },
        fbtrace_id: 'AbCdEf123',
      },
    });
    const error = await rejectionOf(whatsapp.sendText(CUSTOMER, 'Olá'));
    expect(error.providerMessage).toMatch(/more than 24 hours have passed/);
    expect(error.fbtraceId).toBe('AbCdEf123');
  });

  it('never puts the access token in an error, even when Meta echoes it back', async () => {
    const token = 'EAAGwrongTOKEN1234567890secret';
    const error = await rejectionOf(connect({ accessToken: token }).sendText(CUSTOMER, 'Olá'));
    expect(error.code).toBe(190);
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/WHATSAPP_ACCESS_TOKEN/);
    expect(error.providerMessage).toBe('(#190) Malformed access token [access token]');
    expect(everythingIn(error)).not.toContain(token);
  });

  it('names WHATSAPP_PHONE_NUMBER_ID when the phone number id is unknown', async () => {
    const error = await rejectionOf(connect({ phoneNumberId: '999' }).sendText(CUSTOMER, 'Olá'));
    expect(error.code).toBe(100);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/phone number id 999.*WHATSAPP_PHONE_NUMBER_ID/);
  });

  it('gives up after the timeout, retryable, warning that the message may already be out', async () => {
    fake.delayNext(1_000);
    const error = await rejectionOf(connect({ timeoutMs: 100 }).sendText(CUSTOMER, 'Olá'));
    expect(error.kind).toBe('timeout');
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/within 100 ms.*twice/);
  });

  it('reports an API that cannot be reached as retryable, nothing sent', async () => {
    const down = await startFakeWhatsApp();
    await down.close();
    const offline = createWhatsAppCloudChannel({ apiUrl: down.url, phoneNumberId: '1', accessToken: 't' });
    const error = await rejectionOf(offline.sendText(CUSTOMER, 'Olá'));
    expect(error.kind).toBe('unreachable');
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/nothing was sent/);
  });

  it('does not call a success without ids a success, and does not advise a blind retry', async () => {
    fake.failNext(200, { success: true });
    const error = await rejectionOf(whatsapp.sendText(CUSTOMER, 'Olá'));
    expect(error.kind).toBe('unexpected');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/may have been sent/);
  });
});
