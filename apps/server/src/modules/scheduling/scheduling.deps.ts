import type { ModuleDeps } from '../../platform/module.js';
import type { AssetsService } from '../customers/assets.service.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { RepairsService } from '../repairs/orders/repairs.service.js';
import type { UsersService } from '../users/users.service.js';
import type { SchedulingRepo } from './scheduling.repo.js';

/** What the scheduling services use of the modules below them (issue 15 §1). */
export type SchedulingDeps = ModuleDeps & {
  repo: SchedulingRepo;
  customers: Pick<CustomersService, 'exists' | 'namesByIds'>;
  assets: Pick<AssetsService, 'findForOrder'>;
  users: Pick<UsersService, 'technicians' | 'activeStaff' | 'namesByIds'>;
  organization: Pick<OrganizationService, 'profile' | 'findBranch' | 'findDefaultBranch'>;
  outbox: Pick<OutboxService, 'recordEvent'>;
  repairs: Pick<
    RepairsService,
    'createInTransaction' | 'catalogHours' | 'openOrderLoads' | 'orderCalendarDates'
  >;
  /** the clock ("now" of the slot search, capacity and the portal's 2-hour rule); tests inject theirs */
  now?: () => Date;
};
