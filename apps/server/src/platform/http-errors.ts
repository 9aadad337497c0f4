import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ERROR_CODES, type ErrorBody, pickLocale } from '@bancada/shared';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, findPgError } from './errors.js';
import { type MessageKey, t } from './i18n.js';
import { issuesToDetails, onlyMissingFields, RequestValidationError } from './validation.js';

export function sendError(reply: FastifyReply, status: number, body: ErrorBody) {
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/** seed 004's title for a status: ours when we have one, else the HTTP reason phrase. */
function titleOf(status: number): string {
  const ours = Object.values(ERROR_CODES).find((c) => c.status === status && c.title !== 'Validation Error');
  return ours?.title ?? STATUS_CODES[status] ?? ERROR_CODES.BAD_REQUEST.title;
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

/** The error handler: seed 004's body for every failure; 5xx details never leave the server. */
export function createErrorHandler(bodyLimitBytes: number) {
  return (
    error: FastifyError | AppError | RequestValidationError,
    request: FastifyRequest,
    reply: FastifyReply,
  ) => {
    const locale = request.ctx?.locale ?? pickLocale(request.headers['accept-language']);
    if (error instanceof AppError) {
      if (error.headers) void reply.headers(error.headers);
      return sendError(reply, error.status, {
        error: ERROR_CODES[error.code].title,
        message: t(locale, error.messageKey, error.params),
        ...(error.details ? { details: translateDetails(error.details, locale, error.params) } : {}),
      });
    }
    if (error instanceof RequestValidationError) {
      return sendError(reply, 400, {
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
        return sendError(reply, 400, {
          error: ERROR_CODES.BAD_REQUEST.title,
          message: t(locale, 'http.malformed_json'),
        });
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(reply, 413, {
          error: ERROR_CODES.PAYLOAD_TOO_LARGE.title,
          message: t(locale, 'http.payload_too_large', { limit: bodyLimitBytes }),
        });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(reply, 415, {
          error: ERROR_CODES.UNSUPPORTED_MEDIA_TYPE.title,
          message: t(locale, 'http.unsupported_media_type', {
            type: String(request.headers['content-type'] ?? '').slice(0, 100),
          }),
        });
    }
    if (findPgError(error)?.code?.startsWith('08') || connectionRefused(error)) {
      request.log.error({ err: error }, 'database unavailable');
      return sendError(reply, 503, {
        error: ERROR_CODES.SERVICE_UNAVAILABLE.title,
        message: t(locale, 'http.db_unavailable'),
      });
    }
    const status = fastifyError.statusCode;
    if (status && status >= 400 && status < 500) {
      return sendError(reply, status, { error: titleOf(status), message: t(locale, 'http.bad_request') });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 500, {
      error: ERROR_CODES.INTERNAL.title,
      message: t(locale, 'http.internal', { requestId: String(request.id) }),
    });
  };
}

/**
 * Errors the router raises before a route is found (a path parameter over `maxParamLength`, a
 * malformed percent-encoding): seed 004's body, never an echo of the URL.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const locale = pickLocale(request.headers['accept-language']);
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendError(reply, 414, {
      error: ERROR_CODES.URI_TOO_LONG.title,
      message: t(locale, 'http.uri_too_long'),
    });
  }
  return sendError(reply, 400, {
    error: ERROR_CODES.BAD_REQUEST.title,
    message: t(locale, 'http.bad_request'),
  });
}

function rawErrorResponse(status: number, body: ErrorBody): string {
  const json = JSON.stringify(body);
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(json)}\r\n` +
    `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${json}`
  );
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (headers or URL over the size limit,
 * a request that took too long to arrive, bytes that are not HTTP): seed 004's body, in the default
 * language (the headers were never read).
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const locale = pickLocale(undefined);
  let response: string;
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    response = rawErrorResponse(408, {
      error: ERROR_CODES.REQUEST_TIMEOUT.title,
      message: t(locale, 'http.request_timeout'),
    });
  } else if (error.code === 'HPE_HEADER_OVERFLOW') {
    response = rawErrorResponse(431, {
      error: ERROR_CODES.HEADERS_TOO_LARGE.title,
      message: t(locale, 'http.headers_too_large'),
    });
  } else {
    response = rawErrorResponse(400, {
      error: ERROR_CODES.BAD_REQUEST.title,
      message: t(locale, 'http.bad_request'),
    });
  }
  if (socket.writable) socket.write(response);
  socket.destroy(error);
}

/** ECONNREFUSED on the error or on one of its causes (drizzle wraps the driver's error in `cause`). */
function connectionRefused(error: unknown): boolean {
  let cause: unknown = error;
  for (let depth = 0; cause && depth < 5; depth++) {
    if ((cause as { code?: string }).code === 'ECONNREFUSED') return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
