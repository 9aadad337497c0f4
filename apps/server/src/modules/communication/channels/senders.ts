import type { Config } from '../../../config.js';
import type { ChannelSenders, OutboxAttachment } from '../../outbox/outbox.service.js';
import { createTwilioSms } from './sms-twilio.js';
import { createWhatsAppCloudChannel, type WhatsAppCloudChannel } from './whatsapp-cloud.js';

// WhatsApp takes images up to 5 MB; a larger photo (or any other file) goes as a document
const WHATSAPP_IMAGE_TYPES = new Set(['image/jpeg', 'image/png']);
const WHATSAPP_IMAGE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * A file message: uploaded to the phone number's media, then sent by its id with the text as caption.
 * A retried delivery uploads again (an upload is no message) and sends the one message once more only
 * if the first send failed.
 */
async function sendFile(channel: WhatsAppCloudChannel, to: string, file: OutboxAttachment, text: string) {
  const bytes = Buffer.from(file.contentBase64, 'base64');
  const { id } = await channel.uploadMedia(bytes, file.contentType, file.filename);
  const caption = text.trim() ? text.slice(0, 1024) : undefined;
  const asImage = WHATSAPP_IMAGE_TYPES.has(file.contentType) && bytes.length <= WHATSAPP_IMAGE_MAX_BYTES;
  const sent = asImage
    ? await channel.sendImage(to, { id, ...(caption ? { caption } : {}) })
    : await channel.sendDocument(to, { id, filename: file.filename, ...(caption ? { caption } : {}) });
  return { providerMessageId: sent.providerMessageId };
}

/** The path Twilio posts an SMS's delivery reports to (signed with the auth token). */
export const SMS_STATUS_CALLBACK_PATH = '/api/webhooks/sms/twilio';

/**
 * The outbox's senders for WhatsApp and SMS, from the configuration (issue 14 §2). A channel without
 * its variables has no sender: its messages are kept in the outbox (`stored`) and the order page offers
 * the wa.me link instead.
 */
export function createChannelSenders(config: Config, fetchImpl: typeof fetch = fetch): ChannelSenders {
  const senders: ChannelSenders = {};
  const { whatsapp } = config;
  if (whatsapp.phoneNumberId && whatsapp.accessToken) {
    const channel = createWhatsAppCloudChannel(
      {
        ...(whatsapp.apiUrl ? { apiUrl: whatsapp.apiUrl } : {}),
        ...(whatsapp.apiVersion ? { apiVersion: whatsapp.apiVersion } : {}),
        phoneNumberId: whatsapp.phoneNumberId,
        accessToken: whatsapp.accessToken,
      },
      fetchImpl,
    );
    senders.whatsapp = async ({ to, text, template, attachments }) => {
      // the Cloud API takes the number's digits, without the plus
      const digits = to.replace(/^\+/, '');
      const [file] = attachments ?? [];
      if (file) return sendFile(channel, digits, file, text);
      const sent = template
        ? await channel.sendTemplate(digits, template)
        : await channel.sendText(digits, text);
      return { providerMessageId: sent.providerMessageId };
    };
  }
  const { sms } = config;
  if (sms) {
    const provider = createTwilioSms(
      {
        ...(sms.apiUrl ? { apiUrl: sms.apiUrl } : {}),
        accountSid: sms.accountSid,
        authToken: sms.authToken,
        ...(sms.from ? { from: sms.from } : {}),
        ...(sms.messagingServiceSid ? { messagingServiceSid: sms.messagingServiceSid } : {}),
      },
      fetchImpl,
    );
    const statusCallbackUrl = `${config.publicUrl}${SMS_STATUS_CALLBACK_PATH}`;
    // Twilio refuses a callback it cannot reach; a local address gets no delivery reports
    const reachable = /^https:\/\//.test(statusCallbackUrl);
    senders.sms = async ({ to, text }) => {
      const sent = await provider.send(to, text, reachable ? { statusCallbackUrl } : {});
      return { providerMessageId: sent.providerMessageId };
    };
  }
  return senders;
}
