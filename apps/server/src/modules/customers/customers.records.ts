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
import type { UsersService } from '../users/users.service.js';
import type { AssetsRepo } from './assets.repo.js';
import { consentsOf } from './customers.consents.js';
import type { CustomerInsert, CustomerRow } from './customers.repo.js';

type Extras = { assetCount: number; portalUserId: string | null };
type CustomerCreate = z.output<typeof CustomerCreateSchema>;

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

/** Audit rows never hold a document in clear (ARCHITECTURE §4). */
export function forAudit(customer: Customer) {
  const masked =
    customer.document && customer.documentType
      ? maskDocument(customer.documentType, customer.document)
      : null;
  return { ...customer, document: masked, documentFormatted: masked };
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
  users: Pick<UsersService, 'portalUsersByCustomer'>;
}) {
  const { db, cipher, assets, users } = deps;

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
      email: row.email,
      phone: row.phone,
      phones: row.phones as Customer['phones'],
      addresses: row.addresses as Customer['addresses'],
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
    const { consents: _consents, document, documentType, ...data } = customer;
    return {
      ...data,
      tradeName: data.tradeName ?? null,
      email: data.email ?? null,
      phone: data.phone ?? null,
      notes: data.notes ?? null,
      birthDate: data.birthDate ?? null,
      organizationId,
      ...documentColumns(document, documentType),
    };
  }

  return { toCustomer, present, documentColumns, insertColumns };
}
export type CustomerRecords = ReturnType<typeof createCustomerRecords>;
