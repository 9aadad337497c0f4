import { integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.js';

/**
 * The last number handed out per organization and kind of document ('repair' today; invoices and
 * purchase orders may follow). Advanced only by `takeNumber` (platform/numbers.ts): one
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` per number, see docs/decisions/0005.
 */
export const numberCounters = pgTable(
  'number_counters',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ name: 'number_counters_pk', columns: [t.organizationId, t.kind] })],
);
