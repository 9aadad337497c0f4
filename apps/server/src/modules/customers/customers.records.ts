import {
  type Customer,
  type CustomerCreateSchema,
  cnpjRoot,
  type DocumentType,
  formatDocument,
} from '@bancada/shared';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import type { Cipher } from '../../platform/crypto.js';
import { conflict, isUniqueViolation } from '../../platform/errors.js';
import { normalizeEmail, phoneLookupKeys } from '../../platform/search-terms.js';
import type { UsersService } from '../users/users.service.js';
import type { AssetsRepo } from './assets.repo.js';
import { consentsOf } from './customers.consents.js';
import type { CustomerContactColumns, CustomerInsert, CustomerRow } from './customers.repo.js';

type Extras = { assetCount: number; portalUserId: string | null };
type CustomerCreate = z.output<typeof CustomerCreateSchema>;

/** The contact data, stored encrypted (decision 0011). */
export type CustomerContactData = Pick<Customer, 'email' | 'phone' | 'phones' | 'addresses'>;
export const CONTACT_FIELDS = ['email', 'phone', 'phones', 'addresses'] as const;

/** The document for logs and audit: its mask, with only the last characters readable (***.***.247-25). */
export function maskDocument(type: DocumentType, normalized: string): string {
  const chars = [...formatDocument(type, normalized)];
  const keep = Math.min(5, Math.floor(normalized.length / 2));
  let seen = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    if (/[0-9A-Z]/i.test(chars[i]!) && ++seen > keep) chars[i] = '*';
  }
  return chars.join('');
}

/** Digits in a fingerprint would be masked as a phone's are (platform/audit-diff.ts): letters only. */
const lettersOnly = (hex: string) => hex.replace(/[0-9]/g, (d) => String.fromCharCode(103 + Number(d)));

/**
 * The stored form of contact data: each value encrypted; the e-mail's hash and every phone's lookup
 * hashes for exact search; each address's city and state in clear for the city filter. Also for
 * writers outside the API (bench data generators).
 */
export function sealContact(cipher: Cipher, contact: CustomerContactData): CustomerContactColumns {
  const numbers = [contact.phone, ...contact.phones.map((p) => p.number)].filter((n): n is string =>
    Boolean(n),
  );
  const keys = new Set(numbers.flatMap(phoneLookupKeys));
  return {
    emailCiphertext: contact.email ? cipher.encrypt(contact.email) : null,
    emailHash: contact.email ? cipher.lookupHash(normalizeEmail(contact.email)) : null,
    phoneCiphertext: contact.phone ? cipher.encrypt(contact.phone) : null,
    phonesCiphertext: contact.phones.length > 0 ? cipher.encrypt(JSON.stringify(contact.phones)) : null,
    phoneHashes: [...keys].map((key) => cipher.lookupHash(key)).sort(),
    addressesCiphertext:
      contact.addresses.length > 0 ? cipher.encrypt(JSON.stringify(contact.addresses)) : null,
    addressPlaces: contact.addresses.map((a) => ({ city: a.city ?? '', state: a.state ?? '' })),
  };
}

/** A second customer with the same document answers 409, however it was written. */
export async function withUniqueDocument<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'customers_org_document_uq')) {
      throw conflict('customers.document_taken', { document: 'customers.document_taken' });
    }
    throw error;
  }
}

/** Rows to API customers and back: the document is stored encrypted, with keyed hashes for lookups. */
export function createCustomerRecords(deps: {
  db: Database;
  cipher: Cipher;
  assets: Pick<AssetsRepo, 'countByCustomers'>;
  users: Pick<UsersService, 'portalUsersByCustomer' | 'closePortalLogins'>;
}) {
  const { db, cipher, assets, users } = deps;

  const decryptJson = <T>(sealed: string | null, empty: T): T =>
    sealed ? (JSON.parse(cipher.decrypt(sealed)) as T) : empty;

  /** The contact data of a row, decrypted. */
  function contactOf(
    row: Pick<
      CustomerRow,
      'emailCiphertext' | 'phoneCiphertext' | 'phonesCiphertext' | 'addressesCiphertext'
    >,
  ): CustomerContactData {
    return {
      email: row.emailCiphertext ? cipher.decrypt(row.emailCiphertext) : null,
      phone: row.phoneCiphertext ? cipher.decrypt(row.phoneCiphertext) : null,
      phones: decryptJson<Customer['phones']>(row.phonesCiphertext, []),
      addresses: decryptJson<Customer['addresses']>(row.addressesCiphertext, []),
    };
  }

  const contactColumns = (contact: CustomerContactData) => sealContact(cipher, contact);

  /** A value the audit row shows as changed without showing it: a marker with a keyed fingerprint. */
  function sealedForAudit(field: string, value: unknown): string | null {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return null;
    const fingerprint = lettersOnly(
      cipher.lookupHash(`audit:${field}:${JSON.stringify(value)}`).slice(0, 12),
    );
    return `[encrypted ${fingerprint}]`;
  }

  /**
   * Audit rows are no more revealing than the table (ARCHITECTURE §4, issue 13 §7): the document
   * masked, e-mail, phones and addresses replaced by a marker whose fingerprint changes with the value,
   * so the row says that they changed and never what they hold.
   */
  function forAudit(customer: Customer) {
    const masked =
      customer.document && customer.documentType
        ? maskDocument(customer.documentType, customer.document)
        : null;
    const sealed = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, sealedForAudit(f, customer[f])]));
    return { ...customer, document: masked, documentFormatted: masked, ...sealed };
  }

  function toCustomer(row: CustomerRow, extras: Extras): Customer {
    const type = row.documentType as DocumentType | null;
    const document = row.documentCiphertext ? cipher.decrypt(row.documentCiphertext) : null;
    return {
      id: row.id,
      kind: row.kind as Customer['kind'],
      name: row.name,
      tradeName: row.tradeName,
      document,
      documentType: document ? type : null,
      documentFormatted: document && type ? formatDocument(type, document) : null,
      ...contactOf(row),
      notes: row.notes,
      preferences: row.preferences as Customer['preferences'],
      birthDate: row.birthDate,
      consents: consentsOf(row.consents),
      portalUserId: extras.portalUserId,
      assetCount: extras.assetCount,
      lastVisitAt: row.lastVisitAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      version: row.version,
    };
  }

  async function present(rows: CustomerRow[], organizationId: string, executor: Database = db) {
    const ids = rows.map((r) => r.id);
    const [counts, portal] = await Promise.all([
      assets.countByCustomers(executor, organizationId, ids),
      users.portalUsersByCustomer(executor, organizationId, ids),
    ]);
    return rows.map((r) =>
      toCustomer(r, { assetCount: counts.get(r.id) ?? 0, portalUserId: portal.get(r.id) ?? null }),
    );
  }

  function documentColumns(document: string | null | undefined, type: DocumentType | null | undefined) {
    if (!document || !type) {
      return { documentType: null, documentCiphertext: null, documentHash: null, documentRootHash: null };
    }
    return {
      documentType: type,
      documentCiphertext: cipher.encrypt(document),
      documentHash: cipher.lookupHash(document),
      // the root identifies a company across its branches: keep it searchable
      documentRootHash: type === 'CNPJ' ? cipher.lookupHash(cnpjRoot(document)) : null,
    };
  }

  /** The columns of a new customer; consents are the caller's (they need a ledger). */
  function insertColumns(customer: CustomerCreate, organizationId: string): CustomerInsert {
    const {
      consents: _consents,
      document,
      documentType,
      email,
      phone,
      phones,
      addresses,
      ...data
    } = customer;
    return {
      ...data,
      tradeName: data.tradeName ?? null,
      notes: data.notes ?? null,
      birthDate: data.birthDate ?? null,
      organizationId,
      ...documentColumns(document, documentType),
      ...contactColumns({ email: email ?? null, phone: phone ?? null, phones, addresses }),
    };
  }

  return { toCustomer, present, documentColumns, insertColumns, contactOf, contactColumns, forAudit };
}
export type CustomerRecords = ReturnType<typeof createCustomerRecords>;
