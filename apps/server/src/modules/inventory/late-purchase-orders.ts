import { LOCALES, type Locale, toMilli, zonedParts } from '@bancada/shared';
import type pg from 'pg';
import type { Database } from '../../db/client.js';
import type { AuthedContext } from '../../platform/context.js';
import { t } from '../../platform/i18n.js';
import { inTransaction, type Tx } from '../../platform/tx.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { UsersService } from '../users/users.service.js';
import type { PurchaseOrdersRepo } from './purchase-orders.repo.js';

const DAY_MS = 86_400_000;

/** The shop's calendar date of an instant, 'YYYY-MM-DD'. */
function dateIn(now: Date, timeZone: string): string {
  const p = zonedParts(now, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * Issue 14 §8: a purchase order whose expected date has passed on the shop's calendar, not fully
 * received, reminds the supplier (a notification event the communication module e-mails) and tells the
 * shop's managers. Once per order and expected date: moving the date arms it again.
 */
export function createLatePurchaseOrders(deps: {
  db: Database;
  pool: pg.Pool;
  repo: PurchaseOrdersRepo;
  outbox: Pick<OutboxService, 'recordEvent' | 'queueEmail'>;
  organizations: Pick<OrganizationService, 'profile'>;
  users?: Pick<UsersService, 'managersToNotify'>;
}) {
  return {
    async remindLate(now: Date = new Date()): Promise<number> {
      // tomorrow in UTC covers every zone's today; each shop's own date is checked below
      const candidates = await deps.repo.lateCandidates(
        deps.db,
        dateIn(new Date(now.getTime() + DAY_MS), 'UTC'),
      );
      let recorded = 0;
      for (const po of candidates) {
        const org = await deps.organizations.profile(deps.db, po.organizationId);
        if (!org || !po.expectedAt || po.expectedAt >= dateIn(now, org.timeZone)) continue;
        const locale = ((LOCALES as readonly string[]).includes(org.locale) ? org.locale : 'pt-BR') as Locale;
        const expectedDate = new Intl.DateTimeFormat(locale, { timeZone: 'UTC' }).format(
          new Date(po.expectedAt),
        );
        const supplierEmail = po.supplierEmail ?? po.supplierContacts.find((c) => c.email)?.email ?? null;
        await inTransaction(deps.pool, async (tx) => {
          const id = await deps.outbox.recordEvent(tx, {
            organizationId: po.organizationId,
            event: 'purchase_order_late',
            dedupeKey: `purchase_order_late:${po.id}:${po.expectedAt}`,
            supplierId: po.supplierId,
            relatedEntity: 'purchase_order',
            relatedId: po.id,
            payload: {
              supplierName: po.supplierName,
              supplierEmail,
              purchaseOrderNumber: po.number,
              expectedDate,
            },
          });
          if (!id) return;
          recorded += 1;
          const params = {
            number: String(po.number),
            supplier: po.supplierName,
            date: expectedDate,
            reminded: supplierEmail
              ? t(locale, 'mail.purchase_order_late.reminded')
              : t(locale, 'mail.purchase_order_late.no_email'),
          };
          for (const manager of (await deps.users?.managersToNotify(tx.db, po.organizationId)) ?? []) {
            const language = (
              (LOCALES as readonly string[]).includes(manager.locale) ? manager.locale : locale
            ) as Locale;
            await deps.outbox.queueEmail(tx, {
              organizationId: po.organizationId,
              to: manager.email,
              subject: t(language, 'mail.purchase_order_late.subject', params),
              text: t(language, 'mail.purchase_order_late.body', { ...params, name: manager.name }),
              relatedEntity: 'purchase_order',
              relatedId: po.id,
            });
          }
        });
      }
      return recorded;
    },
  };
}

/** Repairs (higher in the map) moves an order whose parts arrived, answered at request time. */
export type PartsArrived = (tx: Tx, ctx: AuthedContext, repairId: string) => Promise<void>;

/** Each service order whose lines on this purchase order have now all arrived is announced. */
export async function announceArrivals(
  deps: { partsArrived?: PartsArrived | undefined },
  tx: Tx,
  ctx: AuthedContext,
  receipts: { line: { repairId: string | null } }[],
  lines: { repairId: string | null; received: string; quantity: string }[],
): Promise<void> {
  if (!deps.partsArrived) return;
  const touched = new Set(receipts.map((r) => r.line.repairId).filter((r): r is string => Boolean(r)));
  for (const repairId of touched) {
    const its = lines.filter((l) => l.repairId === repairId);
    if (its.every((l) => toMilli(l.received) >= toMilli(l.quantity)))
      await deps.partsArrived(tx, ctx, repairId);
  }
}
