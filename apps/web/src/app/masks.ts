import { type DocumentType, normalizeCnpj, normalizePlate, normalizeRut } from '@bancada/shared';

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

/** Brazilian CPF: 000.000.000-00. */
export function maskCpf(input: string): string {
  const d = input.replace(/\D+/g, '').slice(0, 11);
  if (d.length <= 3) return d;
  if (d.length <= 6) return `${d.slice(0, 3)}.${d.slice(3)}`;
  if (d.length <= 9) return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`;
  return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;
}

/** Thousands dots on the body and a hyphen before the check character: 12.345.678-K, 800.197.268-4. */
function maskWithCheck(body: string): string {
  if (body.length < 2) return body;
  const dotted = body.slice(0, -1).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${dotted}-${body.slice(-1)}`;
}

/** Formats a tax id of the given type while it is typed (see reference/latam-formats.md). */
export function maskDocument(type: DocumentType, input: string): string {
  switch (type) {
    case 'CPF':
      return maskCpf(input);
    case 'CNPJ':
      return maskCnpj(input);
    case 'RUT': {
      const raw = normalizeRut(input);
      // K is only ever the check character
      const body = raw.slice(0, -1).replace(/K/g, '') + raw.slice(-1);
      return maskWithCheck(body.slice(0, 9));
    }
    case 'NIT':
      return maskWithCheck(input.replace(/\D+/g, '').slice(0, 15));
    case 'RUC':
      return input.replace(/\D+/g, '').slice(0, 11);
    case 'DNI':
      return input.replace(/\D+/g, '').slice(0, 8);
    case 'OTHER':
      return input
        .toUpperCase()
        .replace(/[^0-9A-Z./ -]/g, '')
        .slice(0, 30);
  }
}

/** Placeholder showing the shape of each document type. */
export const DOCUMENT_PLACEHOLDERS: Record<DocumentType, string> = {
  CPF: '000.000.000-00',
  CNPJ: 'AA.AAA.AAA/AAAA-00',
  RUT: '12.345.678-K',
  RUC: '20131312955',
  DNI: '12345678',
  NIT: '800.197.268-4',
  OTHER: '',
};

/**
 * Brazilian phone while it is typed: (00) 00000-0000 for mobiles, (00) 0000-0000 for landlines.
 * A number that starts with "+" (another country) or 0 (carrier code) is left as typed.
 */
export function maskPhone(input: string): string {
  const trimmed = input.trimStart();
  if (trimmed.startsWith('+')) return `+${trimmed.slice(1).replace(/[^\d ]+/g, '')}`.slice(0, 20);
  const d = trimmed.replace(/\D+/g, '');
  if (d.startsWith('0')) return d.slice(0, 14);
  const n = d.slice(0, 11);
  if (n.length === 0) return '';
  if (n.length <= 2) return `(${n}`;
  const area = `(${n.slice(0, 2)}) `;
  const rest = n.slice(2);
  if (rest.length <= 4) return area + rest;
  if (rest.length <= 8) return `${area}${rest.slice(0, 4)}-${rest.slice(4)}`;
  return `${area}${rest.slice(0, 5)}-${rest.slice(5)}`;
}

/**
 * Brazilian plate while it is typed: the old layout gets its hyphen (ABC-1234), Mercosul has none
 * (ABC1C34). Plates of other countries are only upper-cased.
 */
export function maskPlate(input: string, country = 'BR'): string {
  const plate = normalizePlate(input);
  if (country !== 'BR') return plate.slice(0, 10);
  const p = plate.slice(0, 7);
  const oldShape = /^[A-Z]{3}\d{2}/.test(p);
  return oldShape ? `${p.slice(0, 3)}-${p.slice(3)}` : p;
}
