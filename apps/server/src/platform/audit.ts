import { createHash } from 'node:crypto';
import type { AuditEntry, AuditQuery, Page } from '@bancada/shared';
import { and, asc, desc, eq, gt, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';
import type { RequestContext } from './context.js';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditChange = {
  organizationId: string;
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** JSON with keys sorted at every level, so the hash does not depend on jsonb's key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

type HashedFields = {
  organizationId: string;
  occurredAt: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
};

export function auditHash(prevHash: string, row: HashedFields): string {
  // only the hashed fields, named one by one: a row read back also carries id and hash
  const payload = canonicalJson({
    prevHash,
    organizationId: row.organizationId,
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    ip: row.ip,
    userAgent: row.userAgent,
  });
  return createHash('sha256').update(payload).digest('hex');
}

const toJson = (value: unknown) => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/** Rows recorded in a transaction of `inTransaction`, waiting to join their chains just before COMMIT. */
const pending = new WeakMap<Database, HashedFields[]>();

/**
 * For `inTransaction`: this transaction's audit rows wait for `flushAudit`, so the chain's lock of
 * the organization is taken at the end and held for the COMMIT only, not through the whole request.
 */
export function deferAudit(db: Database): void {
  pending.set(db, []);
}

/** Appends the transaction's waiting rows to their chains; `inTransaction` calls it right before COMMIT. */
export async function flushAudit(db: Database): Promise<void> {
  const rows = pending.get(db);
  pending.delete(db);
  if (rows?.length) await appendToChains(db, rows);
}

/**
 * The rows go to their organizations' chains in the order they were recorded. The advisory lock
 * serializes writers of one organization until commit, so a chain never forks; organizations are
 * locked in id order, so two transactions writing to the same two chains cannot deadlock.
 */
async function appendToChains(db: Database, rows: HashedFields[]): Promise<void> {
  const organizations = [...new Set(rows.map((r) => r.organizationId))].sort();
  for (const organizationId of organizations) {
    await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${organizationId}`}, 0))`);
    const [last] = await db
      .select({ hash: auditLog.hash })
      .from(auditLog)
      .where(eq(auditLog.organizationId, organizationId))
      .orderBy(desc(auditLog.id))
      .limit(1);
    let prevHash = last?.hash ?? GENESIS_HASH;
    const values = rows
      .filter((r) => r.organizationId === organizationId)
      .map((row) => {
        const hash = auditHash(prevHash, row);
        const value = { ...row, prevHash, hash };
        prevHash = hash;
        return value;
      });
    // one statement; its rows take their ids in this order, the order the chain is walked in
    await db.insert(auditLog).values(values);
  }
}

/**
 * Appends one row to the organization's chain in the caller's transaction: at its COMMIT when the
 * transaction is `inTransaction`'s (see `deferAudit`), at once otherwise.
 */
export async function recordAudit(db: Database, ctx: RequestContext, change: AuditChange): Promise<void> {
  const row: HashedFields = {
    organizationId: change.organizationId,
    occurredAt: new Date(),
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.name ?? null,
    action: change.action,
    entity: change.entity,
    entityId: change.entityId ?? null,
    before: toJson(change.before),
    after: toJson(change.after),
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  };
  const waiting = pending.get(db);
  if (waiting) waiting.push(row);
  else await appendToChains(db, [row]);
}

export type AuditBreak = { organizationId: string; id: number; reason: 'hash_mismatch' | 'broken_link' };
export type AuditVerification = { rowsChecked: number; firstBreak: AuditBreak | null };

/** Walks every organization's chain in order; reports the first altered, inserted or removed row. */
export async function verifyAuditChain(db: Database, batchSize = 1000): Promise<AuditVerification> {
  const orgs = await db.selectDistinct({ id: auditLog.organizationId }).from(auditLog);
  let rowsChecked = 0;
  for (const { id: organizationId } of orgs) {
    let prevHash = GENESIS_HASH;
    let afterId = 0;
    for (;;) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.organizationId, organizationId), gt(auditLog.id, afterId)))
        .orderBy(asc(auditLog.id))
        .limit(batchSize);
      if (rows.length === 0) break;
      for (const row of rows) {
        rowsChecked++;
        if (row.prevHash !== prevHash) {
          return { rowsChecked, firstBreak: { organizationId, id: row.id, reason: 'broken_link' } };
        }
        if (auditHash(row.prevHash, row) !== row.hash) {
          return { rowsChecked, firstBreak: { organizationId, id: row.id, reason: 'hash_mismatch' } };
        }
        prevHash = row.hash;
        afterId = row.id;
      }
    }
  }
  return { rowsChecked, firstBreak: null };
}

export async function listAudit(
  db: Database,
  organizationId: string,
  query: AuditQuery,
): Promise<Page<AuditEntry>> {
  const filters: SQL[] = [eq(auditLog.organizationId, organizationId)];
  if (query.entity) filters.push(eq(auditLog.entity, query.entity));
  if (query.entityId) filters.push(eq(auditLog.entityId, query.entityId));
  if (query.actorId) filters.push(eq(auditLog.actorId, query.actorId));
  if (query.action) filters.push(eq(auditLog.action, query.action));
  if (query.from) filters.push(gte(auditLog.occurredAt, new Date(query.from)));
  if (query.to) {
    // a plain date means the whole day
    const to = query.to.length === 10 ? new Date(`${query.to}T23:59:59.999Z`) : new Date(query.to);
    filters.push(lte(auditLog.occurredAt, to));
  }
  const where = and(...filters);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)` }).from(auditLog).where(where),
  ]);
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      occurredAt: r.occurredAt.toISOString(),
      actorId: r.actorId,
      actorName: r.actorName,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      // recordAudit is given objects (a record's fields) or nothing
      before: (r.before ?? null) as AuditEntry['before'],
      after: (r.after ?? null) as AuditEntry['after'],
      ip: r.ip,
      userAgent: r.userAgent,
    })),
    total: count?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
