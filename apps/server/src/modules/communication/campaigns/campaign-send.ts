import type { CampaignChannel, Locale } from '@bancada/shared';
import { LOCALES } from '@bancada/shared';
import type { Database } from '../../../db/client.js';
import type { SignedLinks } from '../../../platform/signed-links.js';
import { inTransaction } from '../../../platform/tx.js';
import type { AudienceFilter } from '../../customers/customers.service.js';
import type { CommunicationDeps } from '../communication.deps.js';
import { DEFAULT_QUIET_HOURS } from '../quiet-hours.js';
import {
  batchSchedule,
  CAMPAIGN_BATCH_SIZE,
  type CampaignText,
  composeCampaignMessage,
  signUnsubscribe,
} from './campaign-messages.js';
import type { CampaignSegment, CampaignsRepo } from './campaigns.repo.js';

export type SendJob = { organizationId: string; campaignId: string };

const localeOf = (value: string | null | undefined): Locale | null =>
  LOCALES.find((l) => l === value) ?? null;

/** A campaign's audience and its sending job (the 'campaign-send' queue). */
export function createCampaignSending(
  deps: CommunicationDeps & { repo: CampaignsRepo; links: SignedLinks; clock: () => Date },
) {
  const { db, pool, customers, organization, outbox, repairs, repo, links, clock } = deps;

  /** A segment as the customers module filters it; a service condition becomes the customers who had it. */
  async function audienceFilter(
    executor: Database,
    organizationId: string,
    s: CampaignSegment,
  ): Promise<AudienceFilter> {
    const serviceIds = s.serviceIds ?? [];
    return {
      assetKinds: s.assetKinds ?? [],
      brands: s.brands ?? [],
      models: s.models ?? [],
      lastVisitBefore: s.lastVisitBefore ?? null,
      lastVisitAfter: s.lastVisitAfter ?? null,
      cities: s.cities ?? [],
      customerIds:
        serviceIds.length > 0
          ? await repairs.customersWithCatalogServices(executor, organizationId, serviceIds)
          : null,
    };
  }

  /** The job: the audience as it is now (an unsubscribe a second ago counts), queued in batches. */
  async function runSend(job: SendJob): Promise<void> {
    const row = await repo.find(db, job.organizationId, job.campaignId);
    if (row?.status !== 'sending') return;
    const profile = await organization.profile(db, row.organizationId);
    const channels = row.channels as CampaignChannel[];
    const filter = await audienceFilter(db, row.organizationId, row.segment);
    const audience = await customers.campaignAudience(db, row.organizationId, filter, channels);
    const quiet = {
      timeZone: profile?.timeZone ?? 'America/Sao_Paulo',
      quietStart: profile?.quietStart ?? DEFAULT_QUIET_HOURS.quietStart,
      quietEnd: profile?.quietEnd ?? DEFAULT_QUIET_HOURS.quietEnd,
    };
    const base = profile?.publicUrl ?? deps.config.publicUrl;
    const now = clock();
    const deliveries = audience.flatMap((member) => member.channels.map((channel) => ({ member, channel })));
    const schedule = batchSchedule(deliveries.length, now, quiet);
    await inTransaction(pool, async (tx) => {
      for (const [index, { member, channel }] of deliveries.entries()) {
        const locale = localeOf(member.locale) ?? localeOf(profile?.locale) ?? 'pt-BR';
        const token = signUnsubscribe(links, member.id, channel, now);
        const values = {
          customerName: member.name,
          shopName: profile?.name ?? '',
          unsubscribeLink: `${base}/unsubscribe/${token}`,
        };
        const composed = composeCampaignMessage(
          channel,
          row.messages[channel] as CampaignText,
          values,
          locale,
        );
        const at = schedule[Math.floor(index / CAMPAIGN_BATCH_SIZE)]!;
        await outbox.queueMessage(tx, {
          organizationId: row.organizationId,
          channel,
          to: channel === 'email' ? member.email! : member.phone!,
          subject: composed.subject,
          text: composed.text,
          customerId: member.id,
          relatedEntity: 'campaign',
          relatedId: row.id,
          whatsappTemplate: composed.whatsappTemplate,
          notBefore: at.getTime() > now.getTime() ? at : null,
        });
      }
      await repo.markSent(tx.db, row.organizationId, row.id, audience.length);
    });
  }

  return { audienceFilter, runSend };
}
