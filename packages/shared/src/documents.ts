/** Brazilian identity documents (reference/latam-formats.md). Pure functions, no I/O. */

export function onlyDigits(value: string): string {
  return value.replace(/\D+/g, '');
}

function mod11CheckDigit(values: number[], weights: number[]): number {
  const sum = values.reduce((acc, v, i) => acc + v * (weights[i] ?? 0), 0);
  const r = sum % 11;
  return r < 2 ? 0 : 11 - r;
}

export function normalizeCpf(value: string): string {
  return onlyDigits(value);
}

export function isValidCpf(value: string): boolean {
  const cpf = normalizeCpf(value);
  if (!/^\d{11}$/.test(cpf) || /^(\d)\1{10}$/.test(cpf)) return false;
  const digits = [...cpf].map(Number);
  const dv1 = mod11CheckDigit(digits.slice(0, 9), [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const dv2 = mod11CheckDigit([...digits.slice(0, 9), dv1], [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return digits[9] === dv1 && digits[10] === dv2;
}

export function formatCpf(value: string): string {
  const cpf = normalizeCpf(value);
  return cpf.length === 11
    ? `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`
    : value;
}

/** CNPJ, numeric or alphanumeric (IN RFB 2.229/2024): stored uppercase without mask. */
export function normalizeCnpj(value: string): string {
  return value.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

const CNPJ_W1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_W2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

export function cnpjCheckDigits(body12: string): string {
  const values = [...body12].map((c) => c.charCodeAt(0) - 48);
  const dv1 = mod11CheckDigit(values, CNPJ_W1);
  const dv2 = mod11CheckDigit([...values, dv1], CNPJ_W2);
  return `${dv1}${dv2}`;
}

export function isValidCnpj(value: string): boolean {
  const cnpj = normalizeCnpj(value);
  if (!/^[0-9A-Z]{12}[0-9]{2}$/.test(cnpj) || /^0{14}$/.test(cnpj)) return false;
  return cnpjCheckDigits(cnpj.slice(0, 12)) === cnpj.slice(12);
}

export function formatCnpj(value: string): string {
  const c = normalizeCnpj(value);
  return c.length === 14
    ? `${c.slice(0, 2)}.${c.slice(2, 5)}.${c.slice(5, 8)}/${c.slice(8, 12)}-${c.slice(12)}`
    : value;
}

/** The 8-character root identifies a company across its branches. */
export function cnpjRoot(value: string): string {
  return normalizeCnpj(value).slice(0, 8);
}

/** Chile RUT/RUN: 7-8 digit body + check character (0-9 or K), shown 12.345.678-K. */
export function normalizeRut(value: string): string {
  return value.toUpperCase().replace(/[^0-9K]/g, '');
}

export function rutCheckCharacter(body: string): string {
  let sum = 0;
  let weight = 2;
  for (let i = body.length - 1; i >= 0; i--) {
    sum += Number(body[i]) * weight;
    weight = weight === 7 ? 2 : weight + 1;
  }
  const v = 11 - (sum % 11);
  return v === 11 ? '0' : v === 10 ? 'K' : String(v);
}

export function isValidRut(value: string): boolean {
  const rut = normalizeRut(value);
  if (!/^\d{7,8}[0-9K]$/.test(rut)) return false;
  return rutCheckCharacter(rut.slice(0, -1)) === rut.slice(-1);
}

export function formatRut(value: string): string {
  const rut = normalizeRut(value);
  if (rut.length < 8) return value;
  const body = rut.slice(0, -1).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${body}-${rut.slice(-1)}`;
}

/** Peru RUC: 11 digits, prefixes 10 (person), 15, 17 or 20 (company); mod-11 check digit. */
export function isValidRuc(value: string): boolean {
  const ruc = onlyDigits(value);
  if (!/^(10|15|17|20)\d{9}$/.test(ruc)) return false;
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(ruc[i]), 0);
  const v = 11 - (sum % 11);
  const dv = v === 10 ? 0 : v === 11 ? 1 : v;
  return dv === Number(ruc[10]);
}

/** Peru DNI: 8 digits (no check digit on the number itself). */
export function isValidDni(value: string): boolean {
  return /^\d{8}$/.test(onlyDigits(value)) && onlyDigits(value) === value.replace(/[\s.-]/g, '');
}

/** Colombia NIT: body + check digit, weights 3 7 13 17 ... from the right. */
const NIT_WEIGHTS = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
export function nitCheckDigit(body: string): number {
  const digits = [...body].reverse();
  const sum = digits.reduce((acc, d, i) => acc + Number(d) * (NIT_WEIGHTS[i] ?? 0), 0);
  const r = sum % 11;
  return r < 2 ? r : 11 - r;
}

export function isValidNit(value: string): boolean {
  const nit = onlyDigits(value);
  if (!/^\d{6,15}$/.test(nit)) return false;
  return nitCheckDigit(nit.slice(0, -1)) === Number(nit.slice(-1));
}

export function formatNit(value: string): string {
  const nit = onlyDigits(value);
  if (nit.length < 6) return value;
  return `${nit.slice(0, -1).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}-${nit.slice(-1)}`;
}

export const DOCUMENT_TYPES = ['CPF', 'CNPJ', 'RUT', 'RUC', 'DNI', 'NIT', 'OTHER'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Guesses the type of a Brazilian number from its shape (11 digits → CPF, 14 characters → CNPJ). */
export function detectBrazilianDocument(value: string): 'CPF' | 'CNPJ' | null {
  const clean = normalizeCnpj(value);
  if (/^\d{11}$/.test(clean)) return 'CPF';
  if (clean.length === 14) return 'CNPJ';
  return null;
}

/** Validates and normalizes a tax id of the given type; `null` when it is invalid. */
export function normalizeDocument(type: DocumentType, value: string): string | null {
  switch (type) {
    case 'CPF':
      return isValidCpf(value) ? normalizeCpf(value) : null;
    case 'CNPJ':
      return isValidCnpj(value) ? normalizeCnpj(value) : null;
    case 'RUT':
      return isValidRut(value) ? normalizeRut(value) : null;
    case 'RUC':
      return isValidRuc(value) ? onlyDigits(value) : null;
    case 'DNI':
      return isValidDni(value) ? onlyDigits(value) : null;
    case 'NIT':
      return isValidNit(value) ? onlyDigits(value) : null;
    case 'OTHER': {
      const clean = value.trim().toUpperCase().replace(/\s+/g, '');
      return clean.length >= 3 && clean.length <= 30 ? clean : null;
    }
  }
}

export function formatDocument(type: DocumentType, value: string): string {
  switch (type) {
    case 'CPF':
      return formatCpf(value);
    case 'CNPJ':
      return formatCnpj(value);
    case 'RUT':
      return formatRut(value);
    case 'NIT':
      return formatNit(value);
    default:
      return value;
  }
}
