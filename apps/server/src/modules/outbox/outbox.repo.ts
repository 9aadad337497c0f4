import { and, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { type OutboxAttachment, outboxMessages } from '../../db/schema/outbox.js';

export type OutboxRow = typeof outboxMessages.$inferSelect;
export type { OutboxAttachment };

export function createOutboxRepo() {
  return {
    async insert(db: Database, values: typeof outboxMessages.$inferInsert): Promise<OutboxRow> {
      const [row] = await db.insert(outboxMessages).values(values).returning();
      return row!;
    },
    async findById(db: Database, id: string): Promise<OutboxRow | undefined> {
      const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
      return row;
    },
    async markResult(
      db: Database,
      id: string,
      result: { status: string; error?: string | null; providerMessageId?: string | null },
    ) {
      await db
        .update(outboxMessages)
        .set({
          status: result.status,
          error: result.error ?? null,
          providerMessageId: result.providerMessageId ?? null,
          attempts: sql`${outboxMessages.attempts} + 1`,
          sentAt: result.status === 'sent' ? new Date() : null,
        })
        .where(eq(outboxMessages.id, id));
    },
    async list(
      db: Database,
      organizationId: string,
      filter: { channel?: string; status?: string; q?: string; page: number; pageSize: number },
    ) {
      const conditions: SQL[] = [eq(outboxMessages.organizationId, organizationId)];
      if (filter.channel) conditions.push(eq(outboxMessages.channel, filter.channel));
      if (filter.status) conditions.push(eq(outboxMessages.status, filter.status));
      if (filter.q) {
        const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conditions.push(or(ilike(outboxMessages.toAddress, like), ilike(outboxMessages.subject, like))!);
      }
      const where = and(...conditions);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(outboxMessages)
          .where(where)
          .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize),
        db.select({ n: count() }).from(outboxMessages).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
  };
}
export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
