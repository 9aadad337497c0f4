import { DEFAULT_WARRANTY_DAYS, isWholeUnit, mergeLines, toCents } from '@bancada/shared';
import type { Database } from '../../../db/client.js';
import type { AuthedContext } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { ComponentsService } from '../../inventory/components.service.js';
import type { UsersService } from '../../users/users.service.js';
import type { CatalogRepo } from '../catalog/catalog.repo.js';
import type { PartInput, ServiceInput } from './line-columns.js';

/** A labor line ready to store (id: the existing line it replaces, on an edit). */
export type PricedService = {
  id: string | undefined;
  catalogId: string | null;
  description: string;
  hours: string;
  priceCents: number;
  technicianId: string | null;
  warrantyDays: number;
};

/** Prices lines as they are added or edited: components and catalog as they are now. */
export function createLinePricing(deps: {
  catalog: CatalogRepo;
  components: Pick<ComponentsService, 'forOrder'>;
  users: Pick<UsersService, 'activeStaff'>;
}) {
  const { catalog, components, users } = deps;

  /** A technician named on an order or a line must be active staff of the organization. */
  async function assertTechnician(executor: Database, ctx: AuthedContext, id: string | null | undefined) {
    if (!id) return;
    if (!(await users.activeStaff(executor, ctx.actor.organizationId, id))) {
      throw notFound('repairs.technician_not_found');
    }
  }

  /** seed 004: every component must exist (404 naming the id) before any stock is checked (422). */
  async function priceParts(executor: Database, ctx: AuthedContext, input: PartInput[]) {
    const merged = mergeLines(input);
    const found = await components.forOrder(
      executor,
      ctx.actor.organizationId,
      merged.map((p) => p.componentId),
    );
    const byId = new Map(found.map((c) => [c.id, c]));
    for (const line of input) {
      if (!byId.has(line.componentId)) throw notFound('components.not_found', { id: line.componentId });
    }
    return merged.map((line) => {
      const component = byId.get(line.componentId)!;
      if (isWholeUnit(component.unit) && !Number.isInteger(line.quantity)) {
        throw new AppError('UNPROCESSABLE', 'components.whole_quantity', { name: component.name });
      }
      return { ...line, component };
    });
  }

  /** A labor line takes the catalog's description, hours, price and warranty unless it names its own. */
  async function priceServices(
    executor: Database,
    ctx: AuthedContext,
    input: (ServiceInput & { id?: string | undefined })[],
  ): Promise<PricedService[]> {
    const catalogIds = input.map((s) => s.catalogId).filter((v): v is string => Boolean(v));
    const items = await catalog.byIds(executor, ctx.actor.organizationId, catalogIds);
    const missingPrice: Record<string, string> = {};
    const lines = input.map((s, index) => {
      const item = s.catalogId ? items.get(s.catalogId) : undefined;
      if (s.catalogId && !item) throw notFound('repairs.catalog_not_found');
      const priceCents = s.price !== undefined ? toCents(s.price) : item?.priceCents;
      if (priceCents === undefined)
        missingPrice[`services.${index}.price`] = 'repairs.service_price_required';
      return {
        id: s.id,
        catalogId: s.catalogId ?? null,
        description: s.description || item?.name || '',
        hours: String(s.hours ?? Number(item?.standardHours ?? 0)),
        priceCents: priceCents ?? 0,
        technicianId: s.technicianId ?? null,
        warrantyDays: s.warrantyDays ?? item?.warrantyDays ?? DEFAULT_WARRANTY_DAYS,
      };
    });
    if (Object.keys(missingPrice).length) {
      throw new AppError('VALIDATION', 'validation.failed', {}, missingPrice);
    }
    for (const line of lines) await assertTechnician(executor, ctx, line.technicianId);
    return lines;
  }

  return { assertTechnician, priceParts, priceServices };
}
export type LinePricing = ReturnType<typeof createLinePricing>;
export type PricedPart = Awaited<ReturnType<LinePricing['priceParts']>>[number];
