import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface Formatters {
  dateTime: (iso: string | null | undefined) => string;
  date: (iso: string | null | undefined) => string;
  relative: (iso: string | null | undefined) => string;
  number: (value: number) => string;
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

/** Dates, numbers and names formatted with Intl for the current UI language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
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
      money: (value, currency) =>
        new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value),
      currencySymbol: (currency) =>
        new Intl.NumberFormat(locale, { style: 'currency', currency })
          .formatToParts(0)
          .find((part) => part.type === 'currency')?.value ?? currency,
      regionName: (code) => regions.of(code) ?? code,
      currencyName: (code) => currencies.of(code) ?? code,
    };
  }, [locale]);
}
