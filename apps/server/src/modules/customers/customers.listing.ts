import type { CustomerListQuerySchema } from '@bancada/shared';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import type { Cipher } from '../../platform/crypto.js';
import { buildSearchTerms, wantsFuzzy } from '../../platform/search-terms.js';
import type { AssetMatch, AssetsRepo } from './assets.repo.js';
import type { CustomerFilter, CustomerRow, CustomersRepo } from './customers.repo.js';

export type CustomerListQuery = z.output<typeof CustomerListQuerySchema>;
/** A customer found by the search box, its e-mail and main phone decrypted for the page. */
export type CustomerMatch = {
  id: string;
  name: string;
  tradeName: string | null;
  email: string | null;
  phone: string | null;
  score: number;
  matchedOn: string;
};
export type SearchMatches = {
  customers: { rows: CustomerMatch[]; total: number };
  assets: { rows: AssetMatch[]; total: number };
};

/** A search inside the customer list ranks at most this many customers. */
const SEARCH_LIMIT = 1000;

/** Finding customers: the search box (shared with /api/search) and the filtered, sorted list. */
export function createCustomerFinder(deps: {
  db: Database;
  repo: CustomersRepo;
  assets: AssetsRepo;
  cipher: Pick<Cipher, 'lookupHash' | 'decrypt'>;
}) {
  const { db, repo, assets, cipher } = deps;

  /** Customers and assets matching a search box, best first; typo-tolerant only when nothing matched. */
  async function match(
    executor: Database,
    organizationId: string,
    q: string,
    limit: number,
    options: { withAssets: boolean },
  ): Promise<SearchMatches> {
    const terms = buildSearchTerms(q, cipher);
    const run = (fuzzy: boolean) =>
      Promise.all([
        repo.match(executor, organizationId, terms, limit, { fuzzy }),
        options.withAssets
          ? assets.match(executor, organizationId, terms, limit, { fuzzy })
          : { rows: [], total: 0 },
      ]);
    let [byCustomer, byAsset] = await run(false);
    if (wantsFuzzy(terms, byCustomer.total + byAsset.total)) [byCustomer, byAsset] = await run(true);
    const open = (sealed: string | null) => (sealed ? cipher.decrypt(sealed) : null);
    const rows = byCustomer.rows.map(({ emailCiphertext, phoneCiphertext, ...hit }) => ({
      ...hit,
      email: open(emailCiphertext),
      phone: open(phoneCiphertext),
    }));
    return { customers: { rows, total: byCustomer.total }, assets: byAsset };
  }

  /** Customer ids by their best score: a hit on an asset counts for its owner. */
  async function rankedCustomerIds(organizationId: string, q: string): Promise<Map<string, number>> {
    const found = await match(db, organizationId, q, SEARCH_LIMIT, { withAssets: true });
    const ranked = new Map<string, number>();
    for (const hit of [
      ...found.customers.rows,
      ...found.assets.rows.map((a) => ({ ...a, id: a.customerId })),
    ]) {
      ranked.set(hit.id, Math.max(ranked.get(hit.id) ?? 0, hit.score));
    }
    return ranked;
  }

  function filterOf(organizationId: string, q: CustomerListQuery): CustomerFilter {
    return {
      sort: q.sort,
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.city ? { city: q.city } : {}),
      ...(q.consent ? { consent: q.consent } : {}),
      ...(q.hasAssetKind ? { idIn: assets.customerIdsWithKind(organizationId, q.hasAssetKind) } : {}),
    };
  }

  async function listRows(
    organizationId: string,
    q: CustomerListQuery,
    page: { limit: number; offset: number },
  ): Promise<{ rows: CustomerRow[]; total: number }> {
    const filter = filterOf(organizationId, q);
    if (!q.q) return repo.list(db, organizationId, filter, page);
    // with a search, the order is relevance (the same ranking as /api/search)
    const ranked = await rankedCustomerIds(organizationId, q.q);
    const { rows } = await repo.list(
      db,
      organizationId,
      { ...filter, ids: [...ranked.keys()] },
      { limit: SEARCH_LIMIT, offset: 0 },
    );
    rows.sort((a, b) => (ranked.get(b.id) ?? 0) - (ranked.get(a.id) ?? 0) || a.name.localeCompare(b.name));
    return { rows: rows.slice(page.offset, page.offset + page.limit), total: rows.length };
  }

  return { match, listRows };
}
export type CustomerFinder = ReturnType<typeof createCustomerFinder>;
