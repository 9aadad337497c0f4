import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.js';
import { errors } from '../../../platform/http.js';
import { SMS_STATUS_CALLBACK_PATH } from '../channels/senders.js';
import { SmsCallbackError } from '../channels/sms.js';
import { createTwilioSms } from '../channels/sms-twilio.js';
import { isValidSignature, parseWebhook, verifySubscription } from '../channels/whatsapp-webhook.js';

/**
 * The providers' callbacks (issue 14 §2): Meta's WhatsApp webhook (the subscription check and the
 * signed deliveries) and Twilio's SMS delivery reports. Each is authenticated over the raw body before
 * anything is read; a forged one is a 401 and stores nothing.
 */
export const whatsappWebhookRoutes: FastifyPluginAsync = async (app) => {
  const { whatsapp, sms, publicUrl } = app.deps.config;
  // the raw body, for the signatures; parsed here, in this plugin only
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    request.rawBody = body as Buffer;
    try {
      done(null, body.length ? JSON.parse(body.toString('utf8')) : null);
    } catch {
      done(new AppError('BAD_REQUEST', 'http.malformed_json'), undefined);
    }
  });
  app.removeContentTypeParser('application/x-www-form-urlencoded');
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer' },
    (request, body, done) => {
      request.rawBody = body as Buffer;
      done(null, {});
    },
  );
  const limit = { rateLimit: { max: 600, timeWindow: '1 minute' } };

  app.get(
    '/webhooks/whatsapp',
    {
      config: { public: true, ...limit },
      schema: {
        tags: ['communication'],
        operationId: 'whatsappWebhookVerify',
        summary:
          "Meta's subscription check: echoes hub.challenge when hub.verify_token is WHATSAPP_VERIFY_TOKEN",
        security: [],
        querystring: z.object({
          'hub.mode': z.string().max(50).optional(),
          'hub.verify_token': z.string().max(500).optional(),
          'hub.challenge': z.string().max(500).optional(),
        }),
        response: { 200: z.string(), ...errors(401, 429) },
      },
    },
    async (request, reply) => {
      const check = verifySubscription(request.query as Record<string, unknown>, whatsapp.verifyToken ?? '');
      if (!check.ok) throw new AppError('UNAUTHORIZED', 'communication.webhook_verify_failed');
      return reply.type('text/plain').send(check.challenge);
    },
  );

  app.post(
    '/webhooks/whatsapp',
    {
      config: { public: true, ...limit },
      schema: {
        tags: ['communication'],
        operationId: 'whatsappWebhook',
        summary: 'WhatsApp deliveries signed with X-Hub-Signature-256: statuses and inbound messages',
        security: [],
        response: {
          200: z.object({ statuses: z.number().int(), messages: z.number().int() }),
          ...errors(400, 401, 404, 429),
        },
      },
    },
    async (request) => {
      if (!whatsapp.appSecret) {
        throw new AppError('NOT_FOUND', 'communication.webhook_not_configured', {
          variable: 'WHATSAPP_APP_SECRET',
        });
      }
      const signature = request.headers['x-hub-signature-256'];
      if (
        !isValidSignature(
          request.rawBody ?? Buffer.alloc(0),
          signature as string | undefined,
          whatsapp.appSecret,
        )
      ) {
        request.log.warn('WhatsApp webhook refused: bad signature');
        throw new AppError('UNAUTHORIZED', 'communication.webhook_unauthorized');
      }
      const parsed = parseWebhook(request.body);
      if (!parsed.ok)
        throw new AppError('BAD_REQUEST', 'communication.webhook_malformed', {}, { reason: parsed.reason });
      return app.services.notifications.receiveWhatsApp(parsed.events);
    },
  );

  const twilio = sms
    ? createTwilioSms({
        accountSid: sms.accountSid,
        authToken: sms.authToken,
        ...(sms.from ? { from: sms.from } : {}),
        ...(sms.messagingServiceSid ? { messagingServiceSid: sms.messagingServiceSid } : {}),
      })
    : null;
  app.post(
    SMS_STATUS_CALLBACK_PATH.replace(/^\/api/, ''),
    {
      config: { public: true, ...limit },
      schema: {
        tags: ['communication'],
        operationId: 'smsStatusCallback',
        summary: "Twilio's delivery report for an SMS, signed with X-Twilio-Signature",
        security: [],
        response: { 200: z.object({ updated: z.boolean() }), ...errors(400, 401, 404, 429) },
      },
    },
    async (request) => {
      if (!twilio?.parseStatusCallback) {
        throw new AppError('NOT_FOUND', 'communication.webhook_not_configured', {
          variable: 'SMS_PROVIDER',
        });
      }
      let update: ReturnType<NonNullable<typeof twilio.parseStatusCallback>>;
      try {
        update = twilio.parseStatusCallback({
          // the address Twilio was given: the public one, as the signature covers it
          url: `${publicUrl}${SMS_STATUS_CALLBACK_PATH}`,
          headers: request.headers,
          rawBody: (request.rawBody ?? Buffer.alloc(0)).toString('utf8'),
        });
      } catch (error) {
        if (error instanceof SmsCallbackError && error.kind === 'unauthenticated') {
          request.log.warn('SMS status callback refused: bad signature');
          throw new AppError('UNAUTHORIZED', 'communication.webhook_unauthorized');
        }
        throw new AppError(
          'BAD_REQUEST',
          'communication.webhook_malformed',
          {},
          { reason: (error as Error).message },
        );
      }
      if (update.status === 'queued') return { updated: false };
      const updated = await app.services.notifications.conversations.applySmsStatus({
        providerMessageId: update.providerMessageId,
        status: update.status,
        at: new Date(),
        error: update.errorCode ? `${update.providerStatus} (${update.errorCode})` : null,
      });
      return { updated };
    },
  );
};
