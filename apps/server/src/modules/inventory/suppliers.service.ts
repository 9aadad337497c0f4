import {
  type DocumentType,
  formatDocument,
  fromCents,
  type Page,
  type Supplier,
  type SupplierCreateSchema,
  type SupplierListQuerySchema,
  type SupplierUpdateSchema,
  toCents,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError, conflict, isUniqueViolation, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import { inTransaction } from '../../platform/tx.js';
import type { ComponentsRepo } from './components.repo.js';
import type { SuppliedComponent, SupplierInsert, SupplierRow, SuppliersRepo } from './suppliers.repo.js';

export function toSupplier(row: SupplierRow, supplied: SuppliedComponent[]): Supplier {
  const type = row.documentType as DocumentType | null;
  return {
    id: row.id,
    name: row.name,
    document: row.document,
    documentType: type,
    documentFormatted: row.document && type ? formatDocument(type, row.document) : null,
    contacts: row.contacts,
    email: row.email,
    phone: row.phone,
    leadTimeDays: row.leadTimeDays,
    notes: row.notes,
    active: row.active,
    components: supplied
      .filter((s) => s.supplierId === row.id)
      .map((s) => ({
        componentId: s.componentId,
        name: s.name,
        code: s.code,
        cost: fromCents(s.costCents),
        supplierCode: s.supplierCode,
      })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

type SupplierFields = z.output<typeof SupplierUpdateSchema>;
type SupplierCreate = z.output<typeof SupplierCreateSchema>;
type SupplierListQuery = z.output<typeof SupplierListQuerySchema>;

function columnsOf(data: SupplierFields): Partial<SupplierInsert> {
  const columns: Partial<SupplierInsert> = {};
  if (data.name !== undefined) columns.name = data.name;
  if (data.document !== undefined) columns.document = data.document;
  if (data.documentType !== undefined) columns.documentType = data.documentType;
  if (data.contacts !== undefined) {
    columns.contacts = data.contacts.map((c) => ({
      name: c.name,
      role: c.role,
      email: c.email ?? null,
      phone: c.phone ?? null,
    }));
  }
  if (data.email !== undefined) columns.email = data.email;
  if (data.phone !== undefined) columns.phone = data.phone;
  if (data.leadTimeDays !== undefined) columns.leadTimeDays = data.leadTimeDays;
  if (data.notes !== undefined) columns.notes = data.notes;
  if (data.active !== undefined) columns.active = data.active;
  return columns;
}

export function createSuppliersService(deps: {
  db: Database;
  pool: pg.Pool;
  repo: SuppliersRepo;
  components: ComponentsRepo;
}) {
  const { db, pool, repo, components } = deps;

  async function present(executor: Database, organizationId: string, rows: SupplierRow[]) {
    const supplied = await repo.componentsOf(
      executor,
      organizationId,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toSupplier(r, supplied));
  }

  async function found(executor: Database, ctx: AuthedContext, id: string, forUpdate = false) {
    const row = await repo.findById(executor, ctx.actor.organizationId, id, { forUpdate });
    if (!row) throw notFound('suppliers.not_found');
    return row;
  }

  async function replaceComponents(
    tx: Database,
    ctx: AuthedContext,
    supplierId: string,
    items: { componentId: string; cost: number; supplierCode?: string | null | undefined }[],
  ) {
    const ids = [...new Set(items.map((i) => i.componentId))];
    const existing = new Set(
      (await components.findByIds(tx, ctx.actor.organizationId, ids)).map((c) => c.id),
    );
    const missing = ids.find((id) => !existing.has(id));
    if (missing) throw notFound('components.not_found', { id: missing });
    const unique = new Map(items.map((i) => [i.componentId, i]));
    await repo.replaceComponents(
      tx,
      ctx.actor.organizationId,
      supplierId,
      [...unique.values()].map((i) => ({
        componentId: i.componentId,
        costCents: toCents(i.cost),
        supplierCode: i.supplierCode ?? null,
      })),
    );
  }

  const duplicate = (error: unknown) =>
    isUniqueViolation(error, 'suppliers_org_document_uq')
      ? conflict('suppliers.duplicate_document', { document: 'suppliers.duplicate_document' })
      : error;

  return {
    async list(ctx: AuthedContext, q: SupplierListQuery): Promise<Page<Supplier>> {
      assertCan(ctx, 'suppliers:read');
      const { rows, total } = await repo.list(db, ctx.actor.organizationId, q);
      return {
        items: await present(db, ctx.actor.organizationId, rows),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async get(ctx: AuthedContext, id: string): Promise<Supplier> {
      assertCan(ctx, 'suppliers:read');
      const [supplier] = await present(db, ctx.actor.organizationId, [await found(db, ctx, id)]);
      return supplier!;
    },

    async create(ctx: AuthedContext, data: SupplierCreate): Promise<Supplier> {
      assertCan(ctx, 'suppliers:write');
      const organizationId = ctx.actor.organizationId;
      try {
        return await inTransaction(pool, async (tx) => {
          const row = await repo.insert(tx.db, { ...columnsOf(data), organizationId, name: data.name });
          await replaceComponents(tx.db, ctx, row.id, data.components);
          const [created] = await present(tx.db, organizationId, [row]);
          await recordAudit(tx.db, ctx, {
            organizationId,
            action: 'supplier.created',
            entity: 'supplier',
            entityId: row.id,
            after: created,
          });
          return created!;
        });
      } catch (error) {
        throw duplicate(error);
      }
    },

    async update(ctx: AuthedContext, id: string, data: SupplierFields, ifMatch?: number): Promise<Supplier> {
      assertCan(ctx, 'suppliers:write');
      const organizationId = ctx.actor.organizationId;
      try {
        return await inTransaction(pool, async (tx) => {
          const beforeRow = await found(tx.db, ctx, id, true);
          assertVersion(ifMatch, beforeRow.version);
          const [before] = await present(tx.db, organizationId, [beforeRow]);
          const row = await repo.update(tx.db, organizationId, id, columnsOf(data));
          if (data.components !== undefined) await replaceComponents(tx.db, ctx, id, data.components);
          const [after] = await present(tx.db, organizationId, [row]);
          await recordAudit(tx.db, ctx, {
            organizationId,
            action: 'supplier.updated',
            entity: 'supplier',
            entityId: id,
            before,
            after,
          });
          return after!;
        });
      } catch (error) {
        throw duplicate(error);
      }
    },

    async remove(ctx: AuthedContext, id: string, ifMatch?: number): Promise<void> {
      assertCan(ctx, 'suppliers:write');
      const organizationId = ctx.actor.organizationId;
      await inTransaction(pool, async (tx) => {
        const row = await found(tx.db, ctx, id, true);
        assertVersion(ifMatch, row.version);
        // a supplier with purchase orders stays for the record; it can be deactivated
        if (await repo.hasPurchaseOrders(tx.db, organizationId, id)) {
          throw new AppError('CONFLICT', 'suppliers.in_use');
        }
        // components keep the name as free text (seed 004's `supplier` string)
        await repo.detachComponents(tx.db, organizationId, id);
        await repo.remove(tx.db, organizationId, id);
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'supplier.deleted',
          entity: 'supplier',
          entityId: id,
          before: { name: row.name, document: row.document },
        });
      });
    },
  };
}
export type SuppliersService = ReturnType<typeof createSuppliersService>;
