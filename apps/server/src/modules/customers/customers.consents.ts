import { CONSENT_CHANNELS, type ConsentChannel, type Customer } from '@bancada/shared';
import type { RequestContext } from '../../platform/context.js';
import type { ConsentInsert, ConsentMap } from './customers.repo.js';

/** Version of the marketing-consent text shown to customers (LGPD ledger evidence). */
export const CONSENT_TEXT_VERSION = '2026-01';

export type ConsentInput = Partial<Record<ConsentChannel, boolean>> & { source?: string };

export function consentsOf(stored: Partial<ConsentMap>): Customer['consents'] {
  const empty = { granted: false, at: null, source: null };
  return {
    email: stored.email ?? empty,
    sms: stored.sms ?? empty,
    whatsapp: stored.whatsapp ?? empty,
    marketing_email: stored.marketing_email ?? empty,
    marketing_sms: stored.marketing_sms ?? empty,
    marketing_whatsapp: stored.marketing_whatsapp ?? empty,
  };
}

/** New consent state and the ledger rows for what changed (LGPD: time, source, text version, evidence). */
export function applyConsents(
  ctx: RequestContext,
  organizationId: string,
  current: Partial<ConsentMap>,
  input: ConsentInput | undefined,
) {
  const state: Partial<ConsentMap> = { ...current };
  const changes: Omit<ConsentInsert, 'customerId'>[] = [];
  if (!input) return { state, changes };
  const at = new Date();
  const source = input.source ?? 'counter';
  for (const channel of CONSENT_CHANNELS) {
    const granted = input[channel];
    if (granted === undefined) continue;
    // only a change is evidence: a first "no" revokes nothing
    if ((current[channel]?.granted ?? false) === granted) continue;
    state[channel] = { granted, at: at.toISOString(), source };
    changes.push({
      organizationId,
      channel,
      granted,
      source,
      textVersion: CONSENT_TEXT_VERSION,
      actorId: ctx.actor?.userId ?? null,
      actorName: ctx.actor?.name ?? null,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      at,
    });
  }
  return { state, changes };
}
