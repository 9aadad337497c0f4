import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { customers } from '../../db/schema/customers.js';

/** Consent state of one purpose (channel) as the report counts it. */
export type ConsentReportState = 'granted' | 'revoked' | 'never';

// a first "no" is never stored (customers.consents.ts): a missing key means the person was never asked
const stateOf = (channel: string) =>
  sql`CASE WHEN ${customers.consents} -> ${channel} IS NULL THEN 'never'
           WHEN (${customers.consents} -> ${channel} ->> 'granted')::boolean THEN 'granted'
           ELSE 'revoked' END`;

const live = (organizationId: string) =>
  and(
    eq(customers.organizationId, organizationId),
    isNull(customers.deletedAt),
    isNull(customers.anonymisedAt),
  );

/** The rows the LGPD tooling (privacy module) needs of customers; every query filters by organization. */
export function createCustomersPrivacyRepo() {
  return {
    /** The customer's row locked for the transaction, deleted ones too (retention reaches them). */
    async lock(db: Database, organizationId: string, id: string) {
      const [row] = await db
        .select({ id: customers.id, name: customers.name, anonymisedAt: customers.anonymisedAt })
        .from(customers)
        .where(and(eq(customers.organizationId, organizationId), eq(customers.id, id)))
        .for('update');
      return row;
    },

    /** Replaces every direct identifier; the search_text trigger rewrites the search text from these. */
    async anonymise(db: Database, organizationId: string, id: string, name: string, at: Date) {
      const [row] = await db
        .update(customers)
        .set({
          name,
          tradeName: null,
          documentType: null,
          documentCiphertext: null,
          documentHash: null,
          documentRootHash: null,
          emailCiphertext: null,
          emailHash: null,
          phoneCiphertext: null,
          phonesCiphertext: null,
          phoneHashes: [],
          addressesCiphertext: null,
          addressPlaces: [],
          notes: null,
          preferences: {},
          birthDate: null,
          consents: {},
          anonymisedAt: at,
          updatedAt: at,
          version: sql`${customers.version} + 1`,
        })
        .where(and(eq(customers.organizationId, organizationId), eq(customers.id, id)))
        .returning({ id: customers.id, name: customers.name, anonymisedAt: customers.anonymisedAt });
      return row;
    },

    /** Per purpose, how many live customers are in each state. */
    async consentCounts(db: Database, organizationId: string, channels: readonly string[]) {
      const columns = channels.flatMap((channel) =>
        (['granted', 'revoked', 'never'] as const).map(
          (state) => sql`count(*) FILTER (WHERE ${stateOf(channel)} = ${state})::int`,
        ),
      );
      const result = await db.execute<Record<string, number>>(
        sql`SELECT ${sql.join(
          columns.map((column, i) => sql`${column} AS ${sql.raw(`c${i}`)}`),
          sql`, `,
        )} FROM ${customers} WHERE ${live(organizationId)}`,
      );
      const row = result.rows[0] ?? {};
      return channels.map((purpose, p) => ({
        purpose,
        granted: Number(row[`c${p * 3}`] ?? 0),
        revoked: Number(row[`c${p * 3 + 1}`] ?? 0),
        never: Number(row[`c${p * 3 + 2}`] ?? 0),
      }));
    },

    /** Live customers and their state for one purpose, by name; `state` filters. */
    async consentList(
      db: Database,
      organizationId: string,
      q: { channel: string; state?: ConsentReportState; limit: number; offset: number },
    ) {
      const state = stateOf(q.channel);
      const where = q.state ? and(live(organizationId), sql`${state} = ${q.state}`) : live(organizationId);
      const [rows, [total]] = await Promise.all([
        db
          .select({
            customerId: customers.id,
            name: customers.name,
            state: sql<ConsentReportState>`${state}`,
            at: sql<string | null>`${customers.consents} -> ${q.channel} ->> 'at'`,
            source: sql<string | null>`${customers.consents} -> ${q.channel} ->> 'source'`,
          })
          .from(customers)
          .where(where)
          .orderBy(customers.name, customers.id)
          .limit(q.limit)
          .offset(q.offset),
        db.select({ n: sql<number>`count(*)::int` }).from(customers).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    /**
     * Customers not yet anonymised (deleted ones included: their data is still here) whose last
     * activity (visit, change, creation) is before `cutoff`, oldest first.
     */
    async inactive(db: Database, organizationId: string, cutoff: Date, limit: number) {
      const lastActivity = sql<Date>`greatest(${customers.createdAt}, ${customers.updatedAt}, coalesce(${customers.lastVisitAt}, ${customers.createdAt}))`;
      const where = and(
        eq(customers.organizationId, organizationId),
        isNull(customers.anonymisedAt),
        sql`${lastActivity} < ${cutoff}`,
      );
      const [rows, [total]] = await Promise.all([
        db
          .select({ id: customers.id, name: customers.name, lastActivityAt: lastActivity })
          .from(customers)
          .where(where)
          .orderBy(lastActivity, customers.id)
          .limit(limit),
        db.select({ n: sql<number>`count(*)::int` }).from(customers).where(where),
      ]);
      return {
        rows: rows.map((r) => ({ ...r, lastActivityAt: new Date(r.lastActivityAt) })),
        total: total?.n ?? 0,
      };
    },
  };
}
export type CustomersPrivacyRepo = ReturnType<typeof createCustomersPrivacyRepo>;
