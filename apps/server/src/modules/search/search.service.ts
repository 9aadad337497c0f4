import { can, formatPhone, type Page, type SearchHit, type SearchQuerySchema } from '@bancada/shared';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { assetLabel } from '../customers/assets.service.js';
import type { CustomersService } from '../customers/customers.service.js';

type SearchQuery = z.output<typeof SearchQuerySchema>;

/** Deep pages are rare in a search box; this bounds the work per request. */
const MAX_RANKED = 2000;

/** One search box over customers and their assets, ranked together. */
export function createSearchService(deps: {
  db: Database;
  customers: Pick<CustomersService, 'match' | 'namesByIds'>;
}) {
  const { db, customers } = deps;
  return {
    async search(ctx: AuthedContext, q: SearchQuery): Promise<Page<SearchHit>> {
      assertCan(ctx, 'customers:read');
      const organizationId = ctx.actor.organizationId;
      const limit = Math.min(q.page * q.pageSize, MAX_RANKED);
      // a role without assets:read finds customers only
      const withAssets = can(ctx.actor.role, 'assets:read', ctx.actor.grants);
      const found = await customers.match(db, organizationId, q.q, limit, { withAssets });
      const owners = await customers.namesByIds(db, organizationId, [
        ...new Set(found.assets.rows.map((a) => a.customerId)),
      ]);
      const hits: SearchHit[] = [
        ...found.customers.rows.map((c) => ({
          type: 'customer' as const,
          assetKind: null,
          id: c.id,
          customerId: c.id,
          title: c.name,
          subtitle:
            [c.tradeName, c.phone ? formatPhone(c.phone) : null, c.email].filter(Boolean).join(' · ') || null,
          matchedOn: c.matchedOn,
          score: c.score,
        })),
        ...found.assets.rows.map((a) => ({
          type: 'asset' as const,
          assetKind: a.kind as SearchHit['assetKind'],
          id: a.id,
          customerId: a.customerId,
          title: assetLabel(a),
          subtitle: owners.get(a.customerId) ?? null,
          matchedOn: a.matchedOn,
          score: a.score,
        })),
      ];
      hits.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
      const start = (q.page - 1) * q.pageSize;
      return {
        items: hits.slice(start, start + q.pageSize),
        total: found.customers.total + found.assets.total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
