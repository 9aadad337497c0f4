import {
  fromCents,
  type PortalService,
  type ServiceCatalogCreateSchema,
  type ServiceCatalogItem,
  type ServiceCatalogListQuerySchema,
  type ServiceCatalogUpdateSchema,
  toCents,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../../db/client.js';
import { recordAudit } from '../../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../../platform/context.js';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../../platform/errors.js';
import { assertVersion } from '../../../platform/etag.js';
import { inTransaction } from '../../../platform/tx.js';
import type { CatalogRepo, CatalogRow } from './catalog.repo.js';

export type ServiceCatalogCreateParsed = z.output<typeof ServiceCatalogCreateSchema>;
export type ServiceCatalogUpdateParsed = z.output<typeof ServiceCatalogUpdateSchema>;
export type ServiceCatalogListQueryParsed = z.output<typeof ServiceCatalogListQuerySchema>;

/** The portal lists the whole active catalog in one answer; a shop's standard jobs stay well under this. */
const PORTAL_SERVICES_MAX = 500;

export function toCatalogItem(row: CatalogRow): ServiceCatalogItem {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    category: row.category,
    specialty: row.specialty,
    standardHours: Number(row.standardHours),
    price: fromCents(row.priceCents),
    warrantyDays: row.warrantyDays,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

function duplicateCode(error: unknown, code: string) {
  return isUniqueViolation(error, 'service_catalog_org_code_uq')
    ? new AppError(
        'CONFLICT',
        'repairs.catalog_duplicate_code',
        { code },
        { code: 'repairs.catalog_duplicate_code' },
      )
    : error;
}

/** The service catalog: standard jobs an order's labor lines are priced from. */
export function createServiceCatalogService(deps: { db: Database; pool: pg.Pool; repo: CatalogRepo }) {
  const { db, pool, repo } = deps;
  return {
    /** For other modules (scheduling): catalog services by id, inactive ones too, with their standard hours. */
    async summariesByIds(
      executor: Database,
      organizationId: string,
      ids: string[],
    ): Promise<Map<string, { id: string; name: string; standardHours: number; active: boolean }>> {
      const rows = await repo.byIds(executor, organizationId, [...new Set(ids)]);
      return new Map(
        [...rows.values()].map((r) => [
          r.id,
          { id: r.id, name: r.name, standardHours: Number(r.standardHours), active: r.active },
        ]),
      );
    },

    async list(ctx: AuthedContext, q: ServiceCatalogListQueryParsed) {
      assertCan(ctx, 'repairs:read');
      const { rows, total } = await repo.list(db, ctx.actor.organizationId, {
        q: q.q || undefined,
        active: q.active === undefined ? undefined : q.active === 'true',
        page: q.page,
        pageSize: q.pageSize,
      });
      return { items: rows.map(toCatalogItem), total, page: q.page, pageSize: q.pageSize };
    },

    /** GET /portal/services: the active services a CUSTOMER may book, by name (the portal's booking page). */
    async portalList(ctx: AuthedContext): Promise<PortalService[]> {
      if (ctx.actor.role !== 'CUSTOMER') throw forbidden();
      const { rows } = await repo.list(db, ctx.actor.organizationId, {
        active: true,
        page: 1,
        pageSize: PORTAL_SERVICES_MAX,
      });
      return rows.map((row) => {
        const { id, name, category, standardHours, price } = toCatalogItem(row);
        return { id, name, category, standardHours, price };
      });
    },

    async get(ctx: AuthedContext, id: string) {
      assertCan(ctx, 'repairs:read');
      const row = await repo.byId(db, ctx.actor.organizationId, id);
      if (!row) throw notFound('repairs.catalog_not_found');
      return toCatalogItem(row);
    },

    async create(ctx: AuthedContext, data: ServiceCatalogCreateParsed) {
      assertCan(ctx, 'repairs:update');
      const organizationId = ctx.actor.organizationId;
      try {
        return await inTransaction(pool, async (tx) => {
          const row = await repo.insert(tx.db, {
            organizationId,
            code: data.code,
            name: data.name,
            description: data.description,
            category: data.category ?? null,
            specialty: data.specialty ?? null,
            standardHours: String(data.standardHours),
            priceCents: toCents(data.price),
            warrantyDays: data.warrantyDays,
            active: data.active,
          });
          const item = toCatalogItem(row);
          await recordAudit(tx.db, ctx, {
            organizationId,
            action: 'service_catalog.created',
            entity: 'service_catalog',
            entityId: row.id,
            after: item,
          });
          return item;
        });
      } catch (error) {
        throw duplicateCode(error, data.code);
      }
    },

    async update(ctx: AuthedContext, id: string, data: ServiceCatalogUpdateParsed, ifMatch?: number) {
      assertCan(ctx, 'repairs:update');
      const organizationId = ctx.actor.organizationId;
      try {
        return await inTransaction(pool, async (tx) => {
          const before = await repo.byId(tx.db, organizationId, id);
          if (!before) throw notFound('repairs.catalog_not_found');
          assertVersion(ifMatch, before.version);
          const { price, standardHours, ...rest } = data;
          const row = await repo.update(tx.db, organizationId, id, before.version, {
            ...rest,
            ...(price !== undefined ? { priceCents: toCents(price) } : {}),
            ...(standardHours !== undefined ? { standardHours: String(standardHours) } : {}),
          });
          if (!row) throw new AppError('PRECONDITION_FAILED', 'etag.stale');
          const item = toCatalogItem(row);
          await recordAudit(tx.db, ctx, {
            organizationId,
            action: 'service_catalog.updated',
            entity: 'service_catalog',
            entityId: id,
            before: toCatalogItem(before),
            after: item,
          });
          return item;
        });
      } catch (error) {
        throw duplicateCode(error, data.code ?? '');
      }
    },
  };
}
export type ServiceCatalogService = ReturnType<typeof createServiceCatalogService>;
