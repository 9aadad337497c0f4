import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, fromCents, MoneySchema, percentOf, toCents } from './money.js';

describe('money', () => {
  it.each([
    [150, 15000],
    [85.5, 8550],
    [0.1, 10],
    [175.5, 17550],
    [0, 0],
  ])('toCents(%s) is %s', (value, cents) => {
    expect(toCents(value)).toBe(cents);
  });

  it('rejects more than 2 decimals and non-finite values', () => {
    expect(() => toCents(1.005)).toThrow(RangeError);
    expect(() => toCents(Number.NaN)).toThrow(RangeError);
    expect(() => toCents(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('round-trips every amount in cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999_99 }), (cents) => {
        expect(toCents(fromCents(cents))).toBe(cents);
      }),
    );
  });

  it('rounds percentages half-up to the cent', () => {
    expect(percentOf(1005, 10)).toBe(101); // 100.5 → 101
    expect(percentOf(1004, 10)).toBe(100);
    expect(percentOf(333, 50)).toBe(167); // 166.5 → 167
  });

  it.each([
    [-1, false],
    [1.234, false],
    [Number.NaN, false],
    [12.34, true],
    [0, true],
  ])('MoneySchema accepts %s: %s', (value, ok) => {
    expect(MoneySchema.safeParse(value).success).toBe(ok);
  });
});

describe('formatMoney (issue 10: one money format in every language)', () => {
  it.each([
    ['pt-BR', 'BRL', 103_800, 'R$ 1.038,00'],
    ['es', 'BRL', 103_800, '1.038,00 R$'],
    ['es', 'BRL', 0, '0,00 R$'],
    ['en', 'BRL', 103_800, 'R$1,038.00'],
    ['es', 'CLP', 103_800, '1.038 $'],
    ['es', 'USD', 5_000, '50,00 US$'],
    ['pt-BR', 'USD', 5_000, 'US$ 50,00'],
  ])('writes %s %s %i cents as %s', (locale, currency, cents, expected) => {
    // Intl separates the sign with a no-break space
    expect(formatMoney(cents, locale, currency).replace(/\s/g, ' ')).toBe(expected);
  });

  // the sol has no sign in these languages' data (Intl writes "PEN" even when asked for the narrow one)
  it('never writes the ISO code where the currency has a sign', () => {
    for (const locale of ['pt-BR', 'es', 'en'])
      for (const currency of ['BRL', 'CLP', 'COP', 'ARS', 'MXN', 'UYU'])
        expect(formatMoney(100, locale, currency)).not.toContain(currency);
  });
});
