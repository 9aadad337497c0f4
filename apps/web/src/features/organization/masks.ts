import { normalizeCnpj } from '@bancada/shared';

/**
 * Formats a CNPJ while it is typed: 00.000.000/0000-00, letters allowed in the first 12 positions
 * (the 2026 alphanumeric CNPJ), digits only in the two check positions.
 */
export function maskCnpj(input: string): string {
  const raw = normalizeCnpj(input);
  let body = '';
  for (const char of raw) {
    if (body.length >= 14) break;
    if (body.length >= 12 && !/\d/.test(char)) continue;
    body += char;
  }
  const parts = [body.slice(0, 2), body.slice(2, 5), body.slice(5, 8), body.slice(8, 12), body.slice(12, 14)];
  let out = parts[0] ?? '';
  if (body.length > 2) out += `.${parts[1]}`;
  if (body.length > 5) out += `.${parts[2]}`;
  if (body.length > 8) out += `/${parts[3]}`;
  if (body.length > 12) out += `-${parts[4]}`;
  return out;
}

/** Brazilian CEP: 00000-000. */
export function maskCep(input: string): string {
  const digits = input.replace(/\D+/g, '').slice(0, 8);
  return digits.length > 5 ? `${digits.slice(0, 5)}-${digits.slice(5)}` : digits;
}
