import {
  isTicketDone,
  type Page,
  type Ticket,
  type TicketCategory,
  type TicketCreateSchema,
  type TicketDetail,
  type TicketListQuerySchema,
  type TicketMessage,
  type TicketMessageCreateSchema,
  type TicketOpener,
  type TicketPriority,
  type TicketStatus,
  type TicketUpdateSchema,
  ticketSlaDueAt,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../../db/client.js';
import { recordAudit } from '../../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../../platform/context.js';
import { AppError, forbidden, notFound } from '../../../platform/errors.js';
import { assertVersion } from '../../../platform/etag.js';
import { takeNumber } from '../../../platform/numbers.js';
import { inTransaction } from '../../../platform/tx.js';
import type { CustomersService } from '../../customers/customers.service.js';
import type { RepairsService } from '../../repairs/orders/repairs.service.js';
import type { UsersService } from '../../users/users.service.js';
import type { SupportRepo, TicketInsert, TicketMessageRow, TicketRow } from './support.repo.js';

type TicketCreate = z.output<typeof TicketCreateSchema>;
type TicketUpdate = z.output<typeof TicketUpdateSchema>;
type TicketListQuery = z.output<typeof TicketListQuerySchema>;
type TicketMessageCreate = z.output<typeof TicketMessageCreateSchema>;

export type TicketsDeps = {
  db: Database;
  pool: pg.Pool;
  repo: SupportRepo;
  customers: Pick<CustomersService, 'exists' | 'namesByIds'>;
  users: Pick<UsersService, 'activeStaff' | 'namesByIds'>;
  repairs: Pick<RepairsService, 'exists'>;
  clock: () => Date;
};

/**
 * Who writes on a ticket: staff (the routes of today), or a customer through the portal (later): a
 * CUSTOMER login writes as its own customer record, on that customer's tickets only, never an
 * internal note.
 */
type Author =
  | { kind: 'staff'; userId: string; name: string }
  | { kind: 'customer'; userId: string; customerId: string; name: string };

function authorOf(ctx: AuthedContext): Author {
  const { actor } = ctx;
  if (actor.role !== 'CUSTOMER') return { kind: 'staff', userId: actor.userId, name: actor.name };
  if (!actor.customerId) throw forbidden();
  return { kind: 'customer', userId: actor.userId, customerId: actor.customerId, name: actor.name };
}

const isDone = isTicketDone;

export function isTicketOverdue(row: Pick<TicketRow, 'slaDueAt' | 'status'>, now: Date): boolean {
  return !isDone(row.status) && row.slaDueAt.getTime() < now.getTime();
}

function toMessage(row: TicketMessageRow): TicketMessage {
  return {
    id: row.id,
    authorUserId: row.authorUserId,
    authorCustomerId: row.authorCustomerId,
    authorName: row.authorName,
    text: row.text,
    internal: row.internal,
    createdAt: row.createdAt.toISOString(),
  };
}

type Names = { customers: Map<string, string>; users: Map<string, string> };

function toTicket(row: TicketRow, names: Names, now: Date): Ticket {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    category: row.category as TicketCategory,
    priority: row.priority as TicketPriority,
    status: row.status as TicketStatus,
    customerId: row.customerId,
    customerName: row.customerId ? (names.customers.get(row.customerId) ?? null) : null,
    repairId: row.repairId,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeId ? (names.users.get(row.assigneeId) ?? null) : null,
    openedBy: row.openedBy as TicketOpener,
    slaDueAt: row.slaDueAt.toISOString(),
    overdue: isTicketOverdue(row, now),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Status → resolvedAt: set when a ticket becomes resolved or closed, kept while it stays done, cleared on reopening. */
function resolvedAtFor(current: TicketRow, status: TicketStatus, now: Date): Date | null {
  if (!isDone(status)) return null;
  return isDone(current.status) ? (current.resolvedAt ?? now) : now;
}

/** Reading tickets with the names they show, and checking what a ticket refers to. */
function createTicketReader(deps: TicketsDeps) {
  const { db, repo, customers, users, repairs, clock } = deps;

  async function namesFor(executor: Database, organizationId: string, rows: TicketRow[]): Promise<Names> {
    const customerIds = [...new Set(rows.flatMap((r) => (r.customerId ? [r.customerId] : [])))];
    const userIds = [...new Set(rows.flatMap((r) => (r.assigneeId ? [r.assigneeId] : [])))];
    const [customerNames, userNames] = await Promise.all([
      customerIds.length ? customers.namesByIds(executor, organizationId, customerIds) : new Map(),
      userIds.length ? users.namesByIds(executor, organizationId, userIds) : new Map(),
    ]);
    return { customers: customerNames, users: userNames };
  }

  /** A reference that does not exist in the organization is a 400 naming the field. */
  async function checkReferences(
    executor: Database,
    organizationId: string,
    refs: { customerId?: string | null; repairId?: string | null; assigneeId?: string | null },
  ) {
    const [customer, repair, assignee] = await Promise.all([
      refs.customerId ? customers.exists(executor, organizationId, refs.customerId) : true,
      refs.repairId ? repairs.exists(executor, organizationId, refs.repairId) : true,
      refs.assigneeId ? users.activeStaff(executor, organizationId, refs.assigneeId) : true,
    ]);
    const details: Record<string, string> = {};
    if (!customer) details.customerId = 'support.customer_not_found';
    if (!repair) details.repairId = 'support.repair_not_found';
    if (!assignee) details.assigneeId = 'support.assignee_not_found';
    if (Object.keys(details).length) throw new AppError('VALIDATION', 'validation.failed', {}, details);
  }

  /** The ticket as this caller may see it: a customer only its own, and never the internal notes. */
  async function readTicket(ctx: AuthedContext, id: string): Promise<TicketDetail> {
    const organizationId = ctx.actor.organizationId;
    const author = authorOf(ctx);
    const found = await repo.findTicketWithMessages(db, organizationId, id);
    if (!found || (author.kind === 'customer' && found.ticket.customerId !== author.customerId)) {
      throw notFound('support.ticket_not_found');
    }
    const names = await namesFor(db, organizationId, [found.ticket]);
    const messages = author.kind === 'customer' ? found.messages.filter((m) => !m.internal) : found.messages;
    return { ...toTicket(found.ticket, names, clock()), messages: messages.map(toMessage) };
  }

  return { namesFor, checkReferences, readTicket };
}

function assertCanWrite(ctx: AuthedContext, author: Author) {
  if (author.kind === 'staff') assertCan(ctx, 'tickets:write');
}

/**
 * Support tickets (issue 14 §7): opened by staff (or, with the portal, by the customer), with a
 * category, a priority that fixes the SLA due time (`TICKET_SLA_HOURS`), a status, an assignee and a
 * thread of messages and internal notes.
 */
export function createTicketsService(deps: TicketsDeps) {
  const { db, pool, repo, clock } = deps;
  const { namesFor, checkReferences, readTicket } = createTicketReader(deps);

  return {
    async list(ctx: AuthedContext, q: TicketListQuery): Promise<Page<Ticket>> {
      assertCan(ctx, 'tickets:read');
      const organizationId = ctx.actor.organizationId;
      const now = clock();
      const { rows, total } = await repo.listTickets(db, organizationId, q, now);
      const names = await namesFor(db, organizationId, rows);
      return { items: rows.map((r) => toTicket(r, names, now)), total, page: q.page, pageSize: q.pageSize };
    },

    async get(ctx: AuthedContext, id: string): Promise<TicketDetail> {
      if (authorOf(ctx).kind === 'staff') assertCan(ctx, 'tickets:read');
      return readTicket(ctx, id);
    },

    async create(ctx: AuthedContext, input: TicketCreate): Promise<TicketDetail> {
      const author = authorOf(ctx);
      assertCanWrite(ctx, author);
      const organizationId = ctx.actor.organizationId;
      // a customer opens tickets about itself only, and does not choose who answers
      const customerId = author.kind === 'customer' ? author.customerId : (input.customerId ?? null);
      const assigneeId = author.kind === 'customer' ? null : (input.assigneeId ?? null);
      const repairId = input.repairId ?? null;
      await checkReferences(db, organizationId, { customerId, repairId, assigneeId });
      // gaps allowed, no waiting (decision 0005), taken before the transaction like purchase orders'
      const number = await takeNumber(pool, organizationId, 'ticket', { gapless: false });
      const createdAt = clock();
      const id = await inTransaction(pool, async ({ db: tx }) => {
        const row = await repo.insertTicket(tx, {
          organizationId,
          number,
          customerId,
          repairId,
          subject: input.subject,
          category: input.category,
          priority: input.priority,
          status: 'open',
          assigneeId,
          openedBy: author.kind,
          slaDueAt: ticketSlaDueAt(createdAt, input.priority),
          createdAt,
          updatedAt: createdAt,
        });
        await repo.insertMessage(tx, {
          organizationId,
          ticketId: row.id,
          authorUserId: author.userId,
          authorCustomerId: author.kind === 'customer' ? author.customerId : null,
          authorName: author.name,
          text: input.text,
          internal: false,
          createdAt,
        });
        await recordAudit(tx, ctx, {
          organizationId,
          action: 'ticket.created',
          entity: 'ticket',
          entityId: row.id,
          after: { number, subject: row.subject, category: row.category, priority: row.priority, assigneeId },
        });
        return row.id;
      });
      return readTicket(ctx, id);
    },

    async update(
      ctx: AuthedContext,
      id: string,
      patch: TicketUpdate,
      ifMatch?: number,
    ): Promise<TicketDetail> {
      assertCan(ctx, 'tickets:write');
      const organizationId = ctx.actor.organizationId;
      if (patch.assigneeId) await checkReferences(db, organizationId, { assigneeId: patch.assigneeId });
      await inTransaction(pool, async ({ db: tx }) => {
        const current = await repo.findTicket(tx, organizationId, id, { forUpdate: true });
        if (!current) throw notFound('support.ticket_not_found');
        assertVersion(ifMatch, current.version);
        const values: Partial<TicketInsert> = {};
        if (patch.subject !== undefined) values.subject = patch.subject;
        if (patch.category !== undefined) values.category = patch.category;
        if (patch.assigneeId !== undefined) values.assigneeId = patch.assigneeId;
        if (patch.priority !== undefined) {
          values.priority = patch.priority;
          // the SLA counts from the ticket's creation, whatever the moment of the change
          values.slaDueAt = ticketSlaDueAt(current.createdAt, patch.priority);
        }
        if (patch.status !== undefined) {
          values.status = patch.status;
          values.resolvedAt = resolvedAtFor(current, patch.status, clock());
        }
        const updated = await repo.updateTicket(tx, organizationId, id, values);
        const pick = (r: TicketRow) => ({
          subject: r.subject,
          category: r.category,
          status: r.status,
          priority: r.priority,
          assigneeId: r.assigneeId,
          slaDueAt: r.slaDueAt.toISOString(),
          resolvedAt: r.resolvedAt?.toISOString() ?? null,
        });
        await recordAudit(tx, ctx, {
          organizationId,
          action: 'ticket.updated',
          entity: 'ticket',
          entityId: id,
          before: pick(current),
          after: pick(updated),
        });
      });
      return readTicket(ctx, id);
    },

    /** A reply or, for staff, an internal note; a customer's reply reopens a ticket waiting on it. */
    async addMessage(ctx: AuthedContext, id: string, input: TicketMessageCreate): Promise<TicketMessage> {
      const author = authorOf(ctx);
      assertCanWrite(ctx, author);
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async ({ db: tx }) => {
        const ticket = await repo.findTicket(tx, organizationId, id, { forUpdate: true });
        if (!ticket || (author.kind === 'customer' && ticket.customerId !== author.customerId)) {
          throw notFound('support.ticket_not_found');
        }
        const row = await repo.insertMessage(tx, {
          organizationId,
          ticketId: id,
          authorUserId: author.userId,
          authorCustomerId: author.kind === 'customer' ? author.customerId : null,
          authorName: author.name,
          text: input.text,
          internal: author.kind === 'staff' && input.internal,
          createdAt: clock(),
        });
        if (author.kind === 'customer' && ticket.status === 'pending') {
          await repo.updateTicket(tx, organizationId, id, { status: 'open' });
        }
        return toMessage(row);
      });
    },
  };
}
export type TicketsService = ReturnType<typeof createTicketsService>;
