import type { ExistsCheck, ModuleDeps } from '../../platform/module.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { UsersService } from '../users/users.service.js';
import { createComponentsRepo } from './components.repo.js';
import { createComponentsService } from './components.service.js';
import type { PartsArrived } from './late-purchase-orders.js';
import { createPurchaseOrdersRepo } from './purchase-orders.repo.js';
import { createPurchaseOrdersService } from './purchase-orders.service.js';
import { createStockService } from './stock.service.js';
import { createSuppliersRepo } from './suppliers.repo.js';
import { createSuppliersService } from './suppliers.service.js';
import { createToolsRepo } from './tools.repo.js';
import { createToolsService } from './tools.service.js';

/**
 * Components and their stock ledger, suppliers, purchase orders, tools. Below repairs: an order named
 * by a tool checkout or a purchase order is checked through `repairExists`.
 */
export function createInventoryModule(
  deps: ModuleDeps & {
    users: UsersService;
    organization: OrganizationService;
    outbox: OutboxService;
    repairExists: ExistsCheck;
    /** repairs (higher in the map) moves an order whose parts arrived, at request time */
    partsArrived?: PartsArrived;
  },
) {
  const { db, pool, users, organization, outbox, repairExists } = deps;
  const componentsRepo = createComponentsRepo();
  const suppliersRepo = createSuppliersRepo();
  const stock = createStockService({ repo: componentsRepo, users, outbox });
  return {
    stock,
    components: createComponentsService({ db, pool, repo: componentsRepo, suppliers: suppliersRepo, stock }),
    suppliers: createSuppliersService({ db, pool, repo: suppliersRepo, components: componentsRepo }),
    purchaseOrders: createPurchaseOrdersService({
      db,
      pool,
      repo: createPurchaseOrdersRepo(),
      components: componentsRepo,
      suppliers: suppliersRepo,
      stock,
      outbox,
      organizations: organization,
      repairExists,
      users,
      ...(deps.partsArrived ? { partsArrived: deps.partsArrived } : {}),
    }),
    tools: createToolsService({ db, pool, repo: createToolsRepo(), users, repairExists }),
  };
}
