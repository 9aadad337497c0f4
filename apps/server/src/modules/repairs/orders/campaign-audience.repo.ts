import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { repairServices, repairs } from '../../../db/schema/repairs.js';

/**
 * Reads of service orders for the communication module (issue 14 §5, §6): the customers who had a
 * catalog service done (a campaign's segment) and what a feedback page names of an order.
 */

/** Customers with an order (not cancelled) that has a labour line of one of these catalog services. */
export async function customersWithCatalogServices(
  db: Database,
  organizationId: string,
  catalogIds: string[],
): Promise<string[]> {
  if (catalogIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ customerId: repairs.customerId })
    .from(repairServices)
    .innerJoin(repairs, eq(repairs.id, repairServices.repairId))
    .where(
      and(
        eq(repairServices.organizationId, organizationId),
        eq(repairs.organizationId, organizationId),
        inArray(repairServices.catalogId, catalogIds),
        ne(repairs.status, 'CANCELADO'),
      ),
    );
  return rows.map((r) => r.customerId);
}

/** An order's number and asset, for the customer's feedback page. */
export async function orderForFeedback(
  db: Database,
  organizationId: string,
  repairId: string,
): Promise<{ number: number; assetId: string | null } | undefined> {
  const [row] = await db
    .select({ number: repairs.number, assetId: repairs.assetId })
    .from(repairs)
    .where(and(eq(repairs.organizationId, organizationId), eq(repairs.id, repairId)));
  return row;
}
