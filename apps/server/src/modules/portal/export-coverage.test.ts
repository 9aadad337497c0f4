import { DATA_EXPORT_SECTIONS, type DataExportSection } from '@bancada/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers.js';

/**
 * LGPD art. 18 II/V, art. 19 (issue 15 §3: "download all my data", complete): every table that holds
 * a customer's data is either in the export (the section that carries it) or deliberately left out
 * with the reason. The tables are found in the migrated schema, so a new table with a customer_id
 * column, or hanging off one that has it, fails here until someone decides where it goes.
 */
const EXPORTED: Record<string, DataExportSection> = {
  customers: 'customer',
  customer_consents: 'consents',
  assets: 'assets',
  asset_readings: 'readings',
  repairs: 'repairs',
  repair_parts: 'repair_lines',
  repair_services: 'repair_lines',
  repair_appliances: 'repair_lines',
  repair_estimates: 'estimates',
  repair_photos: 'photos',
  invoices: 'invoices',
  invoice_lines: 'invoices',
  payments: 'payments',
  refunds: 'invoices',
  appointments: 'appointments',
  // each appointment's reschedule history, as its `changes`
  appointment_changes: 'appointments',
  conversations: 'conversations',
  conversation_messages: 'conversation_messages',
  outbox_messages: 'sent_messages',
  notification_events: 'notifications',
  feedback: 'feedback',
  tickets: 'tickets',
  // staff-internal notes left out (docs/api.md, "The customer's data export")
  ticket_messages: 'ticket_messages',
  maintenance_plans: 'maintenance_plans',
  maintenance_reminders: 'maintenance_reminders',
  // found by the entity ids of the records above (it has no customer_id column)
  audit_log: 'audit',
};

const NOT_EXPORTED: Record<string, string> = {
  users:
    'the portal login: its name, e-mail and phone are the customer record’s (exported); its password hash and second-factor secrets are credentials, never handed out',
  portal_signups:
    'a pending registration or invitation link (deleted when used, swept when expired); what a used one held is now the customer record and the consent ledger’s privacy-policy acceptance (both exported)',
  data_requests:
    'the customer’s own LGPD requests: shown with status and answer by GET /api/portal/data-requests; privacy may not read the portal module (module map)',
  asset_transfers:
    'an asset moving between two customers names both: the current owner’s assets and readings are exported, the transfer row would disclose the other person',
  pix_charges:
    'a Pix charge is the payment instrument of an exported invoice (its txid and BR Code), no personal data',
  fiscal_documents:
    'the NFS-e of an exported invoice: the shop’s tax record (kept under art. 16), downloadable from the invoice',
  cash_movements:
    'the till’s line for a payment or refund: the shop’s cash record; the payment itself is exported',
  repair_events:
    'the order’s status changes: each is exported as the audit row about the order (repair.status_changed)',
  repair_time_entries: 'the technicians’ time on the order: staff data, not the customer’s',
  purchase_order_lines: 'a supplier purchase for an order’s parts: the shop’s data',
  tools: 'the shop’s tools lent to an order',
  tool_events: 'the shop’s tool loans',
  conversation_reads: 'staff read-markers of a conversation: staff data',
};

/** Not walked through: every staff row points at a user (author, technician), none of it the customer’s. */
const NOT_WALKED = ['users'];

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let client: pg.Client;
let holding: string[];
beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  // the roots: customers and every table with a customer_id column; then each table with a foreign
  // key to a root (one step: an order's lines, an invoice's payments), not through the logins
  const { rows } = await client.query<{ name: string }>(
    `WITH roots AS (
       SELECT 'customers'::text AS name
       UNION
       SELECT table_name::text FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'customer_id'
     ), children AS (
       SELECT c.conrelid::regclass::text AS name
         FROM pg_constraint c JOIN roots r ON c.confrelid::regclass::text = r.name
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND r.name <> ALL($1::text[])
     )
     SELECT name FROM roots UNION SELECT name FROM children ORDER BY 1`,
    [NOT_WALKED],
  );
  holding = rows.map((r) => r.name);
});
afterAll(async () => {
  await client.end();
  await database.drop();
});

describe('the customer data export', () => {
  it('covers every table holding a customer’s data, or names why not', () => {
    const decided = new Set([...Object.keys(EXPORTED), ...Object.keys(NOT_EXPORTED)]);
    const undecided = holding.filter((table) => !decided.has(table));
    expect(undecided, 'add each to EXPORTED (and the export) or to NOT_EXPORTED with the reason').toEqual([]);
  });

  it('lists no table twice and none that no longer exists', async () => {
    const both = Object.keys(EXPORTED).filter((table) => table in NOT_EXPORTED);
    expect(both).toEqual([]);
    const { rows } = await client.query<{ name: string }>(
      `SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    const existing = new Set(rows.map((r) => r.name));
    const stale = [...Object.keys(EXPORTED), ...Object.keys(NOT_EXPORTED)].filter((t) => !existing.has(t));
    expect(stale).toEqual([]);
  });

  it('maps exported tables onto sections of the export format, and every section onto a table', () => {
    for (const section of Object.values(EXPORTED)) expect(DATA_EXPORT_SECTIONS).toContain(section);
    expect(new Set(Object.values(EXPORTED))).toEqual(new Set(DATA_EXPORT_SECTIONS));
  });
});
