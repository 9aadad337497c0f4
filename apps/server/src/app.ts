import { existsSync } from 'node:fs';
import path from 'node:path';
import { can, ERROR_CODES, type ErrorBody, pickLocale } from '@bancada/shared';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { billingDocumentsRoutes } from './modules/billing/billing-documents.routes.js';
import { cashRoutes } from './modules/billing/cash.routes.js';
import { fiscalRoutes } from './modules/billing/fiscal.routes.js';
import { invoicesRoutes } from './modules/billing/invoices.routes.js';
import { payablesRoutes } from './modules/billing/payables.routes.js';
import { pixWebhookRoutes } from './modules/billing/pix-webhook.routes.js';
import { assetsRoutes } from './modules/customers/assets.routes.js';
import { customersRoutes } from './modules/customers/customers.routes.js';
import { customersCsvRoutes } from './modules/customers/customers-csv.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { historyRoutes } from './modules/history/history.routes.js';
import { componentsRoutes } from './modules/inventory/components.routes.js';
import { purchaseOrdersRoutes } from './modules/inventory/purchase-orders.routes.js';
import { suppliersRoutes } from './modules/inventory/suppliers.routes.js';
import { toolsRoutes } from './modules/inventory/tools.routes.js';
import { liveRoutes } from './modules/live/live.routes.js';
import { organizationRoutes } from './modules/organization/organization.routes.js';
import { outboxRoutes } from './modules/outbox/outbox.routes.js';
import { serviceCatalogRoutes } from './modules/repairs/catalog/catalog.routes.js';
import { repairDocumentsRoutes } from './modules/repairs/documents/documents.routes.js';
import { estimatesRoutes } from './modules/repairs/estimates/estimates.routes.js';
import { repairsRoutes } from './modules/repairs/orders/repairs.routes.js';
import { repairPhotosRoutes } from './modules/repairs/photos/photos.routes.js';
import { repairStatusRoutes } from './modules/repairs/status/status.routes.js';
import { techniciansRoutes } from './modules/repairs/technicians/technicians.routes.js';
import { repairTimeRoutes } from './modules/repairs/time/time.routes.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { authRoutes } from './modules/users/auth.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { APP_VERSION, WEB_DIST_DIR } from './paths.js';
import { AppError, findPgError } from './platform/errors.js';
import { baseContext, openApiTransform, openApiTransformObject } from './platform/http.js';
import { type MessageKey, t } from './platform/i18n.js';
import {
  issuesToDetails,
  onlyMissingFields,
  RequestValidationError,
  validatorCompiler,
} from './platform/validation.js';
import { createServices, type Deps, type Services } from './services.js';

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
    services: Services;
  }
}

const PUBLIC_PREFIXES = ['/api/docs', '/api/openapi.json'];

// a search box receives CPFs, phones and e-mails, the live socket a token: none reach the logs
const SENSITIVE_QUERY = /([?&](?:q|document|email|phone|token)=)[^&]*/gi;

export function serializeRequest(request: {
  method: string;
  url: string;
  ip?: string;
  socket?: { remotePort?: number | undefined };
}) {
  return {
    method: request.method,
    url: request.url.replace(SENSITIVE_QUERY, '$1[redacted]'),
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

function send(reply: import('fastify').FastifyReply, status: number, body: ErrorBody) {
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/** Detail values that are message keys are translated, with the error's own parameters. */
function translateDetails(
  details: Record<string, unknown> | undefined,
  locale: ReturnType<typeof pickLocale>,
  params: Record<string, string | number>,
) {
  if (!details) return undefined;
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => {
      if (typeof value !== 'string') return [key, value];
      try {
        return [key, t(locale, value as MessageKey, params)];
      } catch {
        return [key, value];
      }
    }),
  );
}

/**
 * One access line per request, written when it is answered (method, path, status, time), instead of
 * Fastify's two ("incoming request" and "request completed"); errors are logged as before.
 */
class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error) {
      super.requestCompleted(error, request, reply);
      return;
    }
    reply.log.info(
      { req: request, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime },
      'request completed',
    );
  }
}

/** Builds the HTTP application; it never listens (tests use `inject`, main.ts listens). */
export async function buildApp(
  deps: Deps,
  options: { logStream?: { write(line: string): void } } = {},
): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken'],
            serializers: { req: serializeRequest },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    logController: new AccessLog(),
  });
  app.decorate('deps', deps);
  app.decorate('services', createServices(deps));
  // the Pix provider's kept-alive connections end with the app
  app.addHook('onClose', async () => app.services.pixApi?.close());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('ctx', null as never);
  // CSV uploads (customer import) arrive as text; the route sets its own, larger body limit
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );

  // one error handler: seed 004's body for every failure; 5xx details never leave the server
  app.setErrorHandler((error: FastifyError | AppError | RequestValidationError, request, reply) => {
    const locale = request.ctx?.locale ?? pickLocale(request.headers['accept-language']);
    if (error instanceof AppError) {
      if (error.headers) void reply.headers(error.headers);
      return send(reply, error.status, {
        error: ERROR_CODES[error.code].title,
        message: t(locale, error.messageKey, error.params),
        ...(error.details ? { details: translateDetails(error.details, locale, error.params) } : {}),
      });
    }
    if (error instanceof RequestValidationError) {
      return send(reply, 400, {
        error: ERROR_CODES.VALIDATION.title,
        message: t(
          locale,
          onlyMissingFields(error.issues) ? 'validation.missing_required' : 'validation.failed',
        ),
        details: issuesToDetails(error.issues, locale),
      });
    }
    const fastifyError = error as FastifyError;
    switch (fastifyError.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, 400, {
          error: ERROR_CODES.BAD_REQUEST.title,
          message: t(locale, 'http.malformed_json'),
        });
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, 413, {
          error: ERROR_CODES.PAYLOAD_TOO_LARGE.title,
          message: t(locale, 'http.payload_too_large', { limit: config.bodyLimitBytes }),
        });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, 415, {
          error: ERROR_CODES.UNSUPPORTED_MEDIA_TYPE.title,
          message: t(locale, 'http.unsupported_media_type', {
            type: String(request.headers['content-type'] ?? ''),
          }),
        });
    }
    if (findPgError(error)?.code?.startsWith('08') || (error as { code?: string }).code === 'ECONNREFUSED') {
      request.log.error({ err: error }, 'database unavailable');
      return send(reply, 503, {
        error: ERROR_CODES.SERVICE_UNAVAILABLE.title,
        message: t(locale, 'http.db_unavailable'),
      });
    }
    const status = fastifyError.statusCode;
    if (status && status >= 400 && status < 500) {
      return send(reply, status, {
        error: status === 404 ? ERROR_CODES.NOT_FOUND.title : ERROR_CODES.BAD_REQUEST.title,
        message: t(locale, 'http.bad_request'),
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 500, {
      error: ERROR_CODES.INTERNAL.title,
      message: t(locale, 'http.internal', { requestId: String(request.id) }),
    });
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cors, { origin: false });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('TOO_MANY_REQUESTS', 'http.rate_limited', { seconds: Math.ceil(context.ttl / 1000) }),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Bancada API',
        version: APP_VERSION,
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
        description:
          'Service-order management for repair shops. Errors always have the body {error, message, details?}.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearerAuth: [] }],
      tags: [
        { name: 'auth', description: 'Sign-in, sessions, passwords' },
        { name: 'users', description: 'Staff and customer logins' },
        { name: 'organization', description: 'Organization settings, branches and permissions' },
        { name: 'audit', description: 'Tamper-evident audit log' },
        { name: 'outbox', description: 'Messages sent or waiting for a provider' },
        { name: 'customers', description: 'Customers, consents, history, CSV import and export' },
        { name: 'assets', description: 'Vehicles, appliances and machines; readings, transfers, QR labels' },
        { name: 'search', description: 'One search box over customers and assets' },
        {
          name: 'inventory',
          description: 'Components and the stock ledger, suppliers, purchase orders, tools and equipment',
        },
        {
          name: 'repairs',
          description:
            'Service orders (OS): seed 004 creation, lifecycle, lines and stock, checklist, estimates, time, photos, documents',
        },
        {
          name: 'billing',
          description:
            'Invoices, payments and refunds, deposits, the cash register, receivables, Pix (static and dynamic) and its webhook',
        },
        { name: 'system', description: 'Health' },
      ],
    },
    transform: openApiTransform,
    transformObject: openApiTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    request.ctx = baseContext(request);
    const url = request.url;
    if (!url.startsWith('/api/') || request.is404 || request.routeOptions.config.public) return;
    if (PUBLIC_PREFIXES.some((prefix) => url.startsWith(prefix))) return;
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const actor = token ? await app.services.auth.resolveActor(token) : null;
    if (!actor) throw new AppError('UNAUTHORIZED', 'auth.unauthorized');
    request.ctx.actor = actor;
    const permission = request.routeOptions.config.permission;
    if (permission && !can(actor.role, permission, actor.grants))
      throw new AppError('FORBIDDEN', request.routeOptions.config.forbiddenMessage ?? 'auth.forbidden');
  });

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes);
      await api.register(usersRoutes);
      await api.register(organizationRoutes);
      await api.register(auditRoutes);
      await api.register(outboxRoutes);
      await api.register(customersRoutes);
      await api.register(customersCsvRoutes);
      await api.register(assetsRoutes);
      await api.register(searchRoutes);
      await api.register(historyRoutes);
      await api.register(componentsRoutes);
      await api.register(suppliersRoutes);
      await api.register(purchaseOrdersRoutes);
      await api.register(toolsRoutes);
      await api.register(repairTimeRoutes);
      await api.register(repairPhotosRoutes);
      await api.register(repairDocumentsRoutes);
      await api.register(techniciansRoutes);
      await api.register(liveRoutes);
      await api.register(repairsRoutes);
      await api.register(repairStatusRoutes);
      await api.register(estimatesRoutes);
      await api.register(serviceCatalogRoutes);
      await api.register(invoicesRoutes);
      await api.register(cashRoutes);
      await api.register(pixWebhookRoutes);
      await api.register(fiscalRoutes);
      await api.register(payablesRoutes);
      await api.register(billingDocumentsRoutes);
    },
    { prefix: '/api' },
  );
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const hasWeb = existsSync(path.join(WEB_DIST_DIR, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: WEB_DIST_DIR,
      wildcard: false,
      index: false,
      // brotli/gzip copies made at build time (apps/web/vite.config.ts)
      preCompressed: true,
      cacheControl: false,
      // file names under assets/ carry a content hash: cache them for good; index.html always revalidates
      setHeaders: (reply, filePath) => {
        reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // a missing built file (an old chunk, a source map) is a 404, not the app's page; /assets/:id is a page
    const wantsPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api') &&
      !/^\/assets\/[^/?]+\.[a-z0-9]+(\?|$)/i.test(request.url) &&
      hasWeb;
    if (wantsPage) {
      // the SPA owns every other path (client-side routing)
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    const locale = pickLocale(request.headers['accept-language']);
    return send(reply, 404, {
      error: ERROR_CODES.NOT_FOUND.title,
      message: t(locale, 'http.not_found_route', {
        method: request.method,
        url: request.url.split('?')[0] ?? '',
      }),
    });
  });
  return app;
}
