import type { MovementType } from '@bancada/shared';
import { and, asc, count, desc, eq, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { components, stockMovements, suppliers } from '../../db/schema/inventory.js';
import { preparedOn } from '../../platform/prepared.js';
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
 * The single place where stock moves. Each change is a conditional UPDATE: the WHERE clause is the
 * guard, so concurrent requests can never take stock below zero (ARCHITECTURE §4). `q` is the
 * quantity of the line being applied (a column of the statement's input rows).
 */
const STOCK_STATEMENTS: Record<MovementType, { set: (q: SQL) => SQL; guard: (q: SQL) => SQL }> = {
  IN: { set: (q) => sql`stock = stock + ${q}`, guard: () => sql`true` },
  ADJUST: {
    set: (q) => sql`stock = stock + ${q}`,
    guard: (q) => sql`c.stock + ${q} >= 0`,
  },
  RESERVE: {
    set: (q) => sql`stock = stock - ${q}, reserved = reserved + ${q}`,
    guard: (q) => sql`c.stock >= ${q}`,
  },
  RELEASE: {
    set: (q) => sql`stock = stock + ${q}, reserved = reserved - ${q}`,
    guard: (q) => sql`c.reserved >= ${q}`,
  },
  CONSUME: {
    set: (q) => sql`reserved = reserved - ${q}`,
    guard: (q) => sql`c.reserved >= ${q}`,
  },
};

/** The stock delta each movement type applies to `stock`, as SQL (for the low-stock flag). */
const NEW_STOCK: Record<MovementType, (q: SQL) => SQL> = {
  IN: (q) => sql`c.stock + ${q}`,
  ADJUST: (q) => sql`c.stock + ${q}`,
  RESERVE: (q) => sql`c.stock - ${q}`,
  RELEASE: (q) => sql`c.stock + ${q}`,
  CONSUME: () => sql`c.stock`,
};

/** A line of a stock change: the component and its quantity as an exact SQL literal (sqlQuantity). */
export type StockChangeLine = { componentId: string; quantity: string };
export type MovementFacts = Pick<
  typeof stockMovements.$inferInsert,
  'reason' | 'documentType' | 'documentId' | 'actorId' | 'actorName'
>;
/** A change the guard let through: the component's state after it and its ledger row. */
export type StockMoved = { state: StockState; movement: MovementRow };

/**
 * One conditional change of several components' stock with a ledger row each, as WITH items (named
 * after `prefix`) and an expression giving the rows changed as JSON: the caller runs it as a statement
 * of its own (`moveStock`) or inside the transaction's last statement (platform/tx.ts `checkAtCommit`).
 * Each line is a single-row conditional UPDATE (the guard re-checked on the newest row version when a
 * concurrent change committed first); the ledger INSERT reads them in line order, so the rows are locked
 * in the order of `lines` (callers pass them sorted by id: two changes of the same parts never
 * deadlock). A line whose guard refuses it (or whose component does not exist) is absent from the result.
 */
export function stockChangeSql(
  prefix: string,
  organizationId: string,
  type: MovementType,
  lines: StockChangeLine[],
  movement: MovementFacts,
): { items: SQL[]; result: SQL } {
  const name = (part: string) => sql.raw(`${prefix}_${part}`);
  const statement = STOCK_STATEMENTS[type];
  const updates = lines.map((line, i) => {
    const q = sql`${line.quantity}::numeric`;
    return sql`${name(`s${i}`)} AS (UPDATE components c
      SET ${statement.set(q)},
        low_stock_alerted = low_stock_alerted AND (${NEW_STOCK[type](q)}) < min_stock,
        updated_at = now()
      WHERE c.organization_id = ${organizationId} AND c.id = ${line.componentId} AND ${statement.guard(q)}
      RETURNING c.id, c.name, c.code, c.unit, c.stock, c.reserved, c.min_stock, ${q} AS q, ${i}::int AS i)`;
  });
  const changed = sql.join(
    lines.map((_, i) => sql`SELECT * FROM ${name(`s${i}`)}`),
    sql` UNION ALL `,
  );
  const items = [
    ...updates,
    sql`${name('s')} AS (${changed})`,
    sql`${name('m')} AS (INSERT INTO stock_movements (organization_id, component_id, type, quantity,
        stock_after, reserved_after, reason, document_type, document_id, actor_id, actor_name)
      SELECT ${organizationId}, s.id, ${type}, s.q, s.stock, s.reserved, ${movement.reason ?? null},
        ${movement.documentType ?? null}, ${movement.documentId ?? null}, ${movement.actorId ?? null}::uuid,
        ${movement.actorName ?? null}
      FROM ${name('s')} s ORDER BY s.i
      RETURNING id, seq, at, component_id, quantity)`,
  ];
  const result = sql`(SELECT coalesce(json_agg(json_build_object('id', s.id, 'name', s.name,
      'code', s.code, 'unit', s.unit, 'stock', s.stock::text, 'reserved', s.reserved::text,
      'minStock', s.min_stock::text, 'movementId', m.id, 'seq', m.seq, 'at', m.at,
      'quantity', m.quantity::text) ORDER BY s.i), '[]'::json)
    FROM ${name('s')} s JOIN ${name('m')} m ON m.component_id = s.id)`;
  return { items, result };
}

type MovedJson = {
  id: string;
  name: string;
  code: string;
  unit: string;
  stock: string;
  reserved: string;
  minStock: string;
  movementId: string;
  seq: number | string;
  at: string;
  quantity: string;
};

/** The rows `stockChangeSql`'s result expression returns, as states and ledger rows. */
export function parseStockMoved(
  organizationId: string,
  type: MovementType,
  movement: MovementFacts,
  value: unknown,
): StockMoved[] {
  const rows = (typeof value === 'string' ? JSON.parse(value) : value) as MovedJson[] | null;
  return (rows ?? []).map((row) => ({
    state: {
      id: row.id,
      name: row.name,
      code: row.code,
      unit: row.unit,
      stock: row.stock,
      reserved: row.reserved,
      minStock: row.minStock,
    },
    movement: {
      id: row.movementId,
      seq: Number(row.seq),
      organizationId,
      componentId: row.id,
      type,
      quantity: row.quantity,
      stockAfter: row.stock,
      reservedAfter: row.reserved,
      reason: movement.reason ?? null,
      documentType: movement.documentType ?? null,
      documentId: movement.documentId ?? null,
      actorId: movement.actorId ?? null,
      actorName: movement.actorName ?? null,
      at: new Date(row.at),
    },
  }));
}

/** The stock ledger: conditional stock changes, the low-stock flag, movements. */
function createStockLedgerQueries() {
  return {
    /**
     * Conditional stock changes of several components with their ledger rows, in one statement
     * (`stockChangeSql`); the lines the guard refused are missing from the answer and wrote nothing.
     * The low-stock flag is cleared where the stock is back at or above minimum.
     */
    async moveStock(
      db: Database,
      organizationId: string,
      type: MovementType,
      lines: StockChangeLine[],
      movement: MovementFacts,
    ): Promise<StockMoved[]> {
      const { items, result } = stockChangeSql('k', organizationId, type, lines, movement);
      const answer = await db.execute<{ moved: unknown }>(
        sql`WITH ${sql.join(items, sql`, `)} SELECT ${result} AS moved`,
      );
      return parseStockMoved(organizationId, type, movement, answer.rows[0]?.moved);
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

    /** Prepared (the ids as one array): every service order prices its parts with it. */
    async findByIds(db: Database, organizationId: string, ids: string[]): Promise<ComponentWithSupplier[]> {
      if (ids.length === 0) return [];
      const rows = await preparedOn(db, 'components_by_ids', (d) =>
        d
          .select(withSupplier)
          .from(components)
          .leftJoin(suppliers, eq(suppliers.id, components.supplierId))
          .where(
            and(
              eq(components.organizationId, sql.placeholder('organizationId')),
              sql`${components.id} = ANY(${sql.placeholder('ids')}::text[])`,
            ),
          )
          .prepare('components_by_ids'),
      ).execute({ organizationId, ids });
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
