import {
  type Asset,
  type AssetCreateSchema,
  type AssetKind,
  type AssetListQuerySchema,
  type AssetUpdateSchema,
  canonicalPlate,
  formatPlate,
  type Page,
  type Permission,
  type Reading,
  type ReadingCreateSchema,
  type ReadingKind,
} from '@bancada/shared';
import type pg from 'pg';
import QRCode from 'qrcode';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import { inTransaction, type Tx } from '../../platform/tx.js';
import { insertReading, readingKindOf, toReading } from './assets.readings.js';
import type { AssetInsert, AssetRow, AssetsRepo, LatestReadings } from './assets.repo.js';
import { assertInScope, customerScope, reachableCustomer } from './customers.access.js';
import type { CustomersRepo } from './customers.repo.js';

type AssetCreate = z.output<typeof AssetCreateSchema>;
type AssetUpdate = z.output<typeof AssetUpdateSchema>;
type AssetListQuery = z.output<typeof AssetListQuerySchema>;
type ReadingCreate = z.output<typeof ReadingCreateSchema>;

/** What another module (service orders) shows of an asset. */
export type AssetSummary = {
  id: string;
  kind: AssetKind;
  label: string;
  plate: string | null;
  serial: string | null;
};

/** The facts of an asset that a history timeline shows. */
export type HistoryAsset = { id: string; label: string; createdAt: Date };
export type HistoryReading = {
  assetId: string;
  kind: ReadingKind;
  value: number;
  readAt: Date;
  correction: boolean;
  reason: string | null;
};
export type HistoryTransfer = { assetId: string; at: Date; fromCustomerId: string; toCustomerId: string };

/** Columns from a validated create or update body; the plate also gets its canonical form. */
export function assetColumns(data: Partial<AssetUpdate>): Partial<AssetInsert> {
  const columns: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value !== undefined) columns[key] = value;
  }
  if (data.plate !== undefined) {
    const country = data.plateCountry ?? 'BR';
    columns.plateCanonical = data.plate ? (country === 'BR' ? canonicalPlate(data.plate) : data.plate) : null;
  }
  return columns as Partial<AssetInsert>;
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

const toHistoryAsset = (row: AssetRow): HistoryAsset => ({
  id: row.id,
  label: assetLabel(row),
  createdAt: row.createdAt,
});

type Deps = {
  db: Database;
  pool: pg.Pool;
  repo: AssetsRepo;
  customers: CustomersRepo;
  /** where the shop's links point: the organization's public address */
  publicUrlOf: (organizationId: string) => Promise<string>;
};

/** Presenting assets and reaching them under the caller's customer scope. */
function assetAccess({ db, repo, customers }: Deps) {
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

  return { present, reachable };
}
type AssetAccess = ReturnType<typeof assetAccess>;

const summaryOf = (r: AssetRow): AssetSummary => ({
  id: r.id,
  kind: r.kind as AssetKind,
  label: assetLabel(r),
  plate: r.plate,
  serial: r.serial,
});

/** What service orders may ask of assets, through the composition root; each takes its executor. */
function forServiceOrders({ repo }: Deps) {
  return {
    /** A live asset a new service order may point at. */
    async findForOrder(
      executor: Database,
      organizationId: string,
      id: string,
    ): Promise<{ id: string; customerId: string; kind: AssetKind } | undefined> {
      const row = await repo.findById(executor, organizationId, id);
      return row ? { id: row.id, customerId: row.customerId, kind: row.kind as AssetKind } : undefined;
    },

    /** Customers' names and assets' summaries by id, deleted ones too, in one statement. */
    async labels(
      executor: Database,
      organizationId: string,
      ids: { customerIds: string[]; assetIds: string[] },
    ): Promise<{ customerNames: Map<string, string>; assets: Map<string, AssetSummary> }> {
      const found = await repo.namesAndAssets(executor, organizationId, ids.customerIds, ids.assetIds);
      return { customerNames: found.names, assets: new Map(found.assets.map((r) => [r.id, summaryOf(r)])) };
    },

    /** Assets by id, deleted ones too (an order keeps naming its asset). */
    async summaries(
      executor: Database,
      organizationId: string,
      ids: string[],
    ): Promise<Map<string, AssetSummary>> {
      const rows = await repo.findManyById(executor, organizationId, ids);
      return new Map(rows.map((r) => [r.id, summaryOf(r)]));
    },

    /**
     * An appliance on a service order becomes an asset of the customer (matched by serial, else
     * created), so each one has its own history and warranty. Runs in the order's transaction.
     */
    async applianceForOrder(
      tx: Tx,
      ctx: AuthedContext,
      customerId: string,
      appliance: {
        type: string;
        brand?: string | null;
        model?: string | null;
        voltage?: string | null;
        serial?: string | null;
      },
    ): Promise<string> {
      const organizationId = ctx.actor.organizationId;
      const serial = appliance.serial?.trim().toUpperCase();
      const match = serial
        ? await repo.findApplianceBySerial(tx.db, organizationId, customerId, serial)
        : undefined;
      if (match) return match.id;
      const created = await repo.insert(tx.db, {
        organizationId,
        customerId,
        kind: 'appliance',
        type: appliance.type,
        brand: appliance.brand ?? null,
        model: appliance.model ?? null,
        voltage: appliance.voltage ?? null,
        serial: appliance.serial ?? null,
      });
      await recordAudit(tx.db, ctx, {
        organizationId,
        action: 'asset.created',
        entity: 'asset',
        entityId: created.id,
        after: {
          kind: 'appliance',
          type: created.type,
          brand: created.brand,
          serial: created.serial,
          source: 'repair',
        },
      });
      return created.id;
    },

    /** Asset ids whose plate, serial, VIN or model contains `q` (a service-order search filter). */
    async searchIds(executor: Database, organizationId: string, q: string, limit: number): Promise<string[]> {
      return repo.searchIds(executor, organizationId, q, limit);
    },

    /**
     * An odometer or hour-meter reading taken at a service order's intake, inside the order's
     * transaction (same monotonic rule as a manual reading). Assets without meters are skipped.
     */
    async recordIntakeReading(tx: Database, ctx: AuthedContext, assetId: string, value: number) {
      const asset = await repo.findById(tx, ctx.actor.organizationId, assetId, { forUpdate: true });
      if (!asset || !readingKindOf(asset.kind)) return null;
      return insertReading(repo, tx, ctx, asset, { value, correction: false }, 'repair');
    },
  };
}

/** The facts an asset or customer timeline needs (modules/history); each takes its executor. */
function forHistory({ repo }: Deps, { reachable }: AssetAccess) {
  return {
    /** The asset a history is about, once the caller may read it; 404 otherwise. */
    async historySubject(ctx: AuthedContext, id: string): Promise<HistoryAsset> {
      return toHistoryAsset(await reachable(ctx, id, 'assets:read'));
    },

    /** A customer's live assets, oldest first. */
    async ownedForHistory(
      executor: Database,
      organizationId: string,
      customerId: string,
    ): Promise<HistoryAsset[]> {
      const { rows } = await repo.listByCustomer(executor, organizationId, customerId, {
        limit: 1000,
        offset: 0,
      });
      return rows.map(toHistoryAsset);
    },

    /** Readings of these assets, newest first. */
    async readingsForHistory(
      executor: Database,
      organizationId: string,
      assetIds: string[],
      limit: number,
    ): Promise<HistoryReading[]> {
      const rows = await repo.listReadings(executor, organizationId, assetIds, limit);
      return rows.map((r) => ({
        assetId: r.assetId,
        kind: r.kind as ReadingKind,
        value: Number(r.value),
        readAt: r.readAt,
        correction: r.correction,
        reason: r.reason,
      }));
    },

    /** Changes of owner of an asset, or to and from a customer, newest first. */
    async transfersForHistory(
      executor: Database,
      organizationId: string,
      scope: { assetId: string } | { customerId: string },
    ): Promise<HistoryTransfer[]> {
      const rows = await repo.listTransfers(executor, organizationId, scope);
      return rows.map((tr) => ({
        assetId: tr.assetId,
        at: tr.at,
        fromCustomerId: tr.fromCustomerId,
        toCustomerId: tr.toCustomerId,
      }));
    },
  };
}

function reads({ db, repo, customers, publicUrlOf }: Deps, { present, reachable }: AssetAccess) {
  return {
    async listByCustomer(ctx: AuthedContext, customerId: string, q: AssetListQuery): Promise<Page<Asset>> {
      await reachableCustomer(customers, db, ctx, customerId, 'assets:read');
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

    /** 404 unless a CUSTOMER's own asset: the routes ask before validating a body (issue 13 §7). */
    async assertCustomerReaches(ctx: AuthedContext, id: string): Promise<void> {
      if (ctx.actor.role === 'CUSTOMER') await reachable(ctx, id, 'assets:read');
    },

    async get(ctx: AuthedContext, id: string): Promise<Asset> {
      const row = await reachable(ctx, id, 'assets:read');
      return (await present([row], ctx.actor.organizationId))[0]!;
    },

    async listReadings(ctx: AuthedContext, id: string): Promise<Reading[]> {
      const asset = await reachable(ctx, id, 'assets:read');
      return (await repo.listReadings(db, ctx.actor.organizationId, [asset.id], 1000)).map(toReading);
    },

    /** A PNG QR code that opens the asset's page, for a printed label. */
    async label(ctx: AuthedContext, id: string): Promise<Buffer> {
      assertCan(ctx, 'assets:read');
      const asset = await reachable(ctx, id, 'assets:read');
      const base = await publicUrlOf(ctx.actor.organizationId);
      return QRCode.toBuffer(`${base}/assets/${asset.id}`, {
        type: 'png',
        width: 360,
        margin: 2,
        errorCorrectionLevel: 'M',
      });
    },
  };
}

function writes({ pool, repo, customers }: Deps, { present, reachable }: AssetAccess) {
  return {
    async create(ctx: AuthedContext, customerId: string, input: AssetCreate): Promise<Asset> {
      const { initialReading, ...data } = input;
      return inTransaction(pool, async ({ db: tx }) => {
        const { row: customer } = await reachableCustomer(customers, tx, ctx, customerId, 'assets:write');
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
          await insertReading(repo, tx, ctx, row, { value: initialReading, correction: false }, 'manual');
          return (await present([row], ctx.actor.organizationId, tx))[0]!;
        }
        return asset!;
      });
    },

    async update(ctx: AuthedContext, id: string, patch: AssetUpdate, ifMatch?: number): Promise<Asset> {
      return inTransaction(pool, async ({ db: tx }) => {
        const current = await reachable(ctx, id, 'assets:write', { tx, forUpdate: true });
        assertVersion(ifMatch, current.version);
        const columns = assetColumns(patch);
        // a new country alone changes how the plate already stored is compared
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

    async addReading(ctx: AuthedContext, id: string, data: ReadingCreate): Promise<Reading> {
      assertCan(ctx, 'assets:write');
      return inTransaction(pool, async ({ db: tx }) => {
        // the row lock serializes readings of one asset, so two cannot both pass the monotonic check
        const asset = await reachable(ctx, id, 'assets:write', { tx, forUpdate: true });
        return insertReading(repo, tx, ctx, asset, data, 'manual');
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
  };
}

export function createAssetsService(deps: Deps) {
  const access = assetAccess(deps);
  return {
    ...forServiceOrders(deps),
    ...forHistory(deps, access),
    ...reads(deps, access),
    ...writes(deps, access),
  };
}
export type AssetsService = ReturnType<typeof createAssetsService>;
