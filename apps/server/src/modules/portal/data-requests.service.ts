import type {
  DataRequest,
  DataRequestCreated,
  DataRequestCreateSchema,
  DataRequestKind,
  DataRequestResolveSchema,
  DataRequestStatus,
  Locale,
  Page,
  StaffDataRequest,
  StaffDataRequestQuery,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import { inTransaction } from '../../platform/tx.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { UsersService } from '../users/users.service.js';
import type { DataRequestRow, PortalRepo } from './portal.repo.js';

type DataRequestCreate = z.output<typeof DataRequestCreateSchema>;
type DataRequestResolve = z.output<typeof DataRequestResolveSchema>;

function toDataRequest(row: DataRequestRow): DataRequest {
  return {
    id: row.id,
    kind: row.kind as DataRequestKind,
    status: row.status as DataRequestStatus,
    message: row.message,
    answer: row.answer,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

/** The signed-in customer's own record: a CUSTOMER login only. */
function ownCustomer(ctx: AuthedContext): string {
  if (ctx.actor.role !== 'CUSTOMER' || !ctx.actor.customerId) throw forbidden();
  return ctx.actor.customerId;
}

/**
 * LGPD art. 18 III and VI: the customer asks for a correction or a deletion; the managers are told by
 * e-mail; staff with privacy:manage answer (a deletion is carried out with the anonymisation the
 * privacy module already has, which keeps fiscal records, art. 16); the customer sees the status.
 */
export function createDataRequestsService(deps: {
  db: Database;
  pool: pg.Pool;
  repo: PortalRepo;
  users: Pick<UsersService, 'managersToNotify'>;
  customers: Pick<CustomersService, 'namesByIds' | 'contactOf'>;
  organization: Pick<OrganizationService, 'profile'>;
  outbox: Pick<OutboxService, 'queueEmail'>;
}) {
  const { db, pool, repo } = deps;
  return {
    async create(ctx: AuthedContext, input: DataRequestCreate): Promise<DataRequestCreated> {
      const customerId = ownCustomer(ctx);
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async (tx) => {
        const row = await repo.insertDataRequest(tx.db, {
          organizationId,
          customerId,
          kind: input.kind,
          message: input.message,
          requestedBy: ctx.actor.userId,
        });
        const [managers, profile, names] = await Promise.all([
          deps.users.managersToNotify(tx.db, organizationId),
          deps.organization.profile(tx.db, organizationId),
          deps.customers.namesByIds(tx.db, organizationId, [customerId]),
        ]);
        const customer = names.get(customerId) ?? ctx.actor.name;
        for (const manager of managers) {
          const locale = manager.locale as Locale;
          const kind = t(
            locale,
            input.kind === 'DELETION' ? 'portal.kind.DELETION' : 'portal.kind.CORRECTION',
          );
          await deps.outbox.queueEmail(tx, {
            organizationId,
            to: manager.email,
            subject: t(locale, 'mail.data_request.subject', { kind, customer }),
            text: t(locale, 'mail.data_request.body', {
              name: manager.name,
              customer,
              kind,
              message: input.message || '—',
              link: `${profile?.publicUrl ?? ''}/privacy`,
            }),
            relatedEntity: 'data_request',
            relatedId: row.id,
          });
        }
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'privacy.data_request_created',
          entity: 'customer',
          entityId: customerId,
          after: { id: row.id, kind: row.kind },
        });
        return { id: row.id, kind: input.kind, status: 'OPEN', createdAt: row.createdAt.toISOString() };
      });
    },

    async listOwn(ctx: AuthedContext): Promise<{ items: DataRequest[] }> {
      const customerId = ownCustomer(ctx);
      const rows = await repo.dataRequestsOfCustomer(db, ctx.actor.organizationId, customerId);
      return { items: rows.map(toDataRequest) };
    },

    async list(ctx: AuthedContext, q: StaffDataRequestQuery): Promise<Page<StaffDataRequest>> {
      assertCan(ctx, 'privacy:manage');
      const organizationId = ctx.actor.organizationId;
      const { rows, total } = await repo.listDataRequests(db, organizationId, {
        status: q.status,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const names = await deps.customers.namesByIds(
        db,
        organizationId,
        rows.map((r) => r.customerId),
      );
      return {
        items: rows.map((r) => ({
          ...toDataRequest(r),
          customerId: r.customerId,
          customerName: names.get(r.customerId) ?? '',
          resolvedByName: r.resolvedByName,
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async resolve(ctx: AuthedContext, id: string, input: DataRequestResolve): Promise<StaffDataRequest> {
      assertCan(ctx, 'privacy:manage');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async (transaction) => {
        const tx = transaction.db;
        const current = await repo.findDataRequest(tx, organizationId, id, true);
        if (!current) throw notFound('portal.data_request_not_found');
        if (current.status !== 'OPEN') throw conflict('portal.data_request_resolved');
        const row = await repo.resolveDataRequest(tx, id, {
          status: input.status,
          answer: input.answer,
          resolvedBy: ctx.actor.userId,
          resolvedByName: ctx.actor.name,
        });
        await recordAudit(tx, ctx, {
          organizationId,
          action: 'privacy.data_request_resolved',
          entity: 'customer',
          entityId: row.customerId,
          before: { id, status: current.status },
          after: { id, status: row.status },
        });
        const [names, contact, profile] = await Promise.all([
          deps.customers.namesByIds(tx, organizationId, [row.customerId]),
          deps.customers.contactOf(tx, organizationId, row.customerId),
          deps.organization.profile(tx, organizationId),
        ]);
        if (contact?.email && !contact.gone) {
          // the customer hears of the answer (they also see it in the portal)
          const locale = (profile?.locale as Locale | undefined) ?? ctx.locale;
          const kind = t(locale, row.kind === 'DELETION' ? 'portal.kind.DELETION' : 'portal.kind.CORRECTION');
          await deps.outbox.queueEmail(transaction, {
            organizationId,
            to: contact.email,
            subject: t(locale, 'mail.data_request_answered.subject', { kind, org: profile?.name ?? '' }),
            text: t(locale, 'mail.data_request_answered.body', {
              name: contact.name,
              kind,
              status: t(locale, row.status === 'DONE' ? 'portal.status.DONE' : 'portal.status.REJECTED'),
              answer: row.answer ?? '',
              link: `${profile?.publicUrl ?? ''}/portal`,
            }),
            relatedEntity: 'data_request',
            relatedId: row.id,
          });
        }
        return {
          ...toDataRequest(row),
          customerId: row.customerId,
          customerName: names.get(row.customerId) ?? '',
          resolvedByName: row.resolvedByName,
        };
      });
    },
  };
}
export type DataRequestsService = ReturnType<typeof createDataRequestsService>;
