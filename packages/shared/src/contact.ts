import { onlyDigits } from './documents.js';

/**
 * A phone number in E.164. Brazilian numbers may be typed in any national format
 * ("(11) 98765-4321", "011 98765 4321", "+55 11 98765-4321"); other countries need their "+" prefix.
 */
export function normalizePhone(
  value: string,
  defaultCountry: 'BR' | 'CL' | 'PE' | 'CO' = 'BR',
): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  let digits = onlyDigits(trimmed);
  if (trimmed.startsWith('+') || trimmed.startsWith('00')) {
    if (trimmed.startsWith('00')) digits = digits.slice(2);
    if (digits.startsWith('55')) return brazilian(digits.slice(2));
    return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
  }
  if (defaultCountry === 'BR') {
    if (digits.startsWith('0')) digits = digits.replace(/^0+/, '');
    // a long-distance carrier code (0XX 21 …) before the area code
    if (digits.length === 13 || digits.length === 12) {
      const withoutCarrier = digits.slice(2);
      if (brazilian(withoutCarrier)) return brazilian(withoutCarrier);
    }
    return brazilian(digits);
  }
  const prefix = { CL: '56', PE: '51', CO: '57' }[defaultCountry];
  return digits.length >= 8 && digits.length <= 12 ? `+${prefix}${digits}` : null;
}

function brazilian(national: string): string | null {
  // 2-digit area code (11-99, no zero) + 8-digit landline or 9-digit mobile starting with 9
  if (!/^[1-9][1-9]\d{8,9}$/.test(national)) return null;
  if (national.length === 11 && national[2] !== '9') return null;
  return `+55${national}`;
}

export function isBrazilianMobile(e164: string): boolean {
  return /^\+55[1-9][1-9]9\d{8}$/.test(e164);
}

/** National display: +5511987654321 → (11) 98765-4321. */
export function formatPhone(e164: string): string {
  const m = /^\+55(\d{2})(\d{4,5})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}

/** WhatsApp ids of old accounts may lack the mobile 9: both forms to try when matching. */
export function whatsappCandidates(e164: string): string[] {
  const digits = onlyDigits(e164);
  const m = /^55(\d{2})9(\d{8})$/.exec(digits);
  return m ? [digits, `55${m[1]}${m[2]}`] : [digits];
}

export function normalizeCep(value: string): string | null {
  const cep = onlyDigits(value);
  return /^\d{8}$/.test(cep) ? cep : null;
}

export function formatCep(value: string): string {
  const cep = onlyDigits(value);
  return cep.length === 8 ? `${cep.slice(0, 5)}-${cep.slice(5)}` : value;
}
