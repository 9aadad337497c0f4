import type { ModuleDeps } from '../../platform/module.js';
import type { RepairsService } from '../repairs/repairs.service.js';
import { createUsersRepo } from '../users/users.repo.js';
import type { UsersService } from '../users/users.service.js';
import { createAssetsRepo } from './assets.repo.js';
import { createAssetsService } from './assets.service.js';
import { createCustomersRepo } from './customers.repo.js';
import { createCustomersService } from './customers.service.js';

/** Customers and what they own (vehicles, appliances, machines): one aggregate, one module. */
export function createCustomersModule(
  deps: ModuleDeps & { users: UsersService; repairsForHistory: () => RepairsService },
) {
  const { db, pool, cipher, config } = deps;
  const repo = createCustomersRepo();
  const assetsRepo = createAssetsRepo();
  const customers = createCustomersService({
    db,
    pool,
    repo,
    assets: assetsRepo,
    users: createUsersRepo(),
    cipher,
  });
  const assets = createAssetsService({
    db,
    pool,
    repo: assetsRepo,
    customers: repo,
    repairs: deps.repairsForHistory,
    publicUrl: config.publicUrl,
  });
  return { customers, assets };
}
