import type { TestApp } from './helpers.js';

/**
 * What the job worker does after COMMIT, run by hand (tests start no worker): every notification event
 * not yet dispatched becomes its messages, then every queued message is delivered. Returns the events.
 */
export async function runNotifications(t: TestApp, options: { deliver?: boolean } = {}) {
  const { rows } = await t.deps.pool.query<{ id: string; event: string }>(
    'SELECT id, event FROM notification_events WHERE dispatched_at IS NULL ORDER BY created_at',
  );
  for (const row of rows) await t.app.services.notifications.dispatch(row.id);
  if (options.deliver !== false) {
    const { rows: queued } = await t.deps.pool.query<{ id: string }>(
      "SELECT id FROM outbox_messages WHERE status = 'queued' AND (not_before IS NULL OR not_before <= now())",
    );
    for (const message of queued) await t.app.services.outbox.deliver(message.id).catch(() => undefined);
  }
  return rows;
}

/** The messages an order produced, oldest first, as the database holds them. */
export async function messagesOf(t: TestApp, relatedId: string) {
  const { rows } = await t.deps.pool.query<{
    id: string;
    channel: string;
    to_address: string;
    subject: string | null;
    body_text: string;
    status: string;
    event: string | null;
    not_before: Date | null;
    whatsapp_template: { name: string; language: string; bodyParameters: string[] } | null;
  }>(
    `SELECT m.id, m.channel, m.to_address, m.subject, m.body_text, m.status, e.event, m.not_before, m.whatsapp_template
       FROM outbox_messages m LEFT JOIN notification_events e ON e.id = m.event_id
      WHERE m.related_id = $1 ORDER BY m.created_at, m.channel`,
    [relatedId],
  );
  return rows;
}
