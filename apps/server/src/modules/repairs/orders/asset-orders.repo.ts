import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';

/** The latest finished order on an asset, with the meter reading taken on it when known. */
export type FinishedOrderOnAsset = {
  assetId: string;
  repairId: string;
  finishedAt: Date;
  odometerKm: number | null;
  hourMeter: number | null;
};

type Row = {
  asset_id: string;
  repair_id: string;
  finished_at: Date | string;
  odometer_km: string | null;
  hour_meter: string | null;
};

/**
 * Per asset, its latest finished (or delivered) order: the vehicle or machine named on the order, or an
 * appliance on one of its lines. Cancelled orders never count.
 */
export async function latestFinishedOnAssets(
  db: Database,
  organizationId: string,
  assetIds: string[],
): Promise<FinishedOrderOnAsset[]> {
  if (assetIds.length === 0) return [];
  const ids = sql`${`{${assetIds.join(',')}}`}::uuid[]`;
  const result = await db.execute<Row>(sql`
    SELECT DISTINCT ON (o.asset_id) o.asset_id, o.repair_id, o.finished_at, o.odometer_km, o.hour_meter
    FROM (
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
    ) o
    WHERE o.finished_at IS NOT NULL
    ORDER BY o.asset_id, o.finished_at DESC`);
  return result.rows.map((r) => ({
    assetId: r.asset_id,
    repairId: r.repair_id,
    finishedAt: new Date(r.finished_at),
    odometerKm: r.odometer_km === null ? null : Number(r.odometer_km),
    hourMeter: r.hour_meter === null ? null : Number(r.hour_meter),
  }));
}
