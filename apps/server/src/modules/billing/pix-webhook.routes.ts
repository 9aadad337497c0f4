import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { errors } from '../../platform/http.js';
import { authenticatePixCallback, parsePixCallback, readPeerCertificate } from './pix/pix-webhook.js';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

/**
 * The PSP's callback (API Pix: POST {webhookUrl}/pix). Registered webhook URL:
 * `{PUBLIC_URL}/api/webhooks/pix/{PIX_WEBHOOK_SECRET}` (the PSP appends "/pix"), or
 * `{PUBLIC_URL}/api/webhooks/pix` with HMAC or mTLS. The callback is authenticated before anything is
 * read; a forged or unauthenticated one is a 401 and changes nothing; a replay records nothing twice.
 */
export const pixWebhookRoutes: FastifyPluginAsync = async (app) => {
  const settings = app.deps.config.pixWebhook;
  // the raw body, for the HMAC; JSON is parsed here, in this plugin only
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    request.rawBody = body as Buffer;
    try {
      done(null, body.length ? JSON.parse(body.toString('utf8')) : null);
    } catch {
      done(new AppError('BAD_REQUEST', 'http.malformed_json'), undefined);
    }
  });

  async function receive(request: FastifyRequest, reply: FastifyReply, presentedSecret: string | undefined) {
    const auth =
      settings.auth === 'secret'
        ? settings.secret
          ? authenticatePixCallback({
              method: 'secret',
              expected: settings.secret,
              presented: presentedSecret,
            })
          : { ok: false as const, reason: 'PIX_WEBHOOK_SECRET is not set' }
        : settings.auth === 'hmac'
          ? authenticatePixCallback({
              method: 'hmac',
              secret: settings.hmacSecret ?? '',
              rawBody: request.rawBody ?? Buffer.alloc(0),
              headers: request.headers,
              headerName: settings.hmacHeader,
            })
          : authenticatePixCallback({
              method: 'mtls',
              ...readPeerCertificate(request.raw.socket),
              allowedFingerprints: settings.certFingerprints,
            });
    if (!auth.ok) {
      request.log.warn({ reason: auth.reason }, 'Pix callback refused');
      throw new AppError('UNAUTHORIZED', 'billing.webhook_unauthorized');
    }
    const parsed = parsePixCallback(request.body);
    if (!parsed.ok) {
      // a provider's registration ping is authenticated but carries no Pix: acknowledged
      if (request.body && typeof request.body === 'object' && !('pix' in request.body)) {
        return reply.send({ recorded: 0, duplicates: 0, unknown: 0 });
      }
      throw new AppError('BAD_REQUEST', 'billing.webhook_malformed', {}, { reason: parsed.reason });
    }
    const outcome = await app.services.payments.receivePix(
      parsed.items.map((item) => ({
        endToEndId: item.endToEndId,
        txid: item.txid,
        amountCents: item.amountCents,
        paidAt: item.paidAt,
        refunds: item.refunds.map((r) => ({ id: r.id, status: r.status, providerReason: r.providerReason })),
      })),
    );
    return reply.send(outcome);
  }

  const schema = {
    hide: false,
    tags: ['billing'],
    security: [],
    response: {
      200: z.object({ recorded: z.number().int(), duplicates: z.number().int(), unknown: z.number().int() }),
      ...errors(400, 401, 429),
    },
  };
  app.post(
    '/webhooks/pix/:secret/pix',
    {
      config: { public: true, rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        ...schema,
        params: z.object({ secret: z.string().max(200) }),
        operationId: 'pixWebhookWithSecret',
        summary: "The PSP's Pix callback (secret in the path)",
      },
    },
    async (request, reply) => receive(request, reply, (request.params as { secret: string }).secret),
  );
  app.post(
    '/webhooks/pix/pix',
    {
      config: { public: true, rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        ...schema,
        operationId: 'pixWebhook',
        summary: "The PSP's Pix callback (HMAC header or mTLS)",
      },
    },
    async (request, reply) =>
      receive(
        request,
        reply,
        (request.query as { secret?: string } | undefined)?.secret?.replace(/\/pix$/, ''),
      ),
  );
};
