import type { ExistsCheck, ModuleDeps } from '../../platform/module.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import { createAuthRepo } from './auth.repo.js';
import { createAuthService } from './auth.service.js';
import { createTwoFactorRepo } from './two-factor.repo.js';
import { createUsersRepo } from './users.repo.js';
import { createUsersService } from './users.service.js';

/** Staff and portal logins, sessions, sign-in. Below customers: a login's customer is checked through `customerExists`. */
export function createUsersModule(
  deps: ModuleDeps & {
    organization: OrganizationService;
    outbox: OutboxService;
    customerExists: ExistsCheck;
  },
) {
  const { db, pool, signer, cipher, config, organization, outbox, customerExists } = deps;
  const repo = createUsersRepo();
  const users = createUsersService({ db, pool, repo, organization, customerExists });
  const auth = createAuthService({
    db,
    pool,
    repo: createAuthRepo(),
    twoFactorRepo: createTwoFactorRepo(),
    users: repo,
    organization,
    outbox,
    signer,
    cipher,
    config,
  });
  return { users, auth };
}
