import { z } from 'zod';
import { textParam } from '../text.js';

/** Issue 14 §6: promotions to a segment of customers, only with marketing consent on each channel. */

export const CampaignChannelSchema = z.enum(['email', 'whatsapp', 'sms']);
export type CampaignChannel = z.infer<typeof CampaignChannelSchema>;

export const CampaignStatusSchema = z.enum(['draft', 'sending', 'sent']);
export type CampaignStatus = z.infer<typeof CampaignStatusSchema>;

/** The placeholders a campaign's text may use; any other is a 400 naming it. */
export const CampaignPlaceholderSchema = z.enum(['customerName', 'shopName', 'unsubscribeLink']);
export type CampaignPlaceholder = z.infer<typeof CampaignPlaceholderSchema>;

/** Text limits per channel (the same as the notification templates'). */
export const CAMPAIGN_TEXT_LIMITS = { subject: 200, email: 20_000, whatsapp: 4_096, sms: 480 } as const;

const list = (max: number) => z.array(z.string().trim().min(1).max(max)).max(50).default([]);

export const CampaignSegmentSchema = z.object({
  assetKinds: z
    .array(z.enum(['vehicle', 'appliance', 'machine']))
    .max(3)
    .default([]),
  brands: list(80),
  models: list(80),
  /** last visit on or before this day (customers not seen since) */
  lastVisitBefore: z.iso.date().nullish(),
  /** last visit on or after this day */
  lastVisitAfter: z.iso.date().nullish(),
  /** service-catalog services done on one of the customer's orders */
  serviceIds: z.array(z.uuid()).max(50).default([]),
  cities: list(80),
});
export type CampaignSegment = z.input<typeof CampaignSegmentSchema>;

export const CampaignMessageSchema = z.object({
  subject: z.string().trim().max(CAMPAIGN_TEXT_LIMITS.subject).nullish(),
  body: z.string().trim().min(1, { message: 'validation.required' }).max(CAMPAIGN_TEXT_LIMITS.email),
});
export type CampaignMessage = z.input<typeof CampaignMessageSchema>;

const channels = z
  .array(CampaignChannelSchema)
  .min(1)
  .max(3)
  .transform((values) => [...new Set(values)]);

export const CampaignCreateSchema = z
  .object({
    name: z.string().trim().min(1, { message: 'validation.required' }).max(120),
    segment: CampaignSegmentSchema.default({
      assetKinds: [],
      brands: [],
      models: [],
      serviceIds: [],
      cities: [],
    }),
    channels,
    messages: z.object({
      email: CampaignMessageSchema.optional(),
      whatsapp: CampaignMessageSchema.optional(),
      sms: CampaignMessageSchema.optional(),
    }),
  })
  .superRefine((value, ctx) => {
    for (const channel of value.channels) {
      const message = value.messages[channel];
      if (!message) {
        ctx.addIssue({ code: 'custom', message: 'validation.required', path: ['messages', channel, 'body'] });
        continue;
      }
      if (channel === 'email' && !message.subject) {
        ctx.addIssue({
          code: 'custom',
          message: 'validation.required',
          path: ['messages', 'email', 'subject'],
        });
      }
      if (channel !== 'email' && message.body.length > CAMPAIGN_TEXT_LIMITS[channel]) {
        ctx.addIssue({
          code: 'too_big',
          origin: 'string',
          maximum: CAMPAIGN_TEXT_LIMITS[channel],
          inclusive: true,
          path: ['messages', channel, 'body'],
        });
      }
    }
  });
export type CampaignCreate = z.input<typeof CampaignCreateSchema>;

export const CampaignPreviewBodySchema = z.object({
  segment: CampaignSegmentSchema.default({
    assetKinds: [],
    brands: [],
    models: [],
    serviceIds: [],
    cities: [],
  }),
  channels,
});
export type CampaignPreviewBody = z.input<typeof CampaignPreviewBodySchema>;

/** How many customers each channel would reach (with marketing consent and an address). */
export const CampaignPreviewSchema = z
  .object({
    /** customers in the segment, whatever their consent */
    segmentSize: z.number().int(),
    /** customers reached on at least one of the channels */
    total: z.number().int(),
    perChannel: z.object({ email: z.number().int(), whatsapp: z.number().int(), sms: z.number().int() }),
  })
  .meta({ id: 'CampaignPreview' });
export type CampaignPreview = z.infer<typeof CampaignPreviewSchema>;

export const CampaignCountsSchema = z.object({
  /** messages queued for the campaign */
  total: z.number().int(),
  queued: z.number().int(),
  /** handed to a provider (delivered and read included) */
  sent: z.number().int(),
  delivered: z.number().int(),
  read: z.number().int(),
  failed: z.number().int(),
  /** kept in the outbox: no provider configured for the channel */
  stored: z.number().int(),
  /** recipients who revoked marketing consent through this campaign's links since it was sent */
  unsubscribed: z.number().int(),
});
export type CampaignCounts = z.infer<typeof CampaignCountsSchema>;

export const CampaignSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    segment: z.object({
      assetKinds: z.array(z.string()),
      brands: z.array(z.string()),
      models: z.array(z.string()),
      lastVisitBefore: z.string().nullable(),
      lastVisitAfter: z.string().nullable(),
      serviceIds: z.array(z.string()),
      cities: z.array(z.string()),
    }),
    channels: z.array(CampaignChannelSchema),
    messages: z.object({
      email: z.object({ subject: z.string().nullable(), body: z.string() }).optional(),
      whatsapp: z.object({ body: z.string() }).optional(),
      sms: z.object({ body: z.string() }).optional(),
    }),
    status: CampaignStatusSchema,
    audienceSize: z.number().int().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    /** only on GET /api/campaigns/:id */
    counts: CampaignCountsSchema.optional(),
  })
  .meta({ id: 'Campaign' });
export type Campaign = z.infer<typeof CampaignSchema>;

export const CampaignListQuerySchema = z.object({
  q: textParam(120).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type CampaignListQuery = z.input<typeof CampaignListQuerySchema>;

export const CampaignListSchema = z.object({ items: z.array(CampaignSchema) });
export type CampaignList = z.infer<typeof CampaignListSchema>;

export const CampaignUnsubscribeParamSchema = z.object({ token: z.string().min(20).max(400) });
export type CampaignUnsubscribeParam = z.infer<typeof CampaignUnsubscribeParamSchema>;

/** What the unsubscribe link will do (GET) or did (POST). */
export const CampaignUnsubscribeSchema = z
  .object({
    shopName: z.string(),
    channel: CampaignChannelSchema,
    /** the customer's language, for a page opened without ?lang */
    locale: z.enum(['pt-BR', 'es', 'en']).nullable(),
    /** true once marketing on this channel is revoked */
    unsubscribed: z.boolean(),
  })
  .meta({ id: 'CampaignUnsubscribe' });
export type CampaignUnsubscribe = z.infer<typeof CampaignUnsubscribeSchema>;
