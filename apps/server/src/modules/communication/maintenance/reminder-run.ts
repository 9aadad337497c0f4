import { zonedParts } from '@bancada/shared';
import type { ModuleDeps } from '../../../platform/module.js';
import { inTransaction } from '../../../platform/tx.js';
import { safeTimeZone } from '../../../platform/wall-clock.js';
import type { AssetsService } from '../../customers/assets.service.js';
import type { CustomersService } from '../../customers/customers.service.js';
import type { OrganizationService } from '../../organization/organization.service.js';
import type { OutboxService } from '../../outbox/outbox.service.js';
import type { RepairsService } from '../../repairs/orders/repairs.service.js';
import type { MeterReading, ReminderFrequency } from '../maintenance-projection.js';
import type { MaintenancePlanRow, MaintenanceRepo } from './maintenance.repo.js';
import {
  evaluatePlan,
  type FinishedOrderOnAsset,
  frequencyOf,
  projectionColumns,
  servedColumns,
  toMeterReadings,
} from './plan-rules.js';

/** Reminders go out from 09:00 on the organization's wall clock, well after its quiet hours. */
export const REMINDER_HOUR = 9;
/** Readings read per asset for the usage estimate (newest first): years of visits. */
const READINGS_PER_ASSET = 500;

/**
 * What maintenance needs of the communication module's deps (CommunicationDeps is one), named here so
 * this folder does not import the module's wiring file.
 */
export type MaintenanceDeps = ModuleDeps & {
  customers: Pick<CustomersService, 'contactOf'>;
  assets: Pick<AssetsService, 'get' | 'listReadings' | 'findForOrder' | 'labels' | 'readingsForHistory'>;
  organization: Pick<OrganizationService, 'profile'>;
  outbox: Pick<OutboxService, 'recordEvent'>;
  repairs: Pick<RepairsService, 'latestFinishedOnAssets' | 'orderForMaintenance' | 'catalogServiceNames'>;
};

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The portal's booking page with the asset chosen (issue 15 §3): the reminder's `{{bookingLink}}`. */
export function bookingLinkOf(publicUrl: string, assetId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/portal/book?assetId=${encodeURIComponent(assetId)}`;
}

type AssetFacts = {
  customerId: string;
  assetName: string;
  readings: MeterReading[];
  finishedOrders: FinishedOrderOnAsset[];
  frequency: ReminderFrequency;
};

/**
 * The daily reminders (issue 14 §4): each organization's active plans projected again, marked served
 * by a newer finished order, and a `reminder_due` notification event for each whose reminder is due,
 * with `last_reminded_at`, in one transaction per plan. A second run the same day sends nothing: the
 * last reminder spaces the next by the customer's frequency, and the event's dedupe key (plan and
 * due date) refuses a repeat even from a concurrent run.
 */
export function createReminderRun(deps: MaintenanceDeps, repo: MaintenanceRepo) {
  const { db, pool, assets, customers, repairs, outbox, organization } = deps;

  /** What the plans of one organization need of their assets; a deleted asset is missing. */
  async function factsOf(organizationId: string, plans: MaintenancePlanRow[]) {
    const assetIds = [...new Set(plans.map((p) => p.assetId))];
    const catalogIds = [...new Set(plans.flatMap((p) => (p.serviceId ? [p.serviceId] : [])))];
    const [live, labels, orders] = await Promise.all([
      Promise.all(assetIds.map((id) => assets.findForOrder(db, organizationId, id))),
      assets.labels(db, organizationId, { customerIds: [], assetIds }),
      repairs.latestFinishedOnAssets(db, organizationId, assetIds, catalogIds),
    ]);
    const finishedOrders = new Map<string, FinishedOrderOnAsset[]>();
    for (const order of orders)
      finishedOrders.set(order.assetId, [...(finishedOrders.get(order.assetId) ?? []), order]);
    const frequencies = new Map<string, ReminderFrequency>();
    const facts = new Map<string, AssetFacts>();
    for (const asset of live) {
      if (!asset) continue;
      if (!frequencies.has(asset.customerId)) {
        const contact = await customers.contactOf(db, organizationId, asset.customerId);
        frequencies.set(asset.customerId, frequencyOf(contact?.preferences));
      }
      const readings = await assets.readingsForHistory(db, organizationId, [asset.id], READINGS_PER_ASSET);
      facts.set(asset.id, {
        customerId: asset.customerId,
        assetName: labels.assets.get(asset.id)?.label ?? asset.kind,
        readings: toMeterReadings(readings),
        finishedOrders: finishedOrders.get(asset.id) ?? [],
        frequency: frequencies.get(asset.customerId)!,
      });
    }
    return facts;
  }

  /** One plan, under its row lock: served, projected, reminded. True when a reminder was recorded. */
  async function runPlan(
    organizationId: string,
    planId: string,
    facts: AssetFacts,
    now: Date,
    publicUrl: string,
  ) {
    return inTransaction(pool, async (tx) => {
      const plan = await repo.findById(tx.db, organizationId, planId, { forUpdate: true });
      if (!plan?.active) return false;
      const { projection, reminderAt, served } = evaluatePlan(plan, { ...facts, now });
      if (served) await repo.update(tx.db, organizationId, plan.id, plan.version, servedColumns(served));
      const refresh: Parameters<MaintenanceRepo['refresh']>[3] = {
        ...projectionColumns(projection),
        customerId: facts.customerId,
      };
      let reminded = false;
      if (reminderAt && projection.dueAt && reminderAt.getTime() <= now.getTime()) {
        const eventId = await outbox.recordEvent(tx, {
          organizationId,
          event: 'reminder_due',
          dedupeKey: `reminder_due:${plan.id}:${isoDay(projection.dueAt)}`,
          customerId: facts.customerId,
          relatedEntity: 'asset',
          relatedId: plan.assetId,
          payload: {
            assetName: facts.assetName,
            dueService: plan.name,
            bookingLink: bookingLinkOf(publicUrl, plan.assetId),
          },
        });
        // null: this due date was reminded already (one event per plan and due date, ever); the
        // next try is still spaced by the customer's frequency, so no run retries it every 10 minutes
        refresh.lastRemindedAt = now;
        reminded = eventId !== null;
        // the timelines of the asset and the customer show it
        if (eventId !== null)
          await repo.insertReminder(tx.db, {
            organizationId,
            planId: plan.id,
            assetId: plan.assetId,
            customerId: facts.customerId,
            dueAt: projection.dueAt,
            dueReason: projection.reason,
            eventId,
            sentAt: now,
          });
      }
      await repo.refresh(tx.db, organizationId, plan.id, refresh);
      return reminded;
    });
  }

  /** Whether the job's pass over a plan would change anything (most days it would not). */
  function hasWork(plan: MaintenancePlanRow, facts: AssetFacts, now: Date): boolean {
    const { projection, reminderAt, served } = evaluatePlan(plan, { ...facts, now });
    const stored = projectionColumns(projection);
    return (
      served !== null ||
      (reminderAt !== null && reminderAt.getTime() <= now.getTime()) ||
      plan.customerId !== facts.customerId ||
      plan.nextDueAt?.getTime() !== stored.nextDueAt?.getTime() ||
      plan.dueReason !== stored.dueReason
    );
  }

  async function runOrganization(organizationId: string, now: Date, publicUrl: string): Promise<number> {
    const plans = await repo.activeByOrganization(db, organizationId);
    const facts = await factsOf(organizationId, plans);
    let sent = 0;
    for (const plan of plans) {
      const assetFacts = facts.get(plan.assetId);
      if (!assetFacts) {
        // the asset was deleted: its plans stop
        await repo.update(db, organizationId, plan.id, plan.version, { active: false });
        continue;
      }
      if (!hasWork(plan, assetFacts, now)) continue;
      if (await runPlan(organizationId, plan.id, assetFacts, now, publicUrl)) sent++;
    }
    return sent;
  }

  return {
    /**
     * Every organization whose wall clock is past 09:00 (the job runs every 10 minutes; the first
     * run after 09:00 sends, the later ones find nothing to do).
     */
    async runDue(now: Date = new Date()): Promise<{ organizations: number; reminders: number }> {
      let organizations = 0;
      let reminders = 0;
      for (const organizationId of await repo.organizationsWithActivePlans(db)) {
        const profile = await organization.profile(db, organizationId);
        if (zonedParts(now, safeTimeZone(profile?.timeZone)).hour < REMINDER_HOUR) continue;
        // the shop's public address (settings), else PUBLIC_URL: customers open the link from outside
        reminders += await runOrganization(organizationId, now, profile?.publicUrl ?? deps.config.publicUrl);
        organizations++;
      }
      return { organizations, reminders };
    },
  };
}
