import { z } from 'zod';
import { LOCALES } from '../locales.js';
import { PaginationQuerySchema, pageOf } from '../pagination.js';
import { textParam } from '../text.js';
import { emptyToNull, IsoDateTimeSchema } from './common.js';

/** Support tickets and FAQ / tutorial articles (issue 14 §7). */

export const TICKET_CATEGORIES = [
  'question',
  'complaint',
  'warranty',
  'billing',
  'scheduling',
  'other',
] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const TICKET_STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** Resolved and closed tickets are done: no SLA runs on them. */
export function isTicketDone(status: string): boolean {
  return status === 'resolved' || status === 'closed';
}
export const TICKET_OPENERS = ['staff', 'customer'] as const;
export type TicketOpener = (typeof TICKET_OPENERS)[number];

/**
 * Hours from a ticket's creation to its SLA due time, by priority. A change of priority recomputes the
 * due time from the creation, never from the change.
 */
export const TICKET_SLA_HOURS = { urgent: 4, high: 8, normal: 24, low: 72 } as const satisfies Record<
  TicketPriority,
  number
>;

/** The SLA due time of a ticket created at `createdAt` with this priority. */
export function ticketSlaDueAt(createdAt: Date, priority: TicketPriority): Date {
  return new Date(createdAt.getTime() + TICKET_SLA_HOURS[priority] * 3_600_000);
}

export const TICKET_TEXT_MAX = 5000;

export const TicketMessageSchema = z.object({
  id: z.uuid(),
  authorUserId: z.uuid().nullable(),
  authorCustomerId: z.uuid().nullable(),
  authorName: z.string(),
  text: z.string(),
  /** a note only staff see */
  internal: z.boolean(),
  createdAt: IsoDateTimeSchema,
});
export type TicketMessage = z.infer<typeof TicketMessageSchema>;

export const TicketSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  subject: z.string(),
  category: z.enum(TICKET_CATEGORIES),
  priority: z.enum(TICKET_PRIORITIES),
  status: z.enum(TICKET_STATUSES),
  customerId: z.uuid().nullable(),
  customerName: z.string().nullable(),
  repairId: z.uuid().nullable(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  openedBy: z.enum(TICKET_OPENERS),
  slaDueAt: IsoDateTimeSchema,
  /** past the SLA due time and not resolved or closed */
  overdue: z.boolean(),
  resolvedAt: IsoDateTimeSchema.nullable(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  version: z.number().int(),
});
export type Ticket = z.infer<typeof TicketSchema>;

export const TicketDetailSchema = TicketSchema.extend({
  /** oldest first */
  messages: z.array(TicketMessageSchema),
});
export type TicketDetail = z.infer<typeof TicketDetailSchema>;

const booleanQuery = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .transform((v) => v === true || v === 'true')
  .optional();

export const TicketListQuerySchema = PaginationQuerySchema.extend({
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  assigneeId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  /** only tickets past their SLA due time (true) or within it (false) */
  overdue: booleanQuery,
  /** over the subject and the number */
  q: textParam(120).optional(),
});
export type TicketListQuery = z.input<typeof TicketListQuerySchema>;
export const TicketPageSchema = pageOf(TicketSchema);
export type TicketPage = z.infer<typeof TicketPageSchema>;

const ticketText = z.string().trim().min(1, { message: 'validation.required' }).max(TICKET_TEXT_MAX);
const ticketSubject = z.string().trim().min(1, { message: 'validation.required' }).max(200);

export const TicketCreateSchema = z.object({
  subject: ticketSubject,
  category: z.enum(TICKET_CATEGORIES),
  priority: z.enum(TICKET_PRIORITIES).default('normal'),
  customerId: emptyToNull(z.uuid().nullish()),
  repairId: emptyToNull(z.uuid().nullish()),
  assigneeId: emptyToNull(z.uuid().nullish()),
  /** the first message */
  text: ticketText,
});
export type TicketCreate = z.input<typeof TicketCreateSchema>;

export const TicketUpdateSchema = z
  .object({
    subject: ticketSubject,
    category: z.enum(TICKET_CATEGORIES),
    status: z.enum(TICKET_STATUSES),
    priority: z.enum(TICKET_PRIORITIES),
    assigneeId: emptyToNull(z.uuid().nullable()),
  })
  .partial();
export type TicketUpdate = z.input<typeof TicketUpdateSchema>;

export const TicketMessageCreateSchema = z.object({
  text: ticketText,
  internal: z.boolean().default(false),
});
export type TicketMessageCreate = z.input<typeof TicketMessageCreateSchema>;

export const FAQ_KINDS = ['faq', 'tutorial'] as const;
export type FaqKind = (typeof FAQ_KINDS)[number];
export const FAQ_BODY_MAX = 20_000;

export const FaqArticleSchema = z.object({
  id: z.uuid(),
  kind: z.enum(FAQ_KINDS),
  locale: z.enum(LOCALES),
  category: z.string().nullable(),
  title: z.string(),
  bodyMarkdown: z.string(),
  published: z.boolean(),
  position: z.number().int(),
  updatedByName: z.string().nullable(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  version: z.number().int(),
});
export type FaqArticle = z.infer<typeof FaqArticleSchema>;

export const FaqArticleListSchema = z.object({ items: z.array(FaqArticleSchema) });
export type FaqArticleList = z.infer<typeof FaqArticleListSchema>;

export const FaqListQuerySchema = z.object({
  kind: z.enum(FAQ_KINDS).optional(),
  locale: z.enum(LOCALES).optional(),
  published: booleanQuery,
  /** over the title, the category and the text */
  q: textParam(120).optional(),
});
export type FaqListQuery = z.input<typeof FaqListQuerySchema>;

const faqFields = {
  kind: z.enum(FAQ_KINDS),
  locale: z.enum(LOCALES),
  category: emptyToNull(z.string().trim().max(80).nullish()),
  title: z.string().trim().min(1, { message: 'validation.required' }).max(200),
  bodyMarkdown: z.string().trim().min(1, { message: 'validation.required' }).max(FAQ_BODY_MAX),
  published: z.boolean(),
  position: z.number().int().min(0).max(100_000),
};

export const FaqArticleCreateSchema = z.object({
  ...faqFields,
  kind: faqFields.kind.default('faq'),
  published: faqFields.published.default(false),
  position: faqFields.position.default(0),
});
export type FaqArticleCreate = z.input<typeof FaqArticleCreateSchema>;

export const FaqArticleUpdateSchema = z.object(faqFields).partial();
export type FaqArticleUpdate = z.input<typeof FaqArticleUpdateSchema>;
