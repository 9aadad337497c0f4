import type { ModuleDeps } from '../../platform/module.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { PolicyService } from '../privacy/policy.service.js';
import type { AuthService } from '../users/auth.service.js';
import type { UsersService } from '../users/users.service.js';
import { createAccountsService } from './accounts.service.js';
import { createDataRequestsService } from './data-requests.service.js';
import { createPortalRepo } from './portal.repo.js';

/** Customer accounts and the customer's LGPD requests (issue 15 §2). */
export function createPortalModule(
  deps: ModuleDeps & {
    users: UsersService;
    auth: AuthService;
    customers: CustomersService;
    organization: OrganizationService;
    outbox: OutboxService;
    privacyPolicy: PolicyService;
  },
) {
  const repo = createPortalRepo();
  const { db, pool } = deps;
  return {
    portalAccounts: createAccountsService({ ...deps, repo, policy: deps.privacyPolicy }),
    portalDataRequests: createDataRequestsService({ ...deps, db, pool, repo }),
  };
}
