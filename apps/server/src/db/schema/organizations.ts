import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  document: text('document'),
  address: jsonb('address').$type<Record<string, string>>().notNull().default({}),
  currency: text('currency').notNull().default('BRL'),
  locale: text('locale').notNull().default('pt-BR'),
  vertical: text('vertical').notNull().default('mixed'),
  /** the address customers open links at (estimate links); null: the PUBLIC_URL configuration */
  publicUrl: text('public_url'),
  /** IANA zone of the shop's wall clock: documents, screens, working hours */
  timeZone: text('time_zone').notNull().default('America/Sao_Paulo'),
  /** per-organization adjustments of the permission matrix: permission → roles */
  permissionGrants: jsonb('permission_grants').$type<Record<string, string[]>>().notNull().default({}),
  isDefault: boolean('is_default').notNull().default(false),
  /** the shop's Pix key (normalized for its type: CPF, CNPJ, PHONE, EMAIL, RANDOM) for static BR Codes */
  pixKey: text('pix_key'),
  pixKeyType: text('pix_key_type'),
  /** days from issue to an invoice's due date, and the payment terms printed on invoices and estimates */
  invoiceDueDays: integer('invoice_due_days').notNull().default(0),
  paymentTerms: text('payment_terms'),
  /** delivering an order whose invoice has a balance: WARN (asks to confirm) or BLOCK */
  deliveryBalancePolicy: text('delivery_balance_policy').notNull().default('WARN'),
  /** roles whose users must sign in with a second factor (issue 13 §4) */
  twoFactorRoles: text('two_factor_roles').array().notNull().default(sql`'{}'::text[]`),
  /** automatic messages to customers wait outside these hours, on the shop's clock (issue 14 §1) */
  quietStart: text('quiet_start').notNull().default('20:00'),
  quietEnd: text('quiet_end').notNull().default('08:00'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const branches = pgTable(
  'branches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('branches_org_name_uq').on(t.organizationId, t.name),
    uniqueIndex('branches_org_default_uq').on(t.organizationId).where(sql`${t.isDefault}`),
    index('branches_org_idx').on(t.organizationId),
  ],
);
