import {
  can,
  ErrorBodySchema,
  type Permission,
  pickLocale,
  ROUTE_ACCESS,
  type RouteRule,
} from '@bancada/shared';
import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import type { FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, AuthedContext, RequestContext } from './context.js';
import { AppError, notFound, unauthorized } from './errors.js';
import { etagOf } from './etag.js';
import type { MessageKey } from './i18n.js';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyContextConfig {
    /** reachable without signing in */
    public?: boolean;
    /** checked before the body is read, so a forbidden caller learns nothing from validation */
    permission?: Permission;
    /** the 403 message when the permission is missing (seed 004 names its own) */
    forbiddenMessage?: MessageKey;
  }
  interface FastifySchema {
    /**
     * The body of a route that reads it itself (a multipart upload, CSV text), by media type, for the
     * API document only: Fastify does not validate it (a `body` schema would be checked against the
     * multipart body before the handler reads it, and fail).
     */
    documentedBody?: Record<string, z.ZodType>;
  }
}

export function baseContext(request: FastifyRequest): RequestContext {
  const ua = request.headers['user-agent'];
  return {
    actor: null,
    ip: request.ip ?? null,
    userAgent: typeof ua === 'string' ? ua.slice(0, 400) : null,
    locale: pickLocale(request.headers['accept-language']),
    requestId: String(request.id),
  };
}

/** The route access matrix's rule for a request's route (`/api/customers/:id` → `/api/customers/{id}`). */
export function routeRuleOf(request: FastifyRequest): RouteRule | undefined {
  const url = request.routeOptions.url;
  if (!url) return undefined;
  // one entry per route (the router's pattern, never the request's path): worked out once
  const route = `${request.method} ${url}`;
  if (!rulesByRoute.has(route)) {
    const key = `${request.method} ${url.replace(/:(\w+)/g, '{$1}')}`;
    rulesByRoute.set(route, (ROUTE_ACCESS as Record<string, RouteRule>)[key]);
  }
  return rulesByRoute.get(route);
}
const rulesByRoute = new Map<string, RouteRule | undefined>();

/**
 * Authorization before validation (issue 13 §7): the role-level half of the route access matrix,
 * checked in `onRequest`, so a caller without the right gets its 403 (or, for a CUSTOMER on another
 * customer's record, its 404) before the validator reads params, query or body and answers 400.
 * Services check again, with the record in hand.
 */
export function assertRouteAccess(
  actor: Actor,
  rule: RouteRule,
  request: Pick<FastifyRequest, 'params' | 'routeOptions'>,
): void {
  if (rule.access === 'public' || rule.access === 'signed-in') return;
  const forbiddenMessage = request.routeOptions.config.forbiddenMessage ?? 'auth.forbidden';
  if (rule.access === 'customer') {
    if (actor.role !== 'CUSTOMER') throw new AppError('FORBIDDEN', forbiddenMessage);
    return;
  }
  if (actor.role !== 'CUSTOMER') {
    // `self: 'user'`: the user the path names may act on their own account (the service checks again)
    const self = 'self' in rule && rule.self === 'user';
    if (self && (request.params as Record<string, unknown> | undefined)?.id === actor.userId) return;
    if (!can(actor.role, rule.access, actor.grants)) throw new AppError('FORBIDDEN', forbiddenMessage);
    return;
  }
  if (!('customer' in rule) || rule.customer !== 'own') throw new AppError('FORBIDDEN', forbiddenMessage);
  // a customer's own record is named in the path: another id answers 404, as the service would
  const own = request.routeOptions.url?.startsWith('/api/customers/:id');
  const id = (request.params as Record<string, unknown> | undefined)?.id;
  if (own && (!actor.customerId || id !== actor.customerId)) throw notFound('customers.not_found');
}

export function authed(request: FastifyRequest): AuthedContext {
  if (!request.ctx.actor) throw unauthorized();
  return request.ctx as AuthedContext;
}

export function withEtag<T extends { version: number }>(reply: FastifyReply, body: T): T {
  void reply.header('etag', etagOf(body.version));
  return body;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 422 | 423 | 428 | 429;

/** The error responses of a route, for the OpenAPI document (all share seed 004's body). */
export function errors(...statuses: ErrorStatus[]): Record<number, typeof ErrorBodySchema> {
  return Object.fromEntries(statuses.map((status) => [status, ErrorBodySchema]));
}

// what a generated client needs to read a file as bytes rather than JSON
const BinarySchema = z.string().meta({ format: 'binary' });

/**
 * A file download (PDF, image, CSV): the handler sends a Buffer, stream or text with its own
 * content type, so the serializer never sees it; the schema only tells the API document which
 * media types the body may have.
 */
export function fileResponse(description: string, ...mediaTypes: [string, ...string[]]) {
  return {
    description,
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: BinarySchema }])),
  };
}

/** The zod transform, plus the request bodies that routes only document (`documentedBody`). */
export const openApiTransform: SwaggerTransform<FastifySchema> = (input) => {
  const { documentedBody, ...schema } = input.schema;
  const result = jsonSchemaTransform({ ...input, schema });
  if (!documentedBody || result.schema.hide) return result;
  // each media type's schema goes through the same zod conversion as a validated body
  const content = Object.fromEntries(
    Object.entries(documentedBody).map(([type, body]) => [
      type,
      { schema: jsonSchemaTransform({ ...input, schema: { body } }).schema.body },
    ]),
  );
  return { ...result, schema: { ...result.schema, body: { content } } };
};

const SCHEMA_REF = '#/components/schemas/';

function collectSchemaRefs(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectSchemaRefs(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(SCHEMA_REF)) {
        into.add(child.slice(SCHEMA_REF.length));
      } else {
        collectSchemaRefs(child, into);
      }
    }
  }
}

/**
 * The zod registry's schemas as components, keeping only those the operations reach.
 * fastify-type-provider-zod emits every schema with an `id` twice, as `X` for responses and
 * `XInput` for requests, whether or not any route uses it that way; ours are response schemas, so
 * every `XInput` copy was unused (and a client generator would type it for nothing).
 */
export const openApiTransformObject: SwaggerTransformObject = (documentObject) => {
  const document = jsonSchemaTransformObject(documentObject) as {
    components?: { schemas?: Record<string, unknown> };
  };
  const { schemas = {}, ...otherComponents } = document.components ?? {};
  const reached = new Set<string>();
  collectSchemaRefs({ ...document, components: otherComponents }, reached);
  const pending = [...reached];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const found = new Set<string>();
    collectSchemaRefs(schemas[name], found);
    for (const next of found) {
      if (!reached.has(next)) {
        reached.add(next);
        pending.push(next);
      }
    }
  }
  return {
    ...document,
    components: {
      ...otherComponents,
      schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name))),
    },
  } as ReturnType<SwaggerTransformObject>;
};
