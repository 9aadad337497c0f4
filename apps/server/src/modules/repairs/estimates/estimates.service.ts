import { type ApprovalChannel, DEFAULT_TIME_ZONE, type Estimate, type PublicEstimate } from '@bancada/shared';
import type { Database } from '../../../db/client.js';
import { type AuthedContext, assertCan, type RequestContext } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import { inTransaction } from '../../../platform/tx.js';
import type { AssetsService } from '../../customers/assets.service.js';
import type { CustomersService } from '../../customers/customers.service.js';
import type { RepairsService } from '../orders/repairs.service.js';
import { createEstimateDecision, type EstimateDecisionParsed } from './estimate-decision.js';
import { toEstimate } from './estimate-document.js';
import type { EstimateRow } from './estimates.repo.js';
import { createEstimateSending, ESTIMATE_LINK, type SendEstimateDeps } from './send-estimate.js';

/**
 * Versioned estimates and the customer's answer, line by line (CDC art. 39 VI and 40; PRODUCT §4):
 * through a signed, expiring link with no login, the portal, or recorded by staff in person.
 * The record keeps who, when, which version, the channel, IP and user agent, and the document hash.
 */
export function createEstimatesService(
  deps: Omit<SendEstimateDeps, 'clock' | 'customers'> & {
    db: Database;
    repairs: Pick<RepairsService, 'get'>;
    customers: Pick<CustomersService, 'contactOf'>;
    assets: Pick<AssetsService, 'labels'>;
    now?: () => Date;
  },
) {
  const { db, pool, repo, orders } = deps;
  const clock = deps.now ?? (() => new Date());
  const { decide, lockForDecision } = createEstimateDecision({ ...deps, clock });

  async function publicView(executor: Database, estimate: EstimateRow): Promise<PublicEstimate> {
    const now = clock();
    const row = await orders.findById(executor, estimate.organizationId, estimate.repairId);
    if (!row) throw notFound('estimates.not_found');
    // one after the other: the decision reads these inside its transaction, on one client
    const org = await deps.organization.profile(executor, row.organizationId);
    const labels = await deps.assets.labels(executor, row.organizationId, {
      customerIds: [row.customerId],
      assetIds: row.assetId ? [row.assetId] : [],
    });
    const asset = row.assetId ? labels.assets.get(row.assetId) : undefined;
    const { createdBy: _createdBy, ...view } = toEstimate(estimate, row.number, now);
    return {
      ...view,
      shopName: org?.name ?? '',
      currency: org?.currency ?? 'BRL',
      timeZone: org?.timeZone ?? DEFAULT_TIME_ZONE,
      customerName: labels.customerNames.get(row.customerId) ?? '',
      assetLabel: asset ? asset.label : null,
      serviceDescription: row.serviceDescription,
      isExpired: view.status === 'expired',
      canDecide: view.status === 'pending',
      paymentTerms: org?.paymentTerms ?? null,
    };
  }

  async function fromToken(executor: Database, token: string) {
    const link = deps.links.verify(ESTIMATE_LINK, token);
    const estimate = link ? await repo.byId(executor, link.id) : undefined;
    if (!estimate) throw notFound('estimates.link_invalid');
    return estimate;
  }

  return {
    create: createEstimateSending({ ...deps, clock }),

    /** Staff with repairs:read, or the order's own CUSTOMER (`repairs.get` checks; another's: 404). */
    async list(ctx: AuthedContext, repairId: string): Promise<{ items: Estimate[] }> {
      const repair = await deps.repairs.get(ctx, repairId);
      const rows = await repo.list(db, repairId);
      const now = clock();
      const items = rows.map((r) => toEstimate(r, repair.number, now));
      // who on the staff wrote it is the shop's business, as on the link's view
      return { items: ctx.actor.role === 'CUSTOMER' ? items.map((e) => ({ ...e, createdBy: null })) : items };
    },

    /** Staff recording the customer's answer (in person, by phone), or the customer in the portal. */
    async decideAsUser(ctx: AuthedContext, repairId: string, version: number, input: EstimateDecisionParsed) {
      const row = await orders.findById(db, ctx.actor.organizationId, repairId);
      if (!row) throw notFound('repairs.not_found');
      let channel: ApprovalChannel = 'in_person';
      if (ctx.actor.role === 'CUSTOMER') {
        if (ctx.actor.customerId !== row.customerId) throw notFound('repairs.not_found');
        channel = 'portal';
      } else {
        assertCan(ctx, 'repairs:update');
      }
      return inTransaction(pool, async (tx) => {
        const estimate = await repo.byVersion(tx.db, repairId, version);
        if (!estimate) throw notFound('estimates.not_found');
        const locked = await lockForDecision(tx, estimate);
        const updated = await decide(tx, ctx, ctx, locked, input, channel);
        return toEstimate(updated, row.number, clock());
      });
    },

    async getPublic(token: string): Promise<PublicEstimate> {
      return publicView(db, await fromToken(db, token));
    },

    async decidePublic(
      ctx: RequestContext,
      token: string,
      input: EstimateDecisionParsed,
    ): Promise<PublicEstimate> {
      return inTransaction(pool, async (tx) => {
        const estimate = await lockForDecision(tx, await fromToken(tx.db, token));
        const updated = await decide(tx, ctx, null, estimate, input, 'link');
        return publicView(tx.db, updated);
      });
    },
  };
}
export type EstimatesService = ReturnType<typeof createEstimatesService>;
