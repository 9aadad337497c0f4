import {
  CONTROL_CHARS_MESSAGE,
  findControlCharacter,
  type Locale,
  MISSING_FIELD_MESSAGES,
} from '@bancada/shared';
import type { FastifySchemaCompiler } from 'fastify';
import { type ZodType, z } from 'zod';
import { translateValidationMessage } from './i18n.js';

type Issue = z.core.$ZodIssue;

/** Raised by the validator compiler; carries zod issues and where they came from. */
export class RequestValidationError extends Error {
  statusCode = 400;
  code = 'FST_ERR_VALIDATION';
  validationContext?: string;
  constructor(readonly issues: Issue[]) {
    super('request validation failed');
  }
}

const REQUIRED = 'validation.required';

// a missing field gets the same message key everywhere, so "Campo obrigatório" reads like seed 004
const markRequired = (issue: z.core.$ZodRawIssue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? REQUIRED : undefined;

// the parts of a request that reach the database as text (headers are read by name, never stored whole)
const SCANNED_PARTS = new Set(['body', 'querystring', 'params']);

export const validatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    // whatever a route's schema says: a NUL byte anywhere is a 400, never a database error
    const controlAt = httpPart && SCANNED_PARTS.has(httpPart) ? findControlCharacter(data) : null;
    if (controlAt) {
      const issue = { code: 'custom', path: controlAt, message: CONTROL_CHARS_MESSAGE, input: undefined };
      return { error: new RequestValidationError([issue as unknown as Issue]) };
    }
    const result = schema.safeParse(data, { error: markRequired });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues) };
  };

const LOCALE_ERRORS = { 'pt-BR': z.locales.pt(), es: z.locales.es(), en: z.locales.en() } as const;

function issueMessage(issue: Issue, locale: Locale): string {
  if (issue.message.startsWith('validation.')) return translateValidationMessage(issue.message, locale);
  if (issue.code === 'invalid_type') {
    // the input itself is not kept in issues, so say only what was expected
    const expected = String(issue.expected);
    return {
      'pt-BR': `Tipo inválido: esperado ${expected}`,
      es: `Tipo inválido: se esperaba ${expected}`,
      en: `Invalid type: expected ${expected}`,
    }[locale];
  }
  const localized = LOCALE_ERRORS[locale].localeError(issue as unknown as z.core.$ZodRawIssue);
  return typeof localized === 'string' ? localized : (localized?.message ?? issue.message);
}

/** Turns issues into seed 004's `details`: field path → message (first issue per path wins). */
export function issuesToDetails(issues: Issue[], locale: Locale): Record<string, string> {
  const details: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) details[[...issue.path, key].join('.')] ??= issueMessage(issue, locale);
      continue;
    }
    const key = issue.path.length > 0 ? issue.path.map(String).join('.') : '_';
    details[key] ??= issueMessage(issue, locale);
  }
  return details;
}

export function onlyMissingFields(issues: Issue[]): boolean {
  return issues.length > 0 && issues.every((i) => MISSING_FIELD_MESSAGES.includes(i.message));
}
