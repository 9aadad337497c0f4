import {
  type Component,
  type ComponentCreateSchema,
  type ComponentListQuerySchema,
  type ComponentUpdateSchema,
  fromCents,
  isWholeUnit,
  type Page,
  type PaginationQuerySchema,
  type StockAdjustmentSchema,
  type StockMovement,
  toCents,
  type Unit,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError, isUniqueViolation, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import { inTransaction } from '../../platform/tx.js';
import type {
  ComponentInsert,
  ComponentsRepo,
  ComponentWithSupplier,
  MovementRow,
} from './components.repo.js';
import type { StockService } from './stock.service.js';
import type { SuppliersRepo } from './suppliers.repo.js';

export function toComponent(row: ComponentWithSupplier): Component {
  const stock = Number(row.stock);
  const minStock = Number(row.minStock);
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    description: row.description,
    price: fromCents(row.priceCents),
    stock,
    category: row.category,
    supplier: row.registeredSupplierName ?? row.supplierName,
    supplierId: row.supplierId,
    cost: fromCents(row.costCents),
    unit: row.unit as Unit,
    minStock,
    location: row.location,
    barcode: row.barcode,
    active: row.active,
    reserved: Number(row.reserved),
    belowMinimum: stock < minStock,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function toMovement(row: MovementRow): StockMovement {
  return {
    id: row.id,
    componentId: row.componentId,
    type: row.type as StockMovement['type'],
    quantity:
      row.type === 'ADJUST' || row.type === 'IN' ? Number(row.quantity) : Math.abs(Number(row.quantity)),
    stockAfter: Number(row.stockAfter),
    reservedAfter: Number(row.reservedAfter),
    reason: row.reason,
    documentType: row.documentType,
    documentId: row.documentId,
    actorName: row.actorName,
    at: row.at.toISOString(),
  };
}

type ComponentFields = z.output<typeof ComponentUpdateSchema>;
type ComponentCreate = z.output<typeof ComponentCreateSchema>;
type ComponentListQuery = z.output<typeof ComponentListQuerySchema>;
type PaginationQuery = z.output<typeof PaginationQuerySchema>;
type StockAdjustment = z.output<typeof StockAdjustmentSchema>;

function columnsOf(data: Partial<ComponentFields>): Partial<ComponentInsert> {
  const columns: Partial<ComponentInsert> = {};
  if (data.name !== undefined) columns.name = data.name;
  if (data.code !== undefined) columns.code = data.code;
  if (data.description !== undefined) columns.description = data.description;
  if (data.price !== undefined) columns.priceCents = toCents(data.price);
  if (data.cost !== undefined) columns.costCents = toCents(data.cost);
  if (data.category !== undefined) columns.category = data.category;
  if (data.supplier !== undefined) columns.supplierName = data.supplier;
  if (data.supplierId !== undefined) columns.supplierId = data.supplierId;
  if (data.unit !== undefined) columns.unit = data.unit;
  if (data.minStock !== undefined) columns.minStock = String(data.minStock);
  if (data.location !== undefined) columns.location = data.location;
  if (data.barcode !== undefined) columns.barcode = data.barcode;
  if (data.active !== undefined) columns.active = data.active;
  return columns;
}

export type OrderComponent = { id: string; name: string; code: string; unit: string; priceCents: number };

type ComponentsDeps = {
  db: Database;
  pool: pg.Pool;
  repo: ComponentsRepo;
  suppliers: SuppliersRepo;
  stock: StockService;
};

/** Lookups and checks shared by the component operations. */
function createComponentChecks(deps: ComponentsDeps) {
  const { repo, suppliers } = deps;

  async function found(executor: Database, ctx: AuthedContext, id: string, forUpdate = false) {
    const row = await repo.findById(executor, ctx.actor.organizationId, id, { forUpdate });
    if (!row) throw notFound('components.not_found', { id });
    return row;
  }

  async function assertSupplier(
    executor: Database,
    ctx: AuthedContext,
    supplierId: string | null | undefined,
  ) {
    if (!supplierId) return null;
    const supplier = await suppliers.findById(executor, ctx.actor.organizationId, supplierId);
    if (!supplier) throw notFound('suppliers.not_found');
    return supplier;
  }

  function duplicateError(error: unknown, id: string, code: string): unknown {
    if (isUniqueViolation(error, 'components_org_code_uq')) {
      return new AppError(
        'CONFLICT',
        'components.duplicate_code',
        { code },
        { code: 'components.duplicate_code' },
      );
    }
    if (
      isUniqueViolation(error, 'components_pkey') ||
      isUniqueViolation(error, 'components_organization_id_id_pk')
    ) {
      return new AppError('CONFLICT', 'components.duplicate_id', { id }, { id: 'components.duplicate_id' });
    }
    return error;
  }

  return { found, assertSupplier, duplicateError };
}
type ComponentChecks = ReturnType<typeof createComponentChecks>;

/** Creating and editing a component: code and id stay unique, the opening stock is a movement. */
function createComponentWrites(deps: ComponentsDeps, checks: ComponentChecks) {
  const { pool, repo, stock } = deps;
  const { found, assertSupplier, duplicateError } = checks;
  return {
    async create(ctx: AuthedContext, data: ComponentCreate): Promise<Component> {
      assertCan(ctx, 'components:write');
      const id = data.id ?? crypto.randomUUID();
      const organizationId = ctx.actor.organizationId;
      try {
        return await inTransaction(pool, async (tx) => {
          const supplier = await assertSupplier(tx.db, ctx, data.supplierId);
          if (data.id && (await repo.findById(tx.db, organizationId, data.id))) {
            throw new AppError(
              'CONFLICT',
              'components.duplicate_id',
              { id },
              { id: 'components.duplicate_id' },
            );
          }
          if (await repo.findByCode(tx.db, organizationId, data.code)) {
            throw new AppError(
              'CONFLICT',
              'components.duplicate_code',
              { code: data.code },
              { code: 'components.duplicate_code' },
            );
          }
          await repo.insert(tx.db, {
            ...columnsOf(data),
            supplierName: supplier?.name ?? data.supplier ?? null,
            organizationId,
            id,
            name: data.name,
            code: data.code,
          });
          // the initial stock is an IN movement like any other
          if (data.stock > 0) {
            await stock.receive(tx, ctx, { type: 'initial', id }, { componentId: id, quantity: data.stock });
          }
          const created = await found(tx.db, ctx, id);
          await recordAudit(tx.db, ctx, {
            organizationId,
            action: 'component.created',
            entity: 'component',
            entityId: id,
            after: toComponent(created),
          });
          return toComponent(created);
        });
      } catch (error) {
        throw duplicateError(error, id, data.code);
      }
    },

    async update(
      ctx: AuthedContext,
      id: string,
      data: ComponentFields,
      ifMatch?: number,
    ): Promise<Component> {
      assertCan(ctx, 'components:write');
      const organizationId = ctx.actor.organizationId;
      try {
        return await inTransaction(pool, async (tx) => {
          const before = await found(tx.db, ctx, id, true);
          assertVersion(ifMatch, before.version);
          const unit = data.unit ?? before.unit;
          if (
            isWholeUnit(unit) &&
            (!Number.isInteger(Number(before.stock)) || !Number.isInteger(Number(before.reserved)))
          ) {
            throw new AppError('UNPROCESSABLE', 'components.whole_quantity', { name: before.name });
          }
          if (isWholeUnit(unit) && data.minStock !== undefined && !Number.isInteger(data.minStock)) {
            throw new AppError('UNPROCESSABLE', 'components.whole_quantity', { name: before.name });
          }
          const columns = columnsOf(data);
          if (data.supplierId !== undefined) {
            const supplier = await assertSupplier(tx.db, ctx, data.supplierId);
            if (supplier) columns.supplierName = supplier.name;
          }
          await repo.update(tx.db, organizationId, id, columns);
          if (data.minStock !== undefined) {
            await repo.rearmLowStockAlert(tx.db, organizationId, id);
            await stock.checkLowStock(tx, ctx, id);
          }
          const after = await found(tx.db, ctx, id);
          await recordAudit(tx.db, ctx, {
            organizationId,
            action: 'component.updated',
            entity: 'component',
            entityId: id,
            before: toComponent(before),
            after: toComponent(after),
          });
          return toComponent(after);
        });
      } catch (error) {
        throw duplicateError(error, id, data.code ?? '');
      }
    },
  };
}

export function createComponentsService(deps: ComponentsDeps) {
  const { db, pool, repo, stock } = deps;

  const checks = createComponentChecks(deps);
  const { found } = checks;

  return {
    /** The components a service order prices its parts from (only those of the organization that exist). */
    async forOrder(executor: Database, organizationId: string, ids: string[]): Promise<OrderComponent[]> {
      const rows = await repo.findByIds(executor, organizationId, ids);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        code: r.code,
        unit: r.unit,
        priceCents: r.priceCents,
      }));
    },

    async list(ctx: AuthedContext, q: ComponentListQuery): Promise<Page<Component>> {
      assertCan(ctx, 'components:read');
      const { rows, total } = await repo.list(db, ctx.actor.organizationId, q);
      return { items: rows.map(toComponent), total, page: q.page, pageSize: q.pageSize };
    },

    async get(ctx: AuthedContext, id: string): Promise<Component> {
      assertCan(ctx, 'components:read');
      return toComponent(await found(db, ctx, id));
    },

    async categories(ctx: AuthedContext): Promise<{ items: string[] }> {
      assertCan(ctx, 'components:read');
      return { items: await repo.categories(db, ctx.actor.organizationId) };
    },

    ...createComponentWrites(deps, checks),

    async adjust(ctx: AuthedContext, id: string, data: StockAdjustment): Promise<StockMovement> {
      assertCan(ctx, 'stock:adjust');
      return inTransaction(pool, async (tx) => {
        // the conditional update comes first: it takes the row lock before the audit chain's lock
        const movement = await stock.adjust(tx, ctx, id, data.delta, data.reason);
        await recordAudit(tx.db, ctx, {
          organizationId: ctx.actor.organizationId,
          action: 'component.stock_adjusted',
          entity: 'component',
          entityId: id,
          after: { delta: data.delta, reason: data.reason, stockAfter: Number(movement.stockAfter) },
        });
        return toMovement(movement);
      });
    },

    async movements(ctx: AuthedContext, id: string, q: PaginationQuery): Promise<Page<StockMovement>> {
      assertCan(ctx, 'components:read');
      await found(db, ctx, id);
      const { rows, total } = await repo.listMovements(db, ctx.actor.organizationId, id, q);
      return { items: rows.map(toMovement), total, page: q.page, pageSize: q.pageSize };
    },
  };
}
export type ComponentsService = ReturnType<typeof createComponentsService>;
