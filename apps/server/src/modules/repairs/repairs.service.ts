import {
  allowedStatuses,
  CHECKLIST_ITEMS,
  type ChecklistUpdate,
  ChecklistUpdateSchema,
  can,
  computeTotals,
  DEFAULT_WARRANTY_DAYS,
  findTransition,
  fromMilli,
  isClosedStatus,
  isWholeUnit,
  type LineApproval,
  type Locale,
  mayMake,
  mergeLines,
  type Page,
  partTotalCents,
  type Repair,
  type RepairCreateParsed,
  type RepairEvent,
  type RepairSummary as RepairListItem,
  type RepairListQuerySchema,
  type RepairStatus,
  type RepairUpdateSchema,
  SERVICE_TYPES,
  type ServiceCatalogCreate,
  ServiceCatalogCreateSchema,
  type ServiceCatalogItem,
  ServiceCatalogListQuerySchema,
  type ServiceCatalogUpdate,
  ServiceCatalogUpdateSchema,
  type ServiceType,
  STATUS_STOCK_EFFECT,
  sqlQuantity,
  toMilli,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import type { ChecklistEntry } from '../../db/schema/repairs.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import { t } from '../../platform/i18n.js';
import { type Idempotent, idempotent } from '../../platform/idempotency.js';
import { publishLive } from '../../platform/live.js';
import { inTransaction, type Tx } from '../../platform/tx.js';
import type { AssetRow, AssetsRepo } from '../customers/assets.repo.js';
import { assetLabel } from '../customers/assets.service.js';
import type { CustomersRepo } from '../customers/customers.repo.js';
import type { ComponentsRepo } from '../inventory/components.repo.js';

import type { StockService } from '../inventory/stock.service.js';
import type {
  ApplianceRow,
  CatalogRow,
  EstimateRow,
  EventRow,
  PartRow,
  RepairListRow,
  RepairRow,
  RepairScope,
  RepairsRepo,
  ServiceRow,
} from './repairs.repo.js';

/**
 * The column predates the service-type list (issue 4 stored free text such as "Troca de óleo"): such a
 * row reads as OTHER rather than failing the response schema of the whole list.
 */
function serviceTypeOf(value: string | null): ServiceType {
  if (value === null) return 'REPAIR';
  return (SERVICE_TYPES as readonly string[]).includes(value) ? (value as ServiceType) : 'OTHER';
}

export type RepairSummary = {
  id: string;
  number: number;
  customerId: string;
  assetId: string | null;
  serviceType: string | null;
  status: string;
  totalCents: number;
  receivedAt: Date;
};

export type ServiceFrequency = {
  totalOrders: number;
  ordersLast12Months: number;
  firstVisitAt: string | null;
  lastVisitAt: string | null;
  averageDaysBetweenVisits: number | null;
  byMonth: { month: string; orders: number }[];
};

export type RepairUpdateParsed = z.output<typeof RepairUpdateSchema>;
export type Warning = { code: string; message: string };

const DAY_MS = 86_400_000;
const cents = (value: number) => Math.round(value * 100);
const money = (c: number) => c / 100;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const hoursOf = (value: string | null | undefined) => (value == null ? null : Number(value));

/** The last 12 calendar months (UTC), oldest first, as YYYY-MM. */
export function last12Months(now: Date): string[] {
  const months: string[] = [];
  for (let back = 11; back >= 0; back--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return months;
}

export function emptyChecklist(): ChecklistEntry[] {
  return CHECKLIST_ITEMS.map((key) => ({ key, done: false, note: null, doneBy: null, doneAt: null }));
}

export function statusLabel(locale: Locale, status: RepairStatus): string {
  return t(locale, `repair_status.${status}`);
}

/** The lines and their money, as stored. */
type Lines = { appliances: ApplianceRow[]; services: ServiceRow[]; parts: PartRow[] };

function totalsOf(lines: Lines, discountCents: number) {
  return computeTotals({
    parts: lines.parts.map((p) => ({
      quantityMilli: toMilli(p.quantity),
      unitPriceCents: p.unitPriceCents,
      approval: p.approval as LineApproval | null,
    })),
    labor: [
      ...lines.appliances.map((a) => ({ cents: a.laborCents, approval: a.approval as LineApproval | null })),
      ...lines.services.map((s) => ({ cents: s.priceCents, approval: s.approval as LineApproval | null })),
    ],
    discountCents,
  });
}

function estimatedHoursOf(lines: Lines): number {
  const sum =
    lines.appliances
      .filter((a) => a.approval !== 'declined')
      .reduce((s, a) => s + Math.round(Number(a.estimatedHours ?? 0) * 100), 0) +
    lines.services
      .filter((l) => l.approval !== 'declined')
      .reduce((s, l) => s + Math.round(Number(l.hours) * 100), 0);
  return sum / 100;
}

function isOverdue(row: Pick<RepairRow, 'deadline' | 'status'>, now: Date): boolean {
  return Boolean(row.deadline && row.deadline < now && !isClosedStatus(row.status as RepairStatus));
}

function assetSummary(asset: AssetRow | null) {
  return asset
    ? {
        id: asset.id,
        kind: asset.kind as 'vehicle' | 'appliance' | 'machine',
        label: assetLabel(asset),
        plate: asset.plate,
        serial: asset.serial,
      }
    : null;
}

function estimateSummary(row: EstimateRow | undefined) {
  return row ? { version: row.version, status: row.status, validUntil: row.validUntil.toISOString() } : null;
}

function toEvent(row: EventRow): RepairEvent {
  return {
    id: row.id,
    type: row.type as RepairEvent['type'],
    fromStatus: row.fromStatus as RepairStatus | null,
    toStatus: row.toStatus as RepairStatus | null,
    note: row.note,
    data: row.data ?? null,
    actorName: row.actorName,
    at: row.at.toISOString(),
  };
}

export function toCatalogItem(row: CatalogRow): ServiceCatalogItem {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    category: row.category,
    specialty: row.specialty,
    standardHours: Number(row.standardHours),
    price: money(row.priceCents),
    warrantyDays: row.warrantyDays,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** An appliance line's columns from seed 004's appliance object. */
function applianceColumns(a: RepairCreateParsed['appliances'][number], position: number) {
  return {
    position,
    type: a.type,
    brand: a.brand ?? null,
    model: a.model ?? null,
    voltage: a.voltage ?? null,
    serial: a.serial ?? null,
    customerNote: a.customerNote ?? null,
    laborCents: cents(a.laborValue),
    estimatedHours: a.estimatedHours == null ? null : String(a.estimatedHours),
    warrantyDays: a.warrantyDays ?? DEFAULT_WARRANTY_DAYS,
  };
}

/** A part line: the component's name and price as they are now, the quantity reserved. */
function partColumns(
  row: Pick<RepairRow, 'id' | 'organizationId'>,
  p: {
    quantity: number;
    component: { id: string; name: string; code: string; unit: string; priceCents: number };
  },
  position: number,
  warrantyDays: number,
) {
  return {
    organizationId: row.organizationId,
    repairId: row.id,
    position,
    componentId: p.component.id,
    name: p.component.name,
    code: p.component.code,
    unit: p.component.unit,
    quantity: sqlQuantity(p.quantity),
    unitPriceCents: p.component.priceCents,
    warrantyDays,
    stockState: 'reserved',
  };
}

/**
 * Reserves and releases in one pass by component id, the order every stock change locks rows in,
 * so two orders edited at once cannot deadlock on the same components.
 */
export async function moveStock(
  tx: Tx,
  ctx: AuthedContext,
  ref: { type: string; id: string; reason: string },
  reserve: { componentId: string; quantity: number }[],
  release: { componentId: string; quantity: number }[],
  stock: StockService,
): Promise<void> {
  const moves = [
    ...reserve.map((line) => ({ line, take: true })),
    ...release.map((line) => ({ line, take: false })),
  ].sort((a, b) =>
    a.line.componentId < b.line.componentId ? -1 : a.line.componentId > b.line.componentId ? 1 : 0,
  );
  for (const { line, take } of moves) {
    if (take) await stock.reserve(tx, ctx, ref, [line]);
    else await stock.release(tx, ctx, ref, [line]);
  }
}

export type RepairsServiceDeps = {
  db: Database;
  pool: pg.Pool;
  repo: RepairsRepo;
  customers: CustomersRepo;
  assets: AssetsRepo;
  components: ComponentsRepo;
  stock: StockService;
  /** meter readings at intake go through the assets module (late-bound: it is built after this) */
  readings: () => {
    recordIntakeReading: (
      tx: Database,
      ctx: AuthedContext,
      assetId: string,
      value: number,
    ) => Promise<unknown>;
  };
  now?: () => Date;
};

/**
 * Service orders: seed 004's POST /repairs, the lifecycle (status machine from packages/shared), lines
 * with the stock ledger, the review checklist, the service catalog; and the orders as the customer's
 * and the asset's history read them.
 */
export function createRepairsService(deps: RepairsServiceDeps) {
  const { db, pool, repo, customers, assets, components, stock } = deps;
  const clock = deps.now ?? (() => new Date());

  // ---------------------------------------------------------------- reading an order

  async function load(executor: Database, ctx: AuthedContext, id: string): Promise<Repair> {
    const organizationId = ctx.actor.organizationId;
    const row = await repo.findById(executor, organizationId, id);
    if (!row) throw notFound('repairs.not_found');
    const now = clock();
    // one after another: the executor may be a transaction's single connection
    const appliances = await repo.appliances(executor, id);
    const services = await repo.services(executor, id);
    const parts = await repo.parts(executor, id);
    const estimate = await repo.latestEstimate(executor, id);
    const seconds = await repo.actualSeconds(executor, id, now);
    const names = await repo.userNames(
      executor,
      [row.technicianId].filter((v): v is string => Boolean(v)),
    );
    const asset = row.assetId ? await assets.findManyById(executor, organizationId, [row.assetId]) : [];
    const warrantyNumbers = await repo.numbersByIds(
      executor,
      [row.warrantyOfRepairId].filter((v): v is string => Boolean(v)),
    );
    const customerNames = await customers.namesByIds(executor, organizationId, [row.customerId]);
    return {
      id: row.id,
      number: row.number,
      userId: row.customerId,
      customerId: row.customerId,
      customerName: customerNames.get(row.customerId) ?? '',
      assetId: row.assetId,
      asset: assetSummary(asset[0] ?? null),
      appliances: appliances.map((a) => ({
        id: a.id,
        type: a.type as Repair['appliances'][number]['type'],
        brand: a.brand,
        model: a.model,
        voltage: a.voltage,
        serial: a.serial,
        customerNote: a.customerNote,
        laborValue: money(a.laborCents),
        estimatedHours: hoursOf(a.estimatedHours),
        warrantyDays: a.warrantyDays,
        assetId: a.assetId,
        approval: a.approval as LineApproval | null,
      })),
      parts: parts.map((p) => {
        const quantity = Number(p.quantity);
        return {
          id: p.id,
          componentId: p.componentId,
          name: p.name,
          code: p.code,
          unit: p.unit,
          quantity,
          unitValue: money(p.unitPriceCents),
          totalValue: money(partTotalCents(toMilli(p.quantity), p.unitPriceCents)),
          warrantyDays: p.warrantyDays,
          stockState: p.stockState as Repair['parts'][number]['stockState'],
          approval: p.approval as LineApproval | null,
        };
      }),
      services: services.map((s) => ({
        id: s.id,
        catalogId: s.catalogId,
        description: s.description,
        hours: Number(s.hours),
        price: money(s.priceCents),
        technicianId: s.technicianId,
        technicianName: s.technicianName,
        warrantyDays: s.warrantyDays,
        approval: s.approval as LineApproval | null,
      })),
      nf: row.nf,
      returnGuarantee: row.returnGuarantee,
      fabricGuarantee: row.fabricGuarantee,
      partsTotal: money(row.partsTotalCents),
      laborValue: money(row.laborCents),
      discount: money(row.discountCents),
      totalValue: money(row.totalCents),
      receivedAt: row.receivedAt.toISOString(),
      deadline: iso(row.deadline),
      serviceDescription: row.serviceDescription,
      notes: row.notes,
      status: row.status as RepairStatus,
      serviceType: serviceTypeOf(row.serviceType),
      priority: row.priority as Repair['priority'],
      condition: row.condition,
      accessories: row.accessories,
      odometerKm: hoursOf(row.odometerKm),
      hourMeter: hoursOf(row.hourMeter),
      fuelLevel: row.fuelLevel as Repair['fuelLevel'],
      technicianId: row.technicianId,
      technicianName: row.technicianId ? (names.get(row.technicianId) ?? null) : null,
      estimatedHours: Number(row.estimatedHours),
      actualHours: Math.round((seconds / 3600) * 100) / 100,
      checklist: (row.checklist.length ? row.checklist : emptyChecklist()).map((c) => ({
        key: c.key as Repair['checklist'][number]['key'],
        done: c.done,
        note: c.note,
        doneBy: c.doneBy,
        doneAt: c.doneAt,
      })),
      estimate: estimateSummary(estimate),
      warrantyReturn: row.warrantyOfRepairId
        ? { repairId: row.warrantyOfRepairId, number: warrantyNumbers.get(row.warrantyOfRepairId) ?? 0 }
        : null,
      warrantyUntil: iso(row.warrantyUntil),
      isOverdue: isOverdue(row, now),
      approvedBy: row.approvedByName,
      approvedAt: iso(row.approvedAt),
      finishedAt: iso(row.finishedAt),
      deliveredAt: iso(row.deliveredAt),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      version: row.version,
    };
  }

  async function lockOpen(tx: Tx, ctx: AuthedContext, id: string, ifMatch: number | undefined) {
    const row = await repo.findById(tx.db, ctx.actor.organizationId, id, { forUpdate: true });
    if (!row) throw notFound('repairs.not_found');
    assertVersion(ifMatch, row.version);
    return row;
  }

  function refuseClosed(ctx: AuthedContext, row: RepairRow): void {
    if (isClosedStatus(row.status as RepairStatus)) {
      throw new AppError('CONFLICT', 'repairs.closed', {
        number: String(row.number),
        status: statusLabel(ctx.locale, row.status as RepairStatus),
      });
    }
  }

  async function event(
    tx: Tx,
    ctx: AuthedContext,
    repairId: string,
    values: {
      type: string;
      fromStatus?: string | null;
      toStatus?: string | null;
      note?: string | null;
      data?: Record<string, unknown> | null;
    },
  ) {
    await repo.insertEvent(tx.db, {
      organizationId: ctx.actor.organizationId,
      repairId,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.name,
      ...values,
    });
  }

  async function live(
    tx: Tx,
    ctx: AuthedContext,
    type: Parameters<typeof publishLive>[1]['type'],
    row: RepairRow,
  ) {
    await publishLive(tx, {
      type,
      organizationId: ctx.actor.organizationId,
      customerId: row.customerId,
      repairId: row.id,
      number: row.number,
      status: row.status as RepairStatus,
      technicianId: row.technicianId,
      version: row.version,
      at: row.updatedAt.toISOString(),
    });
  }

  async function assertTechnician(executor: Database, ctx: AuthedContext, id: string | null | undefined) {
    if (!id) return;
    if (!(await repo.activeStaff(executor, ctx.actor.organizationId, id))) {
      throw notFound('repairs.technician_not_found');
    }
  }

  // ---------------------------------------------------------------- lines

  /** seed 004: every component must exist (404 naming the id) before any stock is checked (422). */
  async function priceParts(
    executor: Database,
    ctx: AuthedContext,
    input: { componentId: string; quantity: number }[],
  ) {
    const merged = mergeLines(input);
    const found = await components.findByIds(
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

  type ServiceInput = NonNullable<RepairCreateParsed['services']>[number];

  async function priceServices(executor: Database, ctx: AuthedContext, input: ServiceInput[]) {
    const catalogIds = input.map((s) => s.catalogId).filter((v): v is string => Boolean(v));
    const catalog = await repo.catalogByIds(executor, ctx.actor.organizationId, catalogIds);
    const missingPrice: Record<string, string> = {};
    const lines = input.map((s, index) => {
      const item = s.catalogId ? catalog.get(s.catalogId) : undefined;
      if (s.catalogId && !item) throw notFound('repairs.catalog_not_found');
      const priceCents = s.price !== undefined ? cents(s.price) : item?.priceCents;
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

  /**
   * Appliances become assets of the customer (matched by serial, else created), so each one has
   * its own history and warranty.
   */
  async function applianceAsset(
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
    owned: AssetRow[],
  ): Promise<string> {
    const serial = appliance.serial?.trim().toUpperCase();
    const match = serial
      ? owned.find((a) => a.kind === 'appliance' && a.serial?.trim().toUpperCase() === serial)
      : undefined;
    if (match) return match.id;
    const created = await assets.insert(tx.db, {
      organizationId: ctx.actor.organizationId,
      customerId,
      kind: 'appliance',
      type: appliance.type,
      brand: appliance.brand ?? null,
      model: appliance.model ?? null,
      voltage: appliance.voltage ?? null,
      serial: appliance.serial ?? null,
    });
    owned.push(created);
    await recordAudit(tx.db, ctx, {
      organizationId: ctx.actor.organizationId,
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
  }

  async function ownedAssets(executor: Database, ctx: AuthedContext, customerId: string) {
    return (
      await assets.listByCustomer(executor, ctx.actor.organizationId, customerId, { limit: 1000, offset: 0 })
    ).rows;
  }

  /** Totals and hours from the stored lines; a discount larger than the sum is refused (no negative money). */
  async function recompute(tx: Tx, row: RepairRow, discountCents: number, ctx: AuthedContext) {
    const lines: Lines = {
      appliances: await repo.appliances(tx.db, row.id),
      services: await repo.services(tx.db, row.id),
      parts: await repo.parts(tx.db, row.id),
    };
    const totals = totalsOf(lines, discountCents);
    if (totals.totalCents < 0) {
      throw new AppError(
        'UNPROCESSABLE',
        'repairs.discount_exceeds_total',
        {
          discount: new Intl.NumberFormat(ctx.locale, { minimumFractionDigits: 2 }).format(
            money(discountCents),
          ),
          subtotal: new Intl.NumberFormat(ctx.locale, { minimumFractionDigits: 2 }).format(
            money(totals.subtotalCents),
          ),
        },
        { discount: money(discountCents), subtotal: money(totals.subtotalCents) },
      );
    }
    return {
      partsTotalCents: totals.partsTotalCents,
      laborCents: totals.laborCents,
      discountCents,
      totalCents: totals.totalCents,
      estimatedHours: estimatedHoursOf(lines).toFixed(2),
    };
  }

  const stockRef = (row: Pick<RepairRow, 'id' | 'number'>) => ({
    type: 'repair',
    id: row.id,
    reason: `OS ${row.number}`,
  });

  // ---------------------------------------------------------------- create

  async function create(
    ctx: AuthedContext,
    data: RepairCreateParsed,
    idempotencyKey?: string,
  ): Promise<Idempotent<Repair>> {
    if (!can(ctx.actor.role, 'repairs:create', ctx.actor.grants)) throw forbidden('repairs.create_forbidden');
    const organizationId = ctx.actor.organizationId;
    return inTransaction(pool, (tx) =>
      idempotent(
        tx,
        ctx,
        { scope: 'repairs.create', key: idempotencyKey, request: data, status: 201 },
        async () => {
          // seed 004 rule 1
          const customer = await customers.findById(tx.db, organizationId, data.userId);
          if (!customer) throw notFound('repairs.customer_not_found');
          let asset: AssetRow | undefined;
          if (data.assetId) {
            asset = await assets.findById(tx.db, organizationId, data.assetId);
            if (!asset) throw notFound('repairs.asset_not_found');
            if (asset.customerId !== customer.id) {
              throw new AppError('UNPROCESSABLE', 'repairs.asset_other_customer', {}, { assetId: asset.id });
            }
          }
          await assertTechnician(tx.db, ctx, data.technicianId);
          const services = await priceServices(tx.db, ctx, data.services);
          // seed 004 rule 4 before rule 5: unknown components are a 404 before any stock is looked at
          const parts = await priceParts(tx.db, ctx, data.parts);

          const number = await repo.nextNumber(tx.db, organizationId);
          const owned = data.appliances.length ? await ownedAssets(tx.db, ctx, customer.id) : [];
          const applianceAssets: string[] = [];
          for (const appliance of data.appliances) {
            applianceAssets.push(await applianceAsset(tx, ctx, customer.id, appliance, owned));
          }
          const objectAssetIds = [asset?.id, ...applianceAssets].filter((v): v is string => Boolean(v));
          const warrantyParent = await repo.warrantyParent(
            tx.db,
            organizationId,
            objectAssetIds,
            data.receivedAt,
          );

          let row = await repo.insert(tx.db, {
            organizationId,
            branchId: ctx.actor.branchId,
            number,
            customerId: customer.id,
            assetId: asset?.id ?? applianceAssets[0] ?? null,
            // seed 004 rule 7: whatever the body says, an order starts here
            status: 'NAO_INICIADO',
            serviceType:
              warrantyParent && data.serviceType === 'REPAIR' ? 'WARRANTY_RETURN' : data.serviceType,
            priority: data.priority,
            nf: data.nf ?? null,
            returnGuarantee: data.returnGuarantee,
            fabricGuarantee: data.fabricGuarantee,
            discountCents: cents(data.discount),
            receivedAt: data.receivedAt,
            deadline: data.deadline ?? null,
            serviceDescription: data.serviceDescription,
            notes: data.notes,
            condition: data.condition,
            accessories: data.accessories,
            odometerKm: data.odometerKm == null ? null : String(data.odometerKm),
            hourMeter: data.hourMeter == null ? null : String(data.hourMeter),
            fuelLevel: data.fuelLevel ?? null,
            technicianId: data.technicianId ?? null,
            checklist: emptyChecklist(),
            warrantyOfRepairId: warrantyParent?.id ?? null,
            createdById: ctx.actor.userId,
          });
          await repo.insertAppliances(
            tx.db,
            data.appliances.map((a, position) => ({
              ...applianceColumns(a, position),
              organizationId,
              repairId: row.id,
              assetId: applianceAssets[position] ?? null,
            })),
          );
          await repo.insertServices(
            tx.db,
            services.map(({ id: _id, ...s }, position) => ({
              ...s,
              organizationId,
              repairId: row.id,
              position,
            })),
          );
          const warrantyByComponent = new Map(data.parts.map((p) => [p.componentId, p.warrantyDays]));
          await repo.insertParts(
            tx.db,
            parts.map((p, position) =>
              partColumns(row, p, position, warrantyByComponent.get(p.componentId) ?? DEFAULT_WARRANTY_DAYS),
            ),
          );
          // seed 004 rule 10: stock leaves availability in this transaction (RESERVE in the ledger)
          await stock.reserve(
            tx,
            ctx,
            stockRef(row),
            parts.map((p) => ({ componentId: p.component.id, quantity: p.quantity })),
          );
          row = await repo.setTotals(tx.db, row.id, await recompute(tx, row, cents(data.discount), ctx));
          if (asset && data.odometerKm != null && asset.kind === 'vehicle') {
            await deps.readings().recordIntakeReading(tx.db, ctx, asset.id, data.odometerKm);
          }
          if (asset && data.hourMeter != null && asset.kind === 'machine') {
            await deps.readings().recordIntakeReading(tx.db, ctx, asset.id, data.hourMeter);
          }
          await event(tx, ctx, row.id, {
            type: 'created',
            toStatus: 'NAO_INICIADO',
            data: warrantyParent
              ? { warrantyOfRepairId: warrantyParent.id, warrantyOfNumber: warrantyParent.number }
              : null,
          });
          await repo.touchCustomerVisit(tx.db, customer.id, data.receivedAt);
          const created = await load(tx.db, ctx, row.id);
          await recordAudit(tx.db, ctx, {
            organizationId,
            action: 'repair.created',
            entity: 'repair',
            entityId: row.id,
            after: created,
          });
          await live(tx, ctx, 'repair.created', row);
          return created;
        },
      ),
    );
  }

  // ---------------------------------------------------------------- update

  async function reconcileAppliances(
    tx: Tx,
    ctx: AuthedContext,
    row: RepairRow,
    input: NonNullable<RepairUpdateParsed['appliances']>,
  ) {
    const existing = await repo.appliances(tx.db, row.id);
    const byId = new Map(existing.map((a) => [a.id, a]));
    for (const a of input)
      if (a.id && !byId.has(a.id)) throw notFound('repairs.line_not_found', { id: a.id });
    const kept = new Set(input.map((a) => a.id).filter(Boolean));
    await repo.deleteAppliances(
      tx.db,
      existing.filter((a) => !kept.has(a.id)).map((a) => a.id),
    );
    const owned = await ownedAssets(tx.db, ctx, row.customerId);
    for (const [position, a] of input.entries()) {
      const values = applianceColumns(a, position);
      const before = a.id ? byId.get(a.id) : undefined;
      if (before) {
        // an approved line that changes needs a new approval (CDC art. 40)
        const changed = before.laborCents !== values.laborCents || before.type !== values.type;
        await repo.updateAppliance(tx.db, before.id, { ...values, ...(changed ? { approval: null } : {}) });
      } else {
        await repo.insertAppliances(tx.db, [
          {
            ...values,
            organizationId: row.organizationId,
            repairId: row.id,
            assetId: await applianceAsset(tx, ctx, row.customerId, a, owned),
          },
        ]);
      }
    }
  }

  async function reconcileServices(
    tx: Tx,
    ctx: AuthedContext,
    row: RepairRow,
    input: NonNullable<RepairUpdateParsed['services']>,
  ) {
    const existing = await repo.services(tx.db, row.id);
    const byId = new Map(existing.map((s) => [s.id, s]));
    for (const s of input)
      if (s.id && !byId.has(s.id)) throw notFound('repairs.line_not_found', { id: s.id });
    const priced = await priceServices(tx.db, ctx, input);
    const kept = new Set(priced.map((s) => s.id).filter(Boolean));
    await repo.deleteServices(
      tx.db,
      existing.filter((s) => !kept.has(s.id)).map((s) => s.id),
    );
    for (const [position, { id, ...values }] of priced.entries()) {
      const before = id ? byId.get(id) : undefined;
      if (before) {
        const changed =
          before.priceCents !== values.priceCents || Number(before.hours) !== Number(values.hours);
        await repo.updateService(tx.db, before.id, {
          ...values,
          position,
          ...(changed ? { approval: null } : {}),
        });
      } else {
        await repo.insertServices(tx.db, [
          { ...values, position, organizationId: row.organizationId, repairId: row.id },
        ]);
      }
    }
  }

  /** Parts by component: the stock moves by the difference only (RESERVE more, RELEASE less). */
  async function reconcileParts(
    tx: Tx,
    ctx: AuthedContext,
    row: RepairRow,
    input: NonNullable<RepairUpdateParsed['parts']>,
  ) {
    const priced = await priceParts(tx.db, ctx, input);
    const existing = await repo.parts(tx.db, row.id);
    const byComponent = new Map(existing.map((p) => [p.componentId, p]));
    const wanted = new Map(priced.map((p) => [p.component.id, p]));
    const reserve: { componentId: string; quantity: number }[] = [];
    const release: { componentId: string; quantity: number }[] = [];
    for (const part of existing) {
      if (!wanted.has(part.componentId) && part.stockState === 'reserved') {
        release.push({ componentId: part.componentId, quantity: Number(part.quantity) });
      }
    }
    await repo.deleteParts(
      tx.db,
      existing.filter((p) => !wanted.has(p.componentId)).map((p) => p.id),
    );
    const warrantyByComponent = new Map(input.map((p) => [p.componentId, p.warrantyDays]));
    for (const [position, p] of priced.entries()) {
      const before = byComponent.get(p.component.id);
      const newMilli = toMilli(p.quantity);
      const heldMilli = before && before.stockState === 'reserved' ? toMilli(before.quantity) : 0;
      const delta = newMilli - heldMilli;
      if (delta > 0) reserve.push({ componentId: p.component.id, quantity: fromMilli(delta) });
      if (delta < 0) release.push({ componentId: p.component.id, quantity: fromMilli(-delta) });
      const warrantyDays =
        warrantyByComponent.get(p.componentId) ?? before?.warrantyDays ?? DEFAULT_WARRANTY_DAYS;
      if (before) {
        const changed = toMilli(before.quantity) !== newMilli || before.stockState !== 'reserved';
        await repo.updatePart(tx.db, before.id, {
          position,
          quantity: sqlQuantity(p.quantity),
          warrantyDays,
          stockState: 'reserved',
          ...(changed ? { approval: null, unitPriceCents: p.component.priceCents } : {}),
        });
      } else {
        await repo.insertParts(tx.db, [partColumns(row, p, position, warrantyDays)]);
      }
    }
    await moveStock(tx, ctx, stockRef(row), reserve, release, stock);
  }

  async function update(
    ctx: AuthedContext,
    id: string,
    data: RepairUpdateParsed,
    ifMatch?: number,
  ): Promise<Repair> {
    assertCan(ctx, 'repairs:update');
    const organizationId = ctx.actor.organizationId;
    return inTransaction(pool, async (tx) => {
      const row = await lockOpen(tx, ctx, id, ifMatch);
      refuseClosed(ctx, row);
      const before = await load(tx.db, ctx, id);
      await assertTechnician(tx.db, ctx, data.technicianId);
      if (data.appliances) await reconcileAppliances(tx, ctx, row, data.appliances);
      if (data.services) await reconcileServices(tx, ctx, row, data.services);
      if (data.parts) await reconcileParts(tx, ctx, row, data.parts);
      const { appliances: _a, services: _s, parts: _p, discount, ...fields } = data;
      const discountCents = discount !== undefined ? cents(discount) : row.discountCents;
      const values: Partial<RepairRow> = {
        ...(fields.nf !== undefined ? { nf: fields.nf } : {}),
        ...(fields.returnGuarantee !== undefined ? { returnGuarantee: fields.returnGuarantee } : {}),
        ...(fields.fabricGuarantee !== undefined ? { fabricGuarantee: fields.fabricGuarantee } : {}),
        ...(fields.deadline !== undefined ? { deadline: fields.deadline } : {}),
        ...(fields.receivedAt !== undefined ? { receivedAt: fields.receivedAt } : {}),
        ...(fields.serviceDescription !== undefined ? { serviceDescription: fields.serviceDescription } : {}),
        ...(fields.notes !== undefined ? { notes: fields.notes } : {}),
        ...(fields.serviceType !== undefined ? { serviceType: fields.serviceType } : {}),
        ...(fields.priority !== undefined ? { priority: fields.priority } : {}),
        ...(fields.condition !== undefined ? { condition: fields.condition } : {}),
        ...(fields.accessories !== undefined ? { accessories: fields.accessories } : {}),
        ...(fields.technicianId !== undefined ? { technicianId: fields.technicianId } : {}),
      };
      const deadline = values.deadline !== undefined ? values.deadline : row.deadline;
      const receivedAt = values.receivedAt ?? row.receivedAt;
      if (deadline && deadline < receivedAt) {
        throw new AppError(
          'VALIDATION',
          'validation.failed',
          {},
          { deadline: 'validation.deadline_before_received' },
        );
      }
      const updated = await repo.update(tx.db, organizationId, id, {
        ...values,
        ...(await recompute(tx, row, discountCents, ctx)),
      });
      const after = await load(tx.db, ctx, id);
      await event(tx, ctx, id, {
        type: 'updated',
        data: { fields: Object.keys(data).filter((k) => data[k as keyof typeof data] !== undefined) },
      });
      await recordAudit(tx.db, ctx, {
        organizationId,
        action: 'repair.updated',
        entity: 'repair',
        entityId: id,
        before,
        after,
      });
      await live(tx, ctx, 'repair.updated', updated);
      return after;
    });
  }

  // ---------------------------------------------------------------- status

  async function transition(
    ctx: AuthedContext,
    id: string,
    input: { status: RepairStatus; note?: string | null | undefined },
    ifMatch?: number,
  ): Promise<Repair & { warnings: Warning[] }> {
    assertCan(ctx, 'repairs:transition');
    const organizationId = ctx.actor.organizationId;
    return inTransaction(pool, async (tx) => {
      const row = await lockOpen(tx, ctx, id, ifMatch);
      const from = row.status as RepairStatus;
      const to = input.status;
      const rule = findTransition(from, to);
      if (!rule) {
        const allowed = allowedStatuses(from, ctx.actor.role, ctx.actor.grants);
        throw new AppError(
          'CONFLICT',
          'repairs.transition_not_allowed',
          {
            from: statusLabel(ctx.locale, from),
            to: statusLabel(ctx.locale, to),
            allowed: allowed.length
              ? allowed.map((s) => statusLabel(ctx.locale, s)).join(', ')
              : t(ctx.locale, 'repairs.no_allowed'),
          },
          { from, to, allowed },
        );
      }
      if (!mayMake(rule, ctx.actor.role, ctx.actor.grants)) {
        throw new AppError(
          'FORBIDDEN',
          to === 'FINALIZADO' ? 'repairs.finish_requires_supervisor' : 'repairs.transition_role',
          { from: statusLabel(ctx.locale, from), to: statusLabel(ctx.locale, to) },
        );
      }
      if (rule.guards.includes('estimate_decided')) {
        const estimate = await repo.latestEstimate(tx.db, id);
        if (!estimate || estimate.status === 'pending' || estimate.status === 'expired') {
          throw new AppError('CONFLICT', 'repairs.guard_estimate', {}, { guard: 'estimate_decided' });
        }
      }
      if (rule.guards.includes('checklist_complete')) {
        const list = row.checklist.length ? row.checklist : emptyChecklist();
        const pending = list.filter((c) => !c.done).map((c) => c.key);
        if (pending.length) {
          throw new AppError(
            'CONFLICT',
            'repairs.guard_checklist',
            {
              items: pending
                .map((k) => t(ctx.locale, `checklist.${k as (typeof CHECKLIST_ITEMS)[number]}`))
                .join(', '),
            },
            { guard: 'checklist_complete', pending },
          );
        }
      }
      const now = clock();
      const parts = await repo.parts(tx.db, id);
      const held = parts.filter((p) => p.stockState === 'reserved');
      const effect = STATUS_STOCK_EFFECT[to];
      if (effect === 'consume' && held.length) {
        await stock.consume(
          tx,
          ctx,
          stockRef(row),
          held.map((p) => ({ componentId: p.componentId, quantity: Number(p.quantity) })),
        );
        for (const p of held) await repo.updatePart(tx.db, p.id, { stockState: 'consumed' });
      }
      if (effect === 'release' && held.length) {
        await stock.release(
          tx,
          ctx,
          stockRef(row),
          held.map((p) => ({ componentId: p.componentId, quantity: Number(p.quantity) })),
        );
        for (const p of held) await repo.updatePart(tx.db, p.id, { stockState: 'released' });
      }
      const extra: Partial<RepairRow> = {};
      if (to === 'FINALIZADO') {
        const lines = {
          appliances: await repo.appliances(tx.db, id),
          services: await repo.services(tx.db, id),
          parts,
        };
        const days = Math.max(
          0,
          ...[...lines.appliances, ...lines.services, ...lines.parts]
            .filter((l) => l.approval !== 'declined')
            .map((l) => l.warrantyDays),
        );
        Object.assign(extra, {
          finishedAt: now,
          approvedById: ctx.actor.userId,
          approvedByName: ctx.actor.name,
          approvedAt: now,
          warrantyUntil: days > 0 ? new Date(now.getTime() + days * DAY_MS) : null,
        });
      }
      if (to === 'ENTREGUE') extra.deliveredAt = now;
      // a closed order keeps no timer running (a forgotten one would count hours forever)
      if (isClosedStatus(to)) await repo.stopTimers(tx.db, id, now);
      const updated = await repo.update(tx.db, organizationId, id, {
        status: to,
        statusChangedAt: now,
        ...extra,
      });
      await event(tx, ctx, id, { type: 'status', fromStatus: from, toStatus: to, note: input.note ?? null });
      await recordAudit(tx.db, ctx, {
        organizationId,
        action: 'repair.status_changed',
        entity: 'repair',
        entityId: id,
        before: { status: from },
        after: { status: to, note: input.note ?? null },
      });
      await live(tx, ctx, 'repair.status_changed', updated);
      return { ...(await load(tx.db, ctx, id)), warnings: [] };
    });
  }

  // ---------------------------------------------------------------- checklist

  async function setChecklist(ctx: AuthedContext, id: string, input: ChecklistUpdate, ifMatch?: number) {
    assertCan(ctx, 'repairs:transition');
    const data = ChecklistUpdateSchema.parse(input);
    const organizationId = ctx.actor.organizationId;
    return inTransaction(pool, async (tx) => {
      const row = await lockOpen(tx, ctx, id, ifMatch);
      refuseClosed(ctx, row);
      const now = clock().toISOString();
      const current = row.checklist.length ? row.checklist : emptyChecklist();
      const changes = new Map(data.items.map((i) => [i.key, i]));
      const next = current.map((item) => {
        const change = changes.get(item.key as (typeof CHECKLIST_ITEMS)[number]);
        if (!change) return item;
        if (change.done === item.done) return { ...item, note: change.note ?? item.note };
        return change.done
          ? { ...item, done: true, note: change.note ?? null, doneBy: ctx.actor.name, doneAt: now }
          : { ...item, done: false, note: change.note ?? null, doneBy: null, doneAt: null };
      });
      const updated = await repo.update(tx.db, organizationId, id, { checklist: next });
      await event(tx, ctx, id, {
        type: 'checklist',
        data: { items: data.items.map((i) => ({ key: i.key, done: i.done })) },
      });
      await recordAudit(tx.db, ctx, {
        organizationId,
        action: 'repair.checklist',
        entity: 'repair',
        entityId: id,
        before: current,
        after: next,
      });
      await live(tx, ctx, 'repair.updated', updated);
      return load(tx.db, ctx, id);
    });
  }

  // ---------------------------------------------------------------- lists

  async function list(
    ctx: AuthedContext,
    /** as the route parsed it (dates already Dates) */
    q: z.output<typeof RepairListQuerySchema>,
  ): Promise<Page<RepairListItem>> {
    assertCan(ctx, 'repairs:read');
    const now = clock();
    const matches = q.q ? await repo.searchMatches(db, ctx.actor.organizationId, q.q) : undefined;
    const { rows, total } = await repo.list(db, ctx.actor.organizationId, {
      matches,
      statuses: q.status,
      customerId: q.customerId,
      assetId: q.assetId,
      technicianId: q.technicianId === 'me' ? ctx.actor.userId : q.technicianId,
      serviceType: q.serviceType,
      priority: q.priority,
      from: q.from,
      to: q.to,
      open: q.open === undefined ? undefined : q.open === 'true',
      overdue: q.overdue === 'true',
      q: q.q || undefined,
      sort: q.sort,
      page: q.page,
      pageSize: q.pageSize,
      now,
    });
    const ids = rows.map((r) => r.id);
    const [types, estimates, parents] = await Promise.all([
      repo.applianceTypes(db, ids),
      repo.latestEstimates(db, ids),
      repo.numbersByIds(
        db,
        rows.map((r) => r.warrantyOfRepairId).filter((v): v is string => Boolean(v)),
      ),
    ]);
    return {
      items: rows.map((r: RepairListRow) => ({
        id: r.id,
        number: r.number,
        customerId: r.customerId,
        customerName: r.customerName,
        assetId: r.assetId,
        asset: assetSummary(r.asset),
        status: r.status as RepairStatus,
        serviceType: serviceTypeOf(r.serviceType),
        priority: r.priority as RepairListItem['priority'],
        technicianId: r.technicianId,
        technicianName: r.technicianName,
        totalValue: money(r.totalCents),
        receivedAt: r.receivedAt.toISOString(),
        deadline: iso(r.deadline),
        isOverdue: isOverdue(r, now),
        serviceDescription: r.serviceDescription,
        warrantyReturn: r.warrantyOfRepairId
          ? { repairId: r.warrantyOfRepairId, number: parents.get(r.warrantyOfRepairId) ?? 0 }
          : null,
        estimate: estimateSummary(estimates.get(r.id)),
        updatedAt: r.updatedAt.toISOString(),
        version: r.version,
        applianceTypes: types.get(r.id) ?? [],
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  // ---------------------------------------------------------------- service catalog

  const duplicateCode = (error: unknown, code: string) =>
    isUniqueViolation(error, 'service_catalog_org_code_uq')
      ? new AppError(
          'CONFLICT',
          'repairs.catalog_duplicate_code',
          { code },
          { code: 'repairs.catalog_duplicate_code' },
        )
      : error;

  const catalog = {
    async list(ctx: AuthedContext, query: z.input<typeof ServiceCatalogListQuerySchema>) {
      assertCan(ctx, 'repairs:read');
      const q = ServiceCatalogListQuerySchema.parse(query);
      const { rows, total } = await repo.catalogList(db, ctx.actor.organizationId, {
        q: q.q || undefined,
        active: q.active === undefined ? undefined : q.active === 'true',
        page: q.page,
        pageSize: q.pageSize,
      });
      return { items: rows.map(toCatalogItem), total, page: q.page, pageSize: q.pageSize };
    },
    async get(ctx: AuthedContext, id: string) {
      assertCan(ctx, 'repairs:read');
      const row = await repo.catalogById(db, ctx.actor.organizationId, id);
      if (!row) throw notFound('repairs.catalog_not_found');
      return toCatalogItem(row);
    },
    async create(ctx: AuthedContext, input: ServiceCatalogCreate) {
      assertCan(ctx, 'repairs:update');
      const data = ServiceCatalogCreateSchema.parse(input);
      const organizationId = ctx.actor.organizationId;
      try {
        return await inTransaction(pool, async (tx) => {
          const row = await repo.catalogInsert(tx.db, {
            organizationId,
            code: data.code,
            name: data.name,
            description: data.description,
            category: data.category ?? null,
            specialty: data.specialty ?? null,
            standardHours: String(data.standardHours),
            priceCents: cents(data.price),
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
    async update(ctx: AuthedContext, id: string, input: ServiceCatalogUpdate, ifMatch?: number) {
      assertCan(ctx, 'repairs:update');
      const data = ServiceCatalogUpdateSchema.parse(input);
      const organizationId = ctx.actor.organizationId;
      try {
        return await inTransaction(pool, async (tx) => {
          const before = await repo.catalogById(tx.db, organizationId, id);
          if (!before) throw notFound('repairs.catalog_not_found');
          assertVersion(ifMatch, before.version);
          const { price, standardHours, ...rest } = data;
          const row = await repo.catalogUpdate(tx.db, organizationId, id, before.version, {
            ...rest,
            ...(price !== undefined ? { priceCents: cents(price) } : {}),
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

  return {
    create,
    update,
    transition,
    setChecklist,
    list,
    catalog,

    /** For a module below this one (a tool lent to an order), through the composition root. */
    async exists(executor: Database, organizationId: string, id: string): Promise<boolean> {
      return Boolean(await repo.findById(executor, organizationId, id));
    },

    async get(ctx: AuthedContext, id: string): Promise<Repair> {
      assertCan(ctx, 'repairs:read');
      return load(db, ctx, id);
    },

    /** For other parts of the repairs module (estimates, documents): the order inside a transaction. */
    load,

    /**
     * For the estimates: after line approvals change, the totals (declined lines excluded) are
     * recomputed and the order's version moves on; the row must be locked by the caller.
     */
    async recalculate(tx: Tx, ctx: AuthedContext, row: RepairRow): Promise<RepairRow> {
      const lines: Lines = {
        appliances: await repo.appliances(tx.db, row.id),
        services: await repo.services(tx.db, row.id),
        parts: await repo.parts(tx.db, row.id),
      };
      // a discount never exceeds what is still charged once lines are declined (no negative money)
      const discountCents = Math.min(row.discountCents, totalsOf(lines, 0).subtotalCents);
      const updated = await repo.update(tx.db, ctx.actor.organizationId, row.id, {
        ...(await recompute(tx, row, discountCents, ctx)),
      });
      await live(tx, ctx, 'repair.updated', updated);
      return updated;
    },
    lockOpen,
    refuseClosed,
    event,

    async events(ctx: AuthedContext, id: string): Promise<{ items: RepairEvent[] }> {
      assertCan(ctx, 'repairs:read');
      if (!(await repo.findById(db, ctx.actor.organizationId, id))) throw notFound('repairs.not_found');
      return { items: (await repo.events(db, ctx.actor.organizationId, id)).map(toEvent) };
    },

    // ------------------------------------------------------------ as history reads them
    async listForHistory(organizationId: string, scope: RepairScope, limit = 500): Promise<RepairSummary[]> {
      const rows = await repo.listForHistory(db, organizationId, scope, limit);
      return rows.map((r) => ({
        id: r.id,
        number: r.number,
        customerId: r.customerId,
        assetId: r.assetId,
        serviceType: r.serviceType,
        status: r.status,
        totalCents: r.totalCents,
        receivedAt: r.receivedAt,
      }));
    },

    async frequency(organizationId: string, scope: RepairScope, now = new Date()): Promise<ServiceFrequency> {
      const months = last12Months(now);
      const since = new Date(`${months[0]}-01T00:00:00.000Z`);
      const yearAgo = new Date(now.getTime() - 365 * DAY_MS);
      const [totals, perMonth] = await Promise.all([
        repo.totals(db, organizationId, scope, yearAgo),
        repo.byMonth(db, organizationId, scope, since),
      ]);
      const counts = new Map(perMonth.map((m) => [m.month, m.orders]));
      const first = totals.first ? new Date(totals.first) : null;
      const last = totals.last ? new Date(totals.last) : null;
      const average =
        first && last && totals.total >= 2
          ? Math.round(((last.getTime() - first.getTime()) / DAY_MS / (totals.total - 1)) * 10) / 10
          : null;
      return {
        totalOrders: totals.total,
        ordersLast12Months: totals.recent,
        firstVisitAt: first?.toISOString() ?? null,
        lastVisitAt: last?.toISOString() ?? null,
        averageDaysBetweenVisits: average,
        byMonth: months.map((month) => ({ month, orders: counts.get(month) ?? 0 })),
      };
    },
  };
}
export type RepairsService = ReturnType<typeof createRepairsService>;
