import {
  canonicalPlate,
  cnpjRoot,
  DOCUMENT_TYPES,
  isBrazilianPlate,
  isValidCnpj,
  isValidVin,
  normalizeDocument,
  normalizePhone,
  normalizeVin,
  onlyDigits,
} from '@bancada/shared';
import type { Cipher } from './crypto.js';

/**
 * One search box, many readings of what was typed. Each field is null when the text cannot be
 * that kind of value; repositories turn each reading into an indexed condition.
 */
export type SearchTerms = {
  /** the text as typed; SQL lowers it and removes accents with f_unaccent */
  text: string;
  /** lower case without accents, like search_text */
  folded: string;
  /** folded words of 3+ characters (what a trigram index can look up), punctuation removed */
  words: string[];
  hasLetters: boolean;
  /** keyed hashes of every valid document the text could be (CPF, CNPJ, RUT, ...) */
  documentHashes: string[];
  /** keyed hash of a CNPJ root (8 characters, or the root of a full CNPJ) */
  rootHash: string | null;
  /** national digits of a phone (8+), matched inside the stored E.164 digits */
  phoneDigits: string | null;
  email: string | null;
  /** Mercosul form of a Brazilian plate, or the normalized text for other layouts */
  plate: string | null;
  vin: string | null;
  /** upper case, for an exact serial-number match */
  serial: string;
};

export function buildSearchTerms(q: string, cipher: Pick<Cipher, 'lookupHash'>): SearchTerms {
  const text = q.trim();
  const compact = text.toUpperCase().replace(/[^0-9A-Z]/g, '');
  const hashes = new Set<string>();
  for (const type of DOCUMENT_TYPES) {
    if (type === 'OTHER') continue;
    const normalized = normalizeDocument(type, text);
    if (normalized) hashes.add(cipher.lookupHash(normalized));
  }
  const other = normalizeDocument('OTHER', text);
  if (other && /\d/.test(other)) hashes.add(cipher.lookupHash(other));
  let rootHash: string | null = null;
  if (isValidCnpj(text)) rootHash = cipher.lookupHash(cnpjRoot(text));
  else if (compact.length === 8 && /^[0-9A-Z.\-/\s]+$/i.test(text) && /\d/.test(compact))
    rootHash = cipher.lookupHash(compact);

  const digits = onlyDigits(text);
  const looksLikePhone = /^[\d\s().+-]+$/.test(text) && digits.length >= 8;
  let phoneDigits: string | null = null;
  if (looksLikePhone) {
    const e164 = normalizePhone(text);
    phoneDigits = e164?.startsWith('+55') ? e164.slice(3) : digits.replace(/^0+/, '');
  }
  const folded = fold(text);
  const words = folded
    .split(/\s+/)
    .map((w) => (w.includes('@') ? w : w.replace(/[^\p{L}\p{N}]+/gu, '')))
    .filter((w) => w.length >= 3);
  const plate = compact.length >= 5 && compact.length <= 8 && /[A-Z]/.test(compact) && /\d/.test(compact);
  return {
    text,
    folded,
    words: [...new Set(words)],
    hasLetters: /\p{L}/u.test(folded),
    documentHashes: [...hashes],
    rootHash,
    phoneDigits,
    email: text.includes('@') ? text.toLowerCase() : null,
    plate: plate ? (isBrazilianPlate(compact) ? canonicalPlate(compact) : compact) : null,
    vin: isValidVin(text) ? normalizeVin(text) : null,
    serial: text.toUpperCase(),
  };
}

/** What unaccent + lower do to Latin text (search_text is built the same way in SQL). */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** Escapes LIKE wildcards so typed text matches literally. */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Typo-tolerant matching is the fallback when nothing matched exactly or as a substring. */
export function wantsFuzzy(terms: SearchTerms, found: number): boolean {
  return found === 0 && terms.hasLetters && terms.folded.length >= 4;
}
