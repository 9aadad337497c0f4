import { createHash } from 'node:crypto';
import { and, desc, eq, gte, inArray, lte, or, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { repairAppliances, repairEvents, repairs } from '../../../db/schema/repairs.js';
import {
  afterCursor,
  cappedCount,
  cappedCountSql,
  orderByKeys,
  readCappedCount,
  type SortKey,
} from '../../../platform/keyset.js';
import { preparedOn } from '../../../platform/prepared.js';
import { likeEscape } from '../../../platform/search-terms.js';
import { insertWithLines } from './new-order.repo.js';

export type RepairRow = typeof repairs.$inferSelect;
export type RepairInsert = typeof repairs.$inferInsert;
/** The columns a list row shows (not the checklist, notes or intake details the page holds). */
export type ListRow = Pick<
  RepairRow,
  | 'id'
  | 'number'
  | 'customerId'
  | 'assetId'
  | 'status'
  | 'serviceType'
  | 'priority'
  | 'technicianId'
  | 'totalCents'
  | 'receivedAt'
  | 'deadline'
  | 'serviceDescription'
  | 'warrantyOfRepairId'
  | 'updatedAt'
  | 'version'
>;

export type ChecklistEntry = RepairRow['checklist'][number];
export type EventRow = typeof repairEvents.$inferSelect;
export type EventInsert = typeof repairEvents.$inferInsert;

// drizzle's exists() wraps only query builders; raw subqueries need their own parentheses
const existsSql = (query: SQL): SQL => sql`EXISTS (${query})`;

/** An order matches an asset when it is the order's asset or one of its appliances. */
export function assetMatch(assetId: string | Placeholder): SQL {
  return or(
    eq(repairs.assetId, assetId),
    existsSql(
      sql`SELECT 1 FROM ${repairAppliances} WHERE ${repairAppliances.repairId} = ${repairs.id} AND ${repairAppliances.assetId} = ${assetId}`,
    ),
  )!;
}

export type RepairListFilter = {
  statuses?: string[] | undefined;
  customerId?: string | undefined;
  assetId?: string | undefined;
  technicianId?: string | undefined;
  serviceType?: string | undefined;
  priority?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  open?: boolean | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  /** for `q`: customers and assets it matches (their own indexed search), found first */
  matches?: { customerIds: string[]; assetIds: string[]; repairIds: string[] } | undefined;
  sort: string;
  page: number;
  pageSize: number;
  now: Date;
};

const OPEN = sql`${repairs.status} NOT IN ('FINALIZADO','ENTREGUE','CANCELADO')`;

/**
 * How a value enters a list query: as itself, or (for a prepared list) as a named placeholder filled
 * at each execution. Order statuses are enum values checked by the route's schema; a prepared list
 * writes them into its text, so PostgreSQL plans each board column for its own status.
 */
type Bind = { value: <T>(name: string, value: T) => T | Placeholder; literalStatuses: boolean };
const DIRECT: Bind = { value: (_name, value) => value, literalStatuses: false };

function statusIn(statuses: string[], bind: Bind): SQL {
  if (!bind.literalStatuses) return inArray(repairs.status, statuses);
  if (!statuses.every((s) => /^[A-Z_]+$/.test(s))) throw new Error('a status is not an enum value');
  return sql`${repairs.status} IN (${sql.raw(statuses.map((s) => `'${s}'`).join(', '))})`;
}

function listConditions(organizationId: string, f: RepairListFilter, bind: Bind = DIRECT): SQL[] {
  const v = bind.value;
  const c: SQL[] = [eq(repairs.organizationId, v('organizationId', organizationId))];
  if (f.statuses?.length) c.push(statusIn(f.statuses, bind));
  if (f.customerId) c.push(eq(repairs.customerId, v('customerId', f.customerId)));
  if (f.assetId) c.push(assetMatch(v('assetId', f.assetId)));
  if (f.technicianId) c.push(eq(repairs.technicianId, v('technicianId', f.technicianId)));
  if (f.serviceType) c.push(eq(repairs.serviceType, v('serviceType', f.serviceType)));
  if (f.priority) c.push(eq(repairs.priority, v('priority', f.priority)));
  if (f.from) c.push(gte(repairs.receivedAt, v('from', f.from)));
  if (f.to) c.push(lte(repairs.receivedAt, v('to', f.to)));
  if (f.open === true) c.push(OPEN);
  if (f.open === false) c.push(sql`NOT (${OPEN})`);
  if (f.overdue) c.push(and(OPEN, sql`${repairs.deadline} < ${v('now', f.now)}`)!);
  if (f.q) {
    const digits = f.q.replace(/^#/, '');
    const arms: SQL[] = [
      sql`lower(f_unaccent(${repairs.serviceDescription})) LIKE lower(f_unaccent(${`%${likeEscape(f.q)}%`}))`,
    ];
    if (/^\d{1,9}$/.test(digits)) arms.push(eq(repairs.number, Number(digits)));
    const m = f.matches;
    if (m?.customerIds.length) arms.push(inArray(repairs.customerId, m.customerIds));
    if (m?.assetIds.length) arms.push(inArray(repairs.assetId, m.assetIds));
    if (m?.repairIds.length) arms.push(inArray(repairs.id, m.repairIds));
    c.push(or(...arms)!);
  }
  return c;
}

/**
 * The shape of a list request without a text search: which filters it has (not their values), the
 * statuses and the sort. Requests of one shape share a prepared statement (issue 11: building the
 * query cost more Node CPU than PostgreSQL spent running it).
 */
function listShape(f: RepairListFilter & { cursorId?: string | undefined }): string | null {
  if (f.q) return null;
  return JSON.stringify([
    [...(f.statuses ?? [])].sort(),
    Boolean(f.customerId),
    Boolean(f.assetId),
    Boolean(f.technicianId),
    Boolean(f.serviceType),
    Boolean(f.priority),
    Boolean(f.from),
    Boolean(f.to),
    f.open ?? null,
    Boolean(f.overdue),
    f.sort,
    Boolean(f.cursorId),
  ]);
}

const PRIORITY_RANK = (t: SQL) =>
  sql`CASE ${t}.priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'NORMAL' THEN 2 ELSE 3 END`;
const column = (name: string) => (t: SQL) => sql`${t}.${sql.identifier(name)}`;
const NUMBER_DESC: SortKey = { expr: column('number'), desc: true };

/** Each sort as keys over a table alias; the order number last, so every row has its own place. */
function sortKeys(sort: string): SortKey[] {
  switch (sort) {
    case 'receivedAt':
      return [{ expr: column('received_at') }, { expr: column('number') }];
    case '-number':
      return [NUMBER_DESC];
    case 'deadline':
      return [{ expr: column('deadline'), nullable: true }, NUMBER_DESC];
    case '-updatedAt':
      return [{ expr: column('updated_at'), desc: true }, NUMBER_DESC];
    case 'priority':
      return [{ expr: PRIORITY_RANK }, { expr: column('deadline'), nullable: true }, NUMBER_DESC];
    default:
      return [{ expr: column('received_at'), desc: true }, NUMBER_DESC];
  }
}

const LIST = sql`${repairs}`;
const CURSOR_ROW = sql.raw('c');

/** The number of the order an order is a warranty return of, read with it. */
const WARRANTY_NUMBER = sql<
  number | null
>`(SELECT w.number FROM ${repairs} w WHERE w.id = ${repairs}.warranty_of_repair_id)`;
type WithExtras<E, R = RepairRow> = { row: R; warrantyOfNumber: number | null } & { [K in keyof E]: unknown };

/** What a list row shows: the order's own columns without its checklist, notes and intake details. */
const LIST_COLUMNS = {
  id: repairs.id,
  number: repairs.number,
  customerId: repairs.customerId,
  assetId: repairs.assetId,
  status: repairs.status,
  serviceType: repairs.serviceType,
  priority: repairs.priority,
  technicianId: repairs.technicianId,
  totalCents: repairs.totalCents,
  receivedAt: repairs.receivedAt,
  deadline: repairs.deadline,
  serviceDescription: repairs.serviceDescription,
  warrantyOfRepairId: repairs.warrantyOfRepairId,
  updatedAt: repairs.updatedAt,
  version: repairs.version,
} satisfies Record<keyof ListRow, unknown>;

const byId = (db: Database, organizationId: string, id: string) =>
  db
    .select()
    .from(repairs)
    .where(and(eq(repairs.organizationId, organizationId), eq(repairs.id, id)));

/**
 * One page of orders (their own columns only: names and assets come from their modules): after
 * `cursorId`'s row (keyset) or at `page` (OFFSET, for a numbered page), with a capped count.
 * One more row than the page is read, to know whether a next page exists.
 */
async function listPage<E extends Record<string, SQL>>(
  db: Database,
  organizationId: string,
  filter: RepairListFilter & { cursorId?: string | undefined },
  extras: (repairId: SQL) => E,
) {
  const shape = listShape(filter);
  const offset = filter.cursorId ? 0 : (filter.page - 1) * filter.pageSize;
  const values: Record<string, unknown> = {};
  // a request of a known shape runs its prepared statement; a text search is built each time
  const bind: Bind = shape
    ? {
        value: (name, value) => {
          values[name] = value;
          return sql.placeholder(name);
        },
        literalStatuses: true,
      }
    : DIRECT;
  const build = () => {
    const conditions = listConditions(organizationId, filter, bind);
    const keys = sortKeys(filter.sort);
    const filtered = and(...conditions);
    if (filter.cursorId) {
      const cursorRow = sql`${repairs} c WHERE c.id = ${bind.value('cursorId', filter.cursorId)} AND c.organization_id = ${bind.value('organizationId', organizationId)}`;
      conditions.push(afterCursor(keys, LIST, (k) => sql`(SELECT ${k.expr(CURSOR_ROW)} FROM ${cursorRow})`));
    }
    return db
      .select({
        row: LIST_COLUMNS,
        warrantyOfNumber: WARRANTY_NUMBER,
        // the capped count rides on the page (one statement); computed once, not per row
        matched: cappedCountSql(sql`FROM ${repairs} WHERE ${filtered}`),
        ...extras(sql`${repairs}.id`),
      })
      .from(repairs)
      .where(and(...conditions))
      .orderBy(...orderByKeys(keys, LIST))
      .limit(bind.value('limit', filter.pageSize + 1))
      .offset(bind.value('offset', offset));
  };
  let found: Awaited<ReturnType<ReturnType<typeof build>['execute']>>;
  if (shape) {
    const name = `repairs_list_${createHash('sha1').update(shape).digest('hex').slice(0, 16)}`;
    const statement = preparedOn(db, name, () => build().prepare(name));
    // the values of this request (the statement built on an earlier one holds only placeholders)
    listConditions(organizationId, filter, bind);
    if (filter.cursorId) bind.value('cursorId', filter.cursorId);
    bind.value('limit', filter.pageSize + 1);
    bind.value('offset', offset);
    found = await statement.execute(values);
  } else {
    found = await build();
  }
  // an empty first page counts nothing; an empty later page asks on its own
  const count = found[0]
    ? readCappedCount(found[0].matched)
    : filter.cursorId || filter.page > 1
      ? await cappedCount(db, sql`FROM ${repairs} WHERE ${and(...listConditions(organizationId, filter))}`)
      : { total: 0, capped: false };
  const more = found.length > filter.pageSize;
  if (more) found.pop();
  const rows = found.map((f) => {
    const {
      row,
      warrantyOfNumber,
      matched: _matched,
      ...rest
    } = f as unknown as WithExtras<E, ListRow> & {
      matched: unknown;
    };
    return { row, warrantyOfNumber, extras: rest as unknown as { [K in keyof E]: unknown } };
  });
  return { rows, ...count, more };
}

/** Service orders (the repairs table) and their timeline (repair_events). */
export function createRepairsRepo() {
  return {
    /** A new order with its lines and its first event, in one statement (new-order.repo.ts). */
    insertWithLines,
    /**
     * The order and, in the same statement, the columns `extras` computes from it (its lines, its
     * latest estimate, its time: subqueries over `repairs.id`), plus its warranty order's number.
     */
    async findWith<E extends Record<string, SQL>>(
      db: Database,
      organizationId: string,
      id: string,
      extras: (repairId: SQL) => E,
    ): Promise<
      { row: RepairRow; extras: { [K in keyof E]: unknown }; warrantyOfNumber: number | null } | undefined
    > {
      const [found] = await db
        .select({ row: repairs, warrantyOfNumber: WARRANTY_NUMBER, ...extras(sql`${repairs}.id`) })
        .from(repairs)
        .where(and(eq(repairs.organizationId, organizationId), eq(repairs.id, id)));
      if (!found) return undefined;
      const { row, warrantyOfNumber, ...rest } = found as unknown as WithExtras<E>;
      return { row, warrantyOfNumber, extras: rest as unknown as { [K in keyof E]: unknown } };
    },
    /**
     * `findWith` as a named prepared statement on the pool: built once per process and planned once
     * per connection (the read every order page makes). `extras` may use `sql.placeholder(name)` for
     * values given to the returned function beside `organizationId` and `id`.
     */
    prepareFindWith<E extends Record<string, SQL>>(db: Database, name: string, extras: (repairId: SQL) => E) {
      const query = db
        .select({ row: repairs, warrantyOfNumber: WARRANTY_NUMBER, ...extras(sql`${repairs}.id`) })
        .from(repairs)
        .where(
          and(
            eq(repairs.organizationId, sql.placeholder('organizationId')),
            eq(repairs.id, sql.placeholder('id')),
          ),
        )
        .prepare(name);
      return async (params: { organizationId: string; id: string } & Record<string, unknown>) => {
        const [found] = await query.execute(params);
        if (!found) return undefined;
        const { row, warrantyOfNumber, ...rest } = found as unknown as WithExtras<E>;
        return { row, warrantyOfNumber, extras: rest as unknown as { [K in keyof E]: unknown } };
      };
    },
    async findById(db: Database, organizationId: string, id: string): Promise<RepairRow | undefined> {
      const [row] = await byId(db, organizationId, id);
      return row;
    },
    /**
     * The one lock every change to an order takes. FOR UPDATE even for changes that only read the
     * row (timers): one strength everywhere means no share→update upgrade can ever deadlock.
     */
    async lock(db: Database, organizationId: string, id: string): Promise<RepairRow | undefined> {
      const [row] = await byId(db, organizationId, id).for('update');
      return row;
    },
    /** Writes and bumps the version; callers hold the row lock. */
    async update(
      db: Database,
      organizationId: string,
      id: string,
      values: Partial<RepairInsert>,
    ): Promise<RepairRow> {
      const [row] = await db
        .update(repairs)
        .set({ ...values, updatedAt: new Date(), version: sql`${repairs.version} + 1` })
        .where(and(eq(repairs.organizationId, organizationId), eq(repairs.id, id)))
        .returning();
      return row!;
    },
    /**
     * One page of orders (their own columns only: names and assets come from their modules): after
     * `cursorId`'s row (keyset) or at `page` (OFFSET, for a numbered page), with a capped count.
     * One more row than the page is read, to know whether a next page exists.
     */
    list: listPage,

    async insertEvent(db: Database, values: EventInsert): Promise<EventRow> {
      const [row] = await db.insert(repairEvents).values(values).returning();
      return row!;
    },
    async events(db: Database, organizationId: string, repairId: string): Promise<EventRow[]> {
      return db
        .select()
        .from(repairEvents)
        .where(and(eq(repairEvents.organizationId, organizationId), eq(repairEvents.repairId, repairId)))
        .orderBy(desc(repairEvents.seq));
    },
  };
}
export type RepairsRepo = ReturnType<typeof createRepairsRepo>;
