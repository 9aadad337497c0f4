import type { Reading, ReadingKind } from '@bancada/shared';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { AuthedContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { AssetRow, AssetsRepo, ReadingRow } from './assets.repo.js';

export type ReadingInput = {
  value: number;
  readAt?: string | undefined;
  correction: boolean;
  reason?: string | null | undefined;
};

export function readingKindOf(kind: string): ReadingKind | null {
  return kind === 'vehicle' ? 'odometer' : kind === 'machine' ? 'hour_meter' : null;
}

export function toReading(row: ReadingRow): Reading {
  return {
    id: row.id,
    kind: row.kind as ReadingKind,
    value: Number(row.value),
    readAt: row.readAt.toISOString(),
    source: row.source,
    correction: row.correction,
    reason: row.reason,
    actorName: row.actorName,
  };
}

/** A new value must fit between its neighbours in time, unless it is a correction. */
function assertMonotonic(
  input: ReadingInput,
  neighbours: { previous: ReadingRow | undefined; next: ReadingRow | undefined },
): void {
  const { previous, next } = neighbours;
  if (input.correction) return;
  if (previous && input.value < Number(previous.value)) {
    throw new AppError(
      'UNPROCESSABLE',
      'assets.reading_lower',
      { value: input.value, previous: Number(previous.value) },
      { value: input.value, previous: Number(previous.value) },
    );
  }
  if (next && input.value > Number(next.value)) {
    throw new AppError(
      'UNPROCESSABLE',
      'assets.reading_higher_than_next',
      { value: input.value, next: Number(next.value) },
      { value: input.value, next: Number(next.value) },
    );
  }
}

/** Records an odometer or hour-meter reading (audited); the caller holds the asset's row lock. */
export async function insertReading(
  repo: Pick<AssetsRepo, 'readingNeighbours' | 'insertReading'>,
  tx: Database,
  ctx: AuthedContext,
  asset: AssetRow,
  input: ReadingInput,
  source: 'manual' | 'repair' | 'import',
): Promise<Reading> {
  const kind = readingKindOf(asset.kind);
  if (!kind) throw new AppError('UNPROCESSABLE', 'assets.readings_not_applicable');
  const readAt = input.readAt ? new Date(input.readAt) : new Date();
  const neighbours = await repo.readingNeighbours(tx, asset.id, kind, readAt);
  // odometers and hour meters only go up (reference: heavy machinery); a lower value is a correction
  assertMonotonic(input, neighbours);
  const row = await repo.insertReading(tx, {
    organizationId: asset.organizationId,
    assetId: asset.id,
    kind,
    value: String(input.value),
    readAt,
    source,
    correction: input.correction,
    reason: input.reason ?? null,
    actorId: ctx.actor.userId,
    actorName: ctx.actor.name,
  });
  const reading = toReading(row);
  const { previous } = neighbours;
  await recordAudit(tx, ctx, {
    organizationId: asset.organizationId,
    action: input.correction ? 'asset.reading_correction' : 'asset.reading',
    entity: 'asset',
    entityId: asset.id,
    before: previous ? { kind, value: Number(previous.value), readAt: previous.readAt.toISOString() } : null,
    after: reading,
  });
  return reading;
}
