import type {
  FaqArticle,
  FaqArticleCreateSchema,
  FaqArticleList,
  FaqArticleUpdateSchema,
  FaqKind,
  FaqListQuerySchema,
  Locale,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../../db/client.js';
import { recordAudit } from '../../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import { assertVersion } from '../../../platform/etag.js';
import { inTransaction } from '../../../platform/tx.js';
import type { UsersService } from '../../users/users.service.js';
import type { FaqArticleInsert, FaqArticleRow, SupportRepo } from './support.repo.js';

type FaqCreate = z.output<typeof FaqArticleCreateSchema>;
type FaqUpdate = z.output<typeof FaqArticleUpdateSchema>;
type FaqListQuery = z.output<typeof FaqListQuerySchema>;

export type FaqDeps = {
  db: Database;
  pool: pg.Pool;
  repo: SupportRepo;
  users: Pick<UsersService, 'namesByIds'>;
};

function toArticle(row: FaqArticleRow, names: Map<string, string>): FaqArticle {
  return {
    id: row.id,
    kind: row.kind as FaqKind,
    locale: row.locale as Locale,
    category: row.category,
    title: row.title,
    bodyMarkdown: row.bodyMarkdown,
    published: row.published,
    position: row.position,
    updatedByName: row.updatedById ? (names.get(row.updatedById) ?? null) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

// what the audit log keeps of an article: its place and state, not its (long) text
const auditView = (row: FaqArticleRow) => ({
  kind: row.kind,
  locale: row.locale,
  category: row.category,
  title: row.title,
  published: row.published,
  position: row.position,
  bodyLength: row.bodyMarkdown.length,
});

/**
 * FAQ answers and tutorials (issue 14 §7), in markdown that every reader renders safely (the web app
 * builds React elements from it, never HTML). Staff read them now; the portal shows the published ones.
 */
export function createFaqService(deps: FaqDeps) {
  const { db, pool, repo, users } = deps;

  async function withNames(executor: Database, organizationId: string, rows: FaqArticleRow[]) {
    const ids = [...new Set(rows.flatMap((r) => (r.updatedById ? [r.updatedById] : [])))];
    const names = ids.length
      ? await users.namesByIds(executor, organizationId, ids)
      : new Map<string, string>();
    return rows.map((r) => toArticle(r, names));
  }

  return {
    /** Staff with faq:read; a CUSTOMER (the portal) the published articles only, with no editor's name. */
    async list(ctx: AuthedContext, q: FaqListQuery): Promise<FaqArticleList> {
      const organizationId = ctx.actor.organizationId;
      if (ctx.actor.role === 'CUSTOMER') {
        const rows = await repo.listFaq(db, organizationId, { ...q, published: true });
        return { items: rows.map((r) => toArticle(r, new Map())) };
      }
      assertCan(ctx, 'faq:read');
      const rows = await repo.listFaq(db, organizationId, q);
      return { items: await withNames(db, organizationId, rows) };
    },

    async create(ctx: AuthedContext, input: FaqCreate): Promise<FaqArticle> {
      assertCan(ctx, 'faq:manage');
      const organizationId = ctx.actor.organizationId;
      const row = await inTransaction(pool, async ({ db: tx }) => {
        const inserted = await repo.insertFaq(tx, {
          organizationId,
          kind: input.kind,
          locale: input.locale,
          category: input.category ?? null,
          title: input.title,
          bodyMarkdown: input.bodyMarkdown,
          published: input.published,
          position: input.position,
          updatedById: ctx.actor.userId,
        });
        await recordAudit(tx, ctx, {
          organizationId,
          action: 'faq_article.created',
          entity: 'faq_article',
          entityId: inserted.id,
          after: auditView(inserted),
        });
        return inserted;
      });
      return toArticle(row, new Map([[ctx.actor.userId, ctx.actor.name]]));
    },

    async update(ctx: AuthedContext, id: string, patch: FaqUpdate, ifMatch?: number): Promise<FaqArticle> {
      assertCan(ctx, 'faq:manage');
      const organizationId = ctx.actor.organizationId;
      const row = await inTransaction(pool, async ({ db: tx }) => {
        const current = await repo.findFaq(tx, organizationId, id, { forUpdate: true });
        if (!current) throw notFound('support.faq_not_found');
        assertVersion(ifMatch, current.version);
        const values: Partial<FaqArticleInsert> = { updatedById: ctx.actor.userId };
        if (patch.kind !== undefined) values.kind = patch.kind;
        if (patch.locale !== undefined) values.locale = patch.locale;
        if (patch.category !== undefined) values.category = patch.category;
        if (patch.title !== undefined) values.title = patch.title;
        if (patch.bodyMarkdown !== undefined) values.bodyMarkdown = patch.bodyMarkdown;
        if (patch.published !== undefined) values.published = patch.published;
        if (patch.position !== undefined) values.position = patch.position;
        const updated = await repo.updateFaq(tx, organizationId, id, values);
        await recordAudit(tx, ctx, {
          organizationId,
          action: 'faq_article.updated',
          entity: 'faq_article',
          entityId: id,
          before: auditView(current),
          after: auditView(updated),
        });
        return updated;
      });
      return toArticle(row, new Map([[ctx.actor.userId, ctx.actor.name]]));
    },

    async remove(ctx: AuthedContext, id: string, ifMatch?: number): Promise<void> {
      assertCan(ctx, 'faq:manage');
      const organizationId = ctx.actor.organizationId;
      await inTransaction(pool, async ({ db: tx }) => {
        const current = await repo.findFaq(tx, organizationId, id, { forUpdate: true });
        if (!current) throw notFound('support.faq_not_found');
        assertVersion(ifMatch, current.version);
        await repo.deleteFaq(tx, organizationId, id);
        await recordAudit(tx, ctx, {
          organizationId,
          action: 'faq_article.deleted',
          entity: 'faq_article',
          entityId: id,
          before: auditView(current),
        });
      });
    },
  };
}
export type FaqService = ReturnType<typeof createFaqService>;
