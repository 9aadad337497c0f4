import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Request counters shared by every server instance (issue 13 §6b): one row per route, client key
 * (the address) and fixed window. UNLOGGED in the migration. Installation-wide: no organization_id.
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    /** `POST /api/auth/login` */
    route: text('route').notNull(),
    /** the client key (its address) */
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull().default(1),
    /** the window's end: the row is useless after it */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'rate_limit_hits_pk', columns: [t.route, t.key, t.windowStart] }),
    index('rate_limit_hits_expires_idx').on(t.expiresAt),
  ],
);
