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
  /** keyed hashes of the phone's lookup keys (`phoneQueryKeys`), matched against `phoneLookupKeys` */
  phoneHashes: string[];
  /** keyed hash of the e-mail, lower case (`normalizeEmail`) */
  emailHash: string | null;
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

  const folded = fold(text);
  const words = folded
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]+/gu, ''))
    .filter((w) => w.length >= 3);
  const plate = compact.length >= 5 && compact.length <= 8 && /[A-Z]/.test(compact) && /\d/.test(compact);
  return {
    text,
    folded,
    words: [...new Set(words)],
    hasLetters: /\p{L}/u.test(folded),
    documentHashes: [...hashes],
    rootHash,
    phoneHashes: phoneQueryKeys(text).map((key) => cipher.lookupHash(key)),
    emailHash: text.includes('@') ? cipher.lookupHash(normalizeEmail(text)) : null,
    plate: plate ? (isBrazilianPlate(compact) ? canonicalPlate(compact) : compact) : null,
    vin: isValidVin(text) ? normalizeVin(text) : null,
    serial: text.toUpperCase(),
  };
}

/** An e-mail as its lookup hash is taken: trimmed, lower case. */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** The local number: the last 8 digits, the same with or without area code and mobile 9 */
const localKey = (digits: string) => `tel:${digits.slice(-8)}`;

/**
 * What a stored phone (E.164) can be found by, each to be hashed: the number itself; for a Brazilian
 * mobile also its form without the mobile 9 (old WhatsApp accounts, issue 14) or, for a 10-digit
 * number that can be a mobile typed the old way, its form with the 9; and the local number, so a
 * number typed without its area code is found too.
 */
export function phoneLookupKeys(e164: string): string[] {
  const keys = new Set([e164]);
  const br = /^\+55([1-9][1-9])(\d{8,9})$/.exec(e164);
  if (br) {
    const [, area, subscriber] = br as unknown as [string, string, string];
    if (subscriber.length === 9) keys.add(`+55${area}${subscriber.slice(1)}`);
    else if (/^[6-9]/.test(subscriber)) keys.add(`+55${area}9${subscriber}`);
  }
  keys.add(localKey(onlyDigits(e164)));
  return [...keys];
}

/**
 * The lookup keys a typed phone is searched by: a full number (any national or international format,
 * or a WhatsApp id such as 5511987654321) by its E.164 form, which `phoneLookupKeys` stored in every
 * spelling; 8 or 9 digits without an area code by the local number. Nothing for other text.
 */
export function phoneQueryKeys(text: string): string[] {
  const digits = onlyDigits(text);
  if (!/^[\d\s().+-]+$/.test(text.trim()) || digits.length < 8) return [];
  // a WhatsApp id (5511987654321) reads as a carrier code before the number: the same number
  const e164 = normalizePhone(text);
  if (e164) return [e164];
  return digits.length <= 9 ? [localKey(digits)] : [];
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
