import type { ModuleDeps } from '../../platform/module.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { UsersService } from '../users/users.service.js';
import { createAssetsRepo } from './assets.repo.js';
import { createAssetsService } from './assets.service.js';
import { createCustomersRepo } from './customers.repo.js';
import { createCustomersService } from './customers.service.js';

/** Customers and what they own (vehicles, appliances, machines): one aggregate, one module. */
export function createCustomersModule(
  deps: ModuleDeps & { users: UsersService; organization: Pick<OrganizationService, 'customerLinks'> },
) {
  const { db, pool, cipher, config, users, organization } = deps;
  const repo = createCustomersRepo();
  const assetsRepo = createAssetsRepo();
  const customers = createCustomersService({ db, pool, repo, assets: assetsRepo, users, cipher });
  const assets = createAssetsService({
    db,
    pool,
    repo: assetsRepo,
    customers: repo,
    // the organization's public address (issue 10), PUBLIC_URL when it has none
    publicUrlOf: async (organizationId) =>
      (await organization.customerLinks(organizationId))?.url ?? config.publicUrl,
  });
  return { customers, assets };
}
