import type { ModuleDeps } from '../../platform/module.js';
import type { MaintenanceService } from '../communication/maintenance/maintenance.service.js';
import type { AssetsService } from '../customers/assets.service.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { RepairsService } from '../repairs/orders/repairs.service.js';
import { createHistoryService } from './history.service.js';

/** Timelines of an asset and of a customer: a read model over service orders, customers and reminders. */
export function createHistoryModule(
  deps: ModuleDeps & {
    repairs: RepairsService;
    customers: CustomersService;
    assets: AssetsService;
    maintenance: MaintenanceService;
  },
) {
  const { db, repairs, customers, assets, maintenance } = deps;
  return { history: createHistoryService({ db, repairs, customers, assets, maintenance }) };
}
