import { DEFAULT_ESTIMATE_VALIDITY_DAYS, type EstimateCreate } from '@bancada/shared';
import {
  ESTIMATE_VALIDITY_DAYS,
  type NumberBoxValue,
  type NumberMessage,
  numberFieldMessage,
  readNumberBox,
} from '../../app/number-rules';

/** A new estimate version's form: how long it is valid, whether the customer is told, a note. */
export interface EstimateValues {
  validDays: NumberBoxValue;
  notify: boolean;
  note: string;
}

export function emptyEstimate(): EstimateValues {
  return { validDays: DEFAULT_ESTIMATE_VALIDITY_DAYS, notify: true, note: '' };
}

/** The POST body: the days as typed (an empty box is NaN, which the schema refuses). */
export function toEstimateBody(values: EstimateValues): EstimateCreate {
  return {
    validDays: readNumberBox(values.validDays) ?? Number.NaN,
    notify: values.notify,
    note: values.note.trim() || null,
  };
}

/**
 * The validity as typed: required, 1 to 90 whole days; −5 or 7,5 days is refused on the field in
 * the shop's words, never turned into 5 or 7 by the box (issue 10).
 */
export function estimateNumberMessages(values: EstimateValues): Record<string, NumberMessage> {
  const validDays = numberFieldMessage(values.validDays, ESTIMATE_VALIDITY_DAYS, { required: true });
  return validDays ? { validDays } : {};
}
