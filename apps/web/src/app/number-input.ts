import { useFormat } from './format';

/**
 * What every amount box shares: the language's marks, no spinner. A box never rewrites what was
 * typed (issue 10): no `allowNegative={false}` (it dropped the minus, −50 became 50), no `min` (it
 * clamped −30 to 0 on blur), no `decimalScale` (it cut 1,239 to 1,23). The form's shared zod schema
 * refuses a negative or a third decimal with a message on the field instead.
 */
export function useNumberInputProps() {
  const format = useFormat();
  return {
    clampBehavior: 'none' as const,
    thousandSeparator: format.separators.thousand,
    decimalSeparator: format.separators.decimal,
    hideControls: true,
    inputMode: 'decimal' as const,
  };
}

/** A money box: the amount box with the currency sign (at most 2 decimals, never negative: the schema). */
export function useMoneyInputProps(currency: string) {
  const format = useFormat();
  return { ...useNumberInputProps(), prefix: `${format.currencySymbol(currency)} ` };
}
