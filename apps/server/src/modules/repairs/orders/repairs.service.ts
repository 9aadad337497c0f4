import type pg from 'pg';
import type { Database } from '../../../db/client.js';
import type { AssetsService } from '../../customers/assets.service.js';
import type { CustomersService } from '../../customers/customers.service.js';
import type { UsersService } from '../../users/users.service.js';
import type { EstimatesRepo } from '../estimates/estimates.repo.js';
import type { HistoryRepo } from '../history/history.repo.js';
import { createRepairHistoryService } from '../history/history.service.js';
import type { LinesRepo } from '../lines/lines.repo.js';
import type { LinesService } from '../lines/lines.service.js';
import type { RepairTimeRepo } from '../time/time.repo.js';
import { catalogServiceNames, latestFinishedOnAssets, orderForMaintenance } from './asset-orders.repo.js';
import { customersWithCatalogServices, orderForFeedback } from './campaign-audience.repo.js';
import { createRepairCreation } from './create-repair.js';
import type { OrderChanges } from './order-changes.js';
import { createRepairReader } from './repair-reader.js';
import type { RepairsRepo } from './repairs.repo.js';
import { catalogHours, openOrderLoads, orderCalendarDates } from './schedule-load.repo.js';
import { createRepairUpdate } from './update-repair.js';

export type { RepairScope, RepairSummary, ServiceFrequency } from '../history/history.service.js';

/**
 * Service orders: seed 004's POST /repairs, edits, reading one or a list, the timeline; and the
 * orders as the customer's and the asset's history read them.
 */
export function createRepairsService(deps: {
  db: Database;
  pool: pg.Pool;
  repo: RepairsRepo;
  historyRepo: HistoryRepo;
  linesRepo: LinesRepo;
  lines: LinesService;
  changes: OrderChanges;
  estimates: EstimatesRepo;
  time: RepairTimeRepo;
  customers: CustomersService;
  assets: AssetsService;
  users: UsersService;
  now?: () => Date;
}) {
  const reader = createRepairReader({ ...deps, clock: deps.now ?? (() => new Date()) });
  const history = createRepairHistoryService({ db: deps.db, repo: deps.historyRepo });
  const create = createRepairCreation({ ...deps, reader });
  return {
    create,
    update: createRepairUpdate({ ...deps, reader }),
    get: reader.get,
    read: reader.read,
    list: reader.list,
    events: reader.events,
    exists: reader.exists,
    /** For billing (a deposit): the order's customer and total, and whether it is past taking deposits. */
    async forDeposit(executor: Database, organizationId: string, id: string) {
      const row = await deps.repo.findById(executor, organizationId, id);
      if (!row) return undefined;
      return {
        customerId: row.customerId,
        totalCents: row.totalCents,
        closed: ['FINALIZADO', 'ENTREGUE', 'CANCELADO'].includes(row.status),
      };
    },
    /** For other parts of the module (status, estimates): the order inside a transaction. */
    load: reader.load,
    listForHistory: history.listForHistory,
    frequency: history.frequency,
    /**
     * For maintenance plans (issue 14 §4): per asset, its latest finished or delivered order, and its
     * latest one with a line of each of `catalogIds`, with the odometer or hour meter taken on it, so a
     * plan served by it stops reminding.
     */
    latestFinishedOnAssets: (
      executor: Database,
      organizationId: string,
      assetIds: string[],
      catalogIds: string[] = [],
    ) => latestFinishedOnAssets(executor, organizationId, assetIds, catalogIds),
    /** For a maintenance plan made from an order's service line: the order's assets and services. */
    orderForMaintenance: (executor: Database, organizationId: string, repairId: string) =>
      orderForMaintenance(executor, organizationId, repairId),
    /** The names of the organization's catalog services among `ids` (a plan's service is checked here). */
    catalogServiceNames: (executor: Database, organizationId: string, ids: string[]) =>
      catalogServiceNames(executor, organizationId, ids),
    /** For campaigns (issue 14 §6): customers who had one of these catalog services done. */
    customersWithCatalogServices: (executor: Database, organizationId: string, catalogIds: string[]) =>
      customersWithCatalogServices(executor, organizationId, catalogIds),
    /** For the feedback page (issue 14 §5): the order's number and asset. */
    orderForFeedback: (executor: Database, organizationId: string, repairId: string) =>
      orderForFeedback(executor, organizationId, repairId),
    /** For scheduling (issue 15): an arrived appointment's order, in the appointment's transaction. */
    createInTransaction: create.inTransaction,
    /** For scheduling: the catalog services' standard hours (an appointment's duration). */
    catalogHours: (executor: Database, organizationId: string, ids: string[]) =>
      catalogHours(executor, organizationId, ids),
    /** For scheduling: open orders' remaining estimated work per technician (all: null). */
    openOrderLoads: (executor: Database, organizationId: string, technicianIds: string[] | null) =>
      openOrderLoads(executor, organizationId, technicianIds),
    /** For the calendar (seed 002 "Calendario con fechas de pedidos"): open orders received or due in a range. */
    orderCalendarDates: (
      executor: Database,
      organizationId: string,
      range: { from: Date; to: Date },
      filter: { customerId?: string | undefined; technicianId?: string | undefined },
    ) => orderCalendarDates(executor, organizationId, range, filter),
  };
}
export type RepairsService = ReturnType<typeof createRepairsService>;
