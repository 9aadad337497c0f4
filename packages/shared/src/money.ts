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

/**
 * The one way money is written, in the web and in documents (issue 10). Plain Intl gave Spanish
 * "1038,00 BRL": 'es' knows no sign for the real and groups only from 5 digits. So where the locale
 * would print the ISO code, the currency's own sign is used ("R$", "$"), and thousands are always
 * grouped: pt-BR "R$ 1.038,00", es "1.038,00 R$" (Spanish puts the sign after), en "R$1,038.00".
 * The US dollar keeps "US$" wherever the locale writes it so.
 */
export function moneyFormat(locale: string, currency = 'BRL'): Intl.NumberFormat {
  const symbol = new Intl.NumberFormat(locale, { style: 'currency', currency })
    .formatToParts(0)
    .find((part) => part.type === 'currency')?.value;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    currencyDisplay: symbol === currency ? 'narrowSymbol' : 'symbol',
    useGrouping: 'always',
  });
}

/** An amount in cents as the shop reads it (see moneyFormat). */
export function formatMoney(cents: number, locale: string, currency = 'BRL'): string {
  return moneyFormat(locale, currency).format(cents / 100);
}
