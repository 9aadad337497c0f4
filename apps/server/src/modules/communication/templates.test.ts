import { LOCALES } from '@bancada/shared';
import { describe, expect, it } from 'vitest';
import {
  buildWhatsAppApprovalBody,
  findDefaultTemplate,
  listDefaultTemplates,
  whatsappTemplateParameters,
} from './default-templates.js';
import {
  EVENT_PLACEHOLDERS,
  MESSAGE_CHANNELS,
  NOTIFICATION_EVENTS,
  type NotificationEvent,
  PLACEHOLDERS,
  parseTemplate,
  renderTemplate,
  TemplateError,
  type TemplateValues,
  validateTemplate,
} from './templates.js';

function catchError(run: () => unknown): TemplateError {
  try {
    run();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

/** A value for every placeholder, as the engine would pass them. */
function buildValues(overrides: TemplateValues = {}): TemplateValues {
  return {
    customerName: 'Maria Souza',
    orderNumber: 'OS-1042',
    assetName: 'Fiat Uno 2015',
    shopName: 'Oficina do Zé',
    shopPhone: '+55 11 98765-4321',
    statusLabel: 'Pronto',
    total: 'R$ 1.250,00',
    approvalLink: 'https://bancada.example/a/abc',
    paymentLink: 'https://bancada.example/p/abc',
    feedbackLink: 'https://bancada.example/f/abc',
    pickupHours: 'seg–sex 8h–18h',
    appointmentTime: '12/03 às 09:00',
    supplierName: 'Autopeças Silva',
    purchaseOrderNumber: 'PC-77',
    expectedDate: '01/03/2026',
    dueService: 'troca de óleo',
    bookingLink: 'https://bancada.example/b/abc',
    trackingLink: 'https://bancada.example/t/abc',
    ...overrides,
  };
}

describe('parseTemplate', () => {
  it.each([
    ['Olá {{customerName}}', ['customerName']],
    ['{{ customerName }}, OS {{orderNumber}} – {{customerName}}', ['customerName', 'orderNumber']],
    ['no placeholders, a lone { and } are text', []],
    ['', []],
  ])('reads %j as %j', (text, names) => {
    expect(parseTemplate(text)).toEqual(names);
  });

  it.each([
    ['{{ name', 0],
    ['Olá {{}}', 4],
    ['{{ {{customerName}} }}', 0],
    ['{{{customerName}}}', 0],
    ['Olá customerName}}', 16],
    ['{{customer name}}', 0],
  ])('refuses the malformed %j, pointing at character %i', (text, position) => {
    const error = catchError(() => parseTemplate(text));
    expect(error.code).toBe('malformed');
    expect(error.details).toEqual({ field: 'body', position });
  });
});

describe('validateTemplate', () => {
  it('accepts the placeholders an event offers, required and optional', () => {
    expect(() =>
      validateTemplate('ready_for_pickup', 'whatsapp', {
        body: '{{customerName}} {{pickupHours}} {{total}}',
      }),
    ).not.toThrow();
  });

  it('names every unknown placeholder, in JSON-friendly details', () => {
    const error = catchError(() =>
      validateTemplate('work_started', 'sms', { body: '{{customerName}} {{approvalLink}} {{nope}}' }),
    );
    expect(error.code).toBe('unknown_placeholder');
    expect(JSON.parse(JSON.stringify(error.details))).toEqual({
      field: 'body',
      placeholders: ['approvalLink', 'nope'],
    });
  });

  it('checks the e-mail subject for unknown placeholders too', () => {
    const error = catchError(() =>
      validateTemplate('delivered', 'email', { subject: '{{supplierName}}', body: 'ok' }),
    );
    expect(error).toMatchObject({
      code: 'unknown_placeholder',
      details: { field: 'subject', placeholders: ['supplierName'] },
    });
  });

  it.each([undefined, '', '   '])('requires an e-mail subject (%j)', (subject) => {
    const error = catchError(() => validateTemplate('delivered', 'email', { subject, body: 'ok' }));
    expect(error).toMatchObject({ code: 'subject_required', details: { field: 'subject' } });
  });

  it('reports a malformed subject as malformed', () => {
    const error = catchError(() => validateTemplate('delivered', 'email', { subject: 'OS {{', body: 'x' }));
    expect(error).toMatchObject({ code: 'malformed', details: { field: 'subject', position: 3 } });
  });

  it.each([
    ['email', 'body', 20_000],
    ['whatsapp', 'body', 4_096],
    ['sms', 'body', 480],
  ] as const)('limits the %s %s to %i characters', (channel, field, limit) => {
    const subject = channel === 'email' ? 'Assunto' : undefined;
    expect(() => validateTemplate('delivered', channel, { subject, body: 'a'.repeat(limit) })).not.toThrow();
    const error = catchError(() =>
      validateTemplate('delivered', channel, { subject, body: 'a'.repeat(limit + 1) }),
    );
    expect(error).toMatchObject({ code: 'too_long', details: { field, limit, length: limit + 1 } });
  });

  it('limits the e-mail subject to 200 characters', () => {
    const error = catchError(() =>
      validateTemplate('delivered', 'email', { subject: 'a'.repeat(201), body: 'ok' }),
    );
    expect(error).toMatchObject({ code: 'too_long', details: { field: 'subject', limit: 200 } });
  });
});

describe('renderTemplate', () => {
  const values = buildValues();

  it('substitutes every placeholder', () => {
    const result = renderTemplate(
      { event: 'ready_for_pickup', body: 'Olá, {{ customerName }}! OS {{orderNumber}} pronta.' },
      values,
      { channel: 'whatsapp' },
    );
    expect(result).toEqual({ body: 'Olá, Maria Souza! OS OS-1042 pronta.' });
  });

  it('escapes values for an HTML e-mail body, so a <script> name comes out inert', () => {
    const result = renderTemplate(
      { event: 'delivered', subject: 'Obrigado {{customerName}}', body: '<p>Olá, {{customerName}}</p>' },
      buildValues({ customerName: '<script>alert("x")</script> & \'co\'' }),
      { channel: 'email', html: true },
    );
    expect(result.body).toBe(
      '<p>Olá, &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>',
    );
    expect(result.subject).toBe('Obrigado <script>alert("x")</script> & \'co\'');
  });

  it('leaves plain-text e-mail, WhatsApp and SMS values as they are', () => {
    const template = { event: 'delivered' as const, body: 'Olá, {{customerName}}' };
    const name = buildValues({ customerName: 'Ana & <b>Zé</b>' });
    expect(renderTemplate(template, name, { channel: 'sms', html: true }).body).toBe('Olá, Ana & <b>Zé</b>');
    expect(renderTemplate(template, name, { channel: 'email' }).body).toBe('Olá, Ana & <b>Zé</b>');
  });

  it('keeps a value from breaking the subject line', () => {
    const result = renderTemplate(
      { event: 'delivered', subject: 'Olá {{customerName}}', body: 'x' },
      buildValues({ customerName: 'Ana\r\nBcc: x@y' }),
      { channel: 'email' },
    );
    expect(result.subject).toBe('Olá Ana Bcc: x@y');
  });

  it.each([undefined, null, ''])('renders a missing optional value (%j) as an empty string', (shopPhone) => {
    const result = renderTemplate(
      { event: 'order_received', body: 'Tel.: {{shopPhone}}.' },
      buildValues({ shopPhone }),
      { channel: 'sms' },
    );
    expect(result.body).toBe('Tel.: .');
  });

  it.each([undefined, null, '', '  '])('throws on a missing required value (%j)', (customerName) => {
    const error = catchError(() =>
      renderTemplate(
        { event: 'order_received', body: 'Olá {{customerName}}' },
        buildValues({ customerName }),
        {
          channel: 'whatsapp',
        },
      ),
    );
    expect(error).toMatchObject({ code: 'missing_value', details: { placeholders: ['customerName'] } });
  });

  it('throws on a placeholder the event does not offer', () => {
    const error = catchError(() =>
      renderTemplate({ event: 'order_received', body: '{{feedbackLink}}' }, values, { channel: 'sms' }),
    );
    expect(error).toMatchObject({ code: 'unknown_placeholder', details: { placeholders: ['feedbackLink'] } });
  });

  it('renders numbers', () => {
    const result = renderTemplate(
      { event: 'estimate_ready', body: '{{total}}' },
      buildValues({ total: 12 }),
      {
        channel: 'sms',
      },
    );
    expect(result.body).toBe('12');
  });
});

describe('EVENT_PLACEHOLDERS', () => {
  it.each(NOTIFICATION_EVENTS)('%s offers known placeholders, none both required and optional', (event) => {
    const { required, optional } = EVENT_PLACEHOLDERS[event];
    for (const name of [...required, ...optional]) expect(PLACEHOLDERS).toContain(name);
    expect(required.filter((name) => optional.includes(name))).toEqual([]);
  });
});

const DEFAULTS = listDefaultTemplates();

describe('default templates', () => {
  it('cover every event × channel × locale', () => {
    expect(DEFAULTS).toHaveLength(NOTIFICATION_EVENTS.length * MESSAGE_CHANNELS.length * LOCALES.length);
    for (const locale of LOCALES) {
      for (const event of NOTIFICATION_EVENTS) {
        for (const channel of MESSAGE_CHANNELS) {
          expect(findDefaultTemplate(event, channel, locale).body.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it.each(
    DEFAULTS.map((t) => [t.locale, t.event, t.channel, t] as const),
  )('%s %s %s passes validation and renders with a complete value set', (_locale, event, channel, template) => {
    expect(() => validateTemplate(event, channel, template)).not.toThrow();
    const rendered = renderTemplate(template, buildValues(), { channel, html: channel === 'email' });
    expect(`${rendered.subject ?? ''} ${rendered.body}`).not.toMatch(/\{\{|\}\}/);
    if (channel === 'email') expect(rendered.subject).toBeTruthy();
    if (channel !== 'email') expect(template.subject).toBeUndefined();
    if (channel === 'sms') {
      expect(template.body).toContain('{{shopName}}');
      // no emoji: GSM/UCS-2 segments stay short and old phones show it
      expect(template.body).not.toMatch(/\p{Extended_Pictographic}/u);
    }
    if (channel !== 'whatsapp') expect(template.whatsappTemplate).toBeUndefined();
    expect(template.body).not.toMatch(/<[a-z/]/i);
  });

  it.each(
    DEFAULTS.filter((t) => t.channel === 'whatsapp').map((t) => [t.locale, t.event, t] as const),
  )('%s %s maps to an approved WhatsApp template with required parameters only', (locale, event, template) => {
    const mapping = template.whatsappTemplate!;
    expect(mapping.name).toBe(`bancada_${event}`);
    expect(mapping.name).toMatch(/^[a-z0-9_]+$/);
    expect(mapping.language).toBe({ 'pt-BR': 'pt_BR', es: 'es', en: 'en' }[locale]);
    expect(mapping.bodyParameters).toEqual(parseTemplate(template.body));
    // WhatsApp refuses an empty parameter, so an optional (maybe absent) value cannot be one
    for (const name of mapping.bodyParameters) {
      expect(EVENT_PLACEHOLDERS[event].required as readonly string[]).toContain(name);
    }
    // WhatsApp refuses a template body that starts or ends with a parameter
    const approved = buildWhatsAppApprovalBody(event, locale);
    expect(approved).not.toMatch(/^\{\{|\}\}$/);
    expect(approved).not.toMatch(/\{\{[A-Za-z]/);
  });
});

describe('the maintenance reminder (reminder_due)', () => {
  it.each(
    DEFAULTS.filter((t) => t.event === 'reminder_due').map((t) => [t.locale, t.channel, t] as const),
  )('%s %s carries the booking link', (_locale, channel, template) => {
    expect(parseTemplate(template.body)).toContain('bookingLink');
    const link = 'https://oficina.example/portal/book?assetId=7d0c1c1e-8a53-4f0e-9d55-3f1f2a9b6c01';
    const rendered = renderTemplate(template, buildValues({ bookingLink: link }), { channel });
    expect(rendered.body).toContain(link);
  });

  it('requires the link: the daily run always gives it, and WhatsApp refuses an empty parameter', () => {
    expect(EVENT_PLACEHOLDERS.reminder_due.required).toContain('bookingLink');
    const error = catchError(() =>
      whatsappTemplateParameters('reminder_due', 'pt-BR', buildValues({ bookingLink: null })),
    );
    expect(error).toMatchObject({ code: 'missing_value', details: { placeholders: ['bookingLink'] } });
  });
});

describe('whatsappTemplateParameters', () => {
  it('returns the name, language and values in the order of the approved body', () => {
    const result = whatsappTemplateParameters('ready_for_pickup', 'pt-BR', buildValues());
    expect(result).toEqual({
      name: 'bancada_ready_for_pickup',
      language: 'pt_BR',
      bodyParameters: ['Maria Souza', 'Oficina do Zé', 'Fiat Uno 2015', 'OS-1042'],
    });
    expect(buildWhatsAppApprovalBody('ready_for_pickup', 'pt-BR')).toBe(
      'Olá, {{1}}! Aqui é a equipe {{2}}. Seu *{{3}}* está *pronto para retirada* (OS {{4}}). Esperamos você!',
    );
  });

  it.each(['es', 'en'] as const)('uses the %s template language', (locale) => {
    expect(whatsappTemplateParameters('delivered', locale, buildValues()).language).toBe(locale);
  });

  it('throws naming the parameters that have no value', () => {
    const error = catchError(() =>
      whatsappTemplateParameters(
        'estimate_ready' satisfies NotificationEvent,
        'es',
        buildValues({ total: null, approvalLink: '' }),
      ),
    );
    expect(error).toMatchObject({
      code: 'missing_value',
      details: { placeholders: ['total', 'approvalLink'] },
    });
  });
});
