import { ErrorBodySchema, type Permission, pickLocale } from '@bancada/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthedContext, RequestContext } from './context.js';
import { unauthorized } from './errors.js';
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
