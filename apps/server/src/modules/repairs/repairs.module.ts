import type { ModuleDeps } from '../../platform/module.js';
import { createAssetsRepo } from '../customers/assets.repo.js';
import type { AssetsService } from '../customers/assets.service.js';
import { createCustomersRepo } from '../customers/customers.repo.js';
import type { CustomersService } from '../customers/customers.service.js';
import { createComponentsRepo } from '../inventory/components.repo.js';
import type { ComponentsService } from '../inventory/components.service.js';
import type { StockService } from '../inventory/stock.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { UsersService } from '../users/users.service.js';
import { createEstimatesService } from './estimates.service.js';
import { createRepairDocumentsRepo } from './repair-documents.repo.js';
import { createRepairDocumentsService } from './repair-documents.service.js';
import { createRepairPhotosRepo } from './repair-photos.repo.js';
import { createRepairPhotosService } from './repair-photos.service.js';
import { createRepairsRepo } from './repairs.repo.js';
import { createRepairsService } from './repairs.service.js';

/** Service orders: intake to delivery, lines and stock, estimates, time, photos, documents, catalog. */
export function createRepairsModule(
  deps: ModuleDeps & {
    customers: CustomersService;
    assets: AssetsService;
    stock: StockService;
    components: ComponentsService;
    users: UsersService;
    organization: OrganizationService;
    outbox: OutboxService;
  },
) {
  const { db, pool, config, cipher, storage, stock, outbox, assets, customers } = deps;
  const repo = createRepairsRepo();
  const assetsRepo = createAssetsRepo();
  const repairs = createRepairsService({
    db,
    pool,
    repo,
    customers: createCustomersRepo(),
    assets: assetsRepo,
    components: createComponentsRepo(),
    stock,
    readings: () => assets,
  });
  const repairPhotos = createRepairPhotosService({ db, pool, repo: createRepairPhotosRepo(), storage });
  const repairDocuments = createRepairDocumentsService({
    db,
    repo: createRepairDocumentsRepo(),
    repairs,
    customers,
    photos: repairPhotos,
  });
  const estimates = createEstimatesService({
    db,
    pool,
    repo,
    repairs,
    assets: assetsRepo,
    stock,
    outbox,
    cipher,
    publicUrl: config.publicUrl,
  });
  return { repairs, repairPhotos, repairDocuments, estimates };
}
