import { moneyFormat } from '@bancada/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShopTimeZone } from './auth';

export interface Formatters {
  /** business dates and times on the shop's wall clock (its time zone setting) */
  dateTime: (iso: string | null | undefined) => string;
  date: (iso: string | null | undefined) => string;
  /** 13/12/2026: the short numeric form for lists */
  shortDate: (iso: string | null | undefined) => string;
  /** "14:05" on the shop's clock */
  time: (iso: string | null | undefined) => string;
  /** whether the instant falls on today's date on the shop's clock */
  isToday: (iso: string | null | undefined) => boolean;
  relative: (iso: string | null | undefined) => string;
  number: (value: number) => string;
  /** a list's count; a capped count (a long list counted up to its cap) reads "10.000+" */
  count: (total: number, capped?: boolean) => string;
  money: (value: number, currency: string) => string;
  /** "R$", "US$", "$": the sign money inputs show before the amount */
  currencySymbol: (currency: string) => string;
  /** the grouping and decimal marks of the language, for number inputs */
  separators: { thousand: string; decimal: string };
  regionName: (code: string) => string;
  currencyName: (code: string) => string;
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

function toDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Dates, numbers and names formatted with Intl for the current UI language, dates in the shop's time
 * zone: the signed-in organization's, or `shopTimeZone` where no one is signed in (a customer's link).
 */
export function useFormat(shopTimeZone?: string): Formatters {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  const signedInZone = useShopTimeZone();
  const timeZone = shopTimeZone ?? signedInZone;
  return useMemo(() => {
    const zone = timeZone ? { timeZone } : {};
    const dateTimeFormat = new Intl.DateTimeFormat(locale, {
      dateStyle: 'short',
      timeStyle: 'short',
      ...zone,
    });
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...zone });
    const shortDateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'short', ...zone });
    const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'short', ...zone });
    const dayKey = new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', ...zone });
    const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const numberFormat = new Intl.NumberFormat(locale);
    const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    const currencies = new Intl.DisplayNames([locale], { type: 'currency', fallback: 'code' });
    const parts = numberFormat.formatToParts(12345.6);
    const separators = {
      thousand: parts.find((part) => part.type === 'group')?.value ?? ',',
      decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
    };
    return {
      separators,
      dateTime: (iso) => {
        const d = toDate(iso);
        return d ? dateTimeFormat.format(d) : '—';
      },
      date: (iso) => {
        const d = toDate(iso);
        return d ? dateFormat.format(d) : '—';
      },
      shortDate: (iso) => {
        const d = toDate(iso);
        return d ? shortDateFormat.format(d) : '—';
      },
      time: (iso) => {
        const d = toDate(iso);
        return d ? timeFormat.format(d) : '—';
      },
      isToday: (iso) => {
        const d = toDate(iso);
        return d !== null && dayKey.format(d) === dayKey.format(new Date());
      },
      relative: (iso) => {
        const d = toDate(iso);
        if (!d) return '—';
        let value = (d.getTime() - Date.now()) / 1000;
        for (const [unit, size] of RELATIVE_STEPS) {
          if (Math.abs(value) < size) return relativeFormat.format(Math.round(value), unit);
          value /= size;
        }
        return dateFormat.format(d);
      },
      number: (value) => numberFormat.format(value),
      count: (total, capped) => `${numberFormat.format(total)}${capped ? '+' : ''}`,
      // the one money format, shared with the server's documents (issue 10)
      money: (value, currency) => moneyFormat(locale, currency).format(value),
      currencySymbol: (currency) =>
        moneyFormat(locale, currency)
          .formatToParts(0)
          .find((part) => part.type === 'currency')?.value ?? currency,
      regionName: (code) => regions.of(code) ?? code,
      currencyName: (code) => currencies.of(code) ?? code,
    };
  }, [locale, timeZone]);
}
