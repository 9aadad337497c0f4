import {
  type FeedbackAnswerSchema,
  type FeedbackEntry,
  type FeedbackQuerySchema,
  type FeedbackReport,
  isLowFeedbackScore,
  LOCALES,
  type Locale,
  type PublicFeedback,
} from '@bancada/shared';
import type { z } from 'zod';
import { type AuthedContext, assertCan, type RequestContext } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { t } from '../../../platform/i18n.js';
import { createSignedLinks } from '../../../platform/signed-links.js';
import { inTransaction, type Tx } from '../../../platform/tx.js';
import type { CommunicationDeps } from '../communication.deps.js';
import { createFeedbackRepo, type FeedbackMonthRow, type FeedbackRow } from './feedback.repo.js';

type FeedbackAnswer = z.output<typeof FeedbackAnswerSchema>;
type FeedbackQuery = z.output<typeof FeedbackQuerySchema>;

const PURPOSE = 'feedback';
// long enough for a customer who answers weeks later; the answer is still once per order
const LINK_DAYS = 90;

export type FeedbackRequest = {
  organizationId: string;
  repairId: string;
  repairNumber: number;
  customerId: string;
  technicianIds: string[];
};

const localeOf = (value: string | null | undefined): Locale | null =>
  LOCALES.find((l) => l === value) ?? null;

function averages(row: { n: number; ratingSum: number; promoters: number; detractors: number }) {
  if (row.n === 0) return { averageRating: null, npsScore: null };
  return {
    averageRating: Math.round((row.ratingSum / row.n) * 100) / 100,
    // NPS: % promoters (9–10) − % detractors (0–6)
    npsScore: Math.round(((row.promoters - row.detractors) / row.n) * 100),
  };
}

function encodeCursor(row: FeedbackRow): string {
  return Buffer.from(`${row.answeredAt!.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(date.getTime())) {
    throw new AppError('VALIDATION', 'validation.failed', {}, { cursor: 'feedback.invalid_cursor' });
  }
  return { at: date, id };
}

/**
 * Feedback after delivery (issue 14 §5): every customer is asked (no gating) through a signed link,
 * answers once per order; a low score alerts the managers; managers read the answers and the NPS.
 */
export function createFeedbackService(deps: CommunicationDeps & { now?: () => Date }) {
  const { db, pool, organization, customers, users, outbox } = deps;
  const repo = createFeedbackRepo();
  const links = createSignedLinks(deps.cipher);
  const clock = deps.now ?? (() => new Date());

  async function publicUrlOf(executor: Tx['db'], organizationId: string): Promise<string> {
    return (await organization.profile(executor, organizationId))?.publicUrl ?? deps.config.publicUrl;
  }

  async function requestOf(token: string): Promise<FeedbackRow> {
    const link = links.verify(PURPOSE, token);
    if (!link) throw new AppError('UNAUTHORIZED', 'feedback.link_invalid');
    if (link.expiresAt.getTime() < clock().getTime())
      throw new AppError('UNAUTHORIZED', 'feedback.link_expired');
    const row = await repo.findAnyOrganization(db, link.id);
    if (!row) throw notFound('feedback.not_found');
    return row;
  }

  async function present(row: FeedbackRow): Promise<PublicFeedback> {
    const [profile, order, contact] = await Promise.all([
      organization.profile(db, row.organizationId),
      deps.repairs.orderForFeedback(db, row.organizationId, row.repairId),
      customers.contactOf(db, row.organizationId, row.customerId),
    ]);
    const assets = order?.assetId
      ? await deps.assets.summaries(db, row.organizationId, [order.assetId])
      : null;
    return {
      shopName: profile?.name ?? '',
      repairNumber: row.repairNumber,
      asset: (order?.assetId && assets?.get(order.assetId)?.label) || null,
      locale: localeOf(contact?.preferences?.locale) ?? localeOf(profile?.locale),
      answered: row.answeredAt !== null,
      rating: row.rating,
      nps: row.nps,
    };
  }

  /** The managers hear of a low score at once, in the answer's transaction. */
  async function alertManagers(tx: Tx, row: FeedbackRow, ctx: RequestContext): Promise<void> {
    const [managers, names, base] = await Promise.all([
      users.managersToNotify(tx.db, row.organizationId),
      customers.namesByIds(tx.db, row.organizationId, [row.customerId]),
      publicUrlOf(tx.db, row.organizationId),
    ]);
    for (const manager of managers) {
      const locale = localeOf(manager.locale) ?? ctx.locale;
      const params = {
        number: String(row.repairNumber),
        rating: row.rating ?? 0,
        nps: row.nps ?? 0,
        customer: names.get(row.customerId) ?? '',
        comment: row.comment || t(locale, 'feedback.no_comment'),
        link: `${base}/feedback`,
      };
      await outbox.queueEmail(tx, {
        organizationId: row.organizationId,
        to: manager.email,
        subject: t(locale, 'feedback.low_score_subject', params),
        text: t(locale, 'feedback.low_score_body', params),
        relatedEntity: 'repair',
        relatedId: row.repairId,
      });
    }
  }

  async function entries(organizationId: string, rows: FeedbackRow[]): Promise<FeedbackEntry[]> {
    const [customerNames, userNames] = await Promise.all([
      customers.namesByIds(
        db,
        organizationId,
        rows.map((r) => r.customerId),
      ),
      users.namesByIds(
        db,
        organizationId,
        rows.flatMap((r) => r.technicianIds),
      ),
    ]);
    return rows.map((row) => ({
      id: row.id,
      repairId: row.repairId,
      repairNumber: row.repairNumber,
      customerId: row.customerId,
      customerName: customerNames.get(row.customerId) ?? '',
      technicians: row.technicianIds.map((id) => ({ id, name: userNames.get(id) ?? '' })),
      rating: row.rating ?? 0,
      nps: row.nps ?? 0,
      comment: row.comment,
      requestedAt: row.requestedAt.toISOString(),
      answeredAt: row.answeredAt!.toISOString(),
    }));
  }

  return {
    /**
     * Called by the notification engine when an order is delivered, in that transaction: the request
     * row (once per order) and the customer's no-login link for the 'delivered' message.
     */
    async ensureRequest(tx: Tx, request: FeedbackRequest): Promise<{ link: string }> {
      const row = await repo.ensure(tx.db, {
        ...request,
        technicianIds: [...new Set(request.technicianIds)],
      });
      const expiresAt = new Date(clock().getTime() + LINK_DAYS * 86_400_000);
      const base = await publicUrlOf(tx.db, request.organizationId);
      return { link: `${base}/feedback/${links.sign(PURPOSE, row.id, expiresAt)}` };
    },

    /** The customer's page: shop, order, asset, and whether it was answered. */
    async view(token: string): Promise<PublicFeedback> {
      return present(await requestOf(token));
    },

    /** One answer per order: a second is a 409; a low score e-mails the managers in the same transaction. */
    async answer(ctx: RequestContext, token: string, input: FeedbackAnswer): Promise<PublicFeedback> {
      const request = await requestOf(token);
      if (request.answeredAt) throw new AppError('CONFLICT', 'feedback.already_answered');
      const answered = await inTransaction(pool, async (tx) => {
        const row = await repo.answer(tx.db, request.organizationId, request.id, {
          rating: input.rating,
          nps: input.nps,
          comment: input.comment?.trim() || null,
        });
        // a second answer sent at the same moment loses here
        if (!row) throw new AppError('CONFLICT', 'feedback.already_answered');
        if (isLowFeedbackScore({ rating: input.rating, nps: input.nps })) await alertManagers(tx, row, ctx);
        return row;
      });
      return present(answered);
    },

    /** Answers (newest first) with the period's summary and the monthly series for the chart. */
    async report(ctx: AuthedContext, q: FeedbackQuery): Promise<FeedbackReport> {
      assertCan(ctx, 'feedback:read');
      const organizationId = ctx.actor.organizationId;
      const profile = await organization.profile(db, organizationId);
      const filter = {
        from: q.from,
        to: q.to,
        technicianId: q.technicianId,
        timeZone: profile?.timeZone ?? 'America/Sao_Paulo',
      };
      const [summary, months, rows] = await Promise.all([
        repo.summary(db, organizationId, filter),
        repo.months(db, organizationId, filter),
        repo.answers(db, organizationId, filter, { limit: q.limit + 1, after: decodeCursor(q.cursor) }),
      ]);
      const page = rows.slice(0, q.limit);
      return {
        summary: {
          asked: summary.asked,
          answered: summary.n,
          ...averages(summary),
          promoters: summary.promoters,
          passives: summary.n - summary.promoters - summary.detractors,
          detractors: summary.detractors,
        },
        series: months.map((m: FeedbackMonthRow) => ({ month: m.month, answered: m.n, ...averages(m) })),
        items: await entries(organizationId, page),
        nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!) : null,
      };
    },
  };
}
export type FeedbackService = ReturnType<typeof createFeedbackService>;
