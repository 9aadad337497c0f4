import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers.js';

/**
 * Citus (ARCHITECTURE §1, growth path; issue 13 §6b) distributes the tenant tables by
 * `organization_id`, and a distributed table's primary key and unique keys must contain that column.
 * This test reads the catalog of the migrated database and holds the list of keys that do not yet
 * contain it; docs/operations.md ("Growth path") copies these lists. A new table or key that breaks
 * the rule fails here until it includes `organization_id` or is added below with its reason.
 */

/** Tables without organization_id: installation-wide, never distributed (Citus reference or local tables). */
const GLOBAL_TABLES: Record<string, string> = {
  organizations: 'the tenants themselves (a reference table; its id is the distribution value)',
  backups: 'one archive holds every organization',
  key_rotations: 'ENCRYPTION_KEY rotation covers the whole installation',
  rate_limit_hits: 'counted per client address before anyone has signed in (UNLOGGED)',
  password_reset_tokens: 'looked up by the token hash from an e-mail link, before the organization is known',
  refresh_tokens: 'looked up by the token hash on refresh, before the organization is known',
};

/**
 * Primary keys on `id` alone (a random UUID): they can include organization_id — the migration before
 * distribution makes each `PRIMARY KEY (organization_id, id)` and the foreign keys that point at them
 * composite; every query already filters by organization_id.
 */
const ID_ONLY_PRIMARY_KEYS = [
  'appointment_changes',
  'appointments',
  'asset_readings',
  'asset_transfers',
  'assets',
  'audit_log',
  'bays',
  'branches',
  'calendar_feeds',
  'campaigns',
  'cash_movements',
  'cash_registers',
  'customer_consents',
  'conversation_messages',
  'conversations',
  'customers',
  'data_requests',
  'faq_articles',
  'feedback',
  'fiscal_documents',
  'invoice_lines',
  'invoices',
  'maintenance_plans',
  'maintenance_reminders',
  'message_templates',
  'notification_events',
  'outbox_messages',
  'payables',
  'payments',
  'pix_charges',
  'portal_signups',
  'privacy_incidents',
  'privacy_policy_versions',
  'privacy_retention_runs',
  'purchase_order_lines',
  'purchase_orders',
  'recovery_codes',
  'refunds',
  'repair_appliances',
  'repair_estimates',
  'repair_events',
  'repair_parts',
  'repair_photos',
  'repair_services',
  'repair_time_entries',
  'repairs',
  'service_catalog',
  'shop_holidays',
  'sessions',
  'sign_in_challenges',
  'stock_movements',
  'suppliers',
  'ticket_messages',
  'tickets',
  'tool_events',
  'tools',
  'user_devices',
  'users',
];

/** Other keys that can include organization_id without changing what they mean (each row's parent is in one organization). */
const KEYS_THAT_CAN_INCLUDE_IT: Record<string, string> = {
  recovery_codes_user_hash_uq: 'a user belongs to one organization',
  repair_estimates_repair_version_uq: 'an order belongs to one organization',
  repair_parts_repair_component_uq: 'an order belongs to one organization',
  repair_time_entries_running_uq: 'a technician belongs to one organization',
  supplier_components_supplier_id_component_id_pk: 'a supplier belongs to one organization',
  user_devices_user_hash_uq: 'a user belongs to one organization',
  outbox_event_channel_uq: 'a notification event belongs to one organization',
};

/** Keys that cannot include organization_id: the lookup they serve happens before the organization is known. */
const KEYS_THAT_CANNOT: Record<string, string> = {
  users_email_uq:
    'sign-in finds the user by e-mail alone, so an e-mail is unique in the installation (per organization would need the shop in the sign-in form, or a global lookup table)',
  invoices_pix_txid_uq:
    "a Pix webhook names only the txid; per organization would need the organization in the webhook's address",
  pix_charges_txid_uq: 'same as invoices_pix_txid_uq',
  sign_in_challenges_hash_uq: 'the second sign-in step (TOTP) finds its challenge by the token hash alone',
  calendar_feeds_token_hash_uq:
    'a calendar app fetching an .ics feed sends only the owner id and the token; the feed is found by its hash before the organization is known',
  portal_signups_token_uq:
    'the e-mailed verification or invitation link carries only the token; the pending account is found by its hash before the organization is known',
};

type Key = { table: string; index: string; primary: boolean; definition: string };

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let client: pg.Client;
let tables: { name: string; tenant: boolean }[];
let offending: Key[];

beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const hasOrganization = `EXISTS (SELECT 1 FROM pg_attribute a
      WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped)`;
  tables = (
    await client.query<{ name: string; tenant: boolean }>(
      `SELECT c.relname AS name, ${hasOrganization} AS tenant
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        ORDER BY 1`,
    )
  ).rows;
  // primary keys, unique constraints and unique indexes (partial and expression ones too) of tenant
  // tables whose columns do not include organization_id
  offending = (
    await client.query<Key>(
      `SELECT c.relname AS table, i.relname AS index, x.indisprimary AS primary,
              pg_get_indexdef(x.indexrelid) AS definition
         FROM pg_index x
         JOIN pg_class c ON c.oid = x.indrelid
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND x.indisunique AND ${hasOrganization}
          AND NOT EXISTS (SELECT 1 FROM pg_attribute a
                WHERE a.attrelid = c.oid AND a.attname = 'organization_id'
                  AND a.attnum = ANY (x.indkey::int2[]))
        ORDER BY 1, 2`,
    )
  ).rows;
});
afterAll(async () => {
  await client.end();
  await database.drop();
});

describe('tenant keys, for distributing by organization_id (Citus)', () => {
  it('knows every table: a tenant table has organization_id, any other is declared global with its reason', () => {
    const global = tables.filter((t) => !t.tenant).map((t) => t.name);
    expect(global.sort()).toEqual(Object.keys(GLOBAL_TABLES).sort());
    expect(tables.filter((t) => t.tenant).length).toBeGreaterThan(40);
  });

  it('every primary key of a tenant table includes organization_id, or is on id alone and listed', () => {
    const primaries = offending.filter((k) => k.primary);
    for (const key of primaries) {
      const onIdAlone = key.definition.endsWith('USING btree (id)');
      const listed =
        (onIdAlone && ID_ONLY_PRIMARY_KEYS.includes(key.table)) || key.index in KEYS_THAT_CAN_INCLUDE_IT;
      expect(listed, `${key.table}: ${key.definition}`).toBe(true);
    }
    // the list holds no table that has since been fixed
    expect(primaries.filter((k) => k.definition.endsWith('USING btree (id)')).map((k) => k.table)).toEqual(
      [...ID_ONLY_PRIMARY_KEYS].sort(),
    );
  });

  it('every unique key of a tenant table includes organization_id, or is listed with its reason', () => {
    const unique = offending.filter((k) => !k.primary).map((k) => k.index);
    const listed = [...Object.keys(KEYS_THAT_CAN_INCLUDE_IT), ...Object.keys(KEYS_THAT_CANNOT)];
    const nonPrimaryListed = listed.filter((index) => !offending.some((k) => k.primary && k.index === index));
    expect(unique.sort()).toEqual(nonPrimaryListed.sort());
  });
});
