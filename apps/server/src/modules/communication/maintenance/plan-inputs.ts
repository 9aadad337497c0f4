import type { Asset, MaintenancePlanCreateSchema } from '@bancada/shared';
import type { z } from 'zod';
import type { AuthedContext } from '../../../platform/context.js';
import type { RepairsService } from '../../repairs/orders/repairs.service.js';
import { frequencyOf, invalidField, toMeterReadings } from './plan-rules.js';
import type { MaintenanceDeps } from './reminder-run.js';

/** What creating or changing a plan reads and checks: the asset's facts, the catalog service, the order. */

type PlanCreate = z.output<typeof MaintenancePlanCreateSchema>;
type ServiceInput = {
  at?: string | undefined;
  km?: number | null | undefined;
  hours?: number | null | undefined;
};
type OrderForMaintenance = NonNullable<Awaited<ReturnType<RepairsService['orderForMaintenance']>>>;
type ServiceOrder = Pick<OrderForMaintenance, 'finishedAt' | 'odometerKm' | 'hourMeter'> & { id: string };

// a clock a little ahead of the database's is not "the future"
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The last-service columns from what staff typed: without a date the service is now, at the asset's
 * latest odometer or hour-meter reading; with a date, only the values given (the projection takes the
 * reading nearest before it). An order that did the service stands for what is not typed: its finish
 * (while it is open, now) and the meter reading taken on it.
 */
export function serviceColumns(
  input: ServiceInput | undefined,
  asset: Asset,
  now: Date,
  field: string,
  order?: ServiceOrder,
) {
  const at = input?.at ? new Date(input.at) : (order?.finishedAt ?? now);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw invalidField(`${field}.at`, 'maintenance.service_in_future');
  const isNow = !input?.at && !order?.finishedAt;
  const round = (value: number | null | undefined) => (value == null ? null : Math.round(value));
  const latest = (value: number | null) => (isNow ? round(value) : null);
  return {
    lastServiceAt: at,
    lastServiceKm:
      input?.km ?? round(order?.odometerKm) ?? (asset.kind === 'vehicle' ? latest(asset.odometer) : null),
    lastServiceHours:
      input?.hours ?? round(order?.hourMeter) ?? (asset.kind === 'machine' ? latest(asset.hourMeter) : null),
    lastServiceRepairId: order?.id ?? null,
  };
}

/** A value given in the body (null clears it), else the template's, else none. */
export function given(value: number | null | undefined, fallback: number | undefined): number | null {
  return value !== undefined ? value : (fallback ?? null);
}

/** The reads a plan's creation and change make through the customers and repairs modules. */
export function createPlanInputs(deps: MaintenanceDeps) {
  const { db, assets, customers, repairs } = deps;

  /**
   * The asset (404 for another organization's) and what its plans' projection needs: the latest
   * finished orders, of all and with a line of each of the plans' catalog services.
   */
  async function factsOf(ctx: AuthedContext, assetId: string, serviceIds: readonly (string | null)[]) {
    const asset = await assets.get(ctx, assetId);
    const organizationId = ctx.actor.organizationId;
    const catalogIds = [...new Set(serviceIds.filter((id): id is string => id !== null))];
    const [readings, contact, orders] = await Promise.all([
      assets.listReadings(ctx, assetId),
      customers.contactOf(db, organizationId, asset.customerId),
      repairs.latestFinishedOnAssets(db, organizationId, [assetId], catalogIds),
    ]);
    return {
      asset,
      readings: toMeterReadings(readings),
      finishedOrders: orders,
      frequency: frequencyOf(contact?.preferences),
    };
  }

  /** The catalog service's name; a 400 naming `serviceId` when it is not in the organization's catalog. */
  async function catalogServiceName(organizationId: string, serviceId: string | undefined) {
    if (!serviceId) return undefined;
    const names = await repairs.catalogServiceNames(db, organizationId, [serviceId]);
    const name = names.get(serviceId);
    if (name === undefined) throw invalidField('serviceId', 'maintenance.service_unknown');
    return name;
  }

  /** The order that did the last service: one of this asset's, not cancelled, with the plan's service. */
  async function serviceOrder(
    organizationId: string,
    assetId: string,
    input: PlanCreate,
  ): Promise<ServiceOrder | undefined> {
    const repairId = input.lastService?.repairId;
    if (!repairId) return undefined;
    const order = await repairs.orderForMaintenance(db, organizationId, repairId);
    if (!order || order.status === 'CANCELADO' || !order.assetIds.includes(assetId))
      throw invalidField('lastService.repairId', 'maintenance.order_not_on_asset');
    if (input.serviceId && !order.catalogIds.includes(input.serviceId))
      throw invalidField('serviceId', 'maintenance.service_not_on_order');
    return { id: repairId, ...order };
  }

  return { factsOf, catalogServiceName, serviceOrder };
}
