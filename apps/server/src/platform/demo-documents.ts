import { cnpjCheckDigits } from '@bancada/shared';

/** A valid CPF from 9 base digits (check digits computed, reference/latam-formats.md). */
export function makeCpf(base9: string): string {
  const digits = [...base9].map(Number);
  const dv = (values: number[], start: number) => {
    const r = values.reduce((acc, v, i) => acc + v * (start - i), 0) % 11;
    return r < 2 ? 0 : 11 - r;
  };
  const dv1 = dv(digits, 10);
  const dv2 = dv([...digits, dv1], 11);
  return `${base9}${dv1}${dv2}`;
}

/** A valid CNPJ (numeric or alphanumeric) from its 12-character body. */
export function makeCnpj(body12: string): string {
  return `${body12}${cnpjCheckDigits(body12)}`;
}
