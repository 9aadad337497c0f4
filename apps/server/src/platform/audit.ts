import { createHash } from 'node:crypto';
import type { AuditEntry, AuditQuery, Page } from '@bancada/shared';
import { and, asc, desc, eq, gt, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.js';
import { auditChainHeads, auditLog } from '../db/schema/index.js';
import { auditDiff } from './audit-diff.js';
import type { RequestContext } from './context.js';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditChange = {
  organizationId: string;
  action: string;
  entity: string;
  entityId?: string | null;
  /** the record as it was (nothing for a create); only what changed is stored */
  before?: unknown;
  /** the record as it became (nothing for a delete), or what the action did */
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

/** The fields of a row its hash covers (a row read back also carries id, prevHash and hash). */
export type AuditContent = {
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

/** A row ready for its chain: its content and the SHA-256 of that content. */
export type PreparedAuditRow = AuditContent & { contentHash: string };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hashed fields, named one by one: a row read back also carries its id and hashes. */
function hashedFields(row: AuditContent) {
  return {
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
  };
}

/** SHA-256 of the row's canonical JSON. */
export function auditContentHash(row: AuditContent): string {
  return sha256(canonicalJson(hashedFields(row)));
}

/**
 * A link of the chain: sha256(prevHash ‖ contentHash), both in hex. The database computes the same
 * (`encode(sha256(convert_to(prev || content, 'UTF8')), 'hex')` in `audit_append`), so the append can
 * be one statement while the content's canonical JSON stays the application's (decision 0006).
 */
export function chainHash(prevHash: string, contentHash: string): string {
  return sha256(prevHash + contentHash);
}

export function auditHash(prevHash: string, row: AuditContent): string {
  return chainHash(prevHash, auditContentHash(row));
}

/** Rows written before migration 0010: sha256 of the canonical JSON of the row with its prevHash. */
export function legacyAuditHash(prevHash: string, row: AuditContent): string {
  return sha256(canonicalJson({ prevHash, ...hashedFields(row) }));
}

/**
 * The row a change becomes: who and when, and what changed (`auditDiff`: changed fields only,
 * personal data masked, secrets left out). Exported for generators that write history directly
 * (bench/repairs.ts); the services call `recordAudit`.
 */
export function prepareAuditRow(
  who: { actorId: string | null; actorName: string | null; ip: string | null; userAgent: string | null },
  change: AuditChange,
  occurredAt: Date = new Date(),
): PreparedAuditRow {
  const { before, after } = auditDiff(change.before, change.after);
  const content: AuditContent = {
    organizationId: change.organizationId,
    occurredAt,
    actorId: who.actorId,
    actorName: who.actorName,
    action: change.action,
    entity: change.entity,
    entityId: change.entityId ?? null,
    before,
    after,
    ip: who.ip,
    userAgent: who.userAgent,
  };
  return { ...content, contentHash: auditContentHash(content) };
}

/** Rows recorded in a transaction of `inTransaction`, waiting to join their chains just before COMMIT. */
const pending = new WeakMap<Database, PreparedAuditRow[]>();

/**
 * For `inTransaction`: this transaction's audit rows wait for `takeAuditAppend`, so the chain head's lock
 * is taken by the last statement and held for the COMMIT only, not through the whole request.
 */
export function deferAudit(db: Database): void {
  pending.set(db, []);
}

/**
 * The transaction's waiting rows as the expression that appends them to their chains
 * (`audit_append`), for `inTransaction` to put in its last statement before COMMIT; null when none.
 */
export function takeAuditAppend(db: Database): SQL | null {
  const rows = pending.get(db);
  pending.delete(db);
  return rows?.length ? auditAppendCall(rows) : null;
}

/**
 * `audit_append` (migration 0010) locks each organization's head row, chains the rows after it in
 * the order they were recorded, inserts them and moves the head, in one call. The head's row lock is
 * what keeps a chain from forking; nothing of the organization is locked before it.
 */
function auditAppendCall(rows: PreparedAuditRow[]): SQL {
  const payload = rows.map((r) => ({
    ...r,
    occurredAt: r.occurredAt.toISOString(),
  }));
  return sql`audit_append(${JSON.stringify(payload)}::jsonb)`;
}

/**
 * Appends one row to the organization's chain in the caller's transaction: at its COMMIT when the
 * transaction is `inTransaction`'s (see `deferAudit`), at once (one autocommitted statement) otherwise.
 */
export async function recordAudit(db: Database, ctx: RequestContext, change: AuditChange): Promise<void> {
  const row = prepareAuditRow(
    {
      actorId: ctx.actor?.userId ?? null,
      actorName: ctx.actor?.name ?? null,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    },
    change,
  );
  const waiting = pending.get(db);
  if (waiting) waiting.push(row);
  else await db.execute(sql`SELECT ${auditAppendCall([row])}`);
}

// ------------------------------------------------------------------ verification

export type AuditChainHead = { organizationId: string; rowCount: number; lastId: number; lastHash: string };

export type AuditBreakReason =
  /** the row's content does not give its hash: it was altered */
  | 'hash_mismatch'
  /** the row does not point at the one before it: a row before it was removed or inserted */
  | 'broken_link'
  /** the chain ends before its head: rows were removed from the end */
  | 'truncated'
  /** rows after the head: added without the append */
  | 'not_in_head'
  /** the head does not name the row the walk reached at its count */
  | 'head_mismatch'
  /** rows but no head */
  | 'missing_head'
  /** the chain does not extend an anchor written earlier (rewritten, or shortened, with its head) */
  | 'anchor_mismatch';

export type AuditBreak = {
  organizationId: string;
  /** the row where the chain breaks (null when the organization has no rows left) */
  id: number | null;
  reason: AuditBreakReason;
  detail: string;
};

export type AuditVerification = {
  rowsChecked: number;
  /** the first break of each broken organization */
  breaks: AuditBreak[];
  firstBreak: AuditBreak | null;
  /** every organization's head as verified (for logs and anchors) */
  heads: AuditChainHead[];
};

type StoredRow = typeof auditLog.$inferSelect;

const rowHashMatches = (row: StoredRow) =>
  row.hash === auditHash(row.prevHash, row) || row.hash === legacyAuditHash(row.prevHash, row);

/** Walks one organization's chain in id order against its head and, if given, an earlier anchor. */
async function walkChain(
  db: Executor,
  organizationId: string,
  head: AuditChainHead | undefined,
  anchor: AuditChainHead | undefined,
  batchSize: number,
): Promise<{ rows: number; broken: AuditBreak | null }> {
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let count = 0;
  const broken = (id: number | null, reason: AuditBreakReason, detail: string) => ({
    rows: count,
    broken: { organizationId, id, reason, detail },
  });
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, organizationId), gt(auditLog.id, lastId)))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      count++;
      if (head && count > head.rowCount) {
        return broken(
          row.id,
          'not_in_head',
          `the row comes after the chain's head (${head.rowCount} rows ending at row ${head.lastId}): it was added without the append`,
        );
      }
      if (row.prevHash !== prevHash) {
        return broken(row.id, 'broken_link', 'a row before it was removed or inserted');
      }
      if (!rowHashMatches(row)) return broken(row.id, 'hash_mismatch', 'the row was altered');
      if (head && count === head.rowCount && (row.id !== head.lastId || row.hash !== head.lastHash)) {
        return broken(
          row.id,
          'head_mismatch',
          `the chain's head names row ${head.lastId} as row number ${head.rowCount}, the chain has row ${row.id} there`,
        );
      }
      if (anchor && count === anchor.rowCount && row.hash !== anchor.lastHash) {
        return broken(
          row.id,
          'anchor_mismatch',
          `row number ${anchor.rowCount} does not have the hash anchored earlier: the chain was rewritten`,
        );
      }
      prevHash = row.hash;
      lastId = row.id;
    }
  }
  const end = lastId ? `row ${lastId} after ${count} rows` : 'no rows';
  if (!head && count > 0) return broken(lastId, 'missing_head', `${count} rows but no chain head`);
  if (head && count < head.rowCount) {
    return broken(
      head.lastId,
      'truncated',
      `the chain ends at ${end}, but its head records ${head.rowCount} rows ending at row ${head.lastId}: rows were removed from the end`,
    );
  }
  if (anchor && count < anchor.rowCount) {
    return broken(
      lastId || null,
      'anchor_mismatch',
      `the chain ends at ${end}, shorter than the ${anchor.rowCount} rows anchored earlier: rows were removed with its head`,
    );
  }
  return { rows: count, broken: null };
}

/**
 * Walks every organization's chain in one snapshot (REPEATABLE READ, so appends running meanwhile are
 * not half seen) and reports, per organization, the first altered, removed or inserted row, a removed
 * tail (the head records more rows than the chain has), rows the head does not cover, and a chain
 * that no longer extends an earlier anchor (`anchors`, from DATA_DIR/audit-anchors).
 */
export async function verifyAuditChain(
  db: Database,
  options: { batchSize?: number; anchors?: AuditChainHead[] } = {},
): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 1000;
  const anchors = new Map((options.anchors ?? []).map((a) => [a.organizationId, a]));
  return db.transaction(
    async (tx) => {
      const heads = new Map(
        (await tx.select().from(auditChainHeads)).map((h) => [h.organizationId, h as AuditChainHead]),
      );
      const { rows: withRows } = await tx.execute<{ organization_id: string }>(
        sql`SELECT DISTINCT organization_id FROM audit_log`,
      );
      const organizations = [
        ...new Set([...heads.keys(), ...withRows.map((r) => r.organization_id), ...anchors.keys()]),
      ].sort();
      let rowsChecked = 0;
      const breaks: AuditBreak[] = [];
      for (const organizationId of organizations) {
        const walked = await walkChain(
          tx,
          organizationId,
          heads.get(organizationId),
          anchors.get(organizationId),
          batchSize,
        );
        rowsChecked += walked.rows;
        if (walked.broken) breaks.push(walked.broken);
      }
      return {
        rowsChecked,
        breaks,
        firstBreak: breaks[0] ?? null,
        heads: [...heads.values()].sort((a, b) => a.organizationId.localeCompare(b.organizationId)),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

// ------------------------------------------------------------------ reading

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
      before: snapshot(r.before),
      after: snapshot(r.after),
      ip: r.ip,
      userAgent: r.userAgent,
    })),
    total: count?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Rows since migration 0010 always hold an object or nothing; older rows may hold a list (a checklist). */
function snapshot(value: unknown): AuditEntry['before'] {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && !Array.isArray(value)) return value as AuditEntry['before'];
  return Array.isArray(value) ? { items: value } : { value };
}
