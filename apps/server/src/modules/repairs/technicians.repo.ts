import { OPEN_REPAIR_STATUSES } from '@bancada/shared';
import { and, asc, eq, inArray, isNotNull, ne, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { repairEvents, repairServices, repairs, serviceCatalog, users } from '../../db/schema/index.js';

export type TechnicianRow = {
  id: string;
  name: string;
  role: string;
  specialties: string[];
  workingHours: { day: string; start: string; end: string }[];
};
export type Workload = { openOrders: number; assignedHours: number };

const technicianColumns = {
  id: users.id,
  name: users.name,
  role: users.role,
  specialties: users.specialties,
  workingHours: users.workingHours,
};

export function createTechniciansRepo() {
  return {
    /** Active technicians of the organization, by name. */
    async technicians(db: Database, organizationId: string): Promise<TechnicianRow[]> {
      return db
        .select(technicianColumns)
        .from(users)
        .where(
          and(eq(users.organizationId, organizationId), eq(users.role, 'TECHNICIAN'), eq(users.active, true)),
        )
        .orderBy(asc(users.name), asc(users.id));
    },

    /** A staff member an order may be assigned to: active, of this organization, not a customer login. */
    async staffMember(db: Database, organizationId: string, id: string): Promise<TechnicianRow | undefined> {
      const [row] = await db
        .select(technicianColumns)
        .from(users)
        .where(
          and(
            eq(users.organizationId, organizationId),
            eq(users.id, id),
            eq(users.active, true),
            ne(users.role, 'CUSTOMER'),
          ),
        );
      return row;
    },

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

    async repair(db: Database, organizationId: string, id: string, options: { forUpdate?: boolean } = {}) {
      const query = db
        .select({
          id: repairs.id,
          number: repairs.number,
          status: repairs.status,
          customerId: repairs.customerId,
          technicianId: repairs.technicianId,
          estimatedHours: repairs.estimatedHours,
          version: repairs.version,
        })
        .from(repairs)
        .where(and(eq(repairs.organizationId, organizationId), eq(repairs.id, id)));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row;
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

    async assign(db: Database, organizationId: string, id: string, technicianId: string | null) {
      const [row] = await db
        .update(repairs)
        .set({ technicianId, updatedAt: sql`now()`, version: sql`${repairs.version} + 1` })
        .where(and(eq(repairs.organizationId, organizationId), eq(repairs.id, id)))
        .returning({
          id: repairs.id,
          number: repairs.number,
          status: repairs.status,
          customerId: repairs.customerId,
          technicianId: repairs.technicianId,
          version: repairs.version,
          updatedAt: repairs.updatedAt,
        });
      return row!;
    },

    async insertEvent(db: Database, values: typeof repairEvents.$inferInsert): Promise<void> {
      await db.insert(repairEvents).values(values);
    },
  };
}
export type TechniciansRepo = ReturnType<typeof createTechniciansRepo>;
