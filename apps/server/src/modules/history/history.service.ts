import type { History, HistoryEntry } from '@bancada/shared';
import type { Database } from '../../db/client.js';
import type { AuthedContext } from '../../platform/context.js';
import { t } from '../../platform/i18n.js';
import type { MaintenanceService } from '../communication/maintenance/maintenance.service.js';
import type {
  AssetsService,
  HistoryAsset,
  HistoryReading,
  HistoryTransfer,
} from '../customers/assets.service.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { RepairsService } from '../repairs/orders/repairs.service.js';

/** A timeline shows at most this many entries (and reads at most this many of each kind). */
const HISTORY_LIMIT = 500;

type RepairSummary = Awaited<ReturnType<RepairsService['listForHistory']>>[number];
type MaintenanceEntry = Awaited<ReturnType<MaintenanceService['historyEntries']>>[number];

type Facts = {
  repairs: RepairSummary[];
  readings: HistoryReading[];
  transfers: HistoryTransfer[];
  created: HistoryAsset[];
  maintenance: MaintenanceEntry[];
  labels: Map<string, string>;
  names: Map<string, string>;
};

/** One timeline, newest first, from the facts of each module. */
function historyFor(ctx: AuthedContext, data: Facts): HistoryEntry[] {
  const { locale } = ctx;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const label = (id: string | null) => (id ? (data.labels.get(id) ?? null) : null);
  const entries: HistoryEntry[] = [
    ...data.repairs.map((r) => ({
      type: 'repair' as const,
      at: r.receivedAt.toISOString(),
      assetId: r.assetId,
      assetLabel: label(r.assetId),
      repair: {
        id: r.id,
        number: r.number,
        serviceType: r.serviceType,
        status: r.status,
        total: r.totalCents / 100,
        // the printed documents: the service report exists once the work is finished
        documents: {
          intake: `/api/repairs/${r.id}/documents/intake.pdf`,
          report:
            r.status === 'FINALIZADO' || r.status === 'ENTREGUE'
              ? `/api/repairs/${r.id}/documents/report.pdf`
              : null,
        },
      },
      summary: null,
      value: r.totalCents / 100,
    })),
    ...data.readings.map((r) => {
      const text = t(
        locale,
        r.kind === 'odometer' ? 'history.reading_odometer' : 'history.reading_hour_meter',
        {
          value: number.format(r.value),
        },
      );
      return {
        type: 'reading' as const,
        at: r.readAt.toISOString(),
        assetId: r.assetId,
        assetLabel: label(r.assetId),
        repair: null,
        summary: r.correction
          ? `${text} — ${t(locale, 'history.reading_correction', { reason: r.reason ?? '' })}`
          : text,
        value: r.value,
      };
    }),
    ...data.transfers.map((tr) => ({
      type: 'transfer' as const,
      at: tr.at.toISOString(),
      assetId: tr.assetId,
      assetLabel: label(tr.assetId),
      repair: null,
      summary: t(locale, 'history.transfer', {
        from: data.names.get(tr.fromCustomerId) ?? '?',
        to: data.names.get(tr.toCustomerId) ?? '?',
      }),
      value: null,
    })),
    ...data.created.map((a) => ({
      type: 'asset_created' as const,
      at: a.createdAt.toISOString(),
      assetId: a.id,
      assetLabel: label(a.id),
      repair: null,
      summary: t(locale, 'history.asset_created'),
      value: null,
    })),
    ...data.maintenance.map((m) => ({
      type: m.kind === 'plan_created' ? ('maintenance_plan' as const) : ('maintenance_reminder' as const),
      at: m.at.toISOString(),
      assetId: m.assetId,
      assetLabel: label(m.assetId),
      repair: null,
      summary: t(
        locale,
        m.kind === 'plan_created' ? 'history.maintenance_plan' : 'history.maintenance_reminder',
        { name: m.planName },
      ),
      value: null,
      maintenance: { planId: m.planId, planName: m.planName, dueAt: m.dueAt?.toISOString() ?? null },
    })),
  ];
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, HISTORY_LIMIT);
}

const partiesOf = (transfers: HistoryTransfer[]) =>
  transfers.flatMap((tr) => [tr.fromCustomerId, tr.toCustomerId]);

/**
 * The timelines of an asset and of a customer: service orders, readings, transfers, assets added, and
 * the maintenance plans created and reminders sent.
 */
export function createHistoryService(deps: {
  db: Database;
  repairs: Pick<RepairsService, 'listForHistory' | 'frequency'>;
  customers: Pick<CustomersService, 'assertReachable' | 'namesByIds'>;
  assets: Pick<
    AssetsService,
    'historySubject' | 'ownedForHistory' | 'readingsForHistory' | 'transfersForHistory' | 'summaries'
  >;
  maintenance: Pick<MaintenanceService, 'historyEntries'>;
}) {
  const { db, repairs, customers, assets, maintenance } = deps;
  return {
    async assetHistory(ctx: AuthedContext, id: string): Promise<History> {
      const asset = await assets.historySubject(ctx, id);
      const organizationId = ctx.actor.organizationId;
      const [orders, readings, transfers, frequency, reminders] = await Promise.all([
        repairs.listForHistory(organizationId, { assetId: id }, HISTORY_LIMIT),
        assets.readingsForHistory(db, organizationId, [id], HISTORY_LIMIT),
        assets.transfersForHistory(db, organizationId, { assetId: id }),
        repairs.frequency(organizationId, { assetId: id }),
        maintenance.historyEntries(db, organizationId, { assetId: id }, HISTORY_LIMIT),
      ]);
      const names = await customers.namesByIds(db, organizationId, [...new Set(partiesOf(transfers))]);
      const items = historyFor(ctx, {
        repairs: orders,
        readings,
        transfers,
        created: [asset],
        maintenance: reminders,
        labels: new Map([[asset.id, asset.label]]),
        names,
      });
      return { items, frequency };
    },

    async customerHistory(ctx: AuthedContext, customerId: string): Promise<History> {
      await customers.assertReachable(ctx, customerId, 'customers:read');
      const organizationId = ctx.actor.organizationId;
      const [orders, owned, transfers, frequency, reminders] = await Promise.all([
        repairs.listForHistory(organizationId, { customerId }, HISTORY_LIMIT),
        assets.ownedForHistory(db, organizationId, customerId),
        assets.transfersForHistory(db, organizationId, { customerId }),
        repairs.frequency(organizationId, { customerId }),
        maintenance.historyEntries(db, organizationId, { customerId }, HISTORY_LIMIT),
      ]);
      const ownedIds = owned.map((a) => a.id);
      // assets the customer no longer owns (sold, deleted) still name their past orders, transfers
      // and reminders
      const otherIds = [
        ...new Set([
          ...orders.map((o) => o.assetId),
          ...transfers.map((tr) => tr.assetId),
          ...reminders.map((m) => m.assetId),
        ]),
      ].filter((assetId): assetId is string => assetId !== null && !ownedIds.includes(assetId));
      const [readings, others, names] = await Promise.all([
        assets.readingsForHistory(db, organizationId, ownedIds, HISTORY_LIMIT),
        assets.summaries(db, organizationId, otherIds),
        customers.namesByIds(db, organizationId, [...new Set([customerId, ...partiesOf(transfers)])]),
      ]);
      const labels = new Map([
        ...owned.map((a) => [a.id, a.label] as const),
        ...[...others.values()].map((a) => [a.id, a.label] as const),
      ]);
      const items = historyFor(ctx, {
        repairs: orders,
        readings,
        transfers,
        created: owned,
        maintenance: reminders,
        labels,
        names,
      });
      return { items, frequency };
    },
  };
}
export type HistoryService = ReturnType<typeof createHistoryService>;
