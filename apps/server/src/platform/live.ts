import type { LiveEvent } from '@bancada/shared';
import type { Tx } from './tx.js';

/** The PostgreSQL channel live updates travel on (LISTEN/NOTIFY: works across server instances). */
export const LIVE_CHANNEL = 'bancada_live';

export type LiveMessage = LiveEvent & { organizationId: string };

/**
 * Queues a live update in the caller's transaction: PostgreSQL delivers it to every listener
 * (every server instance) at COMMIT, and never if the transaction rolls back.
 */
export async function publishLive(tx: Tx, message: LiveMessage): Promise<void> {
  await tx.client.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, JSON.stringify(message)]);
}
