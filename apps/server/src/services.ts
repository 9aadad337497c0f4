import type pg from 'pg';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { createAuthRepo } from './modules/auth/auth.repo.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { createOrganizationRepo } from './modules/organization/organization.repo.js';
import { createOrganizationService } from './modules/organization/organization.service.js';
import { createOutboxRepo } from './modules/outbox/outbox.repo.js';
import { createOutboxService } from './modules/outbox/outbox.service.js';
import { createUsersRepo } from './modules/users/users.repo.js';
import { createUsersService } from './modules/users/users.service.js';
import type { Jobs } from './platform/jobs.js';
import type { Mailer } from './platform/mailer.js';
import type { TokenSigner } from './platform/tokens.js';

export type Deps = {
  config: Config;
  db: Database;
  pool: pg.Pool;
  jobs: Jobs;
  mailer: Mailer;
  signer: TokenSigner;
  /** true when the database is the embedded server this process started */
  embedded: boolean;
};

/** Wires repositories into services once; routes, jobs and the CLI all use this. */
export function createServices(deps: Deps) {
  const { db, pool, jobs, mailer, signer, config } = deps;
  const organizationRepo = createOrganizationRepo();
  const usersRepo = createUsersRepo();
  const outbox = createOutboxService({ db, repo: createOutboxRepo(), jobs, mailer });
  const organization = createOrganizationService({ db, pool, repo: organizationRepo });
  const users = createUsersService({ db, pool, repo: usersRepo, organizations: organizationRepo });
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
  return { auth, users, organization, outbox };
}
export type Services = ReturnType<typeof createServices>;
