import {
  type AnonymiseResult,
  formatMoney,
  OPEN_REPAIR_STATUSES,
  type RetentionPreview,
  type RetentionPreviewBody,
  type RetentionRun,
  type RetentionSettings,
  type RetentionSettingsUpdate,
  toCents,
} from '@bancada/shared';
import type pg from 'pg';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan, type RequestContext, systemContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import { inTransaction } from '../../platform/tx.js';
import { lastSlot, safeTimeZone } from '../../platform/wall-clock.js';
import type { InvoicesService } from '../billing/invoices.service.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { RepairsService } from '../repairs/orders/repairs.service.js';
import type { PhotoRetentionService } from '../repairs/photos/photo-retention.service.js';
import type { PrivacyRepo, RetentionRunRow } from './privacy.repo.js';

/** What the law fixes, shown beside the settings and never applied by the job (years). */
export const LEGAL_RETENTION = [
  // CTN art. 173/174: tax records 5 years; invoices and fiscal documents stay even after anonymisation
  { record: 'fiscal', years: 5 },
  // the hash-chained audit log is append-only; at least as long as the fiscal records it explains
  { record: 'audit', years: 5 },
  // Res. CD/ANPD 15/2024 art. 10: the incident register is kept 5 years
  { record: 'incidents', years: 5 },
] as const;

/** How many customers one run anonymises at most (the next day's run continues). */
const RUN_LIMIT = 500;
const SAMPLE = 10;

/** The instant `years` before `now`, on the calendar (29 February falls back to 28). */
export function yearsBefore(now: Date, years: number): Date {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
}

export type RetentionDeps = {
  db: Database;
  pool: pg.Pool;
  repo: PrivacyRepo;
  customers: Pick<CustomersService, 'privacy' | 'assertReachable'>;
  repairs: Pick<RepairsService, 'listForHistory'>;
  invoices: Pick<InvoicesService, 'balanceOfRepair' | 'financial'>;
  photoRetention: PhotoRetentionService;
  /** each organization's time zone: the daily job runs at 04:30 on its wall clock */
  organization: Pick<OrganizationService, 'profile'>;
  clock: () => Date;
};

/** The daily job's time on the organization's wall clock: after the 03:00 backup, before the shop opens. */
export const RETENTION_HOUR = 4;
export const RETENTION_MINUTE = 30;

function toRun(row: RetentionRunRow): RetentionRun {
  return {
    id: row.id,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    trigger: row.trigger as RetentionRun['trigger'],
    customersAnonymised: row.customersAnonymised,
    customersSkipped: row.customersSkipped,
    photosPurged: row.photosPurged,
    error: row.error,
  };
}

/** The shared steps: preconditions, one anonymisation, the settings as shown, one organization's run. */
function createRetentionCore(deps: RetentionDeps) {
  const { db, pool, repo, customers, clock } = deps;

  /** Open orders and the unpaid balance (cents); with a staff context, invoices without an order too. */
  async function blockers(organizationId: string, customerId: string, ctx?: AuthedContext) {
    const orders = await deps.repairs.listForHistory(organizationId, { customerId }, 10_000);
    const open = orders.filter((o) => (OPEN_REPAIR_STATUSES as readonly string[]).includes(o.status));
    let balanceCents = 0;
    if (ctx) {
      balanceCents = toCents((await deps.invoices.financial(ctx, customerId)).balance);
    } else {
      for (const order of orders) {
        const invoice = await deps.invoices.balanceOfRepair(db, organizationId, order.id);
        balanceCents += Math.max(0, invoice?.balanceCents ?? 0);
      }
    }
    return { open: open.length, balanceCents };
  }

  async function anonymiseOne(
    ctx: RequestContext,
    organizationId: string,
    customerId: string,
    reason: string,
    staff?: AuthedContext,
  ): Promise<AnonymiseResult> {
    return inTransaction(pool, async ({ db: tx }) => {
      // the row lock keeps a concurrent edit out while the preconditions are checked
      await customers.privacy.lockForAnonymisation(tx, organizationId, customerId);
      const { open, balanceCents } = await blockers(organizationId, customerId, staff);
      if (open > 0)
        throw new AppError('CONFLICT', 'privacy.open_orders', { count: open }, { openOrders: open });
      if (balanceCents > 0) {
        throw new AppError(
          'CONFLICT',
          'privacy.unpaid_balance',
          { balance: formatMoney(balanceCents, ctx.locale) },
          { balance: balanceCents / 100 },
        );
      }
      const result = await customers.privacy.anonymise(tx, ctx, organizationId, customerId, reason);
      return { ...result, anonymisedAt: result.anonymisedAt.toISOString() };
    });
  }

  async function settingsOf(organizationId: string) {
    const row = await repo.settings(db, organizationId);
    return {
      anonymiseInactiveAfterYears: row?.anonymiseInactiveAfterYears ?? null,
      purgePhotosAfterYears: row?.purgePhotosAfterYears ?? null,
      version: row?.version ?? 0,
    };
  }

  async function view(organizationId: string): Promise<RetentionSettings> {
    const [settings, last] = await Promise.all([
      settingsOf(organizationId),
      repo.lastRun(db, organizationId),
    ]);
    return { ...settings, fixed: LEGAL_RETENTION.map((f) => ({ ...f })), lastRun: last ? toRun(last) : null };
  }

  /** One organization's retention, applied now: the job's work and "run now". */
  async function apply(organizationId: string, trigger: 'job' | 'manual', ctx: RequestContext) {
    const settings = await settingsOf(organizationId);
    const now = clock();
    const run = await repo.startRun(db, organizationId, trigger, now);
    let anonymised = 0;
    let skipped = 0;
    let purged = 0;
    let error: string | null = null;
    try {
      if (settings.anonymiseInactiveAfterYears) {
        const cutoff = yearsBefore(now, settings.anonymiseInactiveAfterYears);
        const { rows } = await customers.privacy.inactive(db, organizationId, cutoff, RUN_LIMIT);
        for (const row of rows) {
          try {
            await anonymiseOne(
              ctx,
              organizationId,
              row.id,
              `retention: ${settings.anonymiseInactiveAfterYears}y`,
            );
            anonymised++;
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            skipped++;
          }
        }
      }
      if (settings.purgePhotosAfterYears) {
        const cutoff = yearsBefore(now, settings.purgePhotosAfterYears);
        purged = await deps.photoRetention.purgeOlderThan(organizationId, cutoff);
      }
    } catch (e) {
      error = e instanceof Error ? e.message.slice(0, 500) : String(e);
    }
    await repo.finishRun(
      db,
      run.id,
      { customersAnonymised: anonymised, customersSkipped: skipped, photosPurged: purged, error },
      clock(),
    );
    if (anonymised > 0 || purged > 0) {
      await recordAudit(db, ctx, {
        organizationId,
        action: 'privacy.retention_applied',
        entity: 'privacy_settings',
        entityId: organizationId,
        after: { trigger, customersAnonymised: anonymised, customersSkipped: skipped, photosPurged: purged },
      });
    }
    return {
      ...run,
      customersAnonymised: anonymised,
      customersSkipped: skipped,
      photosPurged: purged,
      error,
    };
  }

  return { blockers, anonymiseOne, settingsOf, view, apply };
}

/**
 * Anonymisation (LGPD art. 16 and 18 IV) and the retention settings that apply it on their own.
 * A customer is anonymised only without open service orders and without an unpaid balance; invoices
 * and fiscal documents are kept (legal obligation) and keep the name they were issued with.
 */
export function createRetentionService(deps: RetentionDeps) {
  const { db, pool, repo, customers, clock } = deps;
  const { blockers, anonymiseOne, settingsOf, view, apply } = createRetentionCore(deps);
  return {
    async anonymise(ctx: AuthedContext, customerId: string, reason: string): Promise<AnonymiseResult> {
      assertCan(ctx, 'privacy:manage');
      await customers.assertReachable(ctx, customerId, 'customers:read');
      return anonymiseOne(ctx, ctx.actor.organizationId, customerId, reason, ctx);
    },

    async settings(ctx: AuthedContext): Promise<RetentionSettings> {
      assertCan(ctx, 'privacy:manage');
      return view(ctx.actor.organizationId);
    },

    async updateSettings(
      ctx: AuthedContext,
      input: RetentionSettingsUpdate,
      ifMatch?: number,
    ): Promise<RetentionSettings> {
      assertCan(ctx, 'privacy:manage');
      const organizationId = ctx.actor.organizationId;
      await inTransaction(pool, async ({ db: tx }) => {
        const current = await repo.settings(tx, organizationId);
        assertVersion(ifMatch, current?.version ?? 0);
        const saved = await repo.saveSettings(tx, organizationId, input, current?.version);
        if (!saved) assertVersion((current?.version ?? 0) + 1, current?.version ?? 0);
        await recordAudit(tx, ctx, {
          organizationId,
          action: 'privacy.retention_updated',
          entity: 'privacy_settings',
          entityId: organizationId,
          before: current
            ? {
                anonymiseInactiveAfterYears: current.anonymiseInactiveAfterYears,
                purgePhotosAfterYears: current.purgePhotosAfterYears,
              }
            : null,
          after: input,
        });
      });
      return view(organizationId);
    },

    /** The dry run: what the settings (saved, or the ones given) would remove now. */
    async preview(ctx: AuthedContext, input: RetentionPreviewBody = {}): Promise<RetentionPreview> {
      assertCan(ctx, 'privacy:manage');
      const organizationId = ctx.actor.organizationId;
      const saved = await settingsOf(organizationId);
      const settings = {
        anonymiseInactiveAfterYears:
          input.anonymiseInactiveAfterYears === undefined
            ? saved.anonymiseInactiveAfterYears
            : input.anonymiseInactiveAfterYears,
        purgePhotosAfterYears:
          input.purgePhotosAfterYears === undefined
            ? saved.purgePhotosAfterYears
            : input.purgePhotosAfterYears,
      };
      const now = clock();
      const customerCutoff = settings.anonymiseInactiveAfterYears
        ? yearsBefore(now, settings.anonymiseInactiveAfterYears)
        : null;
      const photoCutoff = settings.purgePhotosAfterYears
        ? yearsBefore(now, settings.purgePhotosAfterYears)
        : null;
      const none = { rows: [] as { id: string; name: string; lastActivityAt: Date }[], total: 0 };
      const [inactive, photos] = await Promise.all([
        customerCutoff ? customers.privacy.inactive(db, organizationId, customerCutoff, RUN_LIMIT) : none,
        photoCutoff
          ? deps.photoRetention.olderThan(organizationId, photoCutoff, SAMPLE)
          : { count: 0, sample: [] },
      ]);
      let blocked = 0;
      const eligible: typeof inactive.rows = [];
      for (const row of inactive.rows) {
        const b = await blockers(organizationId, row.id);
        if (b.open > 0 || b.balanceCents > 0) blocked++;
        else eligible.push(row);
      }
      return {
        asOf: now.toISOString(),
        customers: {
          cutoff: customerCutoff?.toISOString() ?? null,
          count: inactive.total - blocked,
          blocked,
          sample: eligible.slice(0, SAMPLE).map((r) => ({
            id: r.id,
            name: r.name,
            lastActivityAt: r.lastActivityAt.toISOString(),
          })),
        },
        photos: {
          cutoff: photoCutoff?.toISOString() ?? null,
          count: photos.count,
          sample: photos.sample.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })),
        },
      };
    },

    /** "Run now" from the settings page: the same work as the daily job, for this organization. */
    async runNow(ctx: AuthedContext): Promise<RetentionRun> {
      assertCan(ctx, 'privacy:manage');
      const run = await apply(ctx.actor.organizationId, 'manual', ctx);
      return toRun({ ...run, finishedAt: clock() });
    },

    /**
     * The daily job, checked every 10 minutes: each organization with a rule switched on whose 04:30
     * (its time zone) has passed since the job last started for it. A server that was down at 04:30
     * runs it at its next check, once.
     */
    async runDaily(): Promise<{ organizations: number }> {
      const now = clock();
      let ran = 0;
      for (const o of await repo.organizationsWithRetention(db)) {
        const profile = await deps.organization.profile(db, o.organizationId);
        const slot = lastSlot(now, safeTimeZone(profile?.timeZone), RETENTION_HOUR, RETENTION_MINUTE);
        const last = await repo.lastJobStart(db, o.organizationId);
        if (last && last.getTime() >= slot.getTime()) continue;
        await apply(o.organizationId, 'job', systemContext());
        ran++;
      }
      return { organizations: ran };
    },
  };
}
export type RetentionService = ReturnType<typeof createRetentionService>;
