import {
  type Asset,
  type AssetCreate,
  AssetCreateSchema,
  type AssetKind,
  AssetListQuerySchema,
  type AssetUpdate,
  AssetUpdateSchema,
  canonicalPlate,
  formatPlate,
  type History,
  type HistoryEntry,
  type Page,
  type Permission,
  type Reading,
  ReadingCreateSchema,
  type ReadingKind,
} from '@bancada/shared';
import type pg from 'pg';
import QRCode from 'qrcode';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import type { assets } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import { t } from '../../platform/i18n.js';
import { inTransaction } from '../../platform/tx.js';
import type { RepairsService } from '../repairs/repairs.service.js';
import type { AssetRow, AssetsRepo, LatestReadings, ReadingRow } from './assets.repo.js';
import { assertInScope, customerScope } from './customers.access.js';
import type { CustomersRepo } from './customers.repo.js';

type AssetFields = z.output<typeof AssetUpdateSchema>;

/** Columns from a validated create or update body; the plate also gets its canonical form. */
export function assetColumns(data: Partial<AssetFields>): Partial<typeof assets.$inferInsert> {
  const columns: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value !== undefined) columns[key] = value;
  }
  if (data.plate !== undefined) {
    const country = data.plateCountry ?? 'BR';
    columns.plateCanonical = data.plate ? (country === 'BR' ? canonicalPlate(data.plate) : data.plate) : null;
  }
  return columns as Partial<typeof assets.$inferInsert>;
}

export function readingKindOf(kind: string): ReadingKind | null {
  return kind === 'vehicle' ? 'odometer' : kind === 'machine' ? 'hour_meter' : null;
}

/** A short human name for an asset: "Fiat Strada · ABC-1234", "Geladeira Brastemp BRM45". */
export function assetLabel(
  row: Pick<AssetRow, 'kind' | 'brand' | 'model' | 'plate' | 'serial' | 'type'>,
): string {
  const name = [row.kind === 'appliance' ? row.type : null, row.brand, row.model].filter(Boolean).join(' ');
  const id = row.plate ? formatPlate(row.plate) : row.serial;
  return [name, id].filter(Boolean).join(' · ') || row.kind;
}

export function toAsset(row: AssetRow, customerName: string, latest?: LatestReadings): Asset {
  return {
    id: row.id,
    customerId: row.customerId,
    customerName,
    kind: row.kind as AssetKind,
    brand: row.brand,
    model: row.model,
    year: row.year,
    color: row.color,
    plate: row.plate,
    plateCanonical: row.plateCanonical,
    plateCountry: row.plateCountry,
    vin: row.vin,
    fuel: row.fuel as Asset['fuel'],
    type: row.type as Asset['type'],
    voltage: row.voltage as Asset['voltage'],
    serial: row.serial,
    description: row.description,
    notes: row.notes,
    odometer: latest?.odometer ?? null,
    hourMeter: latest?.hourMeter ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

function toReading(row: ReadingRow): Reading {
  return {
    id: row.id,
    kind: row.kind as ReadingKind,
    value: Number(row.value),
    readAt: row.readAt.toISOString(),
    source: row.source,
    correction: row.correction,
    reason: row.reason,
    actorName: row.actorName,
  };
}

const HISTORY_LIMIT = 500;

export function createAssetsService(deps: {
  db: Database;
  pool: pg.Pool;
  repo: AssetsRepo;
  customers: CustomersRepo;
  repairs: () => RepairsService;
  publicUrl: string;
}) {
  const { db, pool, repo, customers, repairs, publicUrl } = deps;

  async function present(
    rows: AssetRow[],
    organizationId: string,
    executor: Database = db,
  ): Promise<Asset[]> {
    const ids = rows.map((r) => r.id);
    const [names, latest] = await Promise.all([
      customers.namesByIds(executor, organizationId, [...new Set(rows.map((r) => r.customerId))]),
      repo.latestReadings(executor, ids),
    ]);
    return rows.map((r) => toAsset(r, names.get(r.customerId) ?? '', latest.get(r.id)));
  }

  /** The asset if the caller may reach it; 404 otherwise (also for another customer's asset). */
  async function reachable(
    ctx: AuthedContext,
    id: string,
    permission: Permission,
    options: { tx?: Database; forUpdate?: boolean } = {},
  ): Promise<AssetRow> {
    const scope = customerScope(ctx, permission);
    const row = await repo.findById(options.tx ?? db, ctx.actor.organizationId, id, {
      forUpdate: options.forUpdate ?? false,
    });
    if (!row) throw notFound('assets.not_found');
    assertInScope(scope, row.customerId, 'assets.not_found');
    return row;
  }

  async function reachableCustomer(
    ctx: AuthedContext,
    customerId: string,
    permission: Permission,
    tx: Database = db,
  ) {
    const scope = customerScope(ctx, permission);
    assertInScope(scope, customerId, 'customers.not_found');
    const customer = await customers.findById(tx, ctx.actor.organizationId, customerId);
    if (!customer) throw notFound('customers.not_found');
    return customer;
  }

  async function insertReading(
    tx: Database,
    ctx: AuthedContext,
    asset: AssetRow,
    input: {
      value: number;
      readAt?: string | undefined;
      correction: boolean;
      reason?: string | null | undefined;
    },
    source: 'manual' | 'repair' | 'import',
  ): Promise<Reading> {
    const kind = readingKindOf(asset.kind);
    if (!kind) throw new AppError('UNPROCESSABLE', 'assets.readings_not_applicable');
    const readAt = input.readAt ? new Date(input.readAt) : new Date();
    const { previous, next } = await repo.readingNeighbours(tx, asset.id, kind, readAt);
    // odometers and hour meters only go up (reference: heavy machinery); a lower value is a correction
    if (!input.correction) {
      if (previous && input.value < Number(previous.value)) {
        throw new AppError(
          'UNPROCESSABLE',
          'assets.reading_lower',
          { value: input.value, previous: Number(previous.value) },
          { value: input.value, previous: Number(previous.value) },
        );
      }
      if (next && input.value > Number(next.value)) {
        throw new AppError(
          'UNPROCESSABLE',
          'assets.reading_higher_than_next',
          { value: input.value, next: Number(next.value) },
          { value: input.value, next: Number(next.value) },
        );
      }
    }
    const row = await repo.insertReading(tx, {
      organizationId: asset.organizationId,
      assetId: asset.id,
      kind,
      value: String(input.value),
      readAt,
      source,
      correction: input.correction,
      reason: input.reason ?? null,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.name,
    });
    const reading = toReading(row);
    await recordAudit(tx, ctx, {
      organizationId: asset.organizationId,
      action: input.correction ? 'asset.reading_correction' : 'asset.reading',
      entity: 'asset',
      entityId: asset.id,
      before: previous
        ? { kind, value: Number(previous.value), readAt: previous.readAt.toISOString() }
        : null,
      after: reading,
    });
    return reading;
  }

  function historyFor(
    ctx: AuthedContext,
    data: {
      repairs: Awaited<ReturnType<RepairsService['listForHistory']>>;
      readings: ReadingRow[];
      transfers: Awaited<ReturnType<AssetsRepo['listTransfers']>>;
      created: AssetRow[];
      labels: Map<string, string>;
      names: Map<string, string>;
    },
  ): HistoryEntry[] {
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
        const value = Number(r.value);
        const text = t(
          locale,
          r.kind === 'odometer' ? 'history.reading_odometer' : 'history.reading_hour_meter',
          {
            value: number.format(value),
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
          value,
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
    ];
    return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, HISTORY_LIMIT);
  }

  return {
    async listByCustomer(
      ctx: AuthedContext,
      customerId: string,
      query: z.input<typeof AssetListQuerySchema>,
    ): Promise<Page<Asset>> {
      await reachableCustomer(ctx, customerId, 'assets:read');
      const q = AssetListQuerySchema.parse(query);
      const { rows, total } = await repo.listByCustomer(db, ctx.actor.organizationId, customerId, {
        ...(q.kind ? { kind: q.kind } : {}),
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return {
        items: await present(rows, ctx.actor.organizationId),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async create(ctx: AuthedContext, customerId: string, input: AssetCreate): Promise<Asset> {
      const { initialReading, ...data } = AssetCreateSchema.parse(input);
      return inTransaction(pool, async ({ db: tx }) => {
        const customer = await reachableCustomer(ctx, customerId, 'assets:write', tx);
        const row = await repo.insert(tx, {
          ...assetColumns(data),
          kind: data.kind,
          organizationId: ctx.actor.organizationId,
          customerId: customer.id,
        });
        const [asset] = await present([row], ctx.actor.organizationId, tx);
        await recordAudit(tx, ctx, {
          organizationId: ctx.actor.organizationId,
          action: 'asset.create',
          entity: 'asset',
          entityId: row.id,
          after: asset,
        });
        if (initialReading !== null && initialReading !== undefined) {
          await insertReading(tx, ctx, row, { value: initialReading, correction: false }, 'manual');
          return (await present([row], ctx.actor.organizationId, tx))[0]!;
        }
        return asset!;
      });
    },

    async get(ctx: AuthedContext, id: string): Promise<Asset> {
      const row = await reachable(ctx, id, 'assets:read');
      return (await present([row], ctx.actor.organizationId))[0]!;
    },

    async update(ctx: AuthedContext, id: string, input: AssetUpdate, ifMatch?: number): Promise<Asset> {
      const patch = AssetUpdateSchema.parse(input);
      return inTransaction(pool, async ({ db: tx }) => {
        const current = await reachable(ctx, id, 'assets:write', { tx, forUpdate: true });
        assertVersion(ifMatch, current.version);
        const columns = assetColumns(patch);
        if (patch.plateCountry !== undefined && patch.plate === undefined && current.plate) {
          columns.plateCanonical =
            patch.plateCountry === 'BR' ? canonicalPlate(current.plate) : current.plate;
        }
        const updated = await repo.update(tx, ctx.actor.organizationId, id, current.version, columns);
        if (!updated) assertVersion(current.version, current.version + 1);
        const [before, after] = await present([current, updated!], ctx.actor.organizationId, tx);
        await recordAudit(tx, ctx, {
          organizationId: ctx.actor.organizationId,
          action: 'asset.update',
          entity: 'asset',
          entityId: id,
          before,
          after,
        });
        return after!;
      });
    },

    async remove(ctx: AuthedContext, id: string, ifMatch?: number): Promise<void> {
      assertCan(ctx, 'customers:delete');
      await inTransaction(pool, async ({ db: tx }) => {
        const current = await reachable(ctx, id, 'assets:write', { tx, forUpdate: true });
        assertVersion(ifMatch, current.version);
        const deleted = await repo.update(tx, ctx.actor.organizationId, id, current.version, {
          deletedAt: new Date(),
        });
        if (!deleted) assertVersion(current.version, current.version + 1);
        await recordAudit(tx, ctx, {
          organizationId: ctx.actor.organizationId,
          action: 'asset.delete',
          entity: 'asset',
          entityId: id,
          before: (await present([current], ctx.actor.organizationId, tx))[0],
        });
      });
    },

    async listReadings(ctx: AuthedContext, id: string): Promise<Reading[]> {
      const asset = await reachable(ctx, id, 'assets:read');
      return (await repo.listReadings(db, ctx.actor.organizationId, [asset.id], 1000)).map(toReading);
    },

    /**
     * An odometer or hour-meter reading taken at a service order's intake, inside the order's
     * transaction (same monotonic rule as a manual reading). Assets without meters are skipped.
     */
    async recordIntakeReading(tx: Database, ctx: AuthedContext, assetId: string, value: number) {
      const asset = await repo.findById(tx, ctx.actor.organizationId, assetId, { forUpdate: true });
      if (!asset || !readingKindOf(asset.kind)) return null;
      return insertReading(tx, ctx, asset, { value, correction: false }, 'repair');
    },

    async addReading(
      ctx: AuthedContext,
      id: string,
      input: z.input<typeof ReadingCreateSchema>,
    ): Promise<Reading> {
      assertCan(ctx, 'assets:write');
      const data = ReadingCreateSchema.parse(input);
      return inTransaction(pool, async ({ db: tx }) => {
        // the row lock serializes readings of one asset, so two cannot both pass the monotonic check
        const asset = await reachable(ctx, id, 'assets:write', { tx, forUpdate: true });
        return insertReading(tx, ctx, asset, data, 'manual');
      });
    },

    async transfer(
      ctx: AuthedContext,
      id: string,
      input: { customerId: string; reason?: string | null | undefined },
    ): Promise<Asset> {
      assertCan(ctx, 'assets:write');
      return inTransaction(pool, async ({ db: tx }) => {
        const current = await reachable(ctx, id, 'assets:write', { tx, forUpdate: true });
        const target = await customers.findById(tx, ctx.actor.organizationId, input.customerId);
        if (!target) throw notFound('customers.not_found');
        if (target.id === current.customerId)
          throw new AppError('UNPROCESSABLE', 'assets.transfer_same_customer');
        const updated = await repo.update(tx, ctx.actor.organizationId, id, current.version, {
          customerId: target.id,
        });
        if (!updated) assertVersion(current.version, current.version + 1);
        await repo.insertTransfer(tx, {
          organizationId: ctx.actor.organizationId,
          assetId: id,
          fromCustomerId: current.customerId,
          toCustomerId: target.id,
          reason: input.reason ?? null,
          actorId: ctx.actor.userId,
          actorName: ctx.actor.name,
        });
        const [before, after] = await present([current, updated!], ctx.actor.organizationId, tx);
        await recordAudit(tx, ctx, {
          organizationId: ctx.actor.organizationId,
          action: 'asset.transfer',
          entity: 'asset',
          entityId: id,
          before,
          after: { ...after, transferReason: input.reason ?? null },
        });
        return after!;
      });
    },

    async assetHistory(ctx: AuthedContext, id: string): Promise<History> {
      const asset = await reachable(ctx, id, 'assets:read');
      const organizationId = ctx.actor.organizationId;
      const [orders, readings, transfers, frequency] = await Promise.all([
        repairs().listForHistory(organizationId, { assetId: id }, HISTORY_LIMIT),
        repo.listReadings(db, organizationId, [id], HISTORY_LIMIT),
        repo.listTransfers(db, organizationId, { assetId: id }),
        repairs().frequency(organizationId, { assetId: id }),
      ]);
      const names = await customers.namesByIds(db, organizationId, [
        ...new Set(transfers.flatMap((tr) => [tr.fromCustomerId, tr.toCustomerId])),
      ]);
      const items = historyFor(ctx, {
        repairs: orders,
        readings,
        transfers,
        created: [asset],
        labels: new Map([[asset.id, assetLabel(asset)]]),
        names,
      });
      return { items, frequency };
    },

    async customerHistory(ctx: AuthedContext, customerId: string): Promise<History> {
      const customer = await reachableCustomer(ctx, customerId, 'customers:read');
      const organizationId = ctx.actor.organizationId;
      const [orders, owned, transfers, frequency] = await Promise.all([
        repairs().listForHistory(organizationId, { customerId }, HISTORY_LIMIT),
        repo.listByCustomer(db, organizationId, customerId, { limit: 1000, offset: 0 }),
        repo.listTransfers(db, organizationId, { customerId }),
        repairs().frequency(organizationId, { customerId }),
      ]);
      const ownedIds = owned.rows.map((a) => a.id);
      const otherIds = [
        ...new Set([...orders.map((o) => o.assetId), ...transfers.map((tr) => tr.assetId)]),
      ].filter((assetId): assetId is string => assetId !== null && !ownedIds.includes(assetId));
      const [readings, others, names] = await Promise.all([
        repo.listReadings(db, organizationId, ownedIds, HISTORY_LIMIT),
        repo.findManyById(db, organizationId, otherIds),
        customers.namesByIds(db, organizationId, [
          ...new Set([customer.id, ...transfers.flatMap((tr) => [tr.fromCustomerId, tr.toCustomerId])]),
        ]),
      ]);
      const labels = new Map([...owned.rows, ...others].map((a) => [a.id, assetLabel(a)]));
      const items = historyFor(ctx, {
        repairs: orders,
        readings,
        transfers,
        created: owned.rows,
        labels,
        names,
      });
      return { items, frequency };
    },

    /** A PNG QR code that opens the asset's page, for a printed label. */
    async label(ctx: AuthedContext, id: string): Promise<Buffer> {
      assertCan(ctx, 'assets:read');
      const asset = await reachable(ctx, id, 'assets:read');
      return QRCode.toBuffer(`${publicUrl}/assets/${asset.id}`, {
        type: 'png',
        width: 360,
        margin: 2,
        errorCorrectionLevel: 'M',
      });
    },
  };
}
export type AssetsService = ReturnType<typeof createAssetsService>;
