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
import { applianceColumns, partColumns } from '../lines/line-columns.js';
import type { LinesRepo } from '../lines/lines.repo.js';
import type { LinesService } from '../lines/lines.service.js';
import type { PricedPart, PricedService } from '../lines/pricing.js';
import type { Lines } from '../lines/totals.js';
import { emptyChecklist } from '../status/checklist.js';
import type { OrderChanges } from './order-changes.js';
import type { RepairReader } from './repair-reader.js';
import type { RepairRow, RepairsRepo } from './repairs.repo.js';

export type CreateRepairDeps = {
  pool: pg.Pool;
  repo: RepairsRepo;
  linesRepo: LinesRepo;
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

/** The order's row: its number, the warranty order it returns under (if any), status NAO_INICIADO. */
async function insertOrder(
  repo: RepairsRepo,
  tx: Tx,
  ctx: AuthedContext,
  data: RepairCreateParsed,
  objects: { number: number; asset: OrderAsset | undefined; applianceAssets: string[] },
) {
  const { number, asset, applianceAssets } = objects;
  const organizationId = ctx.actor.organizationId;
  const objectAssetIds = [asset?.id, ...applianceAssets].filter((v): v is string => Boolean(v));
  const warrantyParent = await repo.warrantyParent(tx.db, organizationId, objectAssetIds, data.receivedAt);
  const row = await repo.insert(tx.db, {
    organizationId,
    branchId: ctx.actor.branchId,
    number,
    customerId: data.userId,
    assetId: asset?.id ?? applianceAssets[0] ?? null,
    // seed 004 rule 7: whatever the body says, an order starts here
    status: 'NAO_INICIADO',
    serviceType: warrantyParent && data.serviceType === 'REPAIR' ? 'WARRANTY_RETURN' : data.serviceType,
    priority: data.priority,
    nf: data.nf ?? null,
    returnGuarantee: data.returnGuarantee,
    fabricGuarantee: data.fabricGuarantee,
    discountCents: toCents(data.discount),
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
  return { row, warrantyParent };
}

/** Each kind of line in one multi-row statement; the rows written are the order's lines. */
async function insertLines(
  linesRepo: LinesRepo,
  tx: Tx,
  row: RepairRow,
  data: RepairCreateParsed,
  priced: { services: PricedService[]; parts: PricedPart[]; applianceAssets: string[] },
): Promise<Lines> {
  const base = { organizationId: row.organizationId, repairId: row.id };
  const appliances = await linesRepo.insertAppliances(
    tx.db,
    data.appliances.map((a, position) => ({
      ...applianceColumns(a, position),
      ...base,
      assetId: priced.applianceAssets[position] ?? null,
    })),
  );
  const services = await linesRepo.insertServices(
    tx.db,
    priced.services.map(({ id: _id, ...s }, position) => ({ ...s, ...base, position })),
  );
  const warrantyByComponent = new Map(data.parts.map((p) => [p.componentId, p.warrantyDays]));
  const parts = await linesRepo.insertParts(
    tx.db,
    priced.parts.map((p, position) =>
      partColumns(row, p, position, warrantyByComponent.get(p.componentId) ?? DEFAULT_WARRANTY_DAYS),
    ),
  );
  return { appliances, services, parts };
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
  const { repo, lines, changes, assets } = deps;

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
    const inserted = await insertOrder(repo, tx, ctx, data, { number, asset, applianceAssets });
    const written = await insertLines(deps.linesRepo, tx, inserted.row, data, {
      services,
      parts,
      applianceAssets,
    });
    await recordReadings(assets, tx, ctx, data, asset);
    const parent = inserted.warrantyParent;
    await changes.event(tx, ctx, inserted.row.id, {
      type: 'created',
      toStatus: 'NAO_INICIADO',
      data: parent ? { warrantyOfRepairId: parent.id, warrantyOfNumber: parent.number } : null,
    });
    // what the answer names (technicians, customer, asset) is read before any stock row is locked
    const names = await deps.reader.namesOf(tx.db, ctx.actor.organizationId, inserted.row, written);
    // seed 004 rule 6, from the lines just written; its error waits for rule 5's stock check below
    let totals: ReturnType<typeof lines.sums> | undefined;
    let totalsError: unknown;
    try {
      totals = lines.sums(ctx, written, toCents(data.discount));
    } catch (error) {
      totalsError = error;
    }
    const row = totals ? await repo.setTotals(tx.db, inserted.row.id, totals) : inserted.row;
    await deps.customers.touchLastVisit(tx.db, ctx.actor.organizationId, data.userId, data.receivedAt);
    // seed 004 rule 10: stock leaves availability in this transaction (RESERVE in the ledger). The
    // components' rows, which every create with these parts needs, are locked in the transaction's last
    // statement only, with the live update, the idempotency answer and the audit rows (platform/tx.ts,
    // issue 11); a shortage still rolls everything back with rule 5's 422.
    const reserved = parts.map((p) => ({ componentId: p.component.id, quantity: p.quantity }));
    if (totalsError) {
      // rule 5's error comes before rule 6's: the stock is checked now, then the totals' error thrown
      await lines.reserve(tx, ctx, inserted.row, reserved);
      throw totalsError;
    }
    await lines.reserveAtCommit(tx, ctx, inserted.row, reserved);
    const created = deps.reader.viewCreated({ row, lines: written, warrantyOfNumber: parent?.number }, names);
    await changes.live(tx, ctx, 'repair.created', row);
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

  return async function create(
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
  };
}
