import type { ModuleDeps } from '../../platform/module.js';
import { createOrganizationRepo } from './organization.repo.js';
import { createOrganizationService } from './organization.service.js';

/** The shop: its profile, branches and permission grants. Uses no other module. */
export function createOrganizationModule({ db, pool, config }: ModuleDeps) {
  return {
    organization: createOrganizationService({
      db,
      pool,
      repo: createOrganizationRepo(),
      publicUrl: config.publicUrl,
    }),
  };
}
