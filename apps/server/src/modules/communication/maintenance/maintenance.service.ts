import type {
  Locale,
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
import type { Database } from '../../../db/client.js';
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
import { createPlanInputs, given, serviceColumns } from './plan-inputs.js';
import {
  assertIntervals,
  type Evaluation,
  evaluatePlan,
  type Intervals,
  invalidField,
  projectionColumns,
  REMINDER_LEAD_DAYS,
  servedColumns,
  toPlan,
} from './plan-rules.js';
import { createReminderRun, type MaintenanceDeps } from './reminder-run.js';

type PlanCreate = z.output<typeof MaintenancePlanCreateSchema>;
type PlanUpdate = z.output<typeof MaintenancePlanUpdateSchema>;
type ReminderQuery = z.output<typeof MaintenanceReminderQuerySchema>;
const DAY_MS = 86_400_000;

/** The templates offered (of one asset kind, or all), named in `locale`. */
function templatesIn(locale: Locale, query: MaintenanceTemplateQuery): MaintenanceTemplate[] {
  return MAINTENANCE_TEMPLATES.filter((t) => !query.assetKind || t.assetKind === query.assetKind).map((t) => {
    const plan: { intervalKm?: number; intervalHours?: number; intervalMonths?: number } = t.plan;
    return {
      key: t.key,
      assetKind: t.assetKind,
      name: t.names[locale],
      intervalKm: plan.intervalKm ?? null,
      intervalHours: plan.intervalHours ?? null,
      intervalMonths: plan.intervalMonths ?? null,
    };
  });
}

/** Preventive maintenance plans per asset and the reminders they send (issue 14 §4). */
export function createMaintenanceService(deps: MaintenanceDeps) {
  const { db, pool, assets } = deps;
  const repo = createMaintenanceRepo();
  const run = createReminderRun(deps, repo);
  const clock = () => new Date();

  const { factsOf, catalogServiceName, serviceOrder } = createPlanInputs(deps);
  type Facts = Awaited<ReturnType<typeof factsOf>>;
  const evaluate = (row: MaintenancePlanRow, facts: Facts, now: Date): Evaluation =>
    evaluatePlan(row, { ...facts, now });

  async function create(ctx: AuthedContext, assetId: string, input: PlanCreate): Promise<MaintenancePlan> {
    assertCan(ctx, 'assets:write');
    const organizationId = ctx.actor.organizationId;
    const facts = await factsOf(ctx, assetId, [input.serviceId ?? null]);
    const { asset } = facts;
    const template = input.templateKey ? findMaintenanceTemplate(input.templateKey) : undefined;
    if (input.templateKey && template?.assetKind !== asset.kind)
      throw invalidField('templateKey', 'maintenance.template_unknown');
    const [serviceName, order] = await Promise.all([
      catalogServiceName(organizationId, input.serviceId),
      serviceOrder(organizationId, asset.id, input),
    ]);
    const name = input.name ?? template?.names[ctx.locale] ?? serviceName;
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
        organizationId,
        assetId: asset.id,
        customerId: asset.customerId,
        templateKey: template?.key ?? null,
        serviceId: input.serviceId ?? null,
        name,
        ...intervals,
        ...serviceColumns(input.lastService, asset, now, 'lastService', order),
      });
      const stored = projectionColumns(evaluate(inserted, facts, now).projection);
      await repo.refresh(tx, organizationId, inserted.id, stored);
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
    const facts = await factsOf(ctx, found.assetId, [found.serviceId]);
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
    const rows = await repo.listByAsset(db, ctx.actor.organizationId, assetId);
    const facts = await factsOf(
      ctx,
      assetId,
      rows.map((r) => r.serviceId),
    );
    const now = clock();
    return rows.map((row) => toPlan(row, evaluate(row, facts, now)));
  }

  function templates(ctx: AuthedContext, query: MaintenanceTemplateQuery): MaintenanceTemplate[] {
    assertCan(ctx, 'assets:read');
    return templatesIn(ctx.locale, query);
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
    /**
     * For the history module: the plans created and the reminders sent of an asset or a customer,
     * newest first, in one statement (the caller checked the asset or customer is reachable).
     */
    historyEntries: (
      executor: Database,
      organizationId: string,
      scope: { assetId: string } | { customerId: string },
      limit: number,
    ) => repo.history(executor, organizationId, scope, limit),
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
