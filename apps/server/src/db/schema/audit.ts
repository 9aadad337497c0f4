import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.js';

/**
 * Append-only, hash-chained per organization (a trigger refuses UPDATE and DELETE). `before` and
 * `after` hold what a change changed (platform/audit.ts), with personal data masked. Rows are added
 * only by the `audit_append` function (migration 0010, decision 0006), which also moves the
 * organization's `audit_chain_heads` row.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_org_id_idx').on(t.organizationId, t.id),
    index('audit_org_entity_idx').on(t.organizationId, t.entity, t.entityId),
    index('audit_org_actor_idx').on(t.organizationId, t.actorId),
  ],
);

/**
 * The end of each organization's chain: how many rows it has, the last one's id and hash. The append
 * updates it in the statement that adds the rows, so a removed tail (which leaves a valid shorter
 * chain) no longer matches it. Its row lock is what serializes one organization's appends, for the
 * last statement of a transaction only (decision 0006). A trigger lets it only move forward.
 */
export const auditChainHeads = pgTable('audit_chain_heads', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id),
  rowCount: bigint('row_count', { mode: 'number' }).notNull(),
  lastId: bigint('last_id', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});
