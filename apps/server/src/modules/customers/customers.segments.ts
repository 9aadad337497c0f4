import { type SQL, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Database } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import type { Cipher } from '../../platform/crypto.js';
import { inTransaction } from '../../platform/tx.js';
import { applyConsents } from './customers.consents.js';
import type { ConsentMap, CustomersRepo } from './customers.repo.js';

/**
 * Campaign audiences and the unsubscribe link (issue 14 §6), for the communication module through
 * customers.service: a segment of customers by their assets, last visit and city, each with the
 * channels they may receive promotions on. Marketing needs its own consent per channel; WhatsApp and
 * SMS also need the channel's consent (WhatsApp's opt-in policy covers every business message).
 */

export type MarketingChannel = 'email' | 'whatsapp' | 'sms';

export type AudienceFilter = {
  assetKinds: string[];
  brands: string[];
  models: string[];
  /** YYYY-MM-DD, inclusive */
  lastVisitBefore?: string | null | undefined;
  lastVisitAfter?: string | null | undefined;
  cities: string[];
  /** only these customers (a service done, found by the repairs module); null: no such condition */
  customerIds: string[] | null;
};

export type AudienceMember = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  locale: string | null;
  /** the channels this customer may receive a promotion on, with an address for each */
  channels: MarketingChannel[];
};

export type AudienceCounts = {
  segmentSize: number;
  /** customers reached on at least one of the channels asked */
  reached: number;
  perChannel: Record<MarketingChannel, number>;
};

/** A customer as the unsubscribe link names them, in any organization (the signed token is the key). */
export type MarketingSubject = {
  id: string;
  organizationId: string;
  locale: string | null;
  consents: Partial<ConsentMap>;
};

const granted = (key: string) => sql`coalesce((c.consents -> ${key} ->> 'granted')::boolean, false)`;
const ELIGIBLE: Record<MarketingChannel, SQL> = {
  email: sql`(c.email_ciphertext IS NOT NULL AND ${granted('marketing_email')})`,
  whatsapp: sql`(c.phone_ciphertext IS NOT NULL AND ${granted('whatsapp')} AND ${granted('marketing_whatsapp')})`,
  sms: sql`(c.phone_ciphertext IS NOT NULL AND ${granted('sms')} AND ${granted('marketing_sms')})`,
};

const anyOf = (channels: MarketingChannel[]) =>
  sql.join(
    channels.map((ch) => ELIGIBLE[ch]),
    sql` OR `,
  );

const lower = (values: string[]) => values.map((v) => v.toLowerCase());
/** One array parameter (a bare array would be spread into a list of parameters). */
const array = (values: string[]) => sql.param(values);

function segmentWhere(organizationId: string, f: AudienceFilter): SQL {
  const conditions: SQL[] = [
    sql`c.organization_id = ${organizationId}`,
    sql`c.deleted_at IS NULL`,
    sql`c.anonymised_at IS NULL`,
  ];
  if (f.assetKinds.length > 0 || f.brands.length > 0 || f.models.length > 0) {
    const asset: SQL[] = [
      sql`a.organization_id = c.organization_id`,
      sql`a.customer_id = c.id`,
      sql`a.deleted_at IS NULL`,
    ];
    if (f.assetKinds.length > 0) asset.push(sql`a.kind = ANY(${array(f.assetKinds)}::text[])`);
    if (f.brands.length > 0) asset.push(sql`lower(a.brand) = ANY(${array(lower(f.brands))}::text[])`);
    if (f.models.length > 0) asset.push(sql`lower(a.model) = ANY(${array(lower(f.models))}::text[])`);
    conditions.push(sql`EXISTS (SELECT 1 FROM assets a WHERE ${sql.join(asset, sql` AND `)})`);
  }
  if (f.lastVisitBefore) conditions.push(sql`c.last_visit_at < (${f.lastVisitBefore}::date + 1)`);
  if (f.lastVisitAfter) conditions.push(sql`c.last_visit_at >= ${f.lastVisitAfter}::date`);
  if (f.cities.length > 0) {
    conditions.push(sql`EXISTS (
      SELECT 1 FROM jsonb_array_elements(c.address_places) p, unnest(${array(f.cities)}::text[]) wanted
      WHERE lower(f_unaccent(p ->> 'city')) = lower(f_unaccent(wanted)))`);
  }
  if (f.customerIds) conditions.push(sql`c.id = ANY(${array(f.customerIds)}::uuid[])`);
  return sql.join(conditions, sql` AND `);
}

type AudienceRow = {
  id: string;
  name: string;
  email_ciphertext: string | null;
  phone_ciphertext: string | null;
  locale: string | null;
  email_ok: boolean;
  whatsapp_ok: boolean;
  sms_ok: boolean;
};

export function createCustomerSegments(deps: {
  db: Database;
  pool: pg.Pool;
  repo: CustomersRepo;
  cipher: Cipher;
}) {
  const { db, pool, repo, cipher } = deps;

  async function findSubject(executor: Database, id: string, forUpdate: boolean) {
    const result = await executor.execute<{
      id: string;
      organization_id: string;
      locale: string | null;
      consents: Partial<ConsentMap>;
    }>(sql`SELECT id, organization_id, preferences ->> 'locale' AS locale, consents
           FROM customers WHERE id = ${id} AND deleted_at IS NULL AND anonymised_at IS NULL
           ${forUpdate ? sql`FOR UPDATE` : sql``}`);
    const row = result.rows[0];
    if (!row) return undefined;
    return { id: row.id, organizationId: row.organization_id, locale: row.locale, consents: row.consents };
  }

  return {
    /** How many customers a segment holds, how many each channel would reach, and how many any of `channels`. */
    async campaignAudienceCounts(
      executor: Database,
      organizationId: string,
      filter: AudienceFilter,
      channels: MarketingChannel[],
    ): Promise<AudienceCounts> {
      const reached = channels.length > 0 ? anyOf(channels) : sql`false`;
      const result = await executor.execute<Record<string, string>>(sql`
        SELECT count(*) AS segment,
               count(*) FILTER (WHERE ${reached}) AS reached,
               count(*) FILTER (WHERE ${ELIGIBLE.email}) AS email,
               count(*) FILTER (WHERE ${ELIGIBLE.whatsapp}) AS whatsapp,
               count(*) FILTER (WHERE ${ELIGIBLE.sms}) AS sms
        FROM customers c WHERE ${segmentWhere(organizationId, filter)}`);
      const row = result.rows[0] ?? {};
      return {
        segmentSize: Number(row.segment ?? 0),
        reached: Number(row.reached ?? 0),
        perChannel: {
          email: Number(row.email ?? 0),
          whatsapp: Number(row.whatsapp ?? 0),
          sms: Number(row.sms ?? 0),
        },
      };
    },

    /** The segment's customers who may receive a promotion on one of `channels`, with their addresses. */
    async campaignAudience(
      executor: Database,
      organizationId: string,
      filter: AudienceFilter,
      channels: MarketingChannel[],
    ): Promise<AudienceMember[]> {
      if (channels.length === 0) return [];
      const result = await executor.execute<AudienceRow>(sql`
        SELECT c.id, c.name, c.email_ciphertext, c.phone_ciphertext, c.preferences ->> 'locale' AS locale,
               ${ELIGIBLE.email} AS email_ok, ${ELIGIBLE.whatsapp} AS whatsapp_ok, ${ELIGIBLE.sms} AS sms_ok
        FROM customers c WHERE ${segmentWhere(organizationId, filter)} AND (${anyOf(channels)})
        ORDER BY c.id`);
      return result.rows.map((row) => {
        const ok: Record<MarketingChannel, boolean> = {
          email: row.email_ok,
          whatsapp: row.whatsapp_ok,
          sms: row.sms_ok,
        };
        return {
          id: row.id,
          name: row.name,
          email: row.email_ciphertext ? cipher.decrypt(row.email_ciphertext) : null,
          phone: row.phone_ciphertext ? cipher.decrypt(row.phone_ciphertext) : null,
          locale: row.locale,
          channels: channels.filter((ch) => ok[ch]),
        };
      });
    },

    /** The customer an unsubscribe link names, in whichever organization (the token is the key). */
    marketingSubject(id: string): Promise<MarketingSubject | undefined> {
      return findSubject(db, id, false);
    },

    /**
     * The unsubscribe link: marketing on the channel revoked at once, with its ledger row (source
     * `unsubscribe-link`, the request's address and browser as evidence). Revoking twice writes once.
     */
    async revokeMarketing(
      ctx: RequestContext,
      id: string,
      channel: MarketingChannel,
    ): Promise<MarketingSubject | undefined> {
      return inTransaction(pool, async ({ db: tx }) => {
        const subject = await findSubject(tx, id, true);
        if (!subject) return undefined;
        const { state, changes } = applyConsents(ctx, subject.organizationId, subject.consents, {
          [`marketing_${channel}`]: false,
          source: 'unsubscribe-link',
        });
        // already revoked (or never granted: a first "no" is no change, customers.consents.ts)
        if (changes.length === 0) return subject;
        await tx.execute(sql`UPDATE customers SET consents = ${JSON.stringify(state)}::jsonb,
                             version = version + 1, updated_at = now()
                             WHERE id = ${id} AND organization_id = ${subject.organizationId}`);
        await repo.insertConsents(
          tx,
          changes.map((c) => ({ ...c, customerId: id })),
        );
        return { ...subject, consents: state };
      });
    },

    /**
     * Of a campaign's recipients (customer and channel), how many revoked marketing on that channel
     * through an unsubscribe link since `since`.
     */
    async marketingUnsubscribes(
      executor: Database,
      organizationId: string,
      since: Date,
      recipients: { customerId: string; channel: MarketingChannel }[],
    ): Promise<number> {
      if (recipients.length === 0) return 0;
      const result = await executor.execute<{ n: string }>(sql`
        SELECT count(DISTINCT (l.customer_id, l.channel)) AS n
        FROM customer_consents l
        JOIN unnest(${array(recipients.map((r) => r.customerId))}::uuid[],
                    ${array(recipients.map((r) => `marketing_${r.channel}`))}::text[]) AS r(customer_id, channel)
          ON r.customer_id = l.customer_id AND r.channel = l.channel
        WHERE l.organization_id = ${organizationId} AND l.granted = false
          AND l.source = 'unsubscribe-link' AND l.at >= ${since.toISOString()}::timestamptz`);
      return Number(result.rows[0]?.n ?? 0);
    },
  };
}
export type CustomerSegments = ReturnType<typeof createCustomerSegments>;
