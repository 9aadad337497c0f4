import type { Config } from '../../../config.js';
import type { ChannelSenders } from '../../outbox/outbox.service.js';
import { createTwilioSms } from './sms-twilio.js';
import { createWhatsAppCloudChannel } from './whatsapp-cloud.js';

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
    senders.whatsapp = async ({ to, text, template }) => {
      // the Cloud API takes the number's digits, without the plus
      const digits = to.replace(/^\+/, '');
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
