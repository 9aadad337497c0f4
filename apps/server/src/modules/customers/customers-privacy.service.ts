import { CONSENT_CHANNELS, type ConsentChannel } from '@bancada/shared';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { conflict, notFound } from '../../platform/errors.js';
import type { UsersService } from '../users/users.service.js';
import type { CustomersRepo } from './customers.repo.js';
import { type ConsentReportState, createCustomersPrivacyRepo } from './customers-privacy.repo.js';

/** The placeholder name of an anonymised customer: no identifier, but still distinguishable in lists. */
export function anonymisedName(id: string): string {
  return `Cliente anonimizado #${id.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}

/**
 * What the LGPD tooling (the privacy module, higher in the map) asks of customers: the consent ledger
 * with its policy versions, the consent report, inactive customers and the anonymisation itself.
 * The privacy module checks the preconditions (no open orders, no balance) and owns the transaction.
 */
export function createCustomersPrivacy(deps: {
  repo: CustomersRepo;
  users: Pick<UsersService, 'closePortalLogins'>;
}) {
  const repo = createCustomersPrivacyRepo();
  return {
    /** Every consent change of the customer, newest first, with the privacy policy version in force. */
    async consentLedger(executor: Database, organizationId: string, customerId: string) {
      return deps.repo.listConsents(executor, organizationId, customerId);
    },

    /** Locks the customer for an anonymisation; 404 when missing, 409 when already anonymised. */
    async lockForAnonymisation(tx: Database, organizationId: string, id: string) {
      const row = await repo.lock(tx, organizationId, id);
      if (!row) throw notFound('customers.not_found');
      if (row.anonymisedAt) throw conflict('privacy.already_anonymised');
      return row;
    },

    /**
     * LGPD art. 16 and 18 IV: replaces the direct identifiers (name, trade name, document, e-mail,
     * phones, addresses, notes, preferences, birth date) in the row and, by its trigger, the search
     * text; the customer's portal logins are deactivated, stripped and signed out. Invoices and fiscal documents keep the name they were issued with (legal obligation).
     * The audit entry names the action and the reason, never the old values.
     */
    async anonymise(tx: Database, ctx: RequestContext, organizationId: string, id: string, reason: string) {
      const at = new Date();
      const row = await repo.anonymise(tx, organizationId, id, anonymisedName(id), at);
      if (!row) throw notFound('customers.not_found');
      // the customer's portal logins would still open their history: closed with the record
      const portalLoginsClosed = await deps.users.closePortalLogins(tx, organizationId, id);
      await recordAudit(tx, ctx, {
        organizationId,
        action: 'customer.anonymised',
        entity: 'customer',
        entityId: id,
        after: { anonymised: true, name: row.name, reason, portalLoginsClosed },
      });
      return { id: row.id, name: row.name, anonymisedAt: at };
    },

    async consentCounts(executor: Database, organizationId: string) {
      return repo.consentCounts(executor, organizationId, CONSENT_CHANNELS) as Promise<
        { purpose: ConsentChannel; granted: number; revoked: number; never: number }[]
      >;
    },

    async consentList(
      executor: Database,
      organizationId: string,
      q: { channel: ConsentChannel; state?: ConsentReportState | undefined; limit: number; offset: number },
    ) {
      const { state, ...rest } = q;
      return repo.consentList(executor, organizationId, state ? { ...rest, state } : rest);
    },

    /** Customers with no activity since `cutoff` and not yet anonymised (the retention job's candidates). */
    async inactive(executor: Database, organizationId: string, cutoff: Date, limit: number) {
      return repo.inactive(executor, organizationId, cutoff, limit);
    },
  };
}
export type CustomersPrivacy = ReturnType<typeof createCustomersPrivacy>;
