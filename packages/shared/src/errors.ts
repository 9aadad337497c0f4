import { z } from 'zod';

/** Every failure the API returns, with its HTTP status and the seed 004 `error` title. */
export const ERROR_CODES = {
  VALIDATION: { status: 400, title: 'Validation Error' },
  BAD_REQUEST: { status: 400, title: 'Bad Request' },
  UNAUTHORIZED: { status: 401, title: 'Unauthorized' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  NOT_FOUND: { status: 404, title: 'Not Found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method Not Allowed' },
  CONFLICT: { status: 409, title: 'Conflict' },
  PRECONDITION_FAILED: { status: 412, title: 'Precondition Failed' },
  REQUEST_TIMEOUT: { status: 408, title: 'Request Timeout' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload Too Large' },
  URI_TOO_LONG: { status: 414, title: 'URI Too Long' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported Media Type' },
  UNPROCESSABLE: { status: 422, title: 'Unprocessable Entity' },
  INSUFFICIENT_STOCK: { status: 422, title: 'Insufficient Stock' },
  ACCOUNT_LOCKED: { status: 423, title: 'Locked' },
  PRECONDITION_REQUIRED: { status: 428, title: 'Precondition Required' },
  TOO_MANY_REQUESTS: { status: 429, title: 'Too Many Requests' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Request Header Fields Too Large' },
  INTERNAL: { status: 500, title: 'Internal Server Error' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'Service Unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** seed 004's error body: `{ error, message, details? }`. */
export const ErrorBodySchema = z
  .object({
    error: z.string().meta({ example: 'Validation Error' }),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
