import { translateValidationMessage } from '@bancada/shared';
import type { FormErrors } from '@mantine/form';
import { ApiError, type ParseableSchema, type SchemaIssue } from './api';
import { currentLocale } from './i18n';

function issuesToErrors(issues: SchemaIssue[]): FormErrors {
  const errors: FormErrors = {};
  const locale = currentLocale();
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    // the first problem of a field is the one worth reading
    if (!(path in errors)) errors[path] = translateValidationMessage(issue.message, locale);
  }
  return errors;
}

interface ResolverOptions<Values> {
  /** shapes the form values into what the schema expects (e.g. drops fields hidden by the role) */
  prepare?: (values: Values) => unknown;
  /** extra checks the schema cannot make (e.g. the password confirmation) */
  refine?: (values: Values) => FormErrors;
}

/**
 * Validates Mantine form values with a shared zod schema. Messages that are keys of
 * VALIDATION_MESSAGES ("validation.email") are translated; zod's own messages are shown as they are.
 */
export function zodResolver<Values>(
  schema: ParseableSchema<unknown>,
  options: ResolverOptions<Values> = {},
): (values: Values) => FormErrors {
  return (values) => {
    const result = schema.safeParse(options.prepare ? options.prepare(values) : values);
    const errors = result.success ? {} : issuesToErrors(result.error.issues);
    return { ...(options.refine?.(values) ?? {}), ...errors };
  };
}

/** The schema's output for valid values (trimmed, normalised), to send to the API. */
export function parseWith<Output>(schema: ParseableSchema<Output>, values: unknown): Output {
  const result = schema.safeParse(values);
  if (!result.success) throw new Error('parseWith called with values the form did not validate');
  return result.data;
}

/**
 * Turns a 400's `details` (keyed by field path) into form errors; true when any were found.
 * Pass more statuses where another answer names a field too (a 409 for a document already taken).
 */
export function applyServerErrors(
  setErrors: (errors: FormErrors) => void,
  error: unknown,
  statuses: readonly number[] = [400],
): boolean {
  if (!(error instanceof ApiError) || !statuses.includes(error.status) || !error.details) return false;
  const errors: FormErrors = {};
  for (const [path, value] of Object.entries(error.details)) {
    if (typeof value === 'string') errors[path] = value;
    else if (Array.isArray(value)) errors[path] = value.filter((v) => typeof v === 'string').join(' ');
  }
  if (Object.keys(errors).length === 0) return false;
  setErrors(errors);
  return true;
}

/** A translated "passwords differ" error when the confirmation does not match. */
export function passwordsDiffer(password: string, confirmation: string): string | null {
  return password === confirmation
    ? null
    : translateValidationMessage('validation.passwords_differ', currentLocale());
}
