import type { ModuleDeps } from '../../platform/module.js';
import { createOutboxRepo } from './outbox.repo.js';
import { type ChannelSenders, createOutboxService } from './outbox.service.js';

/**
 * Outgoing messages on every channel and the notification events behind them: a row and a pg-boss job
 * in the caller's transaction. Uses no other module; the WhatsApp and SMS senders come from the
 * composition root.
 */
export function createOutboxModule({ db, jobs, mailer, senders }: ModuleDeps & { senders?: ChannelSenders }) {
  return {
    outbox: createOutboxService({
      db,
      repo: createOutboxRepo(),
      jobs,
      mailer,
      ...(senders ? { senders } : {}),
    }),
  };
}
