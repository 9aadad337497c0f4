/**
 * Pix BR Code "copia e cola" (reference/latam-formats.md "Pix"; BCB Manual de Padrões para Iniciação
 * do Pix on EMVCo QR MPM). Pure functions, no I/O: build static and dynamic payloads, parse them back.
 */
import { normalizePhone } from './contact.js';
import { isValidCnpj, isValidCpf, normalizeCnpj, normalizeCpf } from './documents.js';

const UTF8 = new TextEncoder();

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection) of the UTF-8 bytes, as 4 uppercase hex digits. */
export function crc16CcittFalse(text: string): string {
  let crc = 0xffff;
  for (const byte of UTF8.encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

export const PIX_KEY_TYPES = ['CPF', 'CNPJ', 'PHONE', 'EMAIL', 'RANDOM'] as const;
export type PixKeyType = (typeof PIX_KEY_TYPES)[number];

export const PIX_KEY_ERRORS = [
  'invalid_cpf',
  'invalid_cnpj',
  'invalid_phone',
  'invalid_email',
  'invalid_random',
] as const;
export type PixKeyError = (typeof PIX_KEY_ERRORS)[number];

export type PixKeyResult = { ok: true; key: string } | { ok: false; reason: PixKeyError };

/** The DICT's limit for an e-mail key. */
export const PIX_EMAIL_MAX = 77;

// the DICT API's e-mail pattern (lowercase only), plus at least one dot in the domain
const EMAIL_RE =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** 32 hex digits from a UUID written with or without dashes, in any case; `null` otherwise. */
function uuidHex(value: string): string | null {
  const lower = value.trim().toLowerCase();
  const hex = UUID_RE.test(lower) ? lower.replace(/-/g, '') : lower;
  return /^[0-9a-f]{32}$/.test(hex) ? hex : null;
}

function dashUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A Pix key in the form the DICT stores it: CPF 11 digits, CNPJ 14 characters (alphanumeric CNPJ
 * included), phone `+55` + area code + number, e-mail lowercase (≤ 77), random key (EVP) as a
 * lowercase dashed UUID. Masks are accepted on input; any other character is refused.
 */
export function normalizePixKey(type: PixKeyType, raw: string): PixKeyResult {
  const value = raw.trim();
  switch (type) {
    case 'CPF':
      return /^[\d.\s-]+$/.test(value) && isValidCpf(value)
        ? { ok: true, key: normalizeCpf(value) }
        : { ok: false, reason: 'invalid_cpf' };
    case 'CNPJ':
      return /^[\dA-Za-z.\s/-]+$/.test(value) && isValidCnpj(value)
        ? { ok: true, key: normalizeCnpj(value) }
        : { ok: false, reason: 'invalid_cnpj' };
    case 'PHONE': {
      // 10 digits (landline) or 11 (mobile) after +55; numbers of other countries are not Pix keys
      const e164 = /^[\d\s()+.-]+$/.test(value) ? normalizePhone(value, 'BR') : null;
      return e164?.startsWith('+55') ? { ok: true, key: e164 } : { ok: false, reason: 'invalid_phone' };
    }
    case 'EMAIL': {
      const email = value.toLowerCase();
      const sane = EMAIL_RE.test(email) && !/^\.|\.\.|\.@/.test(email);
      return sane && email.length <= PIX_EMAIL_MAX
        ? { ok: true, key: email }
        : { ok: false, reason: 'invalid_email' };
    }
    case 'RANDOM': {
      const hex = uuidHex(value);
      return hex ? { ok: true, key: dashUuid(hex) } : { ok: false, reason: 'invalid_random' };
    }
  }
}

/**
 * Best-effort guess of a key's type. A bare 11-digit string that is a valid CPF is taken as a CPF
 * (in a payload a phone always starts with +55); "(11) 98765-4321" is a phone.
 */
export function detectPixKeyType(raw: string): PixKeyType | null {
  const value = raw.trim();
  if (!value) return null;
  if (value.includes('@')) return normalizePixKey('EMAIL', value).ok ? 'EMAIL' : null;
  if (normalizePixKey('RANDOM', value).ok) return 'RANDOM';
  if (value.startsWith('+')) return normalizePixKey('PHONE', value).ok ? 'PHONE' : null;
  if (normalizePixKey('CPF', value).ok) return 'CPF';
  if (normalizePixKey('CNPJ', value).ok) return 'CNPJ';
  if (normalizePixKey('PHONE', value).ok) return 'PHONE';
  return null;
}

// letters NFD does not decompose, and typography people paste from word processors
const ASCII_LOOKALIKES: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '‐': '-',
  '‑': '-',
  '–': '-',
  '—': '-',
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ª: 'a',
  º: 'o',
};

/**
 * Text for an EMV field: accents stripped (NFD without combining marks), other characters outside
 * printable ASCII dropped, spaces collapsed, trimmed and cut to `max` characters.
 */
export function asciiField(text: string, max: number): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[‘’‚“”„‐‑–—ßæÆœŒøØªº]/g, (c) => ASCII_LOOKALIKES[c] ?? '')
    .replace(/\s+/g, ' ')
    .replace(/[^ -~]+/g, '')
    .replace(/ {2,}/g, ' ')
    .trim()
    .slice(0, Math.max(0, max))
    .trimEnd();
}

export const PIX_NAME_MAX = 25;
export const PIX_CITY_MAX = 15;
/** The amount field (54) holds at most 13 characters: "9999999999.99". */
export const PIX_AMOUNT_MAX_CENTS = 999_999_999_999;
const PIX_GUI = 'br.gov.bcb.pix';
const TXID_RE = /^[A-Za-z0-9]{1,25}$/;
const NO_TXID = '***';

export const PIX_PAYLOAD_ERRORS = [
  ...PIX_KEY_ERRORS,
  'invalid_txid',
  'invalid_amount',
  'invalid_name',
  'invalid_city',
  'invalid_location',
  'invalid_seed',
] as const;
export type PixPayloadErrorCode = (typeof PIX_PAYLOAD_ERRORS)[number];

/** Thrown when a payload cannot be built from the given input; `code` is stable, `message` explains. */
export class PixPayloadError extends Error {
  readonly code: PixPayloadErrorCode;

  constructor(code: PixPayloadErrorCode, message: string) {
    super(message);
    this.name = 'PixPayloadError';
    this.code = code;
  }
}

function tlv(id: string, value: string): string {
  if (value.length < 1 || value.length > 99)
    throw new RangeError(`Pix field ${id} must hold 1-99 characters`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

function withCrc(body: string): string {
  const signed = `${body}6304`;
  return signed + crc16CcittFalse(signed);
}

/** Field 54 from integer cents, by string slicing (no float math); '' for no amount or 0. */
function amountField(amountCents: number | undefined): string {
  if (amountCents === undefined || amountCents === 0) return '';
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) {
    throw new PixPayloadError('invalid_amount', 'Pix amount must be a non-negative integer number of cents');
  }
  if (amountCents > PIX_AMOUNT_MAX_CENTS) {
    throw new PixPayloadError(
      'invalid_amount',
      'Pix amount does not fit in 13 characters (max 9999999999.99)',
    );
  }
  const digits = String(amountCents).padStart(3, '0');
  return tlv('54', `${digits.slice(0, -2)}.${digits.slice(-2)}`);
}

function merchantFields(name: string, city: string): string {
  const cleanName = asciiField(name, PIX_NAME_MAX);
  const cleanCity = asciiField(city, PIX_CITY_MAX);
  if (!cleanName) throw new PixPayloadError('invalid_name', 'Pix merchant name is empty once made ASCII');
  if (!cleanCity) throw new PixPayloadError('invalid_city', 'Pix merchant city is empty once made ASCII');
  return tlv('58', 'BR') + tlv('59', cleanName) + tlv('60', cleanCity);
}

export type PixStaticInput = {
  key: string;
  keyType: PixKeyType;
  /** Receiver's name: made ASCII and cut to 25 characters. */
  name: string;
  /** Receiver's city: made ASCII and cut to 15 characters. */
  city: string;
  /** Omitted (payer types the amount) when undefined or 0. */
  amountCents?: number;
  /** 1-25 letters or digits; `***` (no id) when omitted. Use one per invoice (see pixTxid). */
  txid?: string;
  /** Free text shown to the payer (26-02): made ASCII and cut to what fits in the 99-character template. */
  message?: string;
  /** Field 01: true → '11', false → '12' (meant to be paid once); omitted when undefined. */
  reusable?: boolean;
};

/**
 * The static BR Code for a Pix key. Field 01 is optional for static codes in the manual, so it is only
 * written when `reusable` is given; a static '12' is advice to the payer's app, nothing enforces it.
 */
export function buildPixPayload(input: PixStaticInput): string {
  const normalized = normalizePixKey(input.keyType, input.key);
  if (!normalized.ok) {
    throw new PixPayloadError(normalized.reason, `Pix key is not a valid ${input.keyType} key`);
  }
  const txid = input.txid ?? NO_TXID;
  if (txid !== NO_TXID && !TXID_RE.test(txid)) {
    throw new PixPayloadError(
      'invalid_txid',
      `Pix txid must be 1-25 letters or digits (A-Z, a-z, 0-9): "${txid}"`,
    );
  }
  const account = tlv('00', PIX_GUI) + tlv('01', normalized.key);
  // the whole 26 template holds at most 99 characters; 4 of them are the message's id and length
  const room = 99 - account.length - 4;
  const message = input.message === undefined ? '' : asciiField(input.message, room);
  const initiation = input.reusable === undefined ? '' : tlv('01', input.reusable ? '11' : '12');
  return withCrc(
    tlv('00', '01') +
      initiation +
      tlv('26', message ? account + tlv('02', message) : account) +
      tlv('52', '0000') +
      tlv('53', '986') +
      amountField(input.amountCents) +
      merchantFields(input.name, input.city) +
      tlv('62', tlv('05', txid)),
  );
}

export type PixDynamicInput = {
  /** The charge's location URL from the PSP (`loc.location`); `https://` is stripped, other schemes refused. */
  location: string;
  name: string;
  city: string;
  amountCents?: number;
};

/** The BR Code of a dynamic charge (cob) created at a PSP: the payer's app fetches the charge from `location`. */
export function buildDynamicPixPayload(input: PixDynamicInput): string {
  const location = input.location.trim().replace(/^https:\/\//i, '');
  // 99 minus the GUI item (18) and this item's id and length (4)
  if (!/^[!-~]{1,77}$/.test(location) || /^[a-z][a-z\d+.-]*:\/\//i.test(location)) {
    throw new PixPayloadError(
      'invalid_location',
      'Pix location must be an https URL of at most 77 characters without the scheme',
    );
  }
  return withCrc(
    tlv('00', '01') +
      tlv('01', '12') +
      tlv('26', tlv('00', PIX_GUI) + tlv('25', location)) +
      tlv('52', '0000') +
      tlv('53', '986') +
      amountField(input.amountCents) +
      merchantFields(input.name, input.city) +
      tlv('62', tlv('05', NO_TXID)),
  );
}

export const PIX_PARSE_ERRORS = [
  'empty',
  'malformed_tlv',
  'truncated',
  'trailing_data',
  'missing_crc',
  'crc_mismatch',
  'duplicate_field',
  'missing_field',
  'invalid_field',
  'not_pix',
] as const;
export type PixParseError = (typeof PIX_PARSE_ERRORS)[number];

export type PixParsed = {
  ok: true;
  /** Every item by id; items of templates (26-51, 62, 64, 80-99) also as "26.01", "62.05"… */
  fields: Readonly<Record<string, string>>;
  /** `dynamic` when the Pix template carries a location (26-25) instead of a key. */
  kind: 'static' | 'dynamic';
  key?: string;
  keyType?: PixKeyType;
  location?: string;
  message?: string;
  amountCents?: number;
  /** Absent when the code carries `***` (no id). */
  txid?: string;
  name: string;
  city: string;
  /** From field 01: '11' → true, '12' → false; absent when the field is. */
  reusable?: boolean;
};

export type PixParseResult = PixParsed | { ok: false; reason: PixParseError; field?: string };

type TlvItem = { id: string; value: string; end: number };
type TlvRead = { ok: true; items: TlvItem[]; end: number } | { ok: false; reason: PixParseError };

/** Reads TLV items from `text`; stops right after an item with id `stopAt`. */
function readTlv(text: string, stopAt?: string): TlvRead {
  const items: TlvItem[] = [];
  let at = 0;
  while (at < text.length) {
    const head = text.slice(at, at + 4);
    if (!/^\d{4}$/.test(head)) {
      return { ok: false, reason: head.length < 4 && /^\d*$/.test(head) ? 'truncated' : 'malformed_tlv' };
    }
    const length = Number(head.slice(2));
    if (length === 0) return { ok: false, reason: 'malformed_tlv' };
    const end = at + 4 + length;
    if (end > text.length) return { ok: false, reason: 'truncated' };
    const id = head.slice(0, 2);
    items.push({ id, value: text.slice(at + 4, end), end });
    at = end;
    if (id === stopAt) break;
  }
  return { ok: true, items, end: at };
}

function isTemplate(id: string): boolean {
  const n = Number(id);
  return (n >= 26 && n <= 51) || n === 62 || n === 64 || n >= 80;
}

/** Field 54 to cents by integer arithmetic; `null` when it is not "digits[.d[d]]" of ≤ 13 characters. */
function parseAmount(value: string): number | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!m || value.length > 13) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * Checks and reads a BR Code: TLV structure (ids, lengths, nothing after the CRC), the CRC, the Pix
 * template (GUI br.gov.bcb.pix, a key or a location), and the required fields. Surrounding
 * whitespace from copy and paste is ignored. The txid's characters are not checked: the BR Code
 * manual's own example carries "RP12345678-2019".
 */
export function parsePixPayload(text: string): PixParseResult {
  const payload = text.trim();
  if (!payload) return { ok: false, reason: 'empty' };
  const read = readTlv(payload, '63');
  if (!read.ok) return read;
  const crcItem = read.items.at(-1);
  if (crcItem?.id !== '63') return { ok: false, reason: 'missing_crc' };
  if (read.end < payload.length) return { ok: false, reason: 'trailing_data' };
  if (!/^[0-9A-Fa-f]{4}$/.test(crcItem.value)) return { ok: false, reason: 'invalid_field', field: '63' };
  const signed = payload.slice(0, crcItem.end - 4);
  if (crc16CcittFalse(signed) !== crcItem.value.toUpperCase()) return { ok: false, reason: 'crc_mismatch' };

  const fields: Record<string, string> = {};
  for (const item of read.items) {
    if (item.id in fields) return { ok: false, reason: 'duplicate_field', field: item.id };
    fields[item.id] = item.value;
    if (!isTemplate(item.id)) continue;
    const nested = readTlv(item.value);
    if (!nested.ok) return { ok: false, reason: nested.reason, field: item.id };
    for (const sub of nested.items) {
      const key = `${item.id}.${sub.id}`;
      if (key in fields) return { ok: false, reason: 'duplicate_field', field: key };
      fields[key] = sub.value;
    }
  }

  const first = read.items[0];
  if (first?.id !== '00' || first.value !== '01') return { ok: false, reason: 'invalid_field', field: '00' };
  const initiation = fields['01'];
  if (initiation !== undefined && initiation !== '11' && initiation !== '12') {
    return { ok: false, reason: 'invalid_field', field: '01' };
  }

  const pixId = read.items.find(
    (item) =>
      Number(item.id) >= 26 && Number(item.id) <= 51 && fields[`${item.id}.00`]?.toLowerCase() === PIX_GUI,
  )?.id;
  if (!pixId) return { ok: false, reason: 'not_pix' };
  const key = fields[`${pixId}.01`];
  const location = fields[`${pixId}.25`];
  if (key === undefined && location === undefined) {
    return { ok: false, reason: 'missing_field', field: `${pixId}.01` };
  }
  if (key !== undefined && location !== undefined) {
    return { ok: false, reason: 'invalid_field', field: pixId };
  }

  for (const id of ['52', '53', '58', '59', '60', '62', '62.05']) {
    if (fields[id] === undefined) return { ok: false, reason: 'missing_field', field: id };
  }
  const name = fields['59'] ?? '';
  const city = fields['60'] ?? '';
  const checks: [string, boolean][] = [
    ['52', /^\d{4}$/.test(fields['52'] ?? '')],
    ['53', fields['53'] === '986'],
    ['58', fields['58'] === 'BR'],
    ['59', name.length <= PIX_NAME_MAX],
    ['60', city.length <= PIX_CITY_MAX],
    ['62.05', (fields['62.05'] ?? '').length <= 25],
  ];
  const failed = checks.find(([, passes]) => !passes);
  if (failed) return { ok: false, reason: 'invalid_field', field: failed[0] };

  let amountCents: number | undefined;
  if (fields['54'] !== undefined) {
    const cents = parseAmount(fields['54']);
    if (cents === null) return { ok: false, reason: 'invalid_field', field: '54' };
    amountCents = cents;
  }
  const txid = fields['62.05'];
  return {
    ok: true,
    fields,
    kind: location === undefined ? 'static' : 'dynamic',
    key,
    keyType: key === undefined ? undefined : (detectPixKeyType(key) ?? undefined),
    location,
    message: fields[`${pixId}.02`],
    amountCents,
    txid: txid === NO_TXID ? undefined : txid,
    name,
    city,
    reusable: initiation === undefined ? undefined : initiation === '11',
  };
}

const BASE36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The txid of an invoice's static code, from the invoice's UUID: its 128 bits written in base 36
 * (0-9, A-Z), zero-padded to 25 characters (36^25 > 2^128). Lossless, so two invoices never share a
 * txid and `uuidFromPixTxid` gives the invoice back; uppercase only, so it survives bank statements
 * and spreadsheets that fold case. Throws for a seed that is not a UUID.
 */
export function pixTxid(seed: string): string {
  const hex = uuidHex(seed);
  if (!hex) throw new PixPayloadError('invalid_seed', `pixTxid needs a UUID seed: "${seed}"`);
  return BigInt(`0x${hex}`).toString(36).toUpperCase().padStart(25, '0');
}

/** The lowercase dashed UUID a `pixTxid` came from; `null` for any other txid. */
export function uuidFromPixTxid(txid: string): string | null {
  if (!/^[0-9A-Z]{25}$/.test(txid)) return null;
  let n = 0n;
  for (const c of txid) n = n * 36n + BigInt(BASE36.indexOf(c));
  const hex = n.toString(16).padStart(32, '0');
  return hex.length === 32 ? dashUuid(hex) : null;
}

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Length of `pixCobTxid`: the BCB Pix API takes 26-35 characters for PUT /cob/{txid}. */
export const PIX_COB_TXID_LENGTH = 32;

/** A random txid for a dynamic charge (PUT /cob/{txid}, ^[a-zA-Z0-9]{26,35}$): 32 characters, ~190 bits. */
export function pixCobTxid(): string {
  let txid = '';
  while (txid.length < PIX_COB_TXID_LENGTH) {
    for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(48))) {
      // 248 = 4 × 62: bytes above it are skipped so every character is equally likely
      if (byte < 248 && txid.length < PIX_COB_TXID_LENGTH) txid += ALPHANUMERIC.charAt(byte % 62);
    }
  }
  return txid;
}
