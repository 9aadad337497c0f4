import { isClosedStatus, type Locale, type NotificationEvent, type RepairStatus } from '@bancada/shared';
import type { AuthedContext } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { assertVersion } from '../../../platform/etag.js';
import { t } from '../../../platform/i18n.js';
import { publishLive } from '../../../platform/live.js';
import type { Tx } from '../../../platform/tx.js';
import type { OutboxService } from '../../outbox/outbox.service.js';
import { dedupeKeyOf } from '../status/customer-events.js';
import type { RepairRow, RepairsRepo } from './repairs.repo.js';

export function statusLabel(locale: Locale, status: RepairStatus): string {
  return t(locale, `repair_status.${status}`);
}

export type LiveType = Extract<Parameters<typeof publishLive>[1], { number: number }>['type'];

/** An order's timeline row: what happened, with the extras each kind of event carries. */
export type EventValues = {
  type: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  note?: string | null;
  data?: Record<string, unknown> | null;
};

/**
 * What every change to an order goes through, whichever part of the module makes it: the row lock
 * (with If-Match), the refusal of a closed order, the timeline event and the live notice.
 */
export function createOrderChanges(deps: { repo: RepairsRepo; outbox: Pick<OutboxService, 'recordEvent'> }) {
  const { repo } = deps;
  return {
    /**
     * Something the customer is told about (issue 14): a notification event in this transaction, which
     * the communication module turns into messages; once per order and kind (`extra` varies the key).
     */
    async notify(
      tx: Tx,
      row: Pick<
        RepairRow,
        'id' | 'organizationId' | 'customerId' | 'number' | 'assetId' | 'status' | 'totalCents'
      >,
      event: NotificationEvent,
      payload: Record<string, string | number | null> = {},
      extra?: string,
    ): Promise<void> {
      await deps.outbox.recordEvent(tx, {
        organizationId: row.organizationId,
        event,
        dedupeKey: dedupeKeyOf(event, row.id, extra),
        customerId: row.customerId,
        relatedEntity: 'repair',
        relatedId: row.id,
        payload: {
          orderNumber: row.number,
          assetId: row.assetId,
          status: row.status,
          totalCents: row.totalCents,
          ...payload,
        },
      });
    },

    async lockOpen(tx: Tx, ctx: AuthedContext, id: string, ifMatch?: number): Promise<RepairRow> {
      const row = await repo.lock(tx.db, ctx.actor.organizationId, id);
      if (!row) throw notFound('repairs.not_found');
      assertVersion(ifMatch, row.version);
      return row;
    },

    refuseClosed(ctx: AuthedContext, row: Pick<RepairRow, 'number' | 'status'>): void {
      if (isClosedStatus(row.status as RepairStatus)) {
        throw new AppError('CONFLICT', 'repairs.closed', {
          number: String(row.number),
          status: statusLabel(ctx.locale, row.status as RepairStatus),
        });
      }
    },

    async event(tx: Tx, ctx: AuthedContext, repairId: string, values: EventValues): Promise<void> {
      await repo.insertEvent(tx.db, {
        organizationId: ctx.actor.organizationId,
        repairId,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.name,
        ...values,
      });
    },

    /** Open boards and order pages refresh; `at` defaults to the row's last change. */
    async live(tx: Tx, ctx: AuthedContext, type: LiveType, row: RepairRow, at?: string): Promise<void> {
      await publishLive(tx, {
        type,
        organizationId: ctx.actor.organizationId,
        customerId: row.customerId,
        repairId: row.id,
        number: row.number,
        status: row.status as RepairStatus,
        technicianId: row.technicianId,
        version: row.version,
        at: at ?? row.updatedAt.toISOString(),
      });
    },
  };
}
export type OrderChanges = ReturnType<typeof createOrderChanges>;
