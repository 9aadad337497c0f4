import type { ModuleDeps } from '../../platform/module.js';
import type { CustomersService } from '../customers/customers.service.js';
import { createSearchService } from './search.service.js';

/** `GET /api/search`: a read model over customers and their assets, through the customers module. */
export function createSearchModule(deps: ModuleDeps & { customers: CustomersService }) {
  return { search: createSearchService({ db: deps.db, customers: deps.customers }) };
}
