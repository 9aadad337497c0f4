import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { components, purchaseOrders, supplierComponents, suppliers } from '../../db/schema/inventory.js';
import { likeEscape } from '../../platform/search-terms.js';

export type SupplierRow = typeof suppliers.$inferSelect;
export type SupplierInsert = typeof suppliers.$inferInsert;
export type SuppliedComponent = {
  supplierId: string;
  componentId: string;
  name: string;
  code: string;
  costCents: number;
  supplierCode: string | null;
};

export function createSuppliersRepo() {
  return {
    async findById(
      db: Database,
      organizationId: string,
      id: string,
      options: { forUpdate?: boolean } = {},
    ): Promise<SupplierRow | undefined> {
      const query = db
        .select()
        .from(suppliers)
        .where(and(eq(suppliers.organizationId, organizationId), eq(suppliers.id, id)));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row;
    },

    async list(
      db: Database,
      organizationId: string,
      filter: { q?: string | undefined; active?: boolean | undefined; page: number; pageSize: number },
    ) {
      const conditions: SQL[] = [eq(suppliers.organizationId, organizationId)];
      if (filter.q) {
        const like = `%${likeEscape(filter.q)}%`;
        conditions.push(
          or(ilike(suppliers.name, like), ilike(suppliers.document, like), ilike(suppliers.email, like))!,
        );
      }
      if (filter.active !== undefined) conditions.push(eq(suppliers.active, filter.active));
      const where = and(...conditions);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(suppliers)
          .where(where)
          .orderBy(asc(suppliers.name), asc(suppliers.id))
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize),
        db.select({ n: count() }).from(suppliers).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    async insert(db: Database, values: typeof suppliers.$inferInsert): Promise<SupplierRow> {
      const [row] = await db.insert(suppliers).values(values).returning();
      return row!;
    },

    async update(
      db: Database,
      organizationId: string,
      id: string,
      values: Partial<typeof suppliers.$inferInsert>,
    ): Promise<SupplierRow> {
      const [row] = await db
        .update(suppliers)
        .set({ ...values, updatedAt: new Date(), version: sql`${suppliers.version} + 1` })
        .where(and(eq(suppliers.organizationId, organizationId), eq(suppliers.id, id)))
        .returning();
      return row!;
    },

    async remove(db: Database, organizationId: string, id: string): Promise<void> {
      await db
        .delete(suppliers)
        .where(and(eq(suppliers.organizationId, organizationId), eq(suppliers.id, id)));
    },

    async detachComponents(db: Database, organizationId: string, id: string): Promise<void> {
      await db
        .update(components)
        .set({ supplierId: null })
        .where(and(eq(components.organizationId, organizationId), eq(components.supplierId, id)));
    },

    async hasPurchaseOrders(db: Database, organizationId: string, id: string): Promise<boolean> {
      const [row] = await db
        .select({ n: count() })
        .from(purchaseOrders)
        .where(and(eq(purchaseOrders.organizationId, organizationId), eq(purchaseOrders.supplierId, id)));
      return (row?.n ?? 0) > 0;
    },

    async componentsOf(
      db: Database,
      organizationId: string,
      supplierIds: string[],
    ): Promise<SuppliedComponent[]> {
      if (supplierIds.length === 0) return [];
      return db
        .select({
          supplierId: supplierComponents.supplierId,
          componentId: supplierComponents.componentId,
          name: components.name,
          code: components.code,
          costCents: supplierComponents.costCents,
          supplierCode: supplierComponents.supplierCode,
        })
        .from(supplierComponents)
        .innerJoin(
          components,
          and(
            eq(components.organizationId, supplierComponents.organizationId),
            eq(components.id, supplierComponents.componentId),
          ),
        )
        .where(
          and(
            eq(supplierComponents.organizationId, organizationId),
            inArray(supplierComponents.supplierId, supplierIds),
          ),
        )
        .orderBy(asc(components.name));
    },

    /** Replaces what a supplier sells. */
    async replaceComponents(
      db: Database,
      organizationId: string,
      supplierId: string,
      items: { componentId: string; costCents: number; supplierCode: string | null }[],
    ): Promise<void> {
      await db.delete(supplierComponents).where(eq(supplierComponents.supplierId, supplierId));
      if (items.length === 0) return;
      await db.insert(supplierComponents).values(items.map((i) => ({ ...i, organizationId, supplierId })));
    },

    async setComponentCost(
      db: Database,
      organizationId: string,
      supplierId: string,
      componentId: string,
      costCents: number,
    ): Promise<void> {
      await db
        .insert(supplierComponents)
        .values({ organizationId, supplierId, componentId, costCents })
        .onConflictDoUpdate({
          target: [supplierComponents.supplierId, supplierComponents.componentId],
          set: { costCents },
        });
    },
  };
}
export type SuppliersRepo = ReturnType<typeof createSuppliersRepo>;
