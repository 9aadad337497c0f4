import type { ModuleDeps } from '../../platform/module.js';
import { createOutboxRepo } from './outbox.repo.js';
import { createOutboxService } from './outbox.service.js';

/** Outgoing messages: a row and a pg-boss job in the caller's transaction. Uses no other module. */
export function createOutboxModule({ db, jobs, mailer }: ModuleDeps) {
  return { outbox: createOutboxService({ db, repo: createOutboxRepo(), jobs, mailer }) };
}
