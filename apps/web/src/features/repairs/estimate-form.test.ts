import { EstimateCreateSchema } from '@bancada/shared';
import { describe, expect, it } from 'vitest';
import { emptyEstimate, estimateNumberMessages, toEstimateBody } from './estimate-form';

const valid = (validDays: number | string) => ({ ...emptyEstimate(), validDays });

describe('an estimate’s validity in days is refused on its field, never rewritten', () => {
  it('starts at the legal default of 10 days and sends it', () => {
    expect(estimateNumberMessages(emptyEstimate())).toEqual({});
    expect(toEstimateBody(emptyEstimate())).toEqual({ validDays: 10, notify: true, note: null });
  });

  it.each([
    [1, {}],
    [90, {}],
    ['30', {}],
    ['', { validDays: { key: 'numberField.required', values: {} } }],
    [-5, { validDays: { key: 'numberField.negative', values: {} } }],
    [7.5, { validDays: { key: 'numberField.whole', values: {} } }],
    [0, { validDays: { key: 'numberField.tooSmall', values: { min: 1 } } }],
    [91, { validDays: { key: 'numberField.tooLarge', values: { max: 90 } } }],
    ['-', { validDays: { key: 'numberField.invalid', values: {} } }],
  ] as const)('%j days: %j', (typed, expected) => {
    expect(estimateNumberMessages(valid(typed))).toEqual(expected);
  });

  it('hands the schema the number as typed: −5 stays −5, and the schema refuses what the rule refuses', () => {
    expect(toEstimateBody(valid(-5)).validDays).toBe(-5);
    expect(toEstimateBody(valid('15')).validDays).toBe(15);
    for (const typed of [-5, 0, 7.5, 91, '']) {
      expect(EstimateCreateSchema.safeParse(toEstimateBody(valid(typed))).success).toBe(false);
    }
    expect(EstimateCreateSchema.safeParse(toEstimateBody(valid(90))).success).toBe(true);
  });

  it('sends a trimmed note, or none', () => {
    expect(toEstimateBody({ ...emptyEstimate(), note: '  Peças a confirmar ' }).note).toBe(
      'Peças a confirmar',
    );
    expect(toEstimateBody({ ...emptyEstimate(), notify: false, note: '   ' })).toEqual({
      validDays: 10,
      notify: false,
      note: null,
    });
  });
});
