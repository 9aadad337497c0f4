import {
  type Campaign,
  type CampaignChannel,
  type CampaignCounts,
  type CampaignCreateSchema,
  type CampaignListQuerySchema,
  type CampaignPreview,
  type CampaignPreviewBodySchema,
  type CampaignSegmentSchema,
  type CampaignUnsubscribe,
  LOCALES,
  type Locale,
} from '@bancada/shared';
import type { z } from 'zod';
import { type AuthedContext, assertCan, type RequestContext } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { Jobs } from '../../../platform/jobs.js';
import { createSignedLinks } from '../../../platform/signed-links.js';
import { inTransaction } from '../../../platform/tx.js';
import type { CommunicationDeps } from '../communication.deps.js';
import { assertCampaignPlaceholders, readUnsubscribe } from './campaign-messages.js';
import { createCampaignSending, type SendJob } from './campaign-send.js';
import { type CampaignRow, type CampaignSegment, createCampaignsRepo } from './campaigns.repo.js';

type CampaignCreate = z.output<typeof CampaignCreateSchema>;
type CampaignPreviewBody = z.output<typeof CampaignPreviewBodySchema>;
type CampaignListQuery = z.output<typeof CampaignListQuerySchema>;
type ParsedSegment = z.output<typeof CampaignSegmentSchema>;

const localeOf = (value: string | null | undefined): Locale | null =>
  LOCALES.find((l) => l === value) ?? null;

function toCampaign(row: CampaignRow, counts?: CampaignCounts): Campaign {
  const s = row.segment;
  const messages: Campaign['messages'] = {};
  const stored = row.messages;
  if (stored.email) messages.email = { subject: stored.email.subject ?? null, body: stored.email.body };
  if (stored.whatsapp) messages.whatsapp = { body: stored.whatsapp.body };
  if (stored.sms) messages.sms = { body: stored.sms.body };
  return {
    id: row.id,
    name: row.name,
    segment: {
      assetKinds: s.assetKinds ?? [],
      brands: s.brands ?? [],
      models: s.models ?? [],
      lastVisitBefore: s.lastVisitBefore ?? null,
      lastVisitAfter: s.lastVisitAfter ?? null,
      serviceIds: s.serviceIds ?? [],
      cities: s.cities ?? [],
    },
    channels: row.channels as CampaignChannel[],
    messages,
    status: row.status as Campaign['status'],
    audienceSize: row.audienceSize,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    ...(counts ? { counts } : {}),
  };
}

function storedSegment(segment: ParsedSegment): CampaignSegment {
  return {
    assetKinds: segment.assetKinds,
    brands: segment.brands,
    models: segment.models,
    ...(segment.lastVisitBefore ? { lastVisitBefore: segment.lastVisitBefore } : {}),
    ...(segment.lastVisitAfter ? { lastVisitAfter: segment.lastVisitAfter } : {}),
    serviceIds: segment.serviceIds,
    cities: segment.cities,
  };
}

/** Outbox rows per status → the campaign's counts (a read message was delivered and sent too). */
function countsOf(rows: { status: string; n: number }[], unsubscribed: number): CampaignCounts {
  const by = (status: string) =>
    rows.filter((r) => r.status === status).reduce((sum, r) => sum + Number(r.n), 0);
  const read = by('read');
  const delivered = by('delivered') + read;
  return {
    total: rows.reduce((sum, r) => sum + Number(r.n), 0),
    queued: by('queued'),
    sent: by('sent') + delivered,
    delivered,
    read,
    failed: by('failed'),
    stored: by('stored'),
    unsubscribed,
  };
}

/**
 * Campaigns (issue 14 §6): a segment, a text per channel, sent once, throttled, only to customers
 * with marketing consent on the channel (and, for WhatsApp and SMS, the channel's consent); every
 * message carries the customer's own unsubscribe link, which revokes that consent at once.
 */
export function createCampaignsService(deps: CommunicationDeps & { now?: () => Date }) {
  const { db, pool, customers, organization, outbox } = deps;
  const repo = createCampaignsRepo();
  const links = createSignedLinks(deps.cipher);
  const clock = deps.now ?? (() => new Date());
  const { audienceFilter, runSend } = createCampaignSending({ ...deps, repo, links, clock });

  async function load(organizationId: string, id: string): Promise<CampaignRow> {
    const row = await repo.find(db, organizationId, id);
    if (!row) throw notFound('campaigns.not_found');
    return row;
  }

  async function countsFor(row: CampaignRow): Promise<CampaignCounts> {
    const [rows, related] = await Promise.all([
      outbox.countsFor(db, row.organizationId, 'campaign', row.id),
      row.sentAt ? outbox.listRelated(db, row.organizationId, 'campaign', row.id) : Promise.resolve([]),
    ]);
    const recipients = related
      .filter((m) => m.customerId)
      .map((m) => ({ customerId: m.customerId!, channel: m.channel as CampaignChannel }));
    const unsubscribed = row.sentAt
      ? await customers.marketingUnsubscribes(db, row.organizationId, row.sentAt, recipients)
      : 0;
    return countsOf(rows, unsubscribed);
  }

  async function unsubscribeView(
    subject: { organizationId: string; locale: string | null },
    channel: CampaignChannel,
    unsubscribed: boolean,
  ): Promise<CampaignUnsubscribe> {
    const profile = await organization.profile(db, subject.organizationId);
    return {
      shopName: profile?.name ?? '',
      channel,
      locale: localeOf(subject.locale) ?? localeOf(profile?.locale),
      unsubscribed,
    };
  }

  function tokenOf(token: string) {
    const named = readUnsubscribe(links, token, clock());
    if (!named) throw new AppError('UNAUTHORIZED', 'campaigns.unsubscribe_invalid');
    return named;
  }

  return {
    async create(ctx: AuthedContext, input: CampaignCreate): Promise<Campaign> {
      assertCan(ctx, 'campaigns:manage');
      assertCampaignPlaceholders(input.channels, input.messages);
      const messages: Partial<Record<CampaignChannel, { subject?: string; body: string }>> = {};
      for (const channel of input.channels) {
        const message = input.messages[channel]!;
        messages[channel] =
          channel === 'email'
            ? { subject: message.subject ?? '', body: message.body }
            : { body: message.body };
      }
      const row = await repo.insert(db, {
        organizationId: ctx.actor.organizationId,
        name: input.name,
        segment: storedSegment(input.segment),
        channels: input.channels,
        messages,
        createdById: ctx.actor.userId,
      });
      return toCampaign(row);
    },

    async list(ctx: AuthedContext, q: CampaignListQuery): Promise<{ items: Campaign[] }> {
      assertCan(ctx, 'campaigns:manage');
      const rows = await repo.list(db, ctx.actor.organizationId, { q: q.q, limit: q.limit });
      return { items: rows.map((row) => toCampaign(row)) };
    },

    async get(ctx: AuthedContext, id: string): Promise<Campaign> {
      assertCan(ctx, 'campaigns:manage');
      const row = await load(ctx.actor.organizationId, id);
      return toCampaign(row, await countsFor(row));
    },

    /** The audience before sending: per channel, the customers with consent and an address. */
    async preview(ctx: AuthedContext, body: CampaignPreviewBody): Promise<CampaignPreview> {
      assertCan(ctx, 'campaigns:manage');
      const organizationId = ctx.actor.organizationId;
      const filter = await audienceFilter(db, organizationId, storedSegment(body.segment));
      const counts = await customers.campaignAudienceCounts(db, organizationId, filter, body.channels);
      const perChannel = { email: 0, whatsapp: 0, sms: 0 };
      for (const channel of body.channels) perChannel[channel] = counts.perChannel[channel];
      return { segmentSize: counts.segmentSize, total: counts.reached, perChannel };
    },

    /** draft → sending and the job that queues the messages; a campaign is sent once (409 after). */
    async send(ctx: AuthedContext, id: string): Promise<Campaign> {
      assertCan(ctx, 'campaigns:manage');
      const organizationId = ctx.actor.organizationId;
      const row = await inTransaction(pool, async (tx) => {
        const claimed = await repo.claimForSending(tx.db, organizationId, id, clock());
        if (!claimed) {
          await load(organizationId, id);
          throw new AppError('CONFLICT', 'campaigns.already_sent');
        }
        await deps.jobs.enqueue(tx.client, 'campaign-send', {
          organizationId,
          campaignId: id,
        } satisfies SendJob);
        return claimed;
      });
      return toCampaign(row);
    },

    runSend,

    async registerJobs(jobs: Jobs): Promise<void> {
      await jobs.work<SendJob>('campaign-send', (data) => runSend(data));
    },

    /** What the unsubscribe link will do: the shop, the channel, and whether it is done already. */
    async unsubscribeInfo(token: string): Promise<CampaignUnsubscribe> {
      const { customerId, channel } = tokenOf(token);
      const subject = await customers.marketingSubject(customerId);
      if (!subject) throw notFound('campaigns.unsubscribe_not_found');
      return unsubscribeView(subject, channel, subject.consents[`marketing_${channel}`]?.granted !== true);
    },

    /** Revokes marketing on the link's channel at once, in the consent ledger. */
    async unsubscribe(ctx: RequestContext, token: string): Promise<CampaignUnsubscribe> {
      const { customerId, channel } = tokenOf(token);
      const subject = await customers.revokeMarketing(ctx, customerId, channel);
      if (!subject) throw notFound('campaigns.unsubscribe_not_found');
      return unsubscribeView(subject, channel, true);
    },
  };
}
export type CampaignsService = ReturnType<typeof createCampaignsService>;
