import type { Jobs } from '../../platform/jobs.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { UsersService } from '../users/users.service.js';
import { registerAuditCheckpoint, runAuditCheckpoint } from './audit-checkpoint.js';
import { createBackupService } from './backup.service.js';
import { createBackupsRepo } from './backups.repo.js';

/**
 * Operations of the installation (issue 13): backups and restore, and the weekly audit checkpoint.
 * Uses organization (the default organization's time zone and who owns the installation), users
 * (who hears about a failed backup or gets the checkpoint) and outbox (the e-mails).
 */
export function createOperationsModule(
  deps: ModuleDeps & { organization: OrganizationService; users: UsersService; outbox: OutboxService },
) {
  const { db, pool, config, cipher, organization, users, outbox } = deps;
  const checkpoint = { db, pool, dataDir: config.dataDir, organization, users, outbox };
  return {
    auditCheckpoint: {
      run: () => runAuditCheckpoint(checkpoint),
      registerJobs: (jobs: Jobs) => registerAuditCheckpoint(jobs, checkpoint),
    },
    backups: createBackupService({
      db,
      pool,
      config,
      cipher,
      repo: createBackupsRepo(),
      organization,
      users,
      outbox,
    }),
  };
}
