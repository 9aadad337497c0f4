import type {
  Asset,
  MaintenancePlan,
  MaintenancePlanCreateSchema,
  MaintenancePlanUpdateSchema,
  MaintenanceReminder,
  MaintenanceReminderQuerySchema,
  MaintenanceTemplate,
  MaintenanceTemplateQuery,
  Page,
} from '@bancada/shared';
import type { z } from 'zod';
import { type AuthedContext, assertCan } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import { assertVersion } from '../../../platform/etag.js';
import type { Jobs } from '../../../platform/jobs.js';
import { inTransaction } from '../../../platform/tx.js';
import { findMaintenanceTemplate, MAINTENANCE_TEMPLATES } from '../maintenance-templates.js';
import {
  createMaintenanceRepo,
  type MaintenancePlanColumns,
  type MaintenancePlanRow,
} from './maintenance.repo.js';
import {
  assertIntervals,
  type Evaluation,
  evaluatePlan,
  frequencyOf,
  type Intervals,
  invalidField,
  projectionColumns,
  REMINDER_LEAD_DAYS,
  servedColumns,
  toMeterReadings,
  toPlan,
} from './plan-rules.js';
import { createReminderRun, type MaintenanceDeps } from './reminder-run.js';

type PlanCreate = z.output<typeof MaintenancePlanCreateSchema>;
type PlanUpdate = z.output<typeof MaintenancePlanUpdateSchema>;
type ReminderQuery = z.output<typeof MaintenanceReminderQuerySchema>;
type ServiceInput = {
  at?: string | undefined;
  km?: number | null | undefined;
  hours?: number | null | undefined;
};

const DAY_MS = 86_400_000;
// a clock a little ahead of the database's is not "the future"
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The last-service columns from what staff typed: without a date the service is now, at the asset's
 * latest odometer or hour-meter reading; with a date, only the values given (the projection takes the
 * reading nearest before it).
 */
function serviceColumns(input: ServiceInput | undefined, asset: Asset, now: Date, field: string) {
  const at = input?.at ? new Date(input.at) : now;
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw invalidField(`${field}.at`, 'maintenance.service_in_future');
  const isNow = !input?.at;
  const latest = (value: number | null) => (isNow && value !== null ? Math.round(value) : null);
  return {
    lastServiceAt: at,
    lastServiceKm: input?.km ?? (asset.kind === 'vehicle' ? latest(asset.odometer) : null),
    lastServiceHours: input?.hours ?? (asset.kind === 'machine' ? latest(asset.hourMeter) : null),
    lastServiceRepairId: null,
  };
}

/** A value given in the body (null clears it), else the template's, else none. */
function given(value: number | null | undefined, fallback: number | undefined): number | null {
  return value !== undefined ? value : (fallback ?? null);
}

/** Preventive maintenance plans per asset and the reminders they send (issue 14 §4). */
export function createMaintenanceService(deps: MaintenanceDeps) {
  const { db, pool, assets, customers, repairs } = deps;
  const repo = createMaintenanceRepo();
  const run = createReminderRun(deps, repo);
  const clock = () => new Date();

  /** The asset (404 for another organization's) and what its plans' projection needs. */
  async function factsOf(ctx: AuthedContext, assetId: string) {
    const asset = await assets.get(ctx, assetId);
    const organizationId = ctx.actor.organizationId;
    const [readings, contact, orders] = await Promise.all([
      assets.listReadings(ctx, assetId),
      customers.contactOf(db, organizationId, asset.customerId),
      repairs.latestFinishedOnAssets(db, organizationId, [assetId]),
    ]);
    return {
      asset,
      readings: toMeterReadings(readings),
      latestOrder: orders[0],
      frequency: frequencyOf(contact?.preferences),
    };
  }
  type Facts = Awaited<ReturnType<typeof factsOf>>;
  const evaluate = (row: MaintenancePlanRow, facts: Facts, now: Date): Evaluation =>
    evaluatePlan(row, { ...facts, now });

  async function create(ctx: AuthedContext, assetId: string, input: PlanCreate): Promise<MaintenancePlan> {
    assertCan(ctx, 'assets:write');
    const facts = await factsOf(ctx, assetId);
    const { asset } = facts;
    const template = input.templateKey ? findMaintenanceTemplate(input.templateKey) : undefined;
    if (input.templateKey && template?.assetKind !== asset.kind)
      throw invalidField('templateKey', 'maintenance.template_unknown');
    const name = input.name ?? template?.names[ctx.locale];
    if (!name) throw invalidField('name', 'maintenance.name_required');
    const intervals: Intervals = {
      intervalKm: given(input.intervalKm, template?.plan.intervalKm),
      intervalHours: given(input.intervalHours, template?.plan.intervalHours),
      intervalMonths: given(input.intervalMonths, template?.plan.intervalMonths),
    };
    assertIntervals(intervals, asset.kind);
    const now = clock();
    const row = await inTransaction(pool, async ({ db: tx }) => {
      const inserted = await repo.insert(tx, {
        organizationId: ctx.actor.organizationId,
        assetId: asset.id,
        customerId: asset.customerId,
        templateKey: template?.key ?? null,
        name,
        ...intervals,
        ...serviceColumns(input.lastService, asset, now, 'lastService'),
      });
      const stored = projectionColumns(evaluate(inserted, facts, now).projection);
      await repo.refresh(tx, ctx.actor.organizationId, inserted.id, stored);
      return { ...inserted, ...stored };
    });
    return toPlan(row, evaluate(row, facts, now));
  }

  async function update(
    ctx: AuthedContext,
    id: string,
    patch: PlanUpdate,
    ifMatch?: number,
  ): Promise<MaintenancePlan> {
    assertCan(ctx, 'assets:write');
    const organizationId = ctx.actor.organizationId;
    const found = await repo.findById(db, organizationId, id);
    if (!found) throw notFound('maintenance.plan_not_found');
    const facts = await factsOf(ctx, found.assetId);
    const now = clock();
    const row = await inTransaction(pool, async ({ db: tx }) => {
      const current = await repo.findById(tx, organizationId, id, { forUpdate: true });
      if (!current) throw notFound('maintenance.plan_not_found');
      assertVersion(ifMatch, current.version);
      const intervals: Intervals = {
        intervalKm: patch.intervalKm !== undefined ? patch.intervalKm : current.intervalKm,
        intervalHours: patch.intervalHours !== undefined ? patch.intervalHours : current.intervalHours,
        intervalMonths: patch.intervalMonths !== undefined ? patch.intervalMonths : current.intervalMonths,
      };
      assertIntervals(intervals, facts.asset.kind);
      const columns: MaintenancePlanColumns = { ...intervals };
      if (patch.name !== undefined) columns.name = patch.name;
      if (patch.active !== undefined) columns.active = patch.active;
      if (patch.served) Object.assign(columns, serviceColumns(patch.served, facts.asset, now, 'served'));
      const { projection, served } = evaluate({ ...current, ...columns }, facts, now);
      // an order that served the plan since is kept, unless staff just said when it was served
      if (served && !patch.served) Object.assign(columns, servedColumns(served));
      const updated = await repo.update(tx, organizationId, id, current.version, {
        ...columns,
        ...projectionColumns(projection),
      });
      if (!updated) assertVersion(current.version, current.version + 1);
      return updated!;
    });
    return toPlan(row, evaluate(row, facts, now));
  }

  async function listByAsset(ctx: AuthedContext, assetId: string): Promise<MaintenancePlan[]> {
    assertCan(ctx, 'assets:read');
    const facts = await factsOf(ctx, assetId);
    const rows = await repo.listByAsset(db, ctx.actor.organizationId, assetId);
    const now = clock();
    return rows.map((row) => toPlan(row, evaluate(row, facts, now)));
  }

  function templates(ctx: AuthedContext, query: MaintenanceTemplateQuery): MaintenanceTemplate[] {
    assertCan(ctx, 'assets:read');
    return MAINTENANCE_TEMPLATES.filter((t) => !query.assetKind || t.assetKind === query.assetKind).map(
      (t) => {
        const plan: { intervalKm?: number; intervalHours?: number; intervalMonths?: number } = t.plan;
        return {
          key: t.key,
          assetKind: t.assetKind,
          name: t.names[ctx.locale],
          intervalKm: plan.intervalKm ?? null,
          intervalHours: plan.intervalHours ?? null,
          intervalMonths: plan.intervalMonths ?? null,
        };
      },
    );
  }

  /** Plans due soon or overdue across the organization, soonest first (as the daily job stored them). */
  async function reminders(ctx: AuthedContext, q: ReminderQuery): Promise<Page<MaintenanceReminder>> {
    assertCan(ctx, 'assets:read');
    const organizationId = ctx.actor.organizationId;
    const today = new Date(Math.floor(clock().getTime() / DAY_MS) * DAY_MS);
    const soonUntil = new Date(today.getTime() + REMINDER_LEAD_DAYS * DAY_MS);
    const { rows, total } = await repo.listDue(
      db,
      organizationId,
      { today, soonUntil, status: q.status },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    );
    const labels = await assets.labels(db, organizationId, {
      customerIds: [...new Set(rows.map((r) => r.customerId))],
      assetIds: [...new Set(rows.map((r) => r.assetId))],
    });
    const items = rows.map((r): MaintenanceReminder => {
      const asset = labels.assets.get(r.assetId);
      return {
        planId: r.id,
        planName: r.name,
        assetId: r.assetId,
        assetName: asset?.label ?? '',
        assetKind: asset?.kind ?? 'vehicle',
        customerId: r.customerId,
        customerName: labels.customerNames.get(r.customerId) ?? '',
        dueAt: r.nextDueAt!.toISOString(),
        dueReason: (r.dueReason ?? 'time') as MaintenanceReminder['dueReason'],
        status: r.nextDueAt!.getTime() < today.getTime() ? 'overdue' : 'due_soon',
        lastRemindedAt: r.lastRemindedAt?.toISOString() ?? null,
      };
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  return {
    create,
    update,
    listByAsset,
    templates,
    reminders,
    /** The daily job's work, callable with a fixed clock (tests). */
    runDue: run.runDue,
    async registerJobs(jobs: Jobs): Promise<void> {
      // every 10 minutes; each organization is handled from 09:00 on its own wall clock
      await jobs.work('maintenance-reminders', async () => {
        await run.runDue();
      });
      await jobs.schedule('maintenance-reminders', '*/10 * * * *');
    },
  };
}
export type MaintenanceService = ReturnType<typeof createMaintenanceService>;
