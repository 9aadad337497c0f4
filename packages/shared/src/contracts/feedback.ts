import { z } from 'zod';
import { LOCALES } from '../locales.js';

/** Issue 14 §5: the customer's rating of a delivered order, through a signed no-login link. */

export const FeedbackTokenParamSchema = z.object({ token: z.string().min(20).max(400) });
export type FeedbackTokenParam = z.infer<typeof FeedbackTokenParamSchema>;

/** What the customer's page shows before (and after) answering. */
export const PublicFeedbackSchema = z
  .object({
    shopName: z.string(),
    repairNumber: z.number().int(),
    /** the vehicle, appliance or machine of the order, when it has one */
    asset: z.string().nullable(),
    /** the customer's language, for a page opened without ?lang */
    locale: z.enum(LOCALES).nullable(),
    answered: z.boolean(),
    rating: z.number().int().nullable(),
    nps: z.number().int().nullable(),
  })
  .meta({ id: 'PublicFeedback' });
export type PublicFeedback = z.infer<typeof PublicFeedbackSchema>;

export const FeedbackAnswerSchema = z.object({
  rating: z.number().int().min(1).max(5),
  nps: z.number().int().min(0).max(10),
  comment: z.string().trim().max(2000).nullish(),
});
export type FeedbackAnswer = z.input<typeof FeedbackAnswerSchema>;

export const FeedbackQuerySchema = z.object({
  /** answered on or after this day (YYYY-MM-DD) */
  from: z.iso.date().optional(),
  /** answered on or before this day */
  to: z.iso.date().optional(),
  technicianId: z.uuid().optional(),
  /** the list's page: answers older than this cursor (from the previous page) */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type FeedbackQuery = z.input<typeof FeedbackQuerySchema>;

export const FeedbackEntrySchema = z.object({
  id: z.uuid(),
  repairId: z.uuid(),
  repairNumber: z.number().int(),
  customerId: z.uuid(),
  customerName: z.string(),
  technicians: z.array(z.object({ id: z.uuid(), name: z.string() })),
  rating: z.number().int(),
  nps: z.number().int(),
  comment: z.string().nullable(),
  requestedAt: z.string(),
  answeredAt: z.string(),
});
export type FeedbackEntry = z.infer<typeof FeedbackEntrySchema>;

export const FeedbackSummarySchema = z.object({
  /** requests sent in the period (orders delivered) */
  asked: z.number().int(),
  answered: z.number().int(),
  averageRating: z.number().nullable(),
  /** % promoters (9–10) − % detractors (0–6), −100…100; null without answers */
  npsScore: z.number().nullable(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
});
export type FeedbackSummary = z.infer<typeof FeedbackSummarySchema>;

export const FeedbackMonthSchema = z.object({
  /** YYYY-MM */
  month: z.string(),
  answered: z.number().int(),
  averageRating: z.number().nullable(),
  npsScore: z.number().nullable(),
});
export type FeedbackMonth = z.infer<typeof FeedbackMonthSchema>;

export const FeedbackReportSchema = z
  .object({
    summary: FeedbackSummarySchema,
    /** one point per month of the period, oldest first */
    series: z.array(FeedbackMonthSchema),
    /** answers, newest first */
    items: z.array(FeedbackEntrySchema),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'FeedbackReport' });
export type FeedbackReport = z.infer<typeof FeedbackReportSchema>;

/** A low score alerts the managers: rating ≤ 2 or NPS ≤ 6 (a detractor). */
export function isLowFeedbackScore(answer: { rating: number; nps: number }): boolean {
  return answer.rating <= 2 || answer.nps <= 6;
}
