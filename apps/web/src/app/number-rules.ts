import type { FormErrors } from '@mantine/form';

/**
 * The checks a number box makes where the shared schema has no words of its own (a count of days, a
 * meter reading): what was typed stays in the box, and a message on the field says what is wrong
 * (issue 10). Pure, so the rules are unit-tested; the words are in the locale files (`numberField`).
 */

/** What a Mantine number box holds: a number, '' when empty, or text (it keeps "25,50" as "25.50"). */
export type NumberBoxValue = number | string;

/** The number in the box: null when empty, NaN when the text is no number. */
export function readNumberBox(value: NumberBoxValue): number | null {
  if (typeof value === 'number') return value;
  const text = value.trim();
  return text === '' ? null : Number(text);
}

export interface NumberRule {
  /** decimal places accepted; 0 is a whole number */
  decimals: number;
  /** the smallest value accepted; 0 when not given (below 0 a value is "negative") */
  min?: number;
  /** the largest value accepted */
  max: number;
  /** the values are years: the limits are said as a range of years, not grouped ("1900", not "1.900") */
  years?: boolean;
}

/** A count of days (a supplier's lead time): 0 to 365, whole (SupplierCreateSchema). */
export const LEAD_TIME_DAYS: NumberRule = { decimals: 0, max: 365 };
/** An odometer (km) or hour-meter (h) reading: what numeric(12,1) keeps, up to ReadingCreateSchema's max. */
export const METER_READING: NumberRule = { decimals: 1, max: 99_999_999 };
/**
 * The odometer (km) or hour meter (h) typed on a new order: the same numeric(12,1), up to
 * RepairCreateSchema's odometerKm / hourMeter max (an order's reading stops an order of magnitude lower).
 */
export const ORDER_METER_READING: NumberRule = { ...METER_READING, max: 9_999_999 };
/** A line's warranty in days: 0 to 3650, whole (the repair schemas' WarrantyDaysSchema). */
export const WARRANTY_DAYS: NumberRule = { decimals: 0, max: 3650 };
/** How many days an estimate is valid: 1 to 90, whole (EstimateCreateSchema's validDays). */
export const ESTIMATE_VALIDITY_DAYS: NumberRule = { decimals: 0, min: 1, max: 90 };

/**
 * An asset's year: 1900 to next year, whole (the asset schemas' year, whose limit moves with the
 * calendar as the shared schema's does).
 */
export function assetYearRule(now: Date = new Date()): NumberRule {
  return { decimals: 0, min: 1900, max: now.getFullYear() + 1, years: true };
}

export type NumberProblem = 'invalid' | 'negative' | 'whole' | 'decimals' | 'tooSmall' | 'tooLarge';

export function hasAtMostDecimals(value: number, decimals: number): boolean {
  return Number.isFinite(value) && Number(value.toFixed(decimals)) === value;
}

/** What is wrong with a number under the rule, or null; never rounds, clamps or drops a sign. */
export function numberProblem(value: number, rule: NumberRule): NumberProblem | null {
  if (!Number.isFinite(value)) return 'invalid';
  if (value < 0) return 'negative';
  if (!hasAtMostDecimals(value, rule.decimals)) return rule.decimals === 0 ? 'whole' : 'decimals';
  if (value < (rule.min ?? 0)) return 'tooSmall';
  if (value > rule.max) return 'tooLarge';
  return null;
}

/** A problem in words: a key of the locale files (`numberField`) and its values. */
export interface NumberMessage {
  key:
    | 'numberField.required'
    | 'numberField.invalid'
    | 'numberField.negative'
    | 'numberField.whole'
    | 'numberField.decimals'
    | 'numberField.tooSmall'
    | 'numberField.tooLarge'
    | 'numberField.yearRange';
  values: { count?: number; min?: number; max?: number };
}

export function numberProblemMessage(problem: NumberProblem, rule: NumberRule): NumberMessage {
  if (rule.years && (problem === 'tooSmall' || problem === 'tooLarge'))
    return { key: 'numberField.yearRange', values: { min: rule.min ?? 0, max: rule.max } };
  switch (problem) {
    case 'decimals':
      return { key: 'numberField.decimals', values: { count: rule.decimals } };
    case 'tooSmall':
      return { key: 'numberField.tooSmall', values: { min: rule.min ?? 0 } };
    case 'tooLarge':
      return { key: 'numberField.tooLarge', values: { max: rule.max } };
    default:
      return { key: `numberField.${problem}`, values: {} };
  }
}

/**
 * What to say about a number box under the rule, or null when it is fine (or empty and optional).
 * Forms put it after the schema's errors, so these words win over zod's own ("Too small: …").
 */
export function numberFieldMessage(
  value: NumberBoxValue,
  rule: NumberRule,
  { required = false }: { required?: boolean } = {},
): NumberMessage | null {
  const read = readNumberBox(value);
  if (read === null) return required ? { key: 'numberField.required', values: {} } : null;
  const problem = numberProblem(read, rule);
  return problem ? numberProblemMessage(problem, rule) : null;
}

/**
 * A box where a number is needed whose other checks are the shared schema's, in its own translated
 * words (an amount, hours): only an empty box, or one that holds no number ("-"), is said here; the
 * schema would refuse those as NaN in zod's English.
 */
export function missingNumberMessage(value: NumberBoxValue): NumberMessage | null {
  const read = readNumberBox(value);
  if (read === null) return { key: 'numberField.required', values: {} };
  return Number.isNaN(read) ? { key: 'numberField.invalid', values: {} } : null;
}

/** A form's validate: the schema's errors, with the number rules' words over them on their fields. */
export function withNumberRules<V>(
  validate: (values: V) => FormErrors,
  messagesOf: (values: V) => Record<string, NumberMessage>,
  translate: (message: NumberMessage) => string,
): (values: V) => FormErrors {
  return (values) => {
    const errors = { ...validate(values) };
    for (const [path, message] of Object.entries(messagesOf(values))) errors[path] = translate(message);
    return errors;
  };
}
