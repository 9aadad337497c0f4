import type { Database } from '../../db/client.js';
import type { CustomerEventRecord, CustomerMessageRecord, OutboxService } from '../outbox/outbox.service.js';
import { createCommunicationExportRepo } from './export.repo.js';

type Row = Record<string, unknown>;

/** What communication and the outbox hold about one customer, as the data export's sections carry it. */
export type CommunicationRecords = {
  conversations: Row[];
  conversationMessages: Row[];
  sentMessages: CustomerMessageRecord[];
  notifications: CustomerEventRecord[];
  feedback: Row[];
  tickets: Row[];
  ticketMessages: Row[];
  maintenancePlans: Row[];
  maintenanceReminders: Row[];
};

const iso = (at: Date | null) => at?.toISOString() ?? null;
/** PostgreSQL's JSON text of a timestamp ("…+00:00") as the rest of the export writes it ("…Z"). */
const isoText = (at: string | null) => (at === null ? null : new Date(at).toISOString());

/**
 * For privacy's data export (LGPD art. 18 II and V): everything communication keeps about one customer,
 * read in two statements sent together (communication's tables, the outbox's). Files as name, type and
 * size, never their bytes or storage keys; no provider ids; staff-internal ticket notes left out. The
 * caller checked who may read the customer.
 */
export function createCommunicationExportService(deps: {
  db: Database;
  outbox: Pick<OutboxService, 'customerRecords'>;
}) {
  const repo = createCommunicationExportRepo();
  return {
    async customerRecords(
      organizationId: string,
      customerId: string,
      limit: number,
    ): Promise<CommunicationRecords> {
      const [own, sent] = await Promise.all([
        repo.customerRecords(deps.db, organizationId, customerId),
        deps.outbox.customerRecords(deps.db, organizationId, customerId, limit),
      ]);
      return {
        conversations: own.conversations.map((c) => ({
          id: c.id,
          phone: c.phone,
          lastMessageAt: iso(c.lastMessageAt),
          createdAt: iso(c.createdAt),
        })),
        conversationMessages: own.messages.slice(0, limit).map((m) => ({
          id: m.id,
          conversationId: m.conversationId,
          direction: m.direction,
          channel: m.channel,
          authorName: m.authorName,
          text: m.text,
          attachments: m.attachments.map((a) => ({ name: a.filename, type: a.contentType, size: a.size })),
          repairId: m.repairId,
          createdAt: iso(m.createdAt),
        })),
        sentMessages: sent.messages.map((m) => ({
          ...m,
          createdAt: isoText(m.createdAt)!,
          sentAt: isoText(m.sentAt),
          deliveredAt: isoText(m.deliveredAt),
          readAt: isoText(m.readAt),
        })),
        notifications: sent.events.map((e) => ({
          ...e,
          createdAt: isoText(e.createdAt)!,
          dispatchedAt: isoText(e.dispatchedAt),
        })),
        // the technicians the answer was about are staff data
        feedback: own.feedback.map(({ technicianIds: _t, organizationId: _o, ...f }) => ({
          ...f,
          requestedAt: iso(f.requestedAt),
          answeredAt: iso(f.answeredAt),
        })),
        tickets: own.tickets.map(({ organizationId: _o, ...t }) => ({
          ...t,
          slaDueAt: iso(t.slaDueAt),
          resolvedAt: iso(t.resolvedAt),
          createdAt: iso(t.createdAt),
          updatedAt: iso(t.updatedAt),
        })),
        ticketMessages: own.ticketMessages.map((m) => ({
          id: m.id,
          ticketId: m.ticketId,
          authorName: m.authorName,
          fromCustomer: m.authorCustomerId !== null,
          text: m.text,
          createdAt: iso(m.createdAt),
        })),
        maintenancePlans: own.plans.map(({ organizationId: _o, ...p }) => ({
          ...p,
          lastServiceAt: iso(p.lastServiceAt),
          nextDueAt: iso(p.nextDueAt),
          lastRemindedAt: iso(p.lastRemindedAt),
          createdAt: iso(p.createdAt),
          updatedAt: iso(p.updatedAt),
        })),
        maintenanceReminders: own.reminders.map(({ organizationId: _o, ...r }) => ({
          ...r,
          dueAt: iso(r.dueAt),
          sentAt: iso(r.sentAt),
        })),
      };
    },
  };
}
export type CommunicationExportService = ReturnType<typeof createCommunicationExportService>;
