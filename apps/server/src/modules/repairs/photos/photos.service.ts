import type { RepairPhoto } from '@bancada/shared';
import type pg from 'pg';
import { z } from 'zod';
import type { Database } from '../../../db/client.js';
import { recordAudit } from '../../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { type Storage, type StoredFile, storageKey } from '../../../platform/storage.js';
import { inTransaction } from '../../../platform/tx.js';
import { assertMayRead, assertOwnOrder } from '../orders/order-access.js';
import type { OrderChanges } from '../orders/order-changes.js';
import type { RepairsRepo } from '../orders/repairs.repo.js';
import {
  CAPTION_MAX,
  cleanFileName,
  PHOTO_MAX_BYTES,
  PHOTO_STAGES,
  type PhotoStage,
  sniffImage,
} from './photo-files.js';
import type { RepairPhotoRow, RepairPhotosRepo } from './photos.repo.js';

const FieldsSchema = z.object({
  caption: z
    .string()
    .trim()
    .max(CAPTION_MAX)
    .optional()
    .transform((v) => (v ? v : null)),
  stage: z.enum(PHOTO_STAGES).default('intake'),
});

export type PhotoUpload = {
  bytes: Buffer;
  fileName: string | undefined;
  caption?: string | undefined;
  stage?: string | undefined;
};

export function photoUrl(row: Pick<RepairPhotoRow, 'repairId' | 'id'>): string {
  return `/api/repairs/${row.repairId}/photos/${row.id}`;
}

function toPhoto(row: RepairPhotoRow): RepairPhoto {
  return {
    id: row.id,
    repairId: row.repairId,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    caption: row.caption,
    stage: row.stage as PhotoStage,
    url: photoUrl(row),
    uploadedBy: row.uploadedByName,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Photos of an order at intake, during the work and at delivery. The bytes go to storage first and
 * the row, the order's event and the audit entry in one transaction after; a failed transaction
 * removes the file again.
 */
export function createRepairPhotosService(deps: {
  db: Database;
  pool: pg.Pool;
  repo: RepairPhotosRepo;
  orders: RepairsRepo;
  changes: OrderChanges;
  storage: Storage;
}) {
  const { db, pool, repo, orders, changes, storage } = deps;

  async function reachable(ctx: AuthedContext, repairId: string, executor: Database = db) {
    const repair = await orders.findById(executor, ctx.actor.organizationId, repairId);
    if (!repair) throw notFound('repairs.not_found');
    return repair;
  }

  function parseFields(upload: PhotoUpload) {
    const parsed = FieldsSchema.safeParse({ caption: upload.caption, stage: upload.stage || undefined });
    if (parsed.success) return parsed.data;
    const details: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'file');
      details[field] = field === 'stage' ? 'documents.photo_stage' : 'documents.photo_caption_long';
    }
    throw new AppError('VALIDATION', 'validation.failed', { max: CAPTION_MAX }, details);
  }

  return {
    async upload(ctx: AuthedContext, repairId: string, upload: PhotoUpload): Promise<RepairPhoto> {
      assertCan(ctx, 'repairs:transition');
      const organizationId = ctx.actor.organizationId;
      await reachable(ctx, repairId);
      const fields = parseFields(upload);
      if (upload.bytes.length > PHOTO_MAX_BYTES) {
        throw new AppError('PAYLOAD_TOO_LARGE', 'documents.photo_too_large', {
          limit: PHOTO_MAX_BYTES / 1024 / 1024,
        });
      }
      const type = upload.bytes.length > 0 ? sniffImage(upload.bytes) : null;
      if (!type) {
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          'documents.photo_type',
          {},
          { file: 'documents.photo_type' },
        );
      }
      const key = storageKey(['repairs', organizationId, repairId], type.extension);
      await storage.put(key, upload.bytes, type.contentType);
      try {
        return await inTransaction(pool, async (tx) => {
          const repair = await reachable(ctx, repairId, tx.db);
          const row = await repo.insert(tx.db, {
            organizationId,
            repairId,
            storageKey: key,
            fileName: cleanFileName(upload.fileName, type.extension),
            contentType: type.contentType,
            size: upload.bytes.length,
            caption: fields.caption,
            stage: fields.stage,
            uploadedById: ctx.actor.userId,
            uploadedByName: ctx.actor.name,
          });
          const photo = toPhoto(row);
          await changes.event(tx, ctx, repairId, {
            type: 'photo',
            note: photo.caption,
            data: { photoId: photo.id, stage: photo.stage, fileName: photo.fileName, size: photo.size },
          });
          await recordAudit(tx.db, ctx, {
            organizationId,
            action: 'repair.photo_added',
            entity: 'repair',
            entityId: repair.id,
            after: photo,
          });
          return photo;
        });
      } catch (error) {
        await storage.remove(key).catch(() => {});
        throw error;
      }
    },

    /** Staff with repairs:read, or the order's own CUSTOMER (another customer's order: 404). */
    async list(ctx: AuthedContext, repairId: string): Promise<{ items: RepairPhoto[] }> {
      assertMayRead(ctx, 'repairs:read');
      assertOwnOrder(ctx, await reachable(ctx, repairId));
      const rows = await repo.list(db, ctx.actor.organizationId, repairId);
      return { items: rows.map(toPhoto) };
    },

    /** The image itself, for the photo's url. */
    async open(
      ctx: AuthedContext,
      repairId: string,
      photoId: string,
    ): Promise<StoredFile & { contentType: string; fileName: string }> {
      assertMayRead(ctx, 'repairs:read');
      assertOwnOrder(ctx, await reachable(ctx, repairId));
      const row = await repo.find(db, ctx.actor.organizationId, repairId, photoId);
      if (!row) throw notFound('documents.photo_not_found');
      const file = await storage.get(row.storageKey);
      if (!file) throw notFound('documents.photo_not_found');
      return { ...file, contentType: row.contentType, fileName: row.fileName };
    },

    /** How many photos an order has (for the printed documents); callers check access first. */
    async count(organizationId: string, repairId: string, stage?: PhotoStage): Promise<number> {
      return repo.count(db, organizationId, repairId, stage);
    },
  };
}
export type RepairPhotosService = ReturnType<typeof createRepairPhotosService>;
