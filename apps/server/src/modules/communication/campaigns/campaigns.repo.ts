import { and, desc, eq, ilike, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { campaigns } from '../../../db/schema/communication.js';
import { likeEscape } from '../../../platform/search-terms.js';

export type { CampaignSegment } from '../../../db/schema/communication.js';
export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignInsert = typeof campaigns.$inferInsert;

const sqlIncrement = sql`${campaigns.version} + 1`;

/** Promotions (issue 14 §6); every query filters by organization. */
export function createCampaignsRepo() {
  return {
    async insert(db: Database, values: CampaignInsert): Promise<CampaignRow> {
      const [row] = await db.insert(campaigns).values(values).returning();
      return row!;
    },

    async find(db: Database, organizationId: string, id: string): Promise<CampaignRow | undefined> {
      const [row] = await db
        .select()
        .from(campaigns)
        .where(and(eq(campaigns.organizationId, organizationId), eq(campaigns.id, id)));
      return row;
    },

    async list(
      db: Database,
      organizationId: string,
      filter: { q?: string | undefined; limit: number },
    ): Promise<CampaignRow[]> {
      const conditions: SQL[] = [eq(campaigns.organizationId, organizationId)];
      if (filter.q) conditions.push(ilike(campaigns.name, `%${likeEscape(filter.q)}%`));
      return db
        .select()
        .from(campaigns)
        .where(and(...conditions))
        .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
        .limit(filter.limit);
    },

    /** draft → sending, once: a second send (or two at the same moment) gets undefined. */
    async claimForSending(
      db: Database,
      organizationId: string,
      id: string,
      at: Date,
    ): Promise<CampaignRow | undefined> {
      const [row] = await db
        .update(campaigns)
        .set({ status: 'sending', sentAt: at, version: sqlIncrement })
        .where(
          and(
            eq(campaigns.organizationId, organizationId),
            eq(campaigns.id, id),
            eq(campaigns.status, 'draft'),
          ),
        )
        .returning();
      return row;
    },

    /** sending → sent, with how many customers the messages went to. */
    async markSent(db: Database, organizationId: string, id: string, audienceSize: number): Promise<void> {
      await db
        .update(campaigns)
        .set({ status: 'sent', audienceSize, version: sqlIncrement })
        .where(
          and(
            eq(campaigns.organizationId, organizationId),
            eq(campaigns.id, id),
            eq(campaigns.status, 'sending'),
          ),
        );
    },
  };
}
export type CampaignsRepo = ReturnType<typeof createCampaignsRepo>;
