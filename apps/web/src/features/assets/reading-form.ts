import type { ReadingCreate } from '@bancada/shared';
import {
  METER_READING,
  type NumberBoxValue,
  type NumberMessage,
  numberFieldMessage,
  readNumberBox,
} from '../../app/number-rules';

export interface ReadingValues {
  value: NumberBoxValue;
  correction: boolean;
  reason: string;
}

export function emptyReading(): ReadingValues {
  return { value: '', correction: false, reason: '' };
}

export function toReadingCandidate(values: ReadingValues): ReadingCreate {
  return {
    value: readNumberBox(values.value) ?? Number.NaN,
    correction: values.correction,
    reason: values.correction ? values.reason : null,
  };
}

/**
 * The reading as typed: required, and a negative or a second decimal is refused on the field (the
 * server keeps one decimal), never cut or turned positive by the box (issue 10).
 */
export function readingNumberMessages(values: ReadingValues): Record<string, NumberMessage> {
  const value = numberFieldMessage(values.value, METER_READING, { required: true });
  return value ? { value } : {};
}
