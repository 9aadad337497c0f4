import type pg from 'pg';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { createAssetsRepo } from './modules/assets/assets.repo.js';
import { createAssetsService } from './modules/assets/assets.service.js';
import { createAuthRepo } from './modules/auth/auth.repo.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { createCustomersRepo } from './modules/customers/customers.repo.js';
import { createCustomersService } from './modules/customers/customers.service.js';
import { createComponentsRepo } from './modules/inventory/components.repo.js';
import { createComponentsService } from './modules/inventory/components.service.js';
import { createPurchaseOrdersRepo } from './modules/inventory/purchase-orders.repo.js';
import { createPurchaseOrdersService } from './modules/inventory/purchase-orders.service.js';
import { createStockService } from './modules/inventory/stock.service.js';
import { createSuppliersRepo } from './modules/inventory/suppliers.repo.js';
import { createSuppliersService } from './modules/inventory/suppliers.service.js';
import { createToolsRepo } from './modules/inventory/tools.repo.js';
import { createToolsService } from './modules/inventory/tools.service.js';
import { createOrganizationRepo } from './modules/organization/organization.repo.js';
import { createOrganizationService } from './modules/organization/organization.service.js';
import { createOutboxRepo } from './modules/outbox/outbox.repo.js';
import { createOutboxService } from './modules/outbox/outbox.service.js';
import { createEstimatesService } from './modules/repairs/estimates.service.js';
import { createRepairDocumentsRepo } from './modules/repairs/repair-documents.repo.js';
import { createRepairDocumentsService } from './modules/repairs/repair-documents.service.js';
import { createRepairPhotosRepo } from './modules/repairs/repair-photos.repo.js';
import { createRepairPhotosService } from './modules/repairs/repair-photos.service.js';
import { createRepairsRepo } from './modules/repairs/repairs.repo.js';
import { createRepairsService } from './modules/repairs/repairs.service.js';
import { createSearchService } from './modules/search/search.service.js';
import { createUsersRepo } from './modules/users/users.repo.js';
import { createUsersService } from './modules/users/users.service.js';
import type { Cipher } from './platform/crypto.js';
import type { Jobs } from './platform/jobs.js';
import type { Mailer } from './platform/mailer.js';
import { createLocalStorage, uploadsDir } from './platform/storage.js';
import type { TokenSigner } from './platform/tokens.js';

export type Deps = {
  config: Config;
  db: Database;
  pool: pg.Pool;
  jobs: Jobs;
  mailer: Mailer;
  signer: TokenSigner;
  /** personal data at rest: AES-256-GCM and keyed lookup hashes */
  cipher: Cipher;
  /** true when the database is the embedded server this process started */
  embedded: boolean;
};

/** Wires repositories into services once; routes, jobs and the CLI all use this. */
export function createServices(deps: Deps) {
  const { db, pool, jobs, mailer, signer, config, cipher } = deps;
  const organizationRepo = createOrganizationRepo();
  const usersRepo = createUsersRepo();
  const customersRepo = createCustomersRepo();
  const assetsRepo = createAssetsRepo();
  const outbox = createOutboxService({ db, repo: createOutboxRepo(), jobs, mailer });
  const organization = createOrganizationService({ db, pool, repo: organizationRepo });
  const users = createUsersService({
    db,
    pool,
    repo: usersRepo,
    organizations: organizationRepo,
    customers: customersRepo,
  });
  const componentsRepo = createComponentsRepo();
  const stock = createStockService({ repo: componentsRepo, outbox });
  const repairsRepo = createRepairsRepo();
  const repairs = createRepairsService({
    db,
    pool,
    repo: repairsRepo,
    customers: customersRepo,
    assets: assetsRepo,
    components: componentsRepo,
    stock,
    // the assets service reads repairs for its history, so it is built after this one
    readings: () => assets,
  });
  const customers = createCustomersService({
    db,
    pool,
    repo: customersRepo,
    assets: assetsRepo,
    users: usersRepo,
    cipher,
  });
  const assets = createAssetsService({
    db,
    pool,
    repo: assetsRepo,
    customers: customersRepo,
    repairs,
    publicUrl: config.publicUrl,
  });
  const suppliersRepo = createSuppliersRepo();
  const components = createComponentsService({
    db,
    pool,
    repo: componentsRepo,
    suppliers: suppliersRepo,
    stock,
  });
  const suppliers = createSuppliersService({ db, pool, repo: suppliersRepo, components: componentsRepo });
  const purchaseOrders = createPurchaseOrdersService({
    db,
    pool,
    repo: createPurchaseOrdersRepo(),
    components: componentsRepo,
    suppliers: suppliersRepo,
    stock,
    outbox,
  });
  const tools = createToolsService({ db, pool, repo: createToolsRepo() });
  // photos and other attachments, under DATA_DIR/uploads (an S3-compatible store can replace it)
  const storage = createLocalStorage(uploadsDir(config.dataDir));
  const repairPhotos = createRepairPhotosService({ db, pool, repo: createRepairPhotosRepo(), storage });
  const repairDocuments = createRepairDocumentsService({
    db,
    repo: createRepairDocumentsRepo(),
    repairs,
    customers,
    photos: repairPhotos,
  });
  const search = createSearchService({ db, customers: customersRepo, assets: assetsRepo, cipher });
  const auth = createAuthService({
    db,
    pool,
    repo: createAuthRepo(),
    users: usersRepo,
    organizations: organizationRepo,
    outbox,
    signer,
    config,
  });
  const estimates = createEstimatesService({
    db,
    pool,
    repo: repairsRepo,
    repairs,
    assets: assetsRepo,
    stock,
    outbox,
    cipher,
    publicUrl: config.publicUrl,
  });
  return {
    auth,
    estimates,
    storage,
    repairPhotos,
    repairDocuments,
    users,
    organization,
    outbox,
    customers,
    assets,
    repairs,
    search,
    stock,
    components,
    suppliers,
    purchaseOrders,
    tools,
  };
}
export type Services = ReturnType<typeof createServices>;
