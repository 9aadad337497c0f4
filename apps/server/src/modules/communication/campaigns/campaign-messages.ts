import { type CampaignChannel, CampaignPlaceholderSchema, type Locale } from '@bancada/shared';
import { AppError } from '../../../platform/errors.js';
import { t } from '../../../platform/i18n.js';
import type { SignedLinks } from '../../../platform/signed-links.js';
import { nextSendTime, type QuietHours } from '../quiet-hours.js';
import { parseTemplate, TemplateError } from '../templates.js';

/**
 * The pure parts of a campaign (issue 14 §6): its placeholders, each recipient's text with their own
 * unsubscribe link, the link's token, and the throttled schedule.
 */

export type CampaignText = { subject?: string | null | undefined; body: string };
export type CampaignValues = { customerName: string; shopName: string; unsubscribeLink: string };

/** Messages sent per batch, and the time between batches: a provider never sees a burst. */
export const CAMPAIGN_BATCH_SIZE = 50;
export const CAMPAIGN_BATCH_SPACING_MS = 60_000;

/** The approved WhatsApp marketing template: {{1}} the customer's name, {{2}} the campaign's text. */
export const CAMPAIGN_WHATSAPP_TEMPLATE = 'bancada_campaign';
const WHATSAPP_LANGUAGE: Record<Locale, string> = { 'pt-BR': 'pt_BR', es: 'es', en: 'en' };

const UNSUBSCRIBE_PURPOSE = (channel: CampaignChannel) => `campaign-unsubscribe:${channel}`;
const CHANNELS: CampaignChannel[] = ['email', 'whatsapp', 'sms'];
// an unsubscribe link must keep working for as long as anyone may read the message
const UNSUBSCRIBE_YEARS = 10;

/** Refuses a text with a placeholder other than {{customerName}}, {{shopName}}, {{unsubscribeLink}}. */
export function assertCampaignPlaceholders(
  channels: CampaignChannel[],
  messages: Partial<Record<CampaignChannel, CampaignText>>,
): void {
  const allowed: readonly string[] = CampaignPlaceholderSchema.options;
  for (const channel of channels) {
    const message = messages[channel];
    if (!message) continue;
    const fields = channel === 'email' ? (['subject', 'body'] as const) : (['body'] as const);
    for (const field of fields) {
      const text = message[field] ?? '';
      const path = `messages.${channel}.${field}`;
      let names: string[];
      try {
        names = parseTemplate(text, field);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        throw new AppError(
          'VALIDATION',
          'campaigns.malformed_placeholder',
          { why: error.message },
          { [path]: 'campaigns.malformed_placeholder' },
        );
      }
      const unknown = names.filter((name) => !allowed.includes(name));
      if (unknown.length > 0) {
        throw new AppError(
          'VALIDATION',
          'campaigns.unknown_placeholder',
          { placeholders: unknown.map((n) => `{{${n}}}`).join(', ') },
          { [path]: 'campaigns.unknown_placeholder' },
        );
      }
    }
  }
}

/** Substitutes the values (placeholders were checked when the campaign was saved). */
export function renderCampaignText(text: string, values: CampaignValues): string {
  return text.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (whole, name: string) =>
    name in values ? values[name as keyof CampaignValues] : whole,
  );
}

export type ComposedMessage = {
  subject: string | null;
  text: string;
  whatsappTemplate: { name: string; language: string; bodyParameters: string[] } | null;
};

/**
 * One recipient's message on one channel. A text without {{unsubscribeLink}} gets the link appended,
 * so no promotion goes out without a way to stop them.
 */
export function composeCampaignMessage(
  channel: CampaignChannel,
  message: CampaignText,
  values: CampaignValues,
  locale: Locale,
): ComposedMessage {
  let text = renderCampaignText(message.body, values);
  if (!parseTemplate(message.body).includes('unsubscribeLink')) {
    const key = channel === 'sms' ? 'campaigns.unsubscribe_footer_sms' : 'campaigns.unsubscribe_footer';
    text = `${text}${channel === 'sms' ? ' ' : '\n\n'}${t(locale, key, { link: values.unsubscribeLink })}`;
  }
  return {
    subject:
      channel === 'email' ? renderCampaignText(message.subject ?? '', values).replace(/[\r\n]+/g, ' ') : null,
    text,
    // business-initiated marketing on WhatsApp needs an approved marketing template
    whatsappTemplate:
      channel === 'whatsapp'
        ? {
            name: CAMPAIGN_WHATSAPP_TEMPLATE,
            language: WHATSAPP_LANGUAGE[locale],
            bodyParameters: [values.customerName, text],
          }
        : null,
  };
}

/** The customer's own unsubscribe token for one channel (the purpose carries the channel). */
export function signUnsubscribe(
  links: SignedLinks,
  customerId: string,
  channel: CampaignChannel,
  now: Date,
): string {
  const expiresAt = new Date(now);
  expiresAt.setUTCFullYear(expiresAt.getUTCFullYear() + UNSUBSCRIBE_YEARS);
  return links.sign(UNSUBSCRIBE_PURPOSE(channel), customerId, expiresAt);
}

/** The customer and channel a token names, or null when it is not ours (or has expired). */
export function readUnsubscribe(
  links: SignedLinks,
  token: string,
  now: Date,
): { customerId: string; channel: CampaignChannel } | null {
  for (const channel of CHANNELS) {
    const link = links.verify(UNSUBSCRIBE_PURPOSE(channel), token);
    if (link && link.expiresAt.getTime() >= now.getTime()) return { customerId: link.id, channel };
  }
  return null;
}

/**
 * When each batch may go: one every CAMPAIGN_BATCH_SPACING_MS from `start`, none inside the shop's
 * quiet hours (a batch that would fall in them waits for their end, and the next follow it).
 */
export function batchSchedule(count: number, start: Date, quiet: QuietHours): Date[] {
  const times: Date[] = [];
  let at = start;
  for (let sent = 0; sent < count; sent += CAMPAIGN_BATCH_SIZE) {
    at = nextSendTime(at, quiet);
    times.push(at);
    at = new Date(at.getTime() + CAMPAIGN_BATCH_SPACING_MS);
  }
  return times;
}
