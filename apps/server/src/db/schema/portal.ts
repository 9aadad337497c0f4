import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from './customers.js';
import { organizations } from './organizations.js';

/**
 * Customer accounts waiting for their e-mailed link (issue 15 §2): a self-registration (SIGNUP, the
 * password hashed when it was typed) or a staff invitation (INVITATION, for an existing customer; the
 * password is set on acceptance). Contact data is sealed like the customers' (decision 0011); the
 * link's token is stored only as its SHA-256. A row is deleted when its link is used (the consent
 * ledger and the audit keep the evidence) and expired ones are swept, so no copy outlives its purpose.
 */
export const portalSignups = pgTable(
  'portal_signups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').notNull(),
    emailCiphertext: text('email_ciphertext').notNull(),
    /** keyed hash of the lower-case e-mail (rate limits, finding the customer) */
    emailHash: text('email_hash').notNull(),
    name: text('name').notNull(),
    phoneCiphertext: text('phone_ciphertext'),
    documentCiphertext: text('document_ciphertext'),
    /** argon2id, computed at registration (SIGNUP); never set for an invitation */
    passwordHash: text('password_hash'),
    locale: text('locale').notNull(),
    /** INVITATION: the customer invited (SIGNUP links at verification) */
    customerId: uuid('customer_id').references(() => customers.id),
    /** the privacy policy version accepted at registration (null when none was published) */
    policyVersion: integer('policy_version'),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    invitedBy: uuid('invited_by'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('portal_signups_token_uq').on(t.tokenHash),
    index('portal_signups_org_email_idx').on(t.organizationId, t.emailHash),
    index('portal_signups_customer_idx').on(t.customerId),
    index('portal_signups_expires_idx').on(t.expiresAt),
    check('portal_signups_kind_ck', sql`${t.kind} IN ('SIGNUP', 'INVITATION')`),
    check('portal_signups_shape_ck', sql`${t.kind} = 'SIGNUP' OR ${t.customerId} IS NOT NULL`),
  ],
);

/** A customer's LGPD request (art. 18 III and VI): correction or deletion, answered by staff. */
export const dataRequests = pgTable(
  'data_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('OPEN'),
    message: text('message').notNull().default(''),
    answer: text('answer'),
    requestedBy: uuid('requested_by'),
    resolvedBy: uuid('resolved_by'),
    resolvedByName: text('resolved_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    index('data_requests_org_status_idx').on(t.organizationId, t.status, t.createdAt),
    index('data_requests_customer_idx').on(t.organizationId, t.customerId, t.createdAt),
    check('data_requests_kind_ck', sql`${t.kind} IN ('CORRECTION', 'DELETION')`),
    check('data_requests_status_ck', sql`${t.status} IN ('OPEN', 'DONE', 'REJECTED')`),
    check(
      'data_requests_resolved_ck',
      sql`(${t.status} = 'OPEN') = (${t.resolvedAt} IS NULL AND ${t.answer} IS NULL)`,
    ),
  ],
);
