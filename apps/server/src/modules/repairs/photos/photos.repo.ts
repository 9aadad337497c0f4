import { and, asc, count, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { repairPhotos } from '../../../db/schema/repairs.js';

export type RepairPhotoRow = typeof repairPhotos.$inferSelect;

/** Photos of service orders; every method filters by organization. */
export function createRepairPhotosRepo() {
  return {
    async insert(db: Database, row: typeof repairPhotos.$inferInsert): Promise<RepairPhotoRow> {
      const [inserted] = await db.insert(repairPhotos).values(row).returning();
      return inserted!;
    },
    async list(db: Database, organizationId: string, repairId: string): Promise<RepairPhotoRow[]> {
      return db
        .select()
        .from(repairPhotos)
        .where(and(eq(repairPhotos.organizationId, organizationId), eq(repairPhotos.repairId, repairId)))
        .orderBy(asc(repairPhotos.createdAt), asc(repairPhotos.id));
    },
    async find(
      db: Database,
      organizationId: string,
      repairId: string,
      photoId: string,
    ): Promise<RepairPhotoRow | undefined> {
      const [row] = await db
        .select()
        .from(repairPhotos)
        .where(
          and(
            eq(repairPhotos.organizationId, organizationId),
            eq(repairPhotos.repairId, repairId),
            eq(repairPhotos.id, photoId),
          ),
        );
      return row;
    },
    async count(db: Database, organizationId: string, repairId: string, stage?: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(repairPhotos)
        .where(
          and(
            eq(repairPhotos.organizationId, organizationId),
            eq(repairPhotos.repairId, repairId),
            stage ? eq(repairPhotos.stage, stage) : undefined,
          ),
        );
      return row?.n ?? 0;
    },
  };
}
export type RepairPhotosRepo = ReturnType<typeof createRepairPhotosRepo>;
