import { sql } from 'drizzle-orm';
import {
  boolean,
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

export type ConsentState = { granted: boolean; at: string | null; source: string | null };
/** transactional consent per channel, and marketing (promotions) per channel (issue 14 §6) */
export type ConsentMap = Record<
  'email' | 'sms' | 'whatsapp' | 'marketing_email' | 'marketing_sms' | 'marketing_whatsapp',
  ConsentState
>;
export type AddressPlace = { city: string; state: string };

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').notNull().default('person'),
    name: text('name').notNull(),
    tradeName: text('trade_name'),
    documentType: text('document_type'),
    /** AES-256-GCM of the normalized document (platform/crypto.ts); never stored in clear */
    documentCiphertext: text('document_ciphertext'),
    /** keyed HMAC of the normalized document: lookup and uniqueness */
    documentHash: text('document_hash'),
    /** keyed HMAC of a CNPJ's 8-character root: finds a company across its branches */
    documentRootHash: text('document_root_hash'),
    // Contact data (decision 0011): encrypted like the document, found by keyed hashes only
    /** AES-256-GCM of the e-mail (lower case) */
    emailCiphertext: text('email_ciphertext'),
    /** keyed HMAC of the e-mail, trimmed and lower case: exact lookup */
    emailHash: text('email_hash'),
    /** AES-256-GCM of the main phone (E.164) */
    phoneCiphertext: text('phone_ciphertext'),
    /** AES-256-GCM of the JSON list of further phones ([{ label, number }]) */
    phonesCiphertext: text('phones_ciphertext'),
    /** keyed HMACs of every phone's lookup keys (platform/search-terms.ts `phoneLookupKeys`) */
    phoneHashes: text('phone_hashes').array().notNull().default(sql`'{}'::text[]`),
    /** AES-256-GCM of the JSON list of addresses */
    addressesCiphertext: text('addresses_ciphertext'),
    /** each address's city and state in clear: the list filters by city (`customers?city`) */
    addressPlaces: jsonb('address_places').$type<AddressPlace[]>().notNull().default([]),
    notes: text('notes'),
    preferences: jsonb('preferences').$type<Record<string, string | null>>().notNull().default({}),
    birthDate: date('birth_date'),
    /** current state per channel; the history is customer_consents */
    consents: jsonb('consents').$type<Partial<ConsentMap>>().notNull().default({}),
    /** maintained by a trigger (migrations 0004, 0017): lower(f_unaccent(name, trade name)) */
    searchText: text('search_text').notNull().default(''),
    lastVisitAt: timestamp('last_visit_at', { withTimezone: true }),
    /** LGPD art. 16: identifiers replaced, fiscal records kept (migration 0016) */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('customers_org_document_uq')
      .on(t.organizationId, t.documentHash)
      .where(sql`${t.deletedAt} IS NULL`),
    index('customers_org_root_idx').on(t.organizationId, t.documentRootHash),
    index('customers_org_name_idx').on(t.organizationId, t.name),
    index('customers_org_email_hash_idx').on(t.organizationId, t.emailHash),
    // a keyed hash names one number, so the organization filter after the index lookup reads few rows
    index('customers_phone_hashes_idx').using('gin', t.phoneHashes),
    index('customers_org_created_idx').on(t.organizationId, t.createdAt),
  ],
);

/** LGPD consent ledger: append-only, one row per change of a channel's consent. */
export const customerConsents = pgTable(
  'customer_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    channel: text('channel').notNull(),
    granted: boolean('granted').notNull(),
    source: text('source').notNull(),
    textVersion: text('text_version').notNull(),
    /** the privacy policy version in force when the consent changed (set by a trigger, migration 0016) */
    policyVersion: integer('policy_version'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('customer_consents_customer_idx').on(t.customerId, t.at)],
);
