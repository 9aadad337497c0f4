import { and, asc, count, eq, inArray, lt } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { repairPhotos } from '../../../db/schema/repairs.js';

/** Photos older than a cutoff, for the privacy module's retention (issue 13 §6). */
export function createPhotoRetentionRepo() {
  const older = (organizationId: string, cutoff: Date) =>
    and(eq(repairPhotos.organizationId, organizationId), lt(repairPhotos.createdAt, cutoff));
  return {
    async countOlder(db: Database, organizationId: string, cutoff: Date): Promise<number> {
      const [row] = await db.select({ n: count() }).from(repairPhotos).where(older(organizationId, cutoff));
      return row?.n ?? 0;
    },
    async listOlder(db: Database, organizationId: string, cutoff: Date, limit: number) {
      return db
        .select({
          id: repairPhotos.id,
          repairId: repairPhotos.repairId,
          fileName: repairPhotos.fileName,
          storageKey: repairPhotos.storageKey,
          createdAt: repairPhotos.createdAt,
        })
        .from(repairPhotos)
        .where(older(organizationId, cutoff))
        .orderBy(asc(repairPhotos.createdAt), asc(repairPhotos.id))
        .limit(limit);
    },
    async remove(db: Database, organizationId: string, ids: string[]) {
      if (ids.length === 0) return [];
      return db
        .delete(repairPhotos)
        .where(and(eq(repairPhotos.organizationId, organizationId), inArray(repairPhotos.id, ids)))
        .returning({
          id: repairPhotos.id,
          repairId: repairPhotos.repairId,
          storageKey: repairPhotos.storageKey,
        });
    },
  };
}
export type PhotoRetentionRepo = ReturnType<typeof createPhotoRetentionRepo>;
