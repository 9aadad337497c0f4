import type {
  ConsentChannel,
  ConsentEvent,
  Customer,
  CustomerCreateSchema,
  CustomerUpdateSchema,
  Page,
  Permission,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import type { Cipher } from '../../platform/crypto.js';
import { forbidden } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import { phoneQueryKeys } from '../../platform/search-terms.js';
import { inTransaction } from '../../platform/tx.js';
import type { UsersService } from '../users/users.service.js';
import type { AssetsRepo } from './assets.repo.js';
import { assertInScope, customerScope, loadCustomer, reachableCustomer } from './customers.access.js';
import { applyConsents } from './customers.consents.js';
import { convertLegacyContacts } from './customers.legacy-contacts.js';
import { type CustomerFinder, type CustomerListQuery, createCustomerFinder } from './customers.listing.js';
import {
  CONTACT_FIELDS,
  type CustomerContactData,
  type CustomerRecords,
  createCustomerRecords,
  withUniqueDocument,
} from './customers.records.js';
import type { CustomerInsert, CustomerRow, CustomersRepo } from './customers.repo.js';
import { createCustomerSegments } from './customers.segments.js';
import { createCustomersCsvService } from './customers-csv.service.js';
import { createCustomersPortal } from './customers-portal.service.js';
import { createCustomersPrivacy } from './customers-privacy.service.js';

export { maskDocument } from './customers.records.js';
export type { AudienceFilter, AudienceMember, MarketingChannel } from './customers.segments.js';

type CustomerCreate = z.output<typeof CustomerCreateSchema>;
type CustomerUpdate = z.output<typeof CustomerUpdateSchema>;

type Deps = {
  db: Database;
  pool: pg.Pool;
  repo: CustomersRepo;
  assets: AssetsRepo;
  users: Pick<UsersService, 'portalUsersByCustomer' | 'closePortalLogins'>;
  cipher: Cipher;
};

/** A customer's contact data, for another module (an order's notifications and documents). */
export type CustomerContact = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** further phones as typed on the form, E.164 with their labels (mobile, whatsapp, …) */
  phones: { label: string; number: string }[];
  preferences: CustomerRow['preferences'];
  /** the current consent per channel (the ledger's latest state) */
  consents: CustomerRow['consents'];
  /** deleted or anonymised: nothing may be sent */
  gone: boolean;
};

/** What a fiscal document names of its taker; `addresses` as stored (CustomerAddressSchema's fields). */
export type CustomerFiscalTaker = {
  id: string;
  name: string;
  document: string | null;
  email: string | null;
  addresses: Customer['addresses'];
};

/** What other modules may ask of customers, through the composition root; each takes its executor. */
function forOtherModules({ db, repo, cipher }: Deps, records: CustomerRecords, finder: CustomerFinder) {
  return {
    /** For a module below this one (a portal login's customer), through the composition root. */
    async exists(executor: Database, organizationId: string, id: string): Promise<boolean> {
      return repo.exists(executor, organizationId, id);
    },
    async contactOf(
      executor: Database,
      organizationId: string,
      id: string,
    ): Promise<CustomerContact | undefined> {
      const row = await repo.contactOf(executor, organizationId, id);
      if (!row) return undefined;
      const open = (sealed: string | null) => (sealed ? cipher.decrypt(sealed) : null);
      return {
        id: row.id,
        name: row.name,
        email: open(row.emailCiphertext),
        phone: open(row.phoneCiphertext),
        phones: row.phonesCiphertext
          ? (JSON.parse(cipher.decrypt(row.phonesCiphertext)) as CustomerContact['phones'])
          : [],
        preferences: row.preferences,
        consents: row.consents,
        gone: row.deletedAt !== null || row.anonymisedAt !== null,
      };
    },
    /**
     * Live customers with this phone in any spelling (national, E.164, a WhatsApp id, with or without
     * the mobile 9): by the keyed hashes, since the numbers are stored encrypted.
     */
    async idsByPhone(executor: Database, organizationId: string, phone: string): Promise<string[]> {
      return repo.idsByPhoneHashes(
        executor,
        organizationId,
        phoneQueryKeys(phone).map((key) => cipher.lookupHash(key)),
      );
    },
    /** The customer as a fiscal document's taker (billing's NFS-e): the document in clear, undefined when gone. */
    async fiscalTakerOf(
      executor: Database,
      organizationId: string,
      id: string,
    ): Promise<CustomerFiscalTaker | undefined> {
      const row = await repo.findById(executor, organizationId, id);
      if (!row) return undefined;
      const { email, addresses } = records.contactOf(row);
      return {
        id: row.id,
        name: row.name,
        document: row.documentCiphertext ? cipher.decrypt(row.documentCiphertext) : null,
        email,
        addresses,
      };
    },
    /** Names by id, deleted customers too (lists and history keep naming who was there). */
    async namesByIds(
      executor: Database,
      organizationId: string,
      ids: string[],
    ): Promise<Map<string, string>> {
      return repo.namesByIds(executor, organizationId, ids);
    },
    /** Called when a service order is opened for the customer; never moves the date backwards. */
    async touchLastVisit(
      executor: Database,
      organizationId: string,
      customerId: string,
      at: Date,
    ): Promise<void> {
      await repo.touchLastVisit(executor, organizationId, customerId, at);
    },
    /** Customer ids whose search text contains `q` (a service-order search filter). */
    async searchIds(executor: Database, organizationId: string, q: string, limit: number): Promise<string[]> {
      return repo.searchIds(executor, organizationId, q, limit);
    },
    /** The search box over customers and (with `withAssets`) their assets, best first. */
    match: finder.match,
    /** 404 unless the caller may reach this customer with the permission (a CUSTOMER only their own). */
    async assertReachable(ctx: AuthedContext, id: string, permission: Permission): Promise<void> {
      await reachableCustomer(repo, db, ctx, id, permission);
    },
    /** For the demo-data command: is the organization still empty? */
    async count(organizationId: string): Promise<number> {
      return repo.count(db, organizationId);
    },
  };
}

function reads({ db, repo }: Deps, records: CustomerRecords, finder: CustomerFinder) {
  return {
    async list(ctx: AuthedContext, q: CustomerListQuery): Promise<Page<Customer>> {
      assertCan(ctx, 'customers:read');
      const { rows, total } = await finder.listRows(ctx.actor.organizationId, q, {
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return {
        items: await records.present(rows, ctx.actor.organizationId),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async get(ctx: AuthedContext, id: string): Promise<Customer> {
      const { row, scope } = await reachableCustomer(repo, db, ctx, id, 'customers:read');
      const [customer] = await records.present([row], ctx.actor.organizationId);
      // staff notes are internal; the customer sees the rest of their record
      return scope.all ? customer! : { ...customer!, notes: null };
    },

    async consents(ctx: AuthedContext, id: string): Promise<ConsentEvent[]> {
      await reachableCustomer(repo, db, ctx, id, 'customers:read');
      const rows = await repo.listConsents(db, ctx.actor.organizationId, id);
      return rows.map((r) => ({
        id: r.id,
        channel: r.channel as ConsentChannel,
        granted: r.granted,
        source: r.source,
        textVersion: r.textVersion,
        actorName: r.actorName,
        ip: r.ip,
        at: r.at.toISOString(),
      }));
    },
  };
}

function writes({ pool, repo, assets }: Deps, records: CustomerRecords) {
  return {
    async create(ctx: AuthedContext, input: CustomerCreate): Promise<Customer> {
      assertCan(ctx, 'customers:write');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async ({ db: tx }) => {
        const { state, changes } = applyConsents(ctx, organizationId, {}, input.consents);
        const row = await withUniqueDocument(() =>
          repo.insert(tx, { ...records.insertColumns(input, organizationId), consents: state }),
        );
        await repo.insertConsents(
          tx,
          changes.map((c) => ({ ...c, customerId: row.id })),
        );
        const customer = records.toCustomer(row, { assetCount: 0, portalUserId: null });
        await recordAudit(tx, ctx, {
          organizationId,
          action: 'customer.create',
          entity: 'customer',
          entityId: row.id,
          after: records.forAudit(customer),
        });
        return customer;
      });
    },

    async update(ctx: AuthedContext, id: string, patch: CustomerUpdate, ifMatch?: number): Promise<Customer> {
      const scope = customerScope(ctx, 'customers:write');
      assertInScope(scope, id, 'customers.not_found');
      if (!scope.all) {
        // a customer edits their contact data and consents, not what the shop keeps about them
        const staffOnly = ['kind', 'document', 'documentType', 'notes'] as const;
        if (staffOnly.some((field) => patch[field] !== undefined)) throw forbidden();
        if (patch.consents) patch.consents.source = 'portal';
      }
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async ({ db: tx }) => {
        const current = await loadCustomer(repo, tx, ctx, id, true);
        assertVersion(ifMatch, current.version);
        const { consents, document, documentType, email, phone, phones, addresses, ...fields } = patch;
        const values: Partial<CustomerInsert> = Object.fromEntries(
          Object.entries(fields).filter(([, v]) => v !== undefined),
        );
        if (document !== undefined) Object.assign(values, records.documentColumns(document, documentType));
        if (CONTACT_FIELDS.some((f) => patch[f] !== undefined)) {
          // the contact columns are written together: the phone hashes cover the main phone and the list
          const contact: CustomerContactData = records.contactOf(current);
          if (email !== undefined) contact.email = email;
          if (phone !== undefined) contact.phone = phone;
          if (phones !== undefined) contact.phones = phones;
          if (addresses !== undefined) contact.addresses = addresses;
          Object.assign(values, records.contactColumns(contact));
        }
        const { state, changes } = applyConsents(ctx, organizationId, current.consents, consents);
        if (changes.length > 0) values.consents = state;
        const updated = await withUniqueDocument(() =>
          repo.update(tx, organizationId, id, current.version, values),
        );
        if (!updated) assertVersion(current.version, current.version + 1);
        await repo.insertConsents(
          tx,
          changes.map((c) => ({ ...c, customerId: id })),
        );
        const [before, after] = await records.present([current, updated!], organizationId, tx);
        await recordAudit(tx, ctx, {
          organizationId,
          action: 'customer.update',
          entity: 'customer',
          entityId: id,
          before: records.forAudit(before!),
          after: records.forAudit(after!),
        });
        return scope.all ? after! : { ...after!, notes: null };
      });
    },

    /** Soft delete: the record and its assets leave every list and search; history rows stay. */
    async remove(ctx: AuthedContext, id: string, ifMatch?: number): Promise<void> {
      assertCan(ctx, 'customers:delete');
      const organizationId = ctx.actor.organizationId;
      await inTransaction(pool, async ({ db: tx }) => {
        const current = await loadCustomer(repo, tx, ctx, id, true);
        assertVersion(ifMatch, current.version);
        const [before] = await records.present([current], organizationId, tx);
        const deleted = await repo.update(tx, organizationId, id, current.version, { deletedAt: new Date() });
        if (!deleted) assertVersion(current.version, current.version + 1);
        const assetIds = await assets.softDeleteByCustomer(tx, organizationId, id);
        await recordAudit(tx, ctx, {
          organizationId,
          action: 'customer.delete',
          entity: 'customer',
          entityId: id,
          before: records.forAudit(before!),
          after: { deletedAssetIds: assetIds },
        });
      });
    },
  };
}

export function createCustomersService(deps: Deps) {
  const records = createCustomerRecords(deps);
  const finder = createCustomerFinder(deps);
  return {
    ...forOtherModules(deps, records, finder),
    ...reads(deps, records, finder),
    ...writes(deps, records),
    ...createCustomersCsvService({ ...deps, records, finder }),
    // LGPD tooling for the privacy module: consent ledger and report, inactive customers, anonymisation
    privacy: createCustomersPrivacy(deps),
    // the portal (issue 15 §2): the record a verified registration links to or creates, policy acceptance
    portal: createCustomersPortal({ ...deps, records }),
    /**
     * Start-up step (migration 0017): encrypts contact data still held in clear by an installation
     * that had customers before the upgrade, in batches; does nothing once that is done.
     */
    convertLegacyContacts: (options?: { batchSize?: number; maxBatches?: number }) =>
      convertLegacyContacts({ ...deps, records }, options),
    // campaigns (issue 14 §6): audiences with marketing consent, the unsubscribe link's revocation
    ...createCustomerSegments(deps),
  };
}
export type CustomersService = ReturnType<typeof createCustomersService>;
