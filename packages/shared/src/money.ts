import { z } from 'zod';

/** Money travels as a decimal number with at most 2 decimals and lives as integer cents. */
export function toCents(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError('money must be finite');
  if (!hasAtMostTwoDecimals(value)) throw new RangeError('money has more than 2 decimals');
  return Math.round(value * 100);
}

export function fromCents(cents: number): number {
  if (!Number.isSafeInteger(cents)) throw new RangeError('cents must be a safe integer');
  return cents / 100;
}

/** Percentage of an amount in cents, rounded half-up to the cent. */
export function percentOf(cents: number, percent: number): number {
  const exact = (cents * percent) / 100;
  return Math.sign(exact) * Math.floor(Math.abs(exact) + 0.5 + 1e-9);
}

export function hasAtMostTwoDecimals(value: number): boolean {
  // the nearest double to a 2-decimal amount prints back as itself
  return Number.isFinite(value) && Number(value.toFixed(2)) === value;
}

/** A non-negative amount of money as the API speaks it. */
export const MoneySchema = z
  .number()
  .refine(Number.isFinite, { message: 'validation.money_finite' })
  .refine((v) => v >= 0, { message: 'validation.money_negative' })
  .refine(hasAtMostTwoDecimals, { message: 'validation.money_decimals' })
  .refine((v) => v <= 99_999_999_999.99, { message: 'validation.money_too_large' });
export type Money = z.infer<typeof MoneySchema>;

export function formatMoney(cents: number, locale: string, currency = 'BRL'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}
