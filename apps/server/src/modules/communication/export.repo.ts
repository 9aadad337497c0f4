import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import {
  conversationMessages,
  conversations,
  feedback,
  maintenancePlans,
  maintenanceReminders,
  ticketMessages,
  tickets,
} from '../../db/schema/communication.js';
import { jsonRows, parseJsonRows } from '../../platform/json-rows.js';

/**
 * For the customer's data export (LGPD art. 18): what communication holds about one customer, in one
 * statement — the conversation and its messages, feedback answers, tickets and the messages the
 * customer may see (internal notes left out), maintenance plans of their assets and the reminders sent.
 */
export function createCommunicationExportRepo() {
  return {
    async customerRecords(db: Database, organizationId: string, customerId: string) {
      const ofCustomer = (alias: string) =>
        sql`${sql.identifier(alias)}.organization_id = ${organizationId} AND ${sql.identifier(alias)}.customer_id = ${customerId}`;
      const oldest = (alias: string) => sql`${sql.identifier(alias)}.created_at, ${sql.identifier(alias)}.id`;
      const result = await db.execute<Record<string, unknown>>(sql`
        SELECT
          ${jsonRows(conversations, 'c', ofCustomer('c'), oldest('c'))} AS conversations,
          ${jsonRows(
            conversationMessages,
            'm',
            sql`m.organization_id = ${organizationId} AND m.conversation_id IN
              (SELECT c.id FROM ${conversations} c WHERE ${ofCustomer('c')})`,
            oldest('m'),
          )} AS messages,
          ${jsonRows(feedback, 'f', ofCustomer('f'), sql`f.requested_at, f.id`)} AS feedback,
          ${jsonRows(tickets, 't', ofCustomer('t'), oldest('t'))} AS tickets,
          ${jsonRows(
            ticketMessages,
            'tm',
            sql`tm.organization_id = ${organizationId} AND NOT tm.internal AND tm.ticket_id IN
              (SELECT t.id FROM ${tickets} t WHERE ${ofCustomer('t')})`,
            oldest('tm'),
          )} AS ticket_messages,
          ${jsonRows(maintenancePlans, 'p', ofCustomer('p'), oldest('p'))} AS plans,
          ${jsonRows(maintenanceReminders, 'r', ofCustomer('r'), sql`r.sent_at, r.id`)} AS reminders`);
      const row = result.rows[0]!;
      return {
        conversations: parseJsonRows(conversations, row.conversations),
        messages: parseJsonRows(conversationMessages, row.messages),
        feedback: parseJsonRows(feedback, row.feedback),
        tickets: parseJsonRows(tickets, row.tickets),
        ticketMessages: parseJsonRows(ticketMessages, row.ticket_messages),
        plans: parseJsonRows(maintenancePlans, row.plans),
        reminders: parseJsonRows(maintenanceReminders, row.reminders),
      };
    },
  };
}
export type CommunicationExportRepo = ReturnType<typeof createCommunicationExportRepo>;
