import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../locales/en/translation.json';
import es from '../locales/es/translation.json';
import ptBR from '../locales/pt-BR/translation.json';
import {
  assetYearRule,
  ESTIMATE_VALIDITY_DAYS,
  LEAD_TIME_DAYS,
  METER_READING,
  missingNumberMessage,
  type NumberMessage,
  numberFieldMessage,
  numberProblem,
  ORDER_METER_READING,
  readNumberBox,
  WARRANTY_DAYS,
  withNumberRules,
} from './number-rules';

/** The words a message shows in a language, through i18next as the app renders them. */
async function wordsIn(lng: string, translation: object) {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { [lng]: { translation } }, interpolation: { escapeValue: false } });
  return (message: NumberMessage) => i18n.t(message.key, message.values);
}

describe('readNumberBox reads what a number box holds', () => {
  it.each([
    ['', null],
    ['   ', null],
    [12, 12],
    [-3, -3],
    // Mantine keeps "25,50" as the text "25.50" while the box has focus
    ['25.50', 25.5],
    ['-', Number.NaN],
    ['abc', Number.NaN],
  ] as const)('%j is %s', (value, expected) => {
    expect(readNumberBox(value)).toBe(expected);
  });
});

describe('numberProblem refuses instead of rewriting', () => {
  it.each([
    [0, null],
    [5, null],
    [365, null],
    [-3, 'negative'],
    [-2.5, 'negative'],
    [2.5, 'whole'],
    [366, 'tooLarge'],
    [Number.NaN, 'invalid'],
    [Number.POSITIVE_INFINITY, 'invalid'],
  ] as const)('a lead time of %s days: %s', (value, expected) => {
    expect(numberProblem(value, LEAD_TIME_DAYS)).toBe(expected);
  });

  it.each([
    [0, null],
    [42000, null],
    [1234.5, null],
    [99_999_999, null],
    [1234.56, 'decimals'],
    [-1, 'negative'],
    [100_000_000, 'tooLarge'],
  ] as const)('a meter reading of %s: %s', (value, expected) => {
    expect(numberProblem(value, METER_READING)).toBe(expected);
  });
});

describe('a new order’s reading keeps what numeric(12,1) keeps, up to RepairCreateSchema’s max', () => {
  it.each([
    [0, null],
    [81000.5, null],
    [9_999_999, null],
    [-5, 'negative'],
    [81000.25, 'decimals'],
    [10_000_000, 'tooLarge'],
  ] as const)('a reading of %s: %s', (value, expected) => {
    expect(numberProblem(value, ORDER_METER_READING)).toBe(expected);
  });

  it('says its own max', () => {
    expect(numberFieldMessage(10_000_000, ORDER_METER_READING)).toEqual({
      key: 'numberField.tooLarge',
      values: { max: 9_999_999 },
    });
  });
});

describe('missingNumberMessage says only that a needed number is missing or is no number', () => {
  it.each([
    ['', { key: 'numberField.required', values: {} }],
    ['  ', { key: 'numberField.required', values: {} }],
    ['-', { key: 'numberField.invalid', values: {} }],
    [-50, null],
    ['50.129', null],
    [0, null],
  ] as const)('%j: %j', (value, expected) => {
    expect(missingNumberMessage(value)).toEqual(expected);
  });
});

describe('the limits of days and years are the shared schemas’', () => {
  it.each([
    [0, null],
    [90, null],
    [3650, null],
    [-30, 'negative'],
    [30.5, 'whole'],
    [3651, 'tooLarge'],
  ] as const)('a warranty of %s days: %s', (value, expected) => {
    expect(numberProblem(value, WARRANTY_DAYS)).toBe(expected);
  });

  it.each([
    [1, null],
    [10, null],
    [90, null],
    [0, 'tooSmall'],
    [-5, 'negative'],
    [7.5, 'whole'],
    [91, 'tooLarge'],
  ] as const)('an estimate valid for %s days: %s', (value, expected) => {
    expect(numberProblem(value, ESTIMATE_VALIDITY_DAYS)).toBe(expected);
  });

  it.each([
    [1900, null],
    [2019, null],
    [2027, null],
    [1899, 'tooSmall'],
    [2028, 'tooLarge'],
    [-2019, 'negative'],
    [2019.5, 'whole'],
  ] as const)('in 2026, the year %s: %s', (value, expected) => {
    expect(numberProblem(value, assetYearRule(new Date('2026-06-15T12:00:00Z')))).toBe(expected);
  });

  it('says a year out of range as a range of years, and another low value as its least', () => {
    const rule = assetYearRule(new Date('2026-06-15T12:00:00Z'));
    const range = { key: 'numberField.yearRange', values: { min: 1900, max: 2027 } };
    expect(numberFieldMessage(1850, rule)).toEqual(range);
    expect(numberFieldMessage('2031', rule)).toEqual(range);
    expect(numberFieldMessage(0, ESTIMATE_VALIDITY_DAYS)).toEqual({
      key: 'numberField.tooSmall',
      values: { min: 1 },
    });
  });
});

describe('numberFieldMessage', () => {
  it('says nothing of an empty optional box, and that a required one is missing', () => {
    expect(numberFieldMessage('', LEAD_TIME_DAYS)).toBeNull();
    expect(numberFieldMessage('', METER_READING, { required: true })).toEqual({
      key: 'numberField.required',
      values: {},
    });
  });

  it('names the problem with the rule’s limits', () => {
    expect(numberFieldMessage(-3, LEAD_TIME_DAYS)?.key).toBe('numberField.negative');
    expect(numberFieldMessage(2.5, LEAD_TIME_DAYS)?.key).toBe('numberField.whole');
    expect(numberFieldMessage('1234.56', METER_READING)).toEqual({
      key: 'numberField.decimals',
      values: { count: 1 },
    });
    expect(numberFieldMessage(400, LEAD_TIME_DAYS)).toEqual({
      key: 'numberField.tooLarge',
      values: { max: 365 },
    });
  });

  it.each([
    [
      'pt-BR',
      ptBR,
      ['Valores negativos não são permitidos', 'Use no máximo 1 casa decimal', 'No máximo 99.999.999'],
    ],
    ['es', es, ['No se permiten valores negativos', 'Use como máximo 1 decimal', 'Como máximo 99.999.999']],
    ['en', en, ['Negative values are not allowed', 'Use at most 1 decimal place', 'At most 99,999,999']],
  ] as const)('reads in %s', async (lng, translation, expected) => {
    const words = await wordsIn(lng, translation);
    const said = [-1, 1234.56, 100_000_000].map((value) => {
      const message = numberFieldMessage(value, METER_READING);
      return message ? words(message) : null;
    });
    expect(said).toEqual(expected);
    for (const key of ['required', 'invalid', 'whole'] as const) {
      expect(words({ key: `numberField.${key}`, values: {} })).not.toContain('numberField');
    }
  });

  it.each([
    ['pt-BR', ptBR, ['No mínimo 1', 'Informe um ano de 1900 a 2027']],
    ['es', es, ['Como mínimo 1', 'Indique un año de 1900 a 2027']],
    ['en', en, ['At least 1', 'Enter a year from 1900 to 2027']],
  ] as const)('says the least value and a range of years in %s, years not grouped', async (lng, translation, expected) => {
    const words = await wordsIn(lng, translation);
    const year = numberFieldMessage(1850, assetYearRule(new Date('2026-06-15T12:00:00Z')));
    const days = numberFieldMessage(0, ESTIMATE_VALIDITY_DAYS);
    expect([days, year].map((message) => (message ? words(message) : null))).toEqual(expected);
  });
});

describe('withNumberRules', () => {
  const schema = () => ({ leadTimeDays: 'Too small: expected number to be >=0', name: 'Campo obrigatório' });

  it('puts the rule’s words over the schema’s on the same field and keeps the others', () => {
    const validate = withNumberRules(
      schema,
      () => ({ leadTimeDays: { key: 'numberField.negative', values: {} } }),
      (message) => `<${message.key}>`,
    );
    expect(validate({})).toEqual({ leadTimeDays: '<numberField.negative>', name: 'Campo obrigatório' });
  });

  it('adds nothing when the numbers are fine', () => {
    expect(
      withNumberRules(
        () => ({}),
        () => ({}),
        String,
      )({}),
    ).toEqual({});
  });
});
