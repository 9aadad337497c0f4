import type { ModuleDeps } from '../../platform/module.js';
import { createSignedLinks } from '../../platform/signed-links.js';
import type { InvoicesService } from '../billing/invoices.service.js';
import type { AssetsService } from '../customers/assets.service.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { ComponentsService } from '../inventory/components.service.js';
import type { StockService } from '../inventory/stock.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { UsersService } from '../users/users.service.js';
import { createCatalogRepo } from './catalog/catalog.repo.js';
import { createServiceCatalogService } from './catalog/catalog.service.js';
import { createRepairDocumentsService } from './documents/documents.service.js';
import { createEstimatesRepo } from './estimates/estimates.repo.js';
import { createEstimatesService } from './estimates/estimates.service.js';
import { createHistoryRepo } from './history/history.repo.js';
import { createLinesRepo } from './lines/lines.repo.js';
import { createLinesService } from './lines/lines.service.js';
import { createOrderChanges } from './orders/order-changes.js';
import { createRepairsRepo } from './orders/repairs.repo.js';
import { createRepairsService } from './orders/repairs.service.js';
import { createPhotoRetentionService } from './photos/photo-retention.service.js';
import { createRepairPhotosRepo } from './photos/photos.repo.js';
import { createRepairPhotosService } from './photos/photos.service.js';
import { createRepairStatusService } from './status/status.service.js';
import { createTechniciansRepo } from './technicians/technicians.repo.js';
import { createTechniciansService } from './technicians/technicians.service.js';
import { createRepairTimeRepo } from './time/time.repo.js';
import { createRepairTimeService } from './time/time.service.js';

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
    invoices: InvoicesService;
  },
) {
  const { db, pool, cipher, storage, customers, assets, users, organization } = deps;
  const repo = createRepairsRepo();
  const linesRepo = createLinesRepo();
  const catalogRepo = createCatalogRepo();
  const estimatesRepo = createEstimatesRepo();
  const timeRepo = createRepairTimeRepo();
  const changes = createOrderChanges({ repo, outbox: deps.outbox });
  const lines = createLinesService({ ...deps, repo: linesRepo, orders: repo, changes, catalog: catalogRepo });
  const shared = { db, pool, changes, lines, linesRepo, users };

  const repairs = createRepairsService({
    ...shared,
    repo,
    historyRepo: createHistoryRepo(),
    estimates: estimatesRepo,
    time: timeRepo,
    customers,
    assets,
  });
  const repairStatus = createRepairStatusService({
    ...shared,
    repo,
    estimates: estimatesRepo,
    time: timeRepo,
    reader: repairs,
    invoices: deps.invoices,
    organization,
  });
  const repairTime = createRepairTimeService({
    ...shared,
    repo: timeRepo,
    orders: repo,
    status: repairStatus,
  });
  const technicians = createTechniciansService({
    ...shared,
    repo: createTechniciansRepo(),
    orders: repo,
    getRepair: repairs.get,
    // working hours are read on the shop's wall clock
    timeZoneOf: async (organizationId) => (await organization.profile(db, organizationId))?.timeZone ?? null,
  });
  const repairPhotos = createRepairPhotosService({
    ...shared,
    repo: createRepairPhotosRepo(),
    orders: repo,
    storage,
  });
  const repairDocuments = createRepairDocumentsService({
    db,
    repairs,
    customers,
    organization,
    photos: repairPhotos,
    time: repairTime,
  });
  const estimates = createEstimatesService({
    ...shared,
    repo: estimatesRepo,
    orders: repo,
    repairs,
    customers,
    assets,
    organization,
    links: createSignedLinks(cipher),
  });
  const serviceCatalog = createServiceCatalogService({ db, pool, repo: catalogRepo });
  return {
    repairs,
    repairStatus,
    repairTime,
    technicians,
    repairPhotos,
    repairDocuments,
    estimates,
    serviceCatalog,
    // photos past the organization's retention period, for the privacy module (issue 13 §6)
    photoRetention: createPhotoRetentionService({ db, pool, storage }),
  };
}
