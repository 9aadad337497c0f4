import { getTableColumns, type Table } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { repairParts } from '../../../db/schema/repair-parts.js';
import { repairAppliances, type repairEvents, repairServices, repairs } from '../../../db/schema/repairs.js';
import { parseJsonRow, parseJsonRows } from '../../../platform/json-rows.js';
import { type NamedStatement, runNamed } from '../../../platform/prepared.js';

type RepairRow = typeof repairs.$inferSelect;
type RepairInsert = typeof repairs.$inferInsert;
/** The order's first timeline event (its data, the warranty order, is the statement's). */
type NewEvent = Pick<typeof repairEvents.$inferInsert, 'type' | 'toStatus' | 'actorId' | 'actorName'>;

/**
 * A row of a WITH item as the JSON object `platform/json-rows.ts` reads back: each column under its
 * TypeScript name, numerics as text. Text, built once: the create's statement is a fixed string.
 */
function jsonObjectText(table: Table, alias: string): string {
  const pairs = Object.entries(getTableColumns(table)).map(
    ([key, column]) =>
      `'${key}', ${alias}."${column.name}"${column.columnType === 'PgNumeric' ? '::text' : ''}`,
  );
  return `json_build_object(${pairs.join(', ')})`;
}
const jsonArrayText = (table: Table, alias: string) =>
  `(SELECT coalesce(json_agg(${jsonObjectText(table, alias)} ORDER BY ${alias}.position), '[]'::json) FROM ${alias})`;

/**
 * A new order, its lines of each kind and its first timeline event in one statement of fixed text
 * (issue 11): lines travel as one array per column, so any number of them keeps the same statement,
 * parsed and planned once per connection. The lines reference the order's row through the WITH item;
 * their foreign keys are checked at the end of the statement, when the order exists.
 *
 * `w` is the warranty order the new one returns under (PRODUCT §4: a return inside the warranty is
 * flagged and linked): the most recent finished or delivered order for one of the order's assets whose
 * warranty still runs at reception, from two bounded arms (the orders of the asset, a range of
 * repairs_org_asset_warranty_idx, and the orders the assets are appliance lines on,
 * repair_appliances_asset_idx), the later of the two. A REPAIR under it becomes a WARRANTY_RETURN.
 */
const INSERT_WITH_LINES: NamedStatement = {
  name: 'repairs_insert_with_lines',
  text: `WITH w AS (
  SELECT id, number FROM (
    (SELECT o.id, o.number, o.finished_at FROM repairs o
      WHERE o.asset_id = ANY($29::uuid[]) AND o.organization_id = $1 AND o.status IN ('FINALIZADO','ENTREGUE')
        AND o.warranty_until >= $17
      ORDER BY o.finished_at DESC LIMIT 1)
    UNION ALL
    (SELECT o.id, o.number, o.finished_at FROM repair_appliances oa JOIN repairs o ON o.id = oa.repair_id
      WHERE oa.asset_id = ANY($29::uuid[]) AND o.organization_id = $1 AND o.status IN ('FINALIZADO','ENTREGUE')
        AND o.warranty_until >= $17
      ORDER BY o.finished_at DESC LIMIT 1)
  ) candidates
  ORDER BY finished_at DESC LIMIT 1
), r AS (
  INSERT INTO repairs (organization_id, branch_id, number, customer_id, asset_id, status, service_type,
    priority, nf, return_guarantee, fabric_guarantee, parts_total_cents, labor_cents, discount_cents,
    total_cents, estimated_hours, received_at, deadline, service_description, notes, condition, accessories,
    odometer_km, hour_meter, fuel_level, technician_id, checklist, warranty_of_repair_id, created_by_id)
  VALUES ($1, $2, $3, $4, $5, $6,
    CASE WHEN EXISTS (SELECT 1 FROM w) AND $7::text = 'REPAIR' THEN 'WARRANTY_RETURN' ELSE $7::text END,
    $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22::jsonb, $23, $24, $25, $26,
    $27::jsonb, (SELECT id FROM w), $28)
  RETURNING *
), a AS (
  INSERT INTO repair_appliances (organization_id, repair_id, position, type, brand, model, voltage, serial,
    customer_note, labor_cents, estimated_hours, warranty_days, asset_id)
  SELECT r.organization_id, r.id, t.n - 1, t.type, t.brand, t.model, t.voltage, t.serial, t.note, t.labor,
    t.hours, t.warranty, t.asset
  FROM r, unnest($30::text[], $31::text[], $32::text[], $33::text[], $34::text[], $35::text[], $36::bigint[],
    $37::numeric[], $38::int[], $39::uuid[]) WITH ORDINALITY
    AS t(type, brand, model, voltage, serial, note, labor, hours, warranty, asset, n)
  RETURNING *
), s AS (
  INSERT INTO repair_services (organization_id, repair_id, position, catalog_id, description, hours,
    price_cents, technician_id, warranty_days)
  SELECT r.organization_id, r.id, t.n - 1, t.catalog, t.description, t.hours, t.price, t.technician, t.warranty
  FROM r, unnest($40::uuid[], $41::text[], $42::numeric[], $43::bigint[], $44::uuid[], $45::int[])
    WITH ORDINALITY AS t(catalog, description, hours, price, technician, warranty, n)
  RETURNING *
), p AS (
  INSERT INTO repair_parts (organization_id, repair_id, position, component_id, name, code, unit, quantity,
    unit_price_cents, warranty_days, stock_state)
  SELECT r.organization_id, r.id, t.n - 1, t.component, t.name, t.code, t.unit, t.quantity, t.price,
    t.warranty, t.state
  FROM r, unnest($46::text[], $47::text[], $48::text[], $49::text[], $50::numeric[], $51::bigint[],
    $52::int[], $53::text[]) WITH ORDINALITY
    AS t(component, name, code, unit, quantity, price, warranty, state, n)
  RETURNING *
), e AS (
  INSERT INTO repair_events (organization_id, repair_id, type, to_status, data, actor_id, actor_name)
  SELECT r.organization_id, r.id, $54, $55,
    (SELECT jsonb_build_object('warrantyOfRepairId', w.id, 'warrantyOfNumber', w.number) FROM w), $56, $57
  FROM r
)
SELECT (SELECT ${jsonObjectText(repairs, 'r')} FROM r) AS repair,
  (SELECT number FROM w) AS warranty_of_number,
  ${jsonArrayText(repairAppliances, 'a')} AS appliances,
  ${jsonArrayText(repairServices, 's')} AS services,
  ${jsonArrayText(repairParts, 'p')} AS parts`,
};

/** A new order's own columns (those the create sets; the rest keep their defaults). */
export type NewOrder = Pick<
  RepairInsert,
  | 'organizationId'
  | 'branchId'
  | 'number'
  | 'customerId'
  | 'assetId'
  | 'status'
  | 'serviceType'
  | 'priority'
  | 'nf'
  | 'returnGuarantee'
  | 'fabricGuarantee'
  | 'partsTotalCents'
  | 'laborCents'
  | 'discountCents'
  | 'totalCents'
  | 'estimatedHours'
  | 'receivedAt'
  | 'deadline'
  | 'serviceDescription'
  | 'notes'
  | 'condition'
  | 'accessories'
  | 'odometerKm'
  | 'hourMeter'
  | 'fuelLevel'
  | 'technicianId'
  | 'checklist'
  | 'createdById'
>;
type ApplianceRow = typeof repairAppliances.$inferSelect;
type ServiceRow = typeof repairServices.$inferSelect;
type PartRow = typeof repairParts.$inferSelect;
/** A new order's lines, in line order (their position is their index). */
export type NewLines = {
  appliances: Omit<typeof repairAppliances.$inferInsert, 'organizationId' | 'repairId' | 'position'>[];
  services: Omit<typeof repairServices.$inferInsert, 'organizationId' | 'repairId' | 'position'>[];
  parts: Omit<typeof repairParts.$inferInsert, 'organizationId' | 'repairId' | 'position'>[];
};

const columnOf = <T, K extends keyof T>(rows: T[], key: K) => rows.map((row) => row[key] ?? null);

function insertWithLinesValues(order: NewOrder, lines: NewLines, event: NewEvent, objectAssetIds: string[]) {
  const { appliances: a, services: s, parts: p } = lines;
  return [
    order.organizationId,
    order.branchId ?? null,
    order.number,
    order.customerId,
    order.assetId ?? null,
    order.status,
    order.serviceType ?? null,
    order.priority,
    order.nf ?? null,
    order.returnGuarantee,
    order.fabricGuarantee,
    order.partsTotalCents,
    order.laborCents,
    order.discountCents,
    order.totalCents,
    order.estimatedHours,
    order.receivedAt,
    order.deadline ?? null,
    order.serviceDescription,
    order.notes,
    order.condition,
    JSON.stringify(order.accessories),
    order.odometerKm ?? null,
    order.hourMeter ?? null,
    order.fuelLevel ?? null,
    order.technicianId ?? null,
    JSON.stringify(order.checklist),
    order.createdById ?? null,
    objectAssetIds,
    columnOf(a, 'type'),
    columnOf(a, 'brand'),
    columnOf(a, 'model'),
    columnOf(a, 'voltage'),
    columnOf(a, 'serial'),
    columnOf(a, 'customerNote'),
    columnOf(a, 'laborCents'),
    columnOf(a, 'estimatedHours'),
    columnOf(a, 'warrantyDays'),
    columnOf(a, 'assetId'),
    columnOf(s, 'catalogId'),
    columnOf(s, 'description'),
    columnOf(s, 'hours'),
    columnOf(s, 'priceCents'),
    columnOf(s, 'technicianId'),
    columnOf(s, 'warrantyDays'),
    columnOf(p, 'componentId'),
    columnOf(p, 'name'),
    columnOf(p, 'code'),
    columnOf(p, 'unit'),
    columnOf(p, 'quantity'),
    columnOf(p, 'unitPriceCents'),
    columnOf(p, 'warrantyDays'),
    p.map((part) => part.stockState ?? 'reserved'),
    event.type,
    event.toStatus ?? null,
    event.actorId ?? null,
    event.actorName ?? null,
  ];
}

/**
 * A new order with its lines and its first event (`INSERT_WITH_LINES`), under the warranty order of
 * one of `objectAssetIds` if one still runs: the rows as stored, and that order's id and number.
 */
export async function insertWithLines(
  db: Database,
  values: { order: NewOrder; lines: NewLines; event: NewEvent; objectAssetIds: string[] },
): Promise<{
  row: RepairRow;
  lines: { appliances: ApplianceRow[]; services: ServiceRow[]; parts: PartRow[] };
  warrantyParent: { id: string; number: number } | undefined;
}> {
  const [found] = await runNamed<{
    repair: unknown;
    warranty_of_number: number | null;
    appliances: unknown;
    services: unknown;
    parts: unknown;
  }>(
    db,
    INSERT_WITH_LINES,
    insertWithLinesValues(values.order, values.lines, values.event, values.objectAssetIds),
  );
  const row = parseJsonRow(repairs, found!.repair)!;
  const parentNumber = found!.warranty_of_number;
  return {
    row,
    lines: {
      appliances: parseJsonRows(repairAppliances, found!.appliances),
      services: parseJsonRows(repairServices, found!.services),
      parts: parseJsonRows(repairParts, found!.parts),
    },
    warrantyParent:
      row.warrantyOfRepairId && parentNumber !== null
        ? { id: row.warrantyOfRepairId, number: Number(parentNumber) }
        : undefined,
  };
}
