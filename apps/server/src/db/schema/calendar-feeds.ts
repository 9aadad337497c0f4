import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.js';

/**
 * Secret iCalendar feed addresses (issue 15 §1), one live per technician (a user) or customer: the
 * token travels in the URL and only its SHA-256 is kept; replacing a feed revokes the old row.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** TECHNICIAN (owner_id is a user) or CUSTOMER (owner_id is a customer) */
    ownerKind: text('owner_kind').notNull(),
    ownerId: uuid('owner_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    check('calendar_feeds_owner_kind_ck', sql`${t.ownerKind} IN ('TECHNICIAN', 'CUSTOMER')`),
    uniqueIndex('calendar_feeds_token_hash_uq').on(t.tokenHash),
    uniqueIndex('calendar_feeds_live_owner_uq')
      .on(t.organizationId, t.ownerKind, t.ownerId)
      .where(sql`${t.revokedAt} IS NULL`),
  ],
);
