import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';

/**
 * A finished order on an asset, with the meter reading taken on it when known; `catalogId` names the
 * catalog service of one of its lines when the order was looked up by that service.
 */
export type FinishedOrderOnAsset = {
  assetId: string;
  catalogId: string | null;
  repairId: string;
  finishedAt: Date;
  odometerKm: number | null;
  hourMeter: number | null;
};

type Row = {
  asset_id: string;
  catalog_id: string | null;
  repair_id: string;
  finished_at: Date | string;
  odometer_km: string | null;
  hour_meter: string | null;
};

const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * Per asset, its latest finished (or delivered) order (`catalogId` null): the vehicle or machine named
 * on the order, or an appliance on one of its lines; and, for each of `catalogIds`, its latest finished
 * order with a line of that catalog service the customer did not decline. Cancelled orders never count.
 * One statement.
 */
export async function latestFinishedOnAssets(
  db: Database,
  organizationId: string,
  assetIds: string[],
  catalogIds: string[] = [],
): Promise<FinishedOrderOnAsset[]> {
  if (assetIds.length === 0) return [];
  const ids = uuidArray(assetIds);
  const result = await db.execute<Row>(sql`
    WITH finished AS (
      SELECT r.asset_id, r.id AS repair_id, coalesce(r.finished_at, r.delivered_at) AS finished_at,
             r.odometer_km, r.hour_meter
      FROM repairs r
      WHERE r.organization_id = ${organizationId} AND r.asset_id = ANY(${ids})
        AND r.status IN ('FINALIZADO', 'ENTREGUE')
      UNION ALL
      SELECT a.asset_id, r.id, coalesce(r.finished_at, r.delivered_at), NULL, NULL
      FROM repair_appliances a JOIN repairs r ON r.id = a.repair_id
      WHERE r.organization_id = ${organizationId} AND a.asset_id = ANY(${ids})
        AND r.status IN ('FINALIZADO', 'ENTREGUE')
    )
    SELECT DISTINCT ON (o.asset_id, o.catalog_id)
           o.asset_id, o.catalog_id, o.repair_id, o.finished_at, o.odometer_km, o.hour_meter
    FROM (
      SELECT f.asset_id, NULL::uuid AS catalog_id, f.repair_id, f.finished_at, f.odometer_km, f.hour_meter
      FROM finished f
      UNION ALL
      SELECT f.asset_id, s.catalog_id, f.repair_id, f.finished_at, f.odometer_km, f.hour_meter
      FROM finished f JOIN repair_services s ON s.repair_id = f.repair_id
      WHERE s.organization_id = ${organizationId} AND s.catalog_id = ANY(${uuidArray(catalogIds)})
        AND s.approval IS DISTINCT FROM 'declined'
    ) o
    WHERE o.finished_at IS NOT NULL
    ORDER BY o.asset_id, o.catalog_id, o.finished_at DESC, o.repair_id`);
  return result.rows.map((r) => ({
    assetId: r.asset_id,
    catalogId: r.catalog_id,
    repairId: r.repair_id,
    finishedAt: new Date(r.finished_at),
    odometerKm: r.odometer_km === null ? null : Number(r.odometer_km),
    hourMeter: r.hour_meter === null ? null : Number(r.hour_meter),
  }));
}

/** What a maintenance plan made from an order's service line needs of the order. */
export type OrderForMaintenance = {
  status: string;
  /** the order's vehicle or machine and the appliances on its lines */
  assetIds: string[];
  finishedAt: Date | null;
  odometerKm: number | null;
  hourMeter: number | null;
  /** the catalog services of its lines the customer did not decline */
  catalogIds: string[];
};

type OrderRow = {
  status: string;
  asset_ids: string[];
  finished_at: Date | string | null;
  odometer_km: string | null;
  hour_meter: string | null;
  catalog_ids: string[];
};

/** An order with its assets and catalog services, in one statement; undefined when not the organization's. */
export async function orderForMaintenance(
  db: Database,
  organizationId: string,
  repairId: string,
): Promise<OrderForMaintenance | undefined> {
  const result = await db.execute<OrderRow>(sql`
    SELECT r.status, coalesce(r.finished_at, r.delivered_at) AS finished_at, r.odometer_km, r.hour_meter,
      (SELECT coalesce(json_agg(x.asset_id), '[]'::json) FROM (
         SELECT r.asset_id WHERE r.asset_id IS NOT NULL
         UNION SELECT a.asset_id FROM repair_appliances a
         WHERE a.repair_id = r.id AND a.asset_id IS NOT NULL) x) AS asset_ids,
      (SELECT coalesce(json_agg(DISTINCT s.catalog_id), '[]'::json) FROM repair_services s
       WHERE s.repair_id = r.id AND s.catalog_id IS NOT NULL
         AND s.approval IS DISTINCT FROM 'declined') AS catalog_ids
    FROM repairs r
    WHERE r.organization_id = ${organizationId} AND r.id = ${repairId}`);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    status: row.status,
    assetIds: row.asset_ids,
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
    odometerKm: row.odometer_km === null ? null : Number(row.odometer_km),
    hourMeter: row.hour_meter === null ? null : Number(row.hour_meter),
    catalogIds: row.catalog_ids,
  };
}

/** The names of the organization's catalog services among `ids` (unknown ids are missing). */
export async function catalogServiceNames(
  db: Database,
  organizationId: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const result = await db.execute<{ id: string; name: string }>(sql`
    SELECT id, name FROM service_catalog
    WHERE organization_id = ${organizationId} AND id = ANY(${uuidArray(ids)})`);
  return new Map(result.rows.map((r) => [r.id, r.name]));
}
