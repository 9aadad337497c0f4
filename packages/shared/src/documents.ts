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
