import type { MovementType } from '@bancada/shared';
import { and, asc, count, desc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { components, stockMovements, suppliers } from '../../db/schema/inventory.js';
import { likeEscape } from '../../platform/search-terms.js';

export type ComponentRow = typeof components.$inferSelect;
export type ComponentInsert = typeof components.$inferInsert;
export type ComponentWithSupplier = ComponentRow & { registeredSupplierName: string | null };
export type MovementRow = typeof stockMovements.$inferSelect;

/** What an atomic stock change leaves behind. */
export type StockState = {
  id: string;
  name: string;
  code: string;
  unit: string;
  stock: string;
  reserved: string;
  minStock: string;
};

export type ComponentFilter = {
  q?: string | undefined;
  category?: string | undefined;
  supplierId?: string | undefined;
  belowMinimum?: boolean | undefined;
  active?: boolean | undefined;
  page: number;
  pageSize: number;
};

const withSupplier = {
  component: components,
  registeredSupplierName: suppliers.name,
};

function flatten(r: {
  component: ComponentRow;
  registeredSupplierName: string | null;
}): ComponentWithSupplier {
  return { ...r.component, registeredSupplierName: r.registeredSupplierName };
}

/**
 * The single place where stock moves. Each statement is a conditional UPDATE: the WHERE clause is the
 * guard, so concurrent requests can never take stock below zero (ARCHITECTURE §4).
 */
const STOCK_STATEMENTS: Record<MovementType, { set: (q: string) => SQL; guard: (q: string) => SQL }> = {
  IN: { set: (q) => sql`stock = stock + ${q}::numeric`, guard: () => sql`true` },
  ADJUST: {
    set: (q) => sql`stock = stock + ${q}::numeric`,
    guard: (q) => sql`stock + ${q}::numeric >= 0`,
  },
  RESERVE: {
    set: (q) => sql`stock = stock - ${q}::numeric, reserved = reserved + ${q}::numeric`,
    guard: (q) => sql`stock >= ${q}::numeric`,
  },
  RELEASE: {
    set: (q) => sql`stock = stock + ${q}::numeric, reserved = reserved - ${q}::numeric`,
    guard: (q) => sql`reserved >= ${q}::numeric`,
  },
  CONSUME: {
    set: (q) => sql`reserved = reserved - ${q}::numeric`,
    guard: (q) => sql`reserved >= ${q}::numeric`,
  },
};

/** The stock delta each movement type applies to `stock`, as SQL (for the low-stock flag). */
const NEW_STOCK: Record<MovementType, (q: string) => SQL> = {
  IN: (q) => sql`stock + ${q}::numeric`,
  ADJUST: (q) => sql`stock + ${q}::numeric`,
  RESERVE: (q) => sql`stock - ${q}::numeric`,
  RELEASE: (q) => sql`stock + ${q}::numeric`,
  CONSUME: () => sql`stock`,
};

/** The stock ledger: conditional stock changes, the low-stock flag, movements. */
function createStockLedgerQueries() {
  return {
    /**
     * One atomic conditional stock change and its ledger row, in one statement; `undefined` when the
     * guard refused it (or the component does not exist), and then no row is written. Leaves the
     * low-stock flag cleared when the stock is back at or above minimum.
     */
    async moveStock(
      db: Database,
      organizationId: string,
      id: string,
      type: MovementType,
      quantity: string,
      movement: Pick<
        typeof stockMovements.$inferInsert,
        'reason' | 'documentType' | 'documentId' | 'actorId' | 'actorName'
      >,
    ): Promise<{ state: StockState; movement: MovementRow } | undefined> {
      const statement = STOCK_STATEMENTS[type];
      const result = await db.execute<{
        id: string;
        name: string;
        code: string;
        unit: string;
        stock: string;
        reserved: string;
        min_stock: string;
        m_id: string;
        m_seq: string | number;
        m_at: Date | string;
      }>(sql`WITH s AS (
          UPDATE components
          SET ${statement.set(quantity)},
            low_stock_alerted = low_stock_alerted AND (${NEW_STOCK[type](quantity)}) < min_stock,
            updated_at = now()
          WHERE organization_id = ${organizationId} AND id = ${id} AND ${statement.guard(quantity)}
          RETURNING id, name, code, unit, stock, reserved, min_stock
        ), m AS (
          INSERT INTO stock_movements (organization_id, component_id, type, quantity, stock_after,
            reserved_after, reason, document_type, document_id, actor_id, actor_name)
          SELECT ${organizationId}, s.id, ${type}, ${quantity}::numeric, s.stock, s.reserved,
            ${movement.reason ?? null}, ${movement.documentType ?? null}, ${movement.documentId ?? null},
            ${movement.actorId ?? null}::uuid, ${movement.actorName ?? null}
          FROM s
          RETURNING id, seq, at
        )
        SELECT s.id, s.name, s.code, s.unit, s.stock::text, s.reserved::text, s.min_stock::text,
          m.id AS m_id, m.seq AS m_seq, m.at AS m_at
        FROM s, m`);
      const row = result.rows[0];
      if (!row) return undefined;
      const state: StockState = {
        id: row.id,
        name: row.name,
        code: row.code,
        unit: row.unit,
        stock: row.stock,
        reserved: row.reserved,
        minStock: row.min_stock,
      };
      return {
        state,
        movement: {
          id: row.m_id,
          seq: Number(row.m_seq),
          organizationId,
          componentId: row.id,
          type,
          quantity,
          stockAfter: row.stock,
          reservedAfter: row.reserved,
          reason: movement.reason ?? null,
          documentType: movement.documentType ?? null,
          documentId: movement.documentId ?? null,
          actorId: movement.actorId ?? null,
          actorName: movement.actorName ?? null,
          at: new Date(row.m_at),
        },
      };
    },

    /** Claims the one low-stock alert of a component; true only for the caller that flips the flag. */
    async claimLowStockAlert(db: Database, organizationId: string, id: string): Promise<boolean> {
      const result = await db.execute(sql`UPDATE components SET low_stock_alerted = true
        WHERE organization_id = ${organizationId} AND id = ${id}
          AND NOT low_stock_alerted AND stock < min_stock
        RETURNING id`);
      return result.rows.length > 0;
    },

    /** Re-arms the alert when a new minimum leaves the stock at or above it. */
    async rearmLowStockAlert(db: Database, organizationId: string, id: string): Promise<void> {
      await db.execute(sql`UPDATE components SET low_stock_alerted = false
        WHERE organization_id = ${organizationId} AND id = ${id} AND stock >= min_stock`);
    },

    async listMovements(
      db: Database,
      organizationId: string,
      componentId: string,
      page: { page: number; pageSize: number },
    ) {
      const where = and(
        eq(stockMovements.organizationId, organizationId),
        eq(stockMovements.componentId, componentId),
      );
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(stockMovements)
          .where(where)
          .orderBy(desc(stockMovements.seq))
          .limit(page.pageSize)
          .offset((page.page - 1) * page.pageSize),
        db.select({ n: count() }).from(stockMovements).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
  };
}

export function createComponentsRepo() {
  return {
    async findById(
      db: Database,
      organizationId: string,
      id: string,
      options: { forUpdate?: boolean } = {},
    ): Promise<ComponentWithSupplier | undefined> {
      const query = db
        .select(withSupplier)
        .from(components)
        .leftJoin(suppliers, eq(suppliers.id, components.supplierId))
        .where(and(eq(components.organizationId, organizationId), eq(components.id, id)));
      const [row] = options.forUpdate ? await query.for('update', { of: components }) : await query;
      return row ? flatten(row) : undefined;
    },

    async findByIds(db: Database, organizationId: string, ids: string[]): Promise<ComponentWithSupplier[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .select(withSupplier)
        .from(components)
        .leftJoin(suppliers, eq(suppliers.id, components.supplierId))
        .where(and(eq(components.organizationId, organizationId), inArray(components.id, ids)));
      return rows.map(flatten);
    },

    async findByCode(db: Database, organizationId: string, code: string): Promise<ComponentRow | undefined> {
      const [row] = await db
        .select()
        .from(components)
        .where(and(eq(components.organizationId, organizationId), eq(components.code, code)));
      return row;
    },

    async list(db: Database, organizationId: string, filter: ComponentFilter) {
      const conditions: SQL[] = [eq(components.organizationId, organizationId)];
      if (filter.q) {
        // accents and case do not matter: "oleo" finds "Óleo"
        const like = sql`f_unaccent(${`%${likeEscape(filter.q)}%`})`;
        conditions.push(
          sql`(f_unaccent(${components.name}) ILIKE ${like} OR f_unaccent(${components.code}) ILIKE ${like} OR f_unaccent(${components.description}) ILIKE ${like})`,
        );
      }
      if (filter.category) conditions.push(eq(components.category, filter.category));
      if (filter.supplierId) conditions.push(eq(components.supplierId, filter.supplierId));
      if (filter.belowMinimum === true) conditions.push(sql`${components.stock} < ${components.minStock}`);
      if (filter.belowMinimum === false) conditions.push(sql`${components.stock} >= ${components.minStock}`);
      if (filter.active !== undefined) conditions.push(eq(components.active, filter.active));
      const where = and(...conditions);
      const [rows, [total]] = await Promise.all([
        db
          .select(withSupplier)
          .from(components)
          .leftJoin(suppliers, eq(suppliers.id, components.supplierId))
          .where(where)
          .orderBy(asc(components.name), asc(components.id))
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize),
        db.select({ n: count() }).from(components).where(where),
      ]);
      return { rows: rows.map(flatten), total: total?.n ?? 0 };
    },

    async categories(db: Database, organizationId: string): Promise<string[]> {
      const rows = await db
        .selectDistinct({ category: components.category })
        .from(components)
        .where(and(eq(components.organizationId, organizationId), isNotNull(components.category)))
        .orderBy(asc(components.category));
      return rows.map((r) => r.category!).filter(Boolean);
    },

    async belowMinimum(db: Database, organizationId: string): Promise<ComponentWithSupplier[]> {
      const rows = await db
        .select(withSupplier)
        .from(components)
        .leftJoin(suppliers, eq(suppliers.id, components.supplierId))
        .where(
          and(
            eq(components.organizationId, organizationId),
            eq(components.active, true),
            sql`${components.stock} < ${components.minStock}`,
          ),
        )
        .orderBy(asc(components.name));
      return rows.map(flatten);
    },

    async insert(db: Database, values: typeof components.$inferInsert): Promise<ComponentRow> {
      const [row] = await db.insert(components).values(values).returning();
      return row!;
    },

    async update(
      db: Database,
      organizationId: string,
      id: string,
      values: Partial<typeof components.$inferInsert>,
    ): Promise<ComponentRow> {
      const [row] = await db
        .update(components)
        .set({ ...values, updatedAt: new Date(), version: sql`${components.version} + 1` })
        .where(and(eq(components.organizationId, organizationId), eq(components.id, id)))
        .returning();
      return row!;
    },

    async setCost(db: Database, organizationId: string, id: string, costCents: number): Promise<void> {
      await db
        .update(components)
        .set({ costCents, updatedAt: new Date() })
        .where(and(eq(components.organizationId, organizationId), eq(components.id, id)));
    },
    ...createStockLedgerQueries(),
  };
}
export type ComponentsRepo = ReturnType<typeof createComponentsRepo>;
