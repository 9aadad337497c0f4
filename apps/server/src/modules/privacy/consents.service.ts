import type { ConsentReport, ConsentReportQuery } from '@bancada/shared';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../db/client.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import type { CustomersService } from '../customers/customers.service.js';

/** A CSV of the report holds at most this many customers. */
const CSV_CAP = 50_000;

/**
 * The consent report (LGPD art. 8 §2: the controller proves consent): per purpose, how many customers
 * gave it and it is in force, withdrew it, or were never asked; and who, filterable, as CSV too.
 */
export function createConsentReportService(deps: {
  db: Database;
  customers: Pick<CustomersService, 'privacy'>;
}) {
  const { db, customers } = deps;
  return {
    async report(ctx: AuthedContext, q: ConsentReportQuery): Promise<ConsentReport> {
      assertCan(ctx, 'privacy:manage');
      const organizationId = ctx.actor.organizationId;
      const [counts, { rows, total }] = await Promise.all([
        customers.privacy.consentCounts(db, organizationId),
        customers.privacy.consentList(db, organizationId, {
          channel: q.purpose,
          state: q.state,
          limit: q.pageSize,
          offset: (q.page - 1) * q.pageSize,
        }),
      ]);
      return {
        purpose: q.purpose,
        counts,
        items: rows.map((r) => ({ ...r, at: r.at ? new Date(r.at).toISOString() : null })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async csv(ctx: AuthedContext, q: Pick<ConsentReportQuery, 'purpose' | 'state'>): Promise<string> {
      assertCan(ctx, 'privacy:manage');
      const { rows } = await customers.privacy.consentList(db, ctx.actor.organizationId, {
        channel: q.purpose,
        state: q.state,
        limit: CSV_CAP,
        offset: 0,
      });
      const lines = [
        ['customer_id', 'name', 'purpose', 'state', 'at', 'source'],
        ...rows.map((r) => [r.customerId, r.name, q.purpose, r.state, r.at ?? '', r.source ?? '']),
      ];
      return `\uFEFF${stringify(lines)}`;
    },
  };
}
export type ConsentReportService = ReturnType<typeof createConsentReportService>;
