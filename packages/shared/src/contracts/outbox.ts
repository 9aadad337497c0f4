import { z } from 'zod';
import { PaginationQuerySchema, pageOf } from '../pagination.js';
import { textParam } from '../text.js';

export const OUTBOX_CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];
// delivered and read: the provider's reports (WhatsApp, SMS), issue 14
export const OUTBOX_STATUSES = ['queued', 'sent', 'delivered', 'read', 'stored', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const OutboxMessageSchema = z
  .object({
    id: z.uuid(),
    channel: z.enum(OUTBOX_CHANNELS),
    to: z.string(),
    subject: z.string().nullable(),
    body: z.string(),
    status: z.enum(OUTBOX_STATUSES),
    attempts: z.number().int(),
    error: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'OutboxMessage' });
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;

export const OutboxQuerySchema = PaginationQuerySchema.extend({
  channel: z.enum(OUTBOX_CHANNELS).optional(),
  status: z.enum(OUTBOX_STATUSES).optional(),
  q: textParam(100).optional(),
});
export type OutboxQuery = z.input<typeof OutboxQuerySchema>;
export const OutboxPageSchema = pageOf(OutboxMessageSchema);
export type OutboxPage = z.infer<typeof OutboxPageSchema>;
