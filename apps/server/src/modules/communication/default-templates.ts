import { LOCALES } from '@bancada/shared';
import { DEFAULT_TEXTS_EN } from './default-templates-en.js';
import { DEFAULT_TEXTS_ES } from './default-templates-es.js';
import { DEFAULT_TEXTS_PT_BR } from './default-templates-pt-br.js';
import {
  type LocaleDefaultTexts,
  type MessageChannel,
  type MessageTemplate,
  type NotificationEvent,
  parseTemplate,
  TemplateError,
  type TemplateLocale,
  type TemplateValues,
} from './templates.js';

/**
 * The templates shipped for every event × channel × locale, and the mapping of each WhatsApp default to
 * the pre-approved template WhatsApp requires outside the 24-hour window (issue 14 §2).
 */
export type WhatsAppTemplateMapping = {
  /** the name registered in WhatsApp Manager, e.g. bancada_ready_for_pickup */
  name: string;
  /** the approved template's language code: pt_BR, es, en */
  language: string;
  /** our placeholders in the order of {{1}}, {{2}}, … in the approved body */
  bodyParameters: string[];
};

export type DefaultTemplate = MessageTemplate & {
  event: NotificationEvent;
  channel: MessageChannel;
  locale: TemplateLocale;
  whatsappTemplate?: WhatsAppTemplateMapping;
};

export const WHATSAPP_LANGUAGES: Record<TemplateLocale, string> = { 'pt-BR': 'pt_BR', es: 'es', en: 'en' };

const TEXTS: Record<TemplateLocale, LocaleDefaultTexts> = {
  'pt-BR': DEFAULT_TEXTS_PT_BR,
  es: DEFAULT_TEXTS_ES,
  en: DEFAULT_TEXTS_EN,
};

/** The approved template's name for an event. */
export function buildWhatsAppTemplateName(event: NotificationEvent): string {
  return `bancada_${event}`;
}

/** The default of one event × channel × locale. */
export function findDefaultTemplate(
  event: NotificationEvent,
  channel: MessageChannel,
  locale: TemplateLocale,
): DefaultTemplate {
  const texts = TEXTS[locale][event];
  if (channel === 'email') return { event, channel, locale, ...texts.email };
  if (channel === 'sms') return { event, channel, locale, body: texts.sms.body };
  return {
    event,
    channel,
    locale,
    body: texts.whatsapp.body,
    // the approved body is this very text with {{1}}, {{2}}, … in place of our names
    whatsappTemplate: {
      name: buildWhatsAppTemplateName(event),
      language: WHATSAPP_LANGUAGES[locale],
      bodyParameters: parseTemplate(texts.whatsapp.body),
    },
  };
}

/** Every shipped default, event × channel × locale. */
export function listDefaultTemplates(): DefaultTemplate[] {
  return LOCALES.flatMap((locale) =>
    (Object.keys(TEXTS[locale]) as NotificationEvent[]).flatMap((event) =>
      (['email', 'whatsapp', 'sms'] as const).map((channel) => findDefaultTemplate(event, channel, locale)),
    ),
  );
}

/** The body to submit to WhatsApp Manager for approval: our names replaced by {{1}}, {{2}}, …. */
export function buildWhatsAppApprovalBody(event: NotificationEvent, locale: TemplateLocale): string {
  const template = findDefaultTemplate(event, 'whatsapp', locale);
  const order = template.whatsappTemplate!.bodyParameters;
  return template.body.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (_m, name: string) => {
    return `{{${order.indexOf(name) + 1}}}`;
  });
}

/**
 * The name, language and parameter values for the WhatsApp adapter's `sendTemplate`. Every parameter
 * must have a value: WhatsApp refuses an empty one, and an empty name would read "Olá, !".
 */
export function whatsappTemplateParameters(
  event: NotificationEvent,
  locale: TemplateLocale,
  values: TemplateValues,
): { name: string; language: string; bodyParameters: string[] } {
  const mapping = findDefaultTemplate(event, 'whatsapp', locale).whatsappTemplate!;
  const missing = mapping.bodyParameters.filter((name) => {
    const value = values[name as keyof TemplateValues];
    return value === null || value === undefined || String(value).trim() === '';
  });
  if (missing.length > 0) {
    throw new TemplateError(
      'missing_value',
      { field: 'body', placeholders: missing },
      `no value for ${missing.map((n) => `{{${n}}}`).join(', ')} of the WhatsApp template ${mapping.name}`,
    );
  }
  const bodyParameters = mapping.bodyParameters.map((name) => String(values[name as keyof TemplateValues]));
  return { name: mapping.name, language: mapping.language, bodyParameters };
}
