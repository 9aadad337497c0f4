import { CustomerCreateSchema } from '@bancada/shared';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import type { Cipher } from '../../platform/crypto.js';
import { normalizeEmail } from '../../platform/search-terms.js';
import type { CustomerRecords } from './customers.records.js';
import { withUniqueDocument } from './customers.records.js';
import type { CustomersRepo } from './customers.repo.js';
import { createCustomersPortalRepo } from './customers-portal.repo.js';

/** The consent ledger's purpose for accepting the privacy policy (registration in the portal). */
export const PRIVACY_POLICY_PURPOSE = 'privacy_policy';

/**
 * What the portal module (issue 15 §2) asks of customers: find the record a verified registration
 * links to (by the keyed hashes of e-mail or document, decision 0011), create one when there is none,
 * and record the privacy policy's acceptance in the consent ledger. All in the caller's transaction.
 */
export function createCustomersPortal(deps: {
  repo: CustomersRepo;
  cipher: Cipher;
  records: CustomerRecords;
}) {
  const { repo, cipher, records } = deps;
  const portalRepo = createCustomersPortalRepo();
  return {
    /** Live (not deleted, not anonymised) customers with this e-mail, oldest first. */
    idsByEmail(executor: Database, organizationId: string, email: string): Promise<string[]> {
      return portalRepo.idsByEmailHash(executor, organizationId, cipher.lookupHash(normalizeEmail(email)));
    },
    /** Live customers with this (normalized) document, oldest first. */
    idsByDocument(executor: Database, organizationId: string, document: string): Promise<string[]> {
      return portalRepo.idsByDocumentHash(executor, organizationId, cipher.lookupHash(document));
    },
    /** A new customer from a verified registration; audited as the registration's context. */
    async createFromRegistration(
      tx: Database,
      ctx: RequestContext,
      organizationId: string,
      input: { name: string; email: string; phone: string | null; document: string | null },
    ): Promise<string> {
      // parsed here: this caller is no route (the registration's fields were validated when typed)
      const customer = CustomerCreateSchema.parse({
        name: input.name,
        email: input.email,
        phone: input.phone,
        document: input.document,
      });
      const row = await withUniqueDocument(() =>
        repo.insert(tx, records.insertColumns(customer, organizationId)),
      );
      const created = records.toCustomer(row, { assetCount: 0, portalUserId: null });
      await recordAudit(tx, ctx, {
        organizationId,
        action: 'customer.create',
        entity: 'customer',
        entityId: row.id,
        after: { ...records.forAudit(created), source: 'portal' },
      });
      return row.id;
    },
    /** The ledger's evidence that the customer accepted this version of the privacy policy. */
    async recordPolicyAcceptance(
      tx: Database,
      ctx: RequestContext,
      organizationId: string,
      customerId: string,
      acceptance: {
        policyVersion: number | null;
        at: Date;
        actorId: string | null;
        actorName: string | null;
      },
    ): Promise<void> {
      await repo.insertConsents(tx, [
        {
          organizationId,
          customerId,
          channel: PRIVACY_POLICY_PURPOSE,
          granted: true,
          source: 'portal',
          textVersion:
            acceptance.policyVersion === null
              ? 'privacy-policy'
              : `privacy-policy-v${acceptance.policyVersion}`,
          ...(acceptance.policyVersion === null ? {} : { policyVersion: acceptance.policyVersion }),
          actorId: acceptance.actorId,
          actorName: acceptance.actorName,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
          at: acceptance.at,
        },
      ]);
    },
  };
}
export type CustomersPortal = ReturnType<typeof createCustomersPortal>;
