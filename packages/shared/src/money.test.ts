import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromCents, MoneySchema, percentOf, toCents } from './money.js';

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
