import { OPEN_REPAIR_STATUSES } from '@bancada/shared';
import { and, eq, inArray, isNotNull, ne, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { repairServices, repairs, serviceCatalog } from '../../../db/schema/repairs.js';
import type { Workload } from './assessment.js';

/** What assigning a technician reads from the orders: loads per technician, what an order needs. */
export function createTechniciansRepo() {
  return {
    /** Open orders and their estimated hours per technician, leaving out the order being assigned. */
    async workloads(
      db: Database,
      organizationId: string,
      technicianIds: string[],
      exceptRepairId?: string,
    ): Promise<Map<string, Workload>> {
      if (technicianIds.length === 0) return new Map();
      const conditions: SQL[] = [
        eq(repairs.organizationId, organizationId),
        inArray(repairs.technicianId, technicianIds),
        inArray(repairs.status, [...OPEN_REPAIR_STATUSES]),
      ];
      if (exceptRepairId) conditions.push(ne(repairs.id, exceptRepairId));
      const rows = await db
        .select({
          technicianId: repairs.technicianId,
          openOrders: sql<number>`count(*)`.mapWith(Number),
          assignedHours: sql<number>`coalesce(sum(${repairs.estimatedHours}), 0)`.mapWith(Number),
        })
        .from(repairs)
        .where(and(...conditions))
        .groupBy(repairs.technicianId);
      return new Map(
        rows.map((r) => [r.technicianId!, { openOrders: r.openOrders, assignedHours: r.assignedHours }]),
      );
    },

    /** The specialties the order's labor lines need (from their catalog services); declined lines left out. */
    async repairSpecialties(db: Database, organizationId: string, repairId: string): Promise<string[]> {
      const rows = await db
        .selectDistinct({ specialty: serviceCatalog.specialty })
        .from(repairServices)
        .innerJoin(serviceCatalog, eq(serviceCatalog.id, repairServices.catalogId))
        .where(
          and(
            eq(repairServices.organizationId, organizationId),
            eq(repairServices.repairId, repairId),
            isNotNull(serviceCatalog.specialty),
            sql`${repairServices.approval} IS DISTINCT FROM 'declined'`,
          ),
        );
      return rows.map((r) => r.specialty!).sort();
    },
  };
}
export type TechniciansRepo = ReturnType<typeof createTechniciansRepo>;
