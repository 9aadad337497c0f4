import type { ModuleDeps } from '../../platform/module.js';
import { createAssetsRepo } from '../customers/assets.repo.js';
import type { AssetsService } from '../customers/assets.service.js';
import { createCustomersRepo } from '../customers/customers.repo.js';
import type { CustomersService } from '../customers/customers.service.js';
import { createSearchService } from './search.service.js';

/** `GET /api/search`: a read model over customers and their assets, through the customers module. */
export function createSearchModule(
  deps: ModuleDeps & { customers: CustomersService; assets: AssetsService },
) {
  const { db, cipher } = deps;
  return {
    search: createSearchService({ db, customers: createCustomersRepo(), assets: createAssetsRepo(), cipher }),
  };
}
