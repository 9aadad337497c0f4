import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations.js';

/** Per organization: how long personal data is kept before the daily job removes it (issue 13 §6). */
export const privacySettings = pgTable(
  'privacy_settings',
  {
    organizationId: uuid('organization_id')
      .primaryKey()
      .references(() => organizations.id),
    /** anonymise customers with no activity for this many years; null: never */
    anonymiseInactiveAfterYears: integer('anonymise_inactive_after_years'),
    /** delete service-order photos this many years after they were taken; null: never */
    purgePhotosAfterYears: integer('purge_photos_after_years'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check(
      'privacy_settings_years_ck',
      sql`coalesce(${t.anonymiseInactiveAfterYears}, 1) BETWEEN 1 AND 30 AND coalesce(${t.purgePhotosAfterYears}, 1) BETWEEN 1 AND 30`,
    ),
  ],
);

/** Each application of the retention settings (the daily job or an administrator's "run now"). */
export const privacyRetentionRuns = pgTable(
  'privacy_retention_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    trigger: text('trigger').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    customersAnonymised: integer('customers_anonymised').notNull().default(0),
    customersSkipped: integer('customers_skipped').notNull().default(0),
    photosPurged: integer('photos_purged').notNull().default(0),
    error: text('error'),
  },
  (t) => [index('privacy_retention_runs_org_idx').on(t.organizationId, t.startedAt)],
);

/** The register of security incidents involving personal data (Res. CD/ANPD 15/2024): kept 5 years. */
export const privacyIncidents = pgTable(
  'privacy_incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    discoveredAt: timestamp('discovered_at', { withTimezone: true }).notNull(),
    dataCategories: jsonb('data_categories').$type<string[]>().notNull().default([]),
    peopleAffected: integer('people_affected'),
    peopleNotifiedAt: timestamp('people_notified_at', { withTimezone: true }),
    anpdNotifiedAt: timestamp('anpd_notified_at', { withTimezone: true }),
    measures: text('measures').notNull().default(''),
    status: text('status').notNull().default('open'),
    /** 3 working days after discovery, in the shop's calendar (weekends and national holidays skipped) */
    anpdDeadline: date('anpd_deadline').notNull(),
    /** a trigger refuses DELETE before this date */
    keepUntil: date('keep_until').notNull(),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('privacy_incidents_org_number_uq').on(t.organizationId, t.number),
    index('privacy_incidents_org_discovered_idx').on(t.organizationId, t.discoveredAt),
    check('privacy_incidents_status_ck', sql`${t.status} IN ('open', 'contained', 'closed')`),
  ],
);

/** The privacy policy: every save is a new version; old versions stay readable. */
export const privacyPolicyVersions = pgTable(
  'privacy_policy_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id'),
    authorName: text('author_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('privacy_policy_versions_org_version_uq').on(t.organizationId, t.version)],
);
