import { describe, expect, it } from 'vitest';
import { emptyReading, readingNumberMessages, toReadingCandidate } from './reading-form';

const typed = (value: number | string) => ({ ...emptyReading(), value });

describe('an odometer or hour-meter reading is kept as typed and refused on its field', () => {
  it.each([
    ['', { value: { key: 'numberField.required', values: {} } }],
    [42000, {}],
    [1234.5, {}],
    ['1234.5', {}],
    [-10, { value: { key: 'numberField.negative', values: {} } }],
    // the server keeps one decimal: a second one would be rounded away without a word
    [1234.56, { value: { key: 'numberField.decimals', values: { count: 1 } } }],
    [100_000_000, { value: { key: 'numberField.tooLarge', values: { max: 99_999_999 } } }],
  ] as const)('%j: %j', (value, expected) => {
    expect(readingNumberMessages(typed(value))).toEqual(expected);
  });

  it('sends the number typed, the reason only with a correction', () => {
    expect(toReadingCandidate(typed('1500.5'))).toEqual({ value: 1500.5, correction: false, reason: null });
    expect(toReadingCandidate({ value: 900, correction: true, reason: 'Painel trocado' })).toEqual({
      value: 900,
      correction: true,
      reason: 'Painel trocado',
    });
  });
});
