import { can, formatPhone, type Page, type SearchHit, SearchQuerySchema } from '@bancada/shared';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import type { Cipher } from '../../platform/crypto.js';
import { buildSearchTerms, wantsFuzzy } from '../../platform/search-terms.js';
import type { AssetsRepo } from '../customers/assets.repo.js';
import { assetLabel } from '../customers/assets.service.js';
import type { CustomersRepo } from '../customers/customers.repo.js';

/** Deep pages are rare in a search box; this bounds the work per request. */
const MAX_RANKED = 2000;

/** One search box over customers and their assets, ranked together. */
export function createSearchService(deps: {
  db: Database;
  customers: CustomersRepo;
  assets: AssetsRepo;
  cipher: Pick<Cipher, 'lookupHash'>;
}) {
  const { db, customers, assets, cipher } = deps;
  return {
    async search(ctx: AuthedContext, query: z.input<typeof SearchQuerySchema>): Promise<Page<SearchHit>> {
      assertCan(ctx, 'customers:read');
      const q = SearchQuerySchema.parse(query);
      const organizationId = ctx.actor.organizationId;
      const terms = buildSearchTerms(q.q, cipher);
      const limit = Math.min(q.page * q.pageSize, MAX_RANKED);
      const withAssets = can(ctx.actor.role, 'assets:read', ctx.actor.grants);
      const run = (fuzzy: boolean) =>
        Promise.all([
          customers.match(db, organizationId, terms, limit, { fuzzy }),
          withAssets ? assets.match(db, organizationId, terms, limit, { fuzzy }) : { rows: [], total: 0 },
        ]);
      let [byCustomer, byAsset] = await run(false);
      if (wantsFuzzy(terms, byCustomer.total + byAsset.total)) [byCustomer, byAsset] = await run(true);
      const owners = await customers.namesByIds(db, organizationId, [
        ...new Set(byAsset.rows.map((a) => a.customerId)),
      ]);
      const hits: SearchHit[] = [
        ...byCustomer.rows.map((c) => ({
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
        ...byAsset.rows.map((a) => ({
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
        total: byCustomer.total + byAsset.total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
