import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { can, ERROR_CODES, pickLocale } from '@bancada/shared';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import helmet, { type HelmetOptions } from 'helmet';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { billingDocumentsRoutes } from './modules/billing/billing-documents.routes.js';
import { cashRoutes } from './modules/billing/cash.routes.js';
import { fiscalRoutes } from './modules/billing/fiscal.routes.js';
import { invoicesRoutes } from './modules/billing/invoices.routes.js';
import { payablesRoutes } from './modules/billing/payables.routes.js';
import { pixWebhookRoutes } from './modules/billing/pix-webhook.routes.js';
import { campaignsRoutes } from './modules/communication/campaigns/campaigns.routes.js';
import { feedbackRoutes } from './modules/communication/feedback/feedback.routes.js';
import { maintenanceRoutes } from './modules/communication/maintenance/maintenance.routes.js';
import { communicationRoutes } from './modules/communication/notifications/notifications.routes.js';
import { whatsappWebhookRoutes } from './modules/communication/notifications/whatsapp-webhook.routes.js';
import { supportRoutes } from './modules/communication/support/support.routes.js';
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
import { backupsRoutes } from './modules/operations/backups.routes.js';
import { organizationRoutes } from './modules/organization/organization.routes.js';
import { outboxRoutes } from './modules/outbox/outbox.routes.js';
import { portalRoutes } from './modules/portal/portal.routes.js';
import { privacyRoutes } from './modules/privacy/privacy.routes.js';
import { serviceCatalogRoutes } from './modules/repairs/catalog/catalog.routes.js';
import { repairDocumentsRoutes } from './modules/repairs/documents/documents.routes.js';
import { estimatesRoutes } from './modules/repairs/estimates/estimates.routes.js';
import { repairsRoutes } from './modules/repairs/orders/repairs.routes.js';
import { repairPhotosRoutes } from './modules/repairs/photos/photos.routes.js';
import { repairStatusRoutes } from './modules/repairs/status/status.routes.js';
import { techniciansRoutes } from './modules/repairs/technicians/technicians.routes.js';
import { repairTimeRoutes } from './modules/repairs/time/time.routes.js';
import { calendarFeedRoutes } from './modules/scheduling/calendar-feed.routes.js';
import { schedulingRoutes } from './modules/scheduling/scheduling.routes.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { authRoutes } from './modules/users/auth.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { APP_VERSION, WEB_DIST_DIR } from './paths.js';
import { AppError, serializeError } from './platform/errors.js';
import {
  assertRouteAccess,
  baseContext,
  openApiTransform,
  openApiTransformObject,
  routeRuleOf,
} from './platform/http.js';
import {
  clientErrorHandler,
  createErrorHandler,
  frameworkErrors,
  sendError,
} from './platform/http-errors.js';
import { t } from './platform/i18n.js';
import { createRateLimitStore } from './platform/rate-limit-store.js';
import { validatorCompiler } from './platform/validation.js';
import { createServices, type Deps, type Services } from './services.js';

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
    services: Services;
  }
}

const PUBLIC_PREFIXES = ['/api/docs', '/api/openapi.json'];

// a search box receives CPFs, phones and e-mails, the live socket a token: none reach the logs
const SENSITIVE_PARAMS = new Set(['q', 'document', 'email', 'phone', 'token']);
const WORD = /^[a-z_-]*$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A document number, phone or e-mail, wherever a client put it (a path segment where an id belongs,
 * any query parameter): an `@`, or 8 digits in a row once punctuation is gone, or an alphanumeric CNPJ.
 * Ids and dates are left readable.
 */
function looksPersonal(raw: string): boolean {
  // the route's own words (`api`, `repairs`, `two-factor`): no digit, no `@`, no escape (every request)
  if (WORD.test(raw)) return false;
  let text = raw;
  try {
    text = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {}
  if (UUID.test(text) || /^\d{4}-\d{2}-\d{2}/.test(text)) return false;
  if (text.includes('@')) return true;
  const compact = text.replace(/[\s.()/+-]/g, '');
  return /\d{8,}/.test(compact) || /^[0-9A-Z]{12}\d{2}$/i.test(compact);
}

function redactUrl(url: string): string {
  const at = url.indexOf('?');
  const path = (at === -1 ? url : url.slice(0, at))
    .split('/')
    .map((segment) => (looksPersonal(segment) ? '[redacted]' : segment))
    .join('/');
  if (at === -1) return path;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return looksPersonal(pair) ? '[redacted]' : pair;
      const name = pair.slice(0, eq);
      const hidden = SENSITIVE_PARAMS.has(name.toLowerCase()) || looksPersonal(pair.slice(eq + 1));
      return hidden ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

export function serializeRequest(request: {
  method: string;
  url: string;
  ip?: string;
  socket?: { remotePort?: number | undefined };
}) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
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

/**
 * How long a client may take: to send its headers (a slow-loris connection is cut), to send the whole
 * request (a 10 MB photo over a slow mobile link fits), and to stay silent on an open connection.
 */
export const HTTP_TIMEOUTS = { headersMs: 20_000, requestMs: 120_000, idleMs: 90_000, checkEveryMs: 2_000 };
/** Node's limit for the request line and headers together (its default); a longer URL is a 431. */
const MAX_HEADER_BYTES = 16_384;

/** Only UTF-8 bodies: another charset would be decoded as UTF-8 anyway, or smuggle text past checks. */
function foreignCharset(contentType: string | undefined): string | null {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  return charset !== undefined && charset !== 'utf-8' && charset !== 'utf8' ? charset : null;
}

/**
 * Security headers for every response (issue 13 §4): scripts only from our origin (the built SPA and
 * Swagger UI load theirs from files, neither has an inline script), inline styles allowed (Mantine
 * and Swagger UI set style attributes), images also from data: and blob: (QR labels, photos and
 * PDFs are fetched and shown as blobs), the live socket on our own host, never framed, no referrer;
 * HSTS and upgrade-insecure-requests only when the app is served over TLS.
 */
export function securityHeaders(publicUrl: string) {
  const url = new URL(publicUrl);
  // behind a TLS-terminating proxy PUBLIC_URL is the https address people use
  const tls = url.protocol === 'https:';
  const socket = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`;
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", socket],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(tls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
    strictTransportSecurity: tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
}

/** The security headers' names and values, as helmet sets them with `securityHeaders`. */
export function securityHeaderValues(publicUrl: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: () => {},
    getHeader: () => undefined,
  };
  helmet(securityHeaders(publicUrl) as HelmetOptions)(
    {} as IncomingMessage,
    response as unknown as ServerResponse,
    () => {},
  );
  return headers;
}

/** Builds the HTTP application; it never listens (tests use `inject`, main.ts listens). */
export async function buildApp(
  deps: Deps,
  options: {
    logStream?: { write(line: string): void };
    timeouts?: Partial<typeof HTTP_TIMEOUTS>;
    /** the built SPA (tests point it at a folder of their own) */
    webDir?: string;
  } = {},
): Promise<FastifyInstance> {
  const { config } = deps;
  const timeouts = { ...HTTP_TIMEOUTS, ...options.timeouts };
  const app = Fastify({
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    http: {
      headersTimeout: timeouts.headersMs,
      connectionsCheckingInterval: timeouts.checkEveryMs,
      maxHeaderSize: MAX_HEADER_BYTES,
    },
    // the router's own errors (an over-long path parameter, a bad escape) and the HTTP parser's
    // (headers too large, too slow) keep seed 004's body too
    frameworkErrors,
    clientErrorHandler,
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken'],
            serializers: { req: serializeRequest, err: serializeError },
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
  app.setErrorHandler(createErrorHandler(config.bodyLimitBytes));
  app.addHook('preParsing', async (request, _reply, payload) => {
    const charset = foreignCharset(request.headers['content-type']);
    if (charset !== null)
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'http.unsupported_charset', {
        charset: charset.slice(0, 40),
      });
    return payload;
  });

  // the headers are the same on every answer: worked out once by helmet, set by one hook
  const headers = securityHeaderValues(config.publicUrl);
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers);
  });
  await app.register(cors, { origin: false });
  await app.register(rateLimit, {
    global: false,
    // counted in PostgreSQL: several instances behind a load balancer share each limit (issue 13 §6b)
    store: createRateLimitStore(deps.db),
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
        {
          name: 'privacy',
          description: 'LGPD: data export, anonymisation, consents, retention, incidents, policy',
        },
        {
          name: 'portal',
          description:
            'Customer accounts: registration, e-mail verification, invitations, my data export and requests',
        },
        {
          name: 'scheduling',
          description: 'Appointments, free slots, capacity, bays and holidays (the shop’s calendar)',
        },
        { name: 'operations', description: 'Backups of the installation' },
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
    const rule = routeRuleOf(request);
    if (rule) assertRouteAccess(actor, rule, request);
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
      await api.register(backupsRoutes);
      await api.register(privacyRoutes);
      // customer accounts and LGPD requests (issue 15 §2)
      await api.register(portalRoutes);
      // communication with customers (issue 14)
      await api.register(communicationRoutes);
      await api.register(whatsappWebhookRoutes);
      await api.register(maintenanceRoutes);
      await api.register(feedbackRoutes);
      await api.register(campaignsRoutes);
      await api.register(supportRoutes);
      // appointments, bays and the shop's calendar (issue 15 §1)
      await api.register(schedulingRoutes);
      // iCalendar feeds (issue 15 §1)
      await api.register(calendarFeedRoutes);
    },
    { prefix: '/api' },
  );
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const webDir = options.webDir ?? WEB_DIST_DIR;
  const hasWeb = existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
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
    return sendError(reply, 404, {
      error: ERROR_CODES.NOT_FOUND.title,
      message: t(locale, 'http.not_found_route', {
        method: request.method,
        url: (request.url.split('?')[0] ?? '').slice(0, 200),
      }),
    });
  });
  return app;
}
