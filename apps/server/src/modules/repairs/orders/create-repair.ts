import { can, DEFAULT_WARRANTY_DAYS, type Repair, type RepairCreateParsed, toCents } from '@bancada/shared';
import type pg from 'pg';
import { recordAudit } from '../../../platform/audit.js';
import type { AuthedContext } from '../../../platform/context.js';
import { AppError, forbidden, notFound } from '../../../platform/errors.js';
import { type Idempotent, idempotent } from '../../../platform/idempotency.js';
import { takeNumber } from '../../../platform/numbers.js';
import { inTransaction, type Tx } from '../../../platform/tx.js';
import type { AssetsService } from '../../customers/assets.service.js';
import type { CustomersService } from '../../customers/customers.service.js';
import { applianceColumns, partLineColumns } from '../lines/line-columns.js';
import type { LinesService } from '../lines/lines.service.js';
import type { PricedPart, PricedService } from '../lines/pricing.js';
import { emptyChecklist } from '../status/checklist.js';
import type { OrderChanges } from './order-changes.js';
import type { RepairReader } from './repair-reader.js';
import type { RepairsRepo } from './repairs.repo.js';

export type CreateRepairDeps = {
  pool: pg.Pool;
  repo: RepairsRepo;
  lines: LinesService;
  changes: OrderChanges;
  reader: Pick<RepairReader, 'namesOf' | 'viewCreated'>;
  customers: Pick<CustomersService, 'exists' | 'touchLastVisit'>;
  assets: Pick<AssetsService, 'findForOrder' | 'applianceForOrder' | 'recordIntakeReading'>;
};

type OrderAsset = NonNullable<Awaited<ReturnType<AssetsService['findForOrder']>>>;

/** seed 004 rule 1 (the customer), then the asset, the technician and every line's references. */
async function checkReferences(deps: CreateRepairDeps, tx: Tx, ctx: AuthedContext, data: RepairCreateParsed) {
  const { lines, customers, assets } = deps;
  const organizationId = ctx.actor.organizationId;
  if (!(await customers.exists(tx.db, organizationId, data.userId))) {
    throw notFound('repairs.customer_not_found');
  }
  let asset: OrderAsset | undefined;
  if (data.assetId) {
    asset = await assets.findForOrder(tx.db, organizationId, data.assetId);
    if (!asset) throw notFound('repairs.asset_not_found');
    if (asset.customerId !== data.userId) {
      throw new AppError('UNPROCESSABLE', 'repairs.asset_other_customer', {}, { assetId: asset.id });
    }
  }
  await lines.assertTechnician(tx.db, ctx, data.technicianId);
  const services = await lines.priceServices(tx.db, ctx, data.services);
  // seed 004 rule 4 before rule 5: unknown components are a 404 before any stock is looked at
  const parts = await lines.priceParts(tx.db, ctx, data.parts);
  return { asset, services, parts };
}

/** The lines as they will be stored, from the priced input (their position is their index). */
function newLines(
  data: RepairCreateParsed,
  priced: { services: PricedService[]; parts: PricedPart[]; applianceAssets: string[] },
) {
  const warrantyByComponent = new Map(data.parts.map((p) => [p.componentId, p.warrantyDays]));
  return {
    appliances: data.appliances.map((a, position) => {
      const { position: _position, ...columns } = applianceColumns(a, position);
      return { ...columns, assetId: priced.applianceAssets[position] ?? null, approval: null };
    }),
    services: priced.services.map(({ id: _id, ...s }) => ({ ...s, approval: null })),
    parts: priced.parts.map((p) => ({
      ...partLineColumns(p, warrantyByComponent.get(p.componentId) ?? DEFAULT_WARRANTY_DAYS),
      approval: null,
    })),
  };
}

/**
 * The order's row (its number, the warranty order it returns under, status NAO_INICIADO, the totals
 * of seed 004 rule 6), its lines and its first event: one statement (`insertWithLines`). A totals
 * error is kept for after rule 5's stock check; the order is then written without its sums and
 * rolled back with the error.
 */
async function insertOrder(
  deps: CreateRepairDeps,
  tx: Tx,
  ctx: AuthedContext,
  data: RepairCreateParsed,
  objects: {
    number: number;
    asset: OrderAsset | undefined;
    applianceAssets: string[];
    services: PricedService[];
    parts: PricedPart[];
  },
) {
  const { number, asset, applianceAssets } = objects;
  const organizationId = ctx.actor.organizationId;
  const objectAssetIds = [asset?.id, ...applianceAssets].filter((v): v is string => Boolean(v));
  const lines = newLines(data, objects);
  const discountCents = toCents(data.discount);
  let totals: ReturnType<LinesService['sums']> | undefined;
  let totalsError: unknown;
  try {
    totals = deps.lines.sums(ctx, lines, discountCents);
  } catch (error) {
    totalsError = error;
  }
  const written = await deps.repo.insertWithLines(tx.db, {
    objectAssetIds,
    lines,
    order: {
      organizationId,
      branchId: ctx.actor.branchId,
      number,
      customerId: data.userId,
      assetId: asset?.id ?? applianceAssets[0] ?? null,
      // seed 004 rule 7: whatever the body says, an order starts here
      status: 'NAO_INICIADO',
      // a REPAIR within a warranty still running becomes a WARRANTY_RETURN (the statement knows)
      serviceType: data.serviceType,
      priority: data.priority,
      nf: data.nf ?? null,
      returnGuarantee: data.returnGuarantee,
      fabricGuarantee: data.fabricGuarantee,
      partsTotalCents: totals?.partsTotalCents ?? 0,
      laborCents: totals?.laborCents ?? 0,
      discountCents,
      totalCents: totals?.totalCents ?? 0,
      estimatedHours: totals?.estimatedHours ?? '0',
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
      createdById: ctx.actor.userId,
    },
    event: {
      type: 'created',
      toStatus: 'NAO_INICIADO',
      actorId: ctx.actor.userId,
      actorName: ctx.actor.name,
    },
  });
  return { ...written, totalsError };
}

/** Odometer or hour meter at intake becomes a reading of the vehicle or machine. */
async function recordReadings(
  assets: CreateRepairDeps['assets'],
  tx: Tx,
  ctx: AuthedContext,
  data: RepairCreateParsed,
  asset: OrderAsset | undefined,
) {
  if (asset && data.odometerKm != null && asset.kind === 'vehicle') {
    await assets.recordIntakeReading(tx.db, ctx, asset.id, data.odometerKm);
  }
  if (asset && data.hourMeter != null && asset.kind === 'machine') {
    await assets.recordIntakeReading(tx.db, ctx, asset.id, data.hourMeter);
  }
}

/**
 * seed 004's POST /repairs: the order, its lines and the stock reserved, in one transaction. The
 * order's number is taken before it, in a statement of its own (decision 0005): no lock of the shop
 * is held through the request, and a create that fails leaves a gap in the numbers.
 */
export function createRepairCreation(deps: CreateRepairDeps) {
  const { lines, changes, assets } = deps;

  async function createIn(
    tx: Tx,
    ctx: AuthedContext,
    data: RepairCreateParsed,
    number: number,
  ): Promise<Repair> {
    const { asset, services, parts } = await checkReferences(deps, tx, ctx, data);
    // appliances become assets of the customer (matched by serial, else created): each has its history
    const applianceAssets: string[] = [];
    for (const appliance of data.appliances) {
      applianceAssets.push(await assets.applianceForOrder(tx, ctx, data.userId, appliance));
    }
    const inserted = await insertOrder(deps, tx, ctx, data, {
      number,
      asset,
      applianceAssets,
      services,
      parts,
    });
    const { row, lines: written, warrantyParent: parent, totalsError } = inserted;
    await recordReadings(assets, tx, ctx, data, asset);
    // what the answer names (technicians, customer, asset) is read before any stock row is locked
    const names = await deps.reader.namesOf(tx.db, ctx.actor.organizationId, row, written);
    await deps.customers.touchLastVisit(tx.db, ctx.actor.organizationId, data.userId, data.receivedAt);
    // seed 004 rule 10: stock leaves availability in this transaction (RESERVE in the ledger). The
    // components' rows, which every create with these parts needs, are locked in the transaction's last
    // statement only, with the live update, the idempotency answer and the audit rows (platform/tx.ts,
    // issue 11); a shortage still rolls everything back with rule 5's 422.
    const reserved = parts.map((p) => ({ componentId: p.component.id, quantity: p.quantity }));
    if (totalsError) {
      // rule 5's error comes before rule 6's: the stock is checked now, then the totals' error thrown
      await lines.reserve(tx, ctx, row, reserved);
      throw totalsError;
    }
    await lines.reserveAtCommit(tx, ctx, row, reserved);
    const created = deps.reader.viewCreated({ row, lines: written, warrantyOfNumber: parent?.number }, names);
    await changes.live(tx, ctx, 'repair.created', row);
    // the customer hears the order was received (issue 14), on the channels they agreed to
    await changes.notify(tx, row, 'order_received');
    // joins the organization's audit chain at COMMIT (inTransaction), where the chain's lock is taken
    await recordAudit(tx.db, ctx, {
      organizationId: ctx.actor.organizationId,
      action: 'repair.created',
      entity: 'repair',
      entityId: row.id,
      after: created,
    });
    return created;
  }

  async function create(
    ctx: AuthedContext,
    data: RepairCreateParsed,
    idempotencyKey?: string,
  ): Promise<Idempotent<Repair>> {
    if (!can(ctx.actor.role, 'repairs:create', ctx.actor.grants)) throw forbidden('repairs.create_forbidden');
    // on the pool and committed at once, before the order's transaction holds a connection
    const number = await takeNumber(deps.pool, ctx.actor.organizationId, 'repair', { gapless: false });
    return inTransaction(deps.pool, (tx) =>
      idempotent(tx, ctx, { scope: 'repairs.create', key: idempotencyKey, request: data, status: 201 }, () =>
        createIn(tx, ctx, data, number),
      ),
    );
  }

  /**
   * The same order inside the caller's transaction (an arrived appointment, issue 15): its number is
   * taken on the pool first, as `create` does.
   */
  async function createInTransaction(tx: Tx, ctx: AuthedContext, data: RepairCreateParsed): Promise<Repair> {
    if (!can(ctx.actor.role, 'repairs:create', ctx.actor.grants)) throw forbidden('repairs.create_forbidden');
    const number = await takeNumber(deps.pool, ctx.actor.organizationId, 'repair', { gapless: false });
    return createIn(tx, ctx, data, number);
  }

  return Object.assign(create, { inTransaction: createInTransaction });
}
