import {
  fromCents,
  isClosedStatus,
  type LineApproval,
  partTotalCents,
  type Repair,
  type RepairEvent,
  type RepairSummary as RepairListItem,
  type RepairStatus,
  SERVICE_TYPES,
  type ServiceType,
  toMilli,
} from '@bancada/shared';
import type { EstimateRow } from '../estimates/estimates.repo.js';
import type { Lines } from '../lines/totals.js';
import { emptyChecklist } from '../status/checklist.js';
import type { EventRow, ListRow, RepairRow } from './repairs.repo.js';

/** An asset as an order shows it (the assets module's summary). */
export type AssetSummary = {
  id: string;
  kind: string;
  label: string;
  plate: string | null;
  serial: string | null;
};

/** What an order's response needs besides its row: all read before mapping. */
export type RepairExtras = {
  lines: Lines;
  estimate: EstimateRow | undefined;
  actualSeconds: number;
  customerName: string;
  /** technicians of the order and of its service lines, by id */
  technicianNames: Map<string, string>;
  asset: AssetSummary | undefined;
  warrantyOfNumber: number | undefined;
  now: Date;
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const numberOrNull = (value: string | null | undefined) => (value == null ? null : Number(value));

/**
 * The column predates the service-type list (issue 4 stored free text such as "Troca de óleo"): such a
 * row reads as OTHER rather than failing the response schema of the whole list.
 */
export function serviceTypeOf(value: string | null): ServiceType {
  if (value === null) return 'REPAIR';
  return (SERVICE_TYPES as readonly string[]).includes(value) ? (value as ServiceType) : 'OTHER';
}

export function isOverdue(row: Pick<RepairRow, 'deadline' | 'status'>, now: Date): boolean {
  return Boolean(row.deadline && row.deadline < now && !isClosedStatus(row.status as RepairStatus));
}

function assetView(asset: AssetSummary | undefined): Repair['asset'] {
  return asset
    ? {
        id: asset.id,
        kind: asset.kind as 'vehicle' | 'appliance' | 'machine',
        label: asset.label,
        plate: asset.plate,
        serial: asset.serial,
      }
    : null;
}

function estimateSummary(row: EstimateRow | undefined) {
  return row ? { version: row.version, status: row.status, validUntil: row.validUntil.toISOString() } : null;
}

function warrantyReturn(row: Pick<RepairRow, 'warrantyOfRepairId'>, number: number | undefined) {
  return row.warrantyOfRepairId ? { repairId: row.warrantyOfRepairId, number: number ?? 0 } : null;
}

export function toEvent(row: EventRow): RepairEvent {
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

function linesView({ appliances, parts, services }: Lines, names: Map<string, string>) {
  return {
    appliances: appliances.map((a) => ({
      id: a.id,
      type: a.type as Repair['appliances'][number]['type'],
      brand: a.brand,
      model: a.model,
      voltage: a.voltage,
      serial: a.serial,
      customerNote: a.customerNote,
      laborValue: fromCents(a.laborCents),
      estimatedHours: numberOrNull(a.estimatedHours),
      warrantyDays: a.warrantyDays,
      assetId: a.assetId,
      approval: a.approval as LineApproval | null,
    })),
    parts: parts.map((p) => ({
      id: p.id,
      componentId: p.componentId,
      name: p.name,
      code: p.code,
      unit: p.unit,
      quantity: Number(p.quantity),
      unitValue: fromCents(p.unitPriceCents),
      totalValue: fromCents(partTotalCents(toMilli(p.quantity), p.unitPriceCents)),
      warrantyDays: p.warrantyDays,
      stockState: p.stockState as Repair['parts'][number]['stockState'],
      approval: p.approval as LineApproval | null,
    })),
    services: services.map((s) => ({
      id: s.id,
      catalogId: s.catalogId,
      description: s.description,
      hours: Number(s.hours),
      price: fromCents(s.priceCents),
      technicianId: s.technicianId,
      technicianName: s.technicianId ? (names.get(s.technicianId) ?? null) : null,
      warrantyDays: s.warrantyDays,
      approval: s.approval as LineApproval | null,
    })),
  };
}

function checklistView(row: RepairRow): Repair['checklist'] {
  return (row.checklist.length ? row.checklist : emptyChecklist()).map((c) => ({
    key: c.key as Repair['checklist'][number]['key'],
    done: c.done,
    note: c.note,
    doneBy: c.doneBy,
    doneAt: c.doneAt,
  }));
}

/** The order as the API answers it (RepairSchema). */
export function toRepair(row: RepairRow, x: RepairExtras): Repair {
  return {
    id: row.id,
    number: row.number,
    userId: row.customerId,
    customerId: row.customerId,
    customerName: x.customerName,
    assetId: row.assetId,
    asset: assetView(x.asset),
    ...linesView(x.lines, x.technicianNames),
    nf: row.nf,
    returnGuarantee: row.returnGuarantee,
    fabricGuarantee: row.fabricGuarantee,
    partsTotal: fromCents(row.partsTotalCents),
    laborValue: fromCents(row.laborCents),
    discount: fromCents(row.discountCents),
    totalValue: fromCents(row.totalCents),
    receivedAt: row.receivedAt.toISOString(),
    deadline: iso(row.deadline),
    serviceDescription: row.serviceDescription,
    notes: row.notes,
    status: row.status as RepairStatus,
    serviceType: serviceTypeOf(row.serviceType),
    priority: row.priority as Repair['priority'],
    condition: row.condition,
    accessories: row.accessories,
    odometerKm: numberOrNull(row.odometerKm),
    hourMeter: numberOrNull(row.hourMeter),
    fuelLevel: row.fuelLevel as Repair['fuelLevel'],
    technicianId: row.technicianId,
    technicianName: row.technicianId ? (x.technicianNames.get(row.technicianId) ?? null) : null,
    estimatedHours: Number(row.estimatedHours),
    actualHours: Math.round((x.actualSeconds / 3600) * 100) / 100,
    checklist: checklistView(row),
    estimate: estimateSummary(x.estimate),
    warrantyReturn: warrantyReturn(row, x.warrantyOfNumber),
    warrantyUntil: iso(row.warrantyUntil),
    isOverdue: isOverdue(row, x.now),
    approvedBy: row.approvedByName,
    approvedAt: iso(row.approvedAt),
    finishedAt: iso(row.finishedAt),
    deliveredAt: iso(row.deliveredAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** What a row of the order list needs besides the order's own columns. */
/** The names other modules keep, for a whole page. */
export type ListNames = {
  customerNames: Map<string, string>;
  technicianNames: Map<string, string>;
  assets: Map<string, AssetSummary>;
  now: Date;
};
type EstimateSummary = { version: number; status: string; validUntil: string };
/** What the order module read with each row. */
export type ListRowExtras = {
  applianceTypes: string[];
  estimate: EstimateSummary | null;
  warrantyOfNumber: number | undefined;
};

/** The list's estimate column (`latestSummaryJson`): its date as the API writes dates. */
export function parseEstimateSummary(value: unknown): EstimateSummary | null {
  if (value === null || value === undefined) return null;
  const v = (typeof value === 'string' ? JSON.parse(value) : value) as EstimateSummary;
  return { version: Number(v.version), status: v.status, validUntil: new Date(v.validUntil).toISOString() };
}

/** One row of the order list (RepairSummarySchema). */
export function toRepairListItem(r: ListRow, x: ListNames, own: ListRowExtras): RepairListItem {
  return {
    id: r.id,
    number: r.number,
    customerId: r.customerId,
    customerName: x.customerNames.get(r.customerId) ?? '',
    assetId: r.assetId,
    asset: assetView(r.assetId ? x.assets.get(r.assetId) : undefined),
    status: r.status as RepairStatus,
    serviceType: serviceTypeOf(r.serviceType),
    priority: r.priority as RepairListItem['priority'],
    technicianId: r.technicianId,
    technicianName: r.technicianId ? (x.technicianNames.get(r.technicianId) ?? null) : null,
    totalValue: fromCents(r.totalCents),
    receivedAt: r.receivedAt.toISOString(),
    deadline: iso(r.deadline),
    isOverdue: isOverdue(r, x.now),
    serviceDescription: r.serviceDescription,
    warrantyReturn: warrantyReturn(r, own.warrantyOfNumber),
    estimate: own.estimate as RepairListItem['estimate'],
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
    applianceTypes: own.applianceTypes as RepairListItem['applianceTypes'],
  };
}
