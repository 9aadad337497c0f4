import type { ModuleDeps } from '../../platform/module.js';
import type { AssetsService } from '../customers/assets.service.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { UsersService } from '../users/users.service.js';
import { createCalendarFeedRepo } from './calendar-feed.repo.js';
import { type CatalogServices, createCalendarFeedService } from './calendar-feed.service.js';

/** iCalendar feeds of the scheduling module (issue 15 §1): technicians' and customers' secret .ics addresses. */
export function createCalendarFeedModule(
  deps: ModuleDeps & {
    organization: OrganizationService;
    users: UsersService;
    customers: CustomersService;
    assets: AssetsService;
    catalogServices: CatalogServices;
  },
) {
  const { db, pool, cipher, organization, users, customers, assets, catalogServices } = deps;
  return {
    calendarFeeds: createCalendarFeedService({
      db,
      pool,
      repo: createCalendarFeedRepo(),
      tokenKey: cipher,
      organization,
      users,
      customers,
      assets,
      catalogServices,
    }),
  };
}
