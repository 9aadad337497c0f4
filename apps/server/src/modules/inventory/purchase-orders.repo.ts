import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { components, purchaseOrderLines, purchaseOrders, suppliers } from '../../db/schema/inventory.js';

export type PurchaseOrderRow = typeof purchaseOrders.$inferSelect & { supplierName: string };
export type PurchaseOrderLineRow = typeof purchaseOrderLines.$inferSelect & {
  componentName: string;
  code: string;
  unit: string;
};

/** Orders that still wait for goods (what counts as "on order"). */
export const OPEN_STATUSES = ['draft', 'sent', 'partially_received'] as const;

/** Expected date passed and not received: the `late` flag, as SQL. */
export const lateSql = sql`(${purchaseOrders.expectedAt} < current_date AND ${purchaseOrders.status} NOT IN ('received', 'cancelled'))`;

const orderColumns = { order: purchaseOrders, supplierName: suppliers.name, late: sql<boolean>`${lateSql}` };

export function createPurchaseOrdersRepo() {
  return {
    async findById(
      db: Database,
      organizationId: string,
      id: string,
      options: { forUpdate?: boolean } = {},
    ): Promise<(PurchaseOrderRow & { late: boolean }) | undefined> {
      const query = db
        .select(orderColumns)
        .from(purchaseOrders)
        .innerJoin(suppliers, eq(suppliers.id, purchaseOrders.supplierId))
        .where(and(eq(purchaseOrders.organizationId, organizationId), eq(purchaseOrders.id, id)));
      const [row] = options.forUpdate ? await query.for('update', { of: purchaseOrders }) : await query;
      return row ? { ...row.order, supplierName: row.supplierName, late: row.late } : undefined;
    },

    async list(
      db: Database,
      organizationId: string,
      filter: {
        status?: string | undefined;
        supplierId?: string | undefined;
        late?: boolean | undefined;
        page: number;
        pageSize: number;
      },
    ) {
      const conditions: SQL[] = [eq(purchaseOrders.organizationId, organizationId)];
      if (filter.status) conditions.push(eq(purchaseOrders.status, filter.status));
      if (filter.supplierId) conditions.push(eq(purchaseOrders.supplierId, filter.supplierId));
      if (filter.late === true) conditions.push(lateSql);
      if (filter.late === false) conditions.push(sql`NOT coalesce(${lateSql}, false)`);
      const where = and(...conditions);
      const [rows, [total]] = await Promise.all([
        db
          .select(orderColumns)
          .from(purchaseOrders)
          .innerJoin(suppliers, eq(suppliers.id, purchaseOrders.supplierId))
          .where(where)
          .orderBy(desc(purchaseOrders.number))
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize),
        db.select({ n: count() }).from(purchaseOrders).where(where),
      ]);
      return {
        rows: rows.map((r) => ({ ...r.order, supplierName: r.supplierName, late: r.late ?? false })),
        total: total?.n ?? 0,
      };
    },

    async linesOf(db: Database, orderIds: string[]): Promise<PurchaseOrderLineRow[]> {
      if (orderIds.length === 0) return [];
      const rows = await db
        .select({
          line: purchaseOrderLines,
          componentName: components.name,
          code: components.code,
          unit: components.unit,
        })
        .from(purchaseOrderLines)
        .innerJoin(
          components,
          and(
            eq(components.organizationId, purchaseOrderLines.organizationId),
            eq(components.id, purchaseOrderLines.componentId),
          ),
        )
        .where(inArray(purchaseOrderLines.purchaseOrderId, orderIds))
        .orderBy(asc(purchaseOrderLines.position));
      return rows.map((r) => ({ ...r.line, componentName: r.componentName, code: r.code, unit: r.unit }));
    },

    async insert(db: Database, values: typeof purchaseOrders.$inferInsert) {
      const [row] = await db.insert(purchaseOrders).values(values).returning();
      return row!;
    },

    async update(
      db: Database,
      organizationId: string,
      id: string,
      values: Partial<typeof purchaseOrders.$inferInsert>,
    ): Promise<void> {
      await db
        .update(purchaseOrders)
        .set({ ...values, updatedAt: new Date(), version: sql`${purchaseOrders.version} + 1` })
        .where(and(eq(purchaseOrders.organizationId, organizationId), eq(purchaseOrders.id, id)));
    },

    async replaceLines(
      db: Database,
      organizationId: string,
      purchaseOrderId: string,
      lines: { componentId: string; quantity: string; unitCostCents: number; repairId: string | null }[],
    ): Promise<void> {
      await db.delete(purchaseOrderLines).where(eq(purchaseOrderLines.purchaseOrderId, purchaseOrderId));
      if (lines.length === 0) return;
      await db
        .insert(purchaseOrderLines)
        .values(lines.map((line, position) => ({ ...line, organizationId, purchaseOrderId, position })));
    },

    /** Adds a receipt to a line unless it would pass the ordered quantity; `false` when refused. */
    async addReceived(
      db: Database,
      purchaseOrderId: string,
      lineId: string,
      quantity: string,
    ): Promise<boolean> {
      const result =
        await db.execute(sql`UPDATE purchase_order_lines SET received = received + ${quantity}::numeric
        WHERE id = ${lineId} AND purchase_order_id = ${purchaseOrderId}
          AND received + ${quantity}::numeric <= quantity
        RETURNING id`);
      return result.rows.length > 0;
    },

    /** Quantity still to arrive per component, over open orders. */
    async onOrder(db: Database, organizationId: string): Promise<Map<string, number>> {
      const rows = await db
        .select({
          componentId: purchaseOrderLines.componentId,
          pending: sql<string>`sum(${purchaseOrderLines.quantity} - ${purchaseOrderLines.received})`,
        })
        .from(purchaseOrderLines)
        .innerJoin(purchaseOrders, eq(purchaseOrders.id, purchaseOrderLines.purchaseOrderId))
        .where(
          and(
            eq(purchaseOrders.organizationId, organizationId),
            inArray(purchaseOrders.status, [...OPEN_STATUSES]),
          ),
        )
        .groupBy(purchaseOrderLines.componentId);
      return new Map(rows.map((r) => [r.componentId, Number(r.pending)]));
    },
    /**
     * Orders sent (or partly received) whose expected date is before `before` (a date, 'YYYY-MM-DD'):
     * candidates for the late reminder, with their supplier's address; each shop's own date is judged
     * by the caller on its clock.
     */
    async lateCandidates(db: Database, before: string) {
      return db
        .select({
          id: purchaseOrders.id,
          organizationId: purchaseOrders.organizationId,
          number: purchaseOrders.number,
          expectedAt: purchaseOrders.expectedAt,
          supplierId: purchaseOrders.supplierId,
          supplierName: suppliers.name,
          supplierEmail: suppliers.email,
          supplierContacts: suppliers.contacts,
        })
        .from(purchaseOrders)
        .innerJoin(suppliers, eq(suppliers.id, purchaseOrders.supplierId))
        .where(
          and(
            inArray(purchaseOrders.status, ['sent', 'partially_received']),
            sql`${purchaseOrders.expectedAt} < ${before}::date`,
          ),
        )
        .limit(5000);
    },
  };
}
export type PurchaseOrdersRepo = ReturnType<typeof createPurchaseOrdersRepo>;
