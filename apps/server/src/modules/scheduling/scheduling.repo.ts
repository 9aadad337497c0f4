import { LIVE_APPOINTMENT_STATUSES } from '@bancada/shared';
import {
  and,
  asc,
  eq,
  getTableColumns,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { appointmentChanges, appointments, bays, shopHolidays } from '../../db/schema/scheduling.js';

export type BayRow = typeof bays.$inferSelect;
export type HolidayRow = typeof shopHolidays.$inferSelect;
export type AppointmentRow = Omit<typeof appointments.$inferSelect, 'during'>;
export type AppointmentInsert = Omit<typeof appointments.$inferInsert, 'during'>;
export type AppointmentChangeRow = typeof appointmentChanges.$inferSelect;
export type AppointmentColumns = Partial<
  Pick<
    AppointmentRow,
    'startsAt' | 'endsAt' | 'technicianId' | 'bayId' | 'notes' | 'status' | 'repairId' | 'cancelReason'
  >
>;
/** A live appointment as the free-slot search reads it. */
export type BookingRow = { technicianId: string | null; bayId: string | null; startsAt: Date; endsAt: Date };

const LIVE = [...LIVE_APPOINTMENT_STATUSES];
// everything but the generated range, which nobody reads back
const { during: _during, ...appointmentColumns } = getTableColumns(appointments);

/** Bays and holidays; every query filters by organization. */
function createResourcesRepo() {
  return {
    async listBays(db: Database, organizationId: string, filter: { branchId: string; active?: boolean }) {
      const conditions: SQL[] = [eq(bays.organizationId, organizationId), eq(bays.branchId, filter.branchId)];
      if (filter.active !== undefined) conditions.push(eq(bays.active, filter.active));
      return db
        .select()
        .from(bays)
        .where(and(...conditions))
        .orderBy(asc(bays.name), asc(bays.id));
    },
    async findBay(db: Database, organizationId: string, id: string, options: { forUpdate?: boolean } = {}) {
      const query = db
        .select()
        .from(bays)
        .where(and(eq(bays.organizationId, organizationId), eq(bays.id, id)));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row;
    },
    /** bay id → name, for the ids of this organization. */
    async bayNames(db: Database, organizationId: string, ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: bays.id, name: bays.name })
        .from(bays)
        .where(and(eq(bays.organizationId, organizationId), inArray(bays.id, ids)));
      return new Map(rows.map((r) => [r.id, r.name]));
    },
    async insertBay(db: Database, values: typeof bays.$inferInsert) {
      const [row] = await db.insert(bays).values(values).returning();
      return row!;
    },
    async updateBay(
      db: Database,
      organizationId: string,
      id: string,
      version: number,
      patch: Partial<Pick<BayRow, 'name' | 'kind' | 'active'>>,
    ) {
      const [row] = await db
        .update(bays)
        .set({ ...patch, updatedAt: new Date(), version: version + 1 })
        .where(and(eq(bays.organizationId, organizationId), eq(bays.id, id), eq(bays.version, version)))
        .returning();
      return row;
    },

    async listHolidays(db: Database, organizationId: string, range: { from?: string; to?: string }) {
      const conditions: SQL[] = [eq(shopHolidays.organizationId, organizationId)];
      if (range.from) conditions.push(gte(shopHolidays.date, range.from));
      if (range.to) conditions.push(lte(shopHolidays.date, range.to));
      return db
        .select()
        .from(shopHolidays)
        .where(and(...conditions))
        .orderBy(asc(shopHolidays.date), asc(shopHolidays.id))
        .limit(1000);
    },
    /** The closed days of a branch (its own and every branch's) between two dates, inclusive. */
    async holidayDates(db: Database, organizationId: string, branchId: string, from: string, to: string) {
      const rows = await db
        .select({ date: shopHolidays.date })
        .from(shopHolidays)
        .where(
          and(
            eq(shopHolidays.organizationId, organizationId),
            or(isNull(shopHolidays.branchId), eq(shopHolidays.branchId, branchId)),
            gte(shopHolidays.date, from),
            lte(shopHolidays.date, to),
          ),
        );
      return new Set(rows.map((r) => r.date));
    },
    async insertHoliday(db: Database, values: typeof shopHolidays.$inferInsert) {
      const [row] = await db.insert(shopHolidays).values(values).returning();
      return row!;
    },
    async deleteHoliday(db: Database, organizationId: string, id: string) {
      const [row] = await db
        .delete(shopHolidays)
        .where(and(eq(shopHolidays.organizationId, organizationId), eq(shopHolidays.id, id)))
        .returning();
      return row;
    },
  };
}

/** Appointments and their reschedule history; every query filters by organization. */
function createAppointmentsRepo() {
  return {
    async insertAppointment(db: Database, values: AppointmentInsert) {
      const [row] = await db.insert(appointments).values(values).returning(appointmentColumns);
      return row as AppointmentRow;
    },
    async findAppointment(
      db: Database,
      organizationId: string,
      id: string,
      options: { forUpdate?: boolean } = {},
    ): Promise<AppointmentRow | undefined> {
      const query = db
        .select(appointmentColumns)
        .from(appointments)
        .where(and(eq(appointments.organizationId, organizationId), eq(appointments.id, id)));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row as AppointmentRow | undefined;
    },
    async updateAppointment(
      db: Database,
      organizationId: string,
      id: string,
      version: number,
      patch: AppointmentColumns,
    ): Promise<AppointmentRow | undefined> {
      const [row] = await db
        .update(appointments)
        .set({ ...patch, updatedAt: new Date(), version: version + 1 })
        .where(
          and(
            eq(appointments.organizationId, organizationId),
            eq(appointments.id, id),
            eq(appointments.version, version),
          ),
        )
        .returning(appointmentColumns);
      return row as AppointmentRow | undefined;
    },
    /** Appointments starting in [from, to), by start. */
    async listAppointments(
      db: Database,
      organizationId: string,
      filter: {
        from: Date;
        to: Date;
        technicianId?: string | undefined;
        bayId?: string | undefined;
        customerId?: string | undefined;
        branchId?: string | undefined;
      },
    ): Promise<AppointmentRow[]> {
      const conditions: SQL[] = [
        eq(appointments.organizationId, organizationId),
        gte(appointments.startsAt, filter.from),
        lt(appointments.startsAt, filter.to),
      ];
      if (filter.technicianId) conditions.push(eq(appointments.technicianId, filter.technicianId));
      if (filter.bayId) conditions.push(eq(appointments.bayId, filter.bayId));
      if (filter.customerId) conditions.push(eq(appointments.customerId, filter.customerId));
      if (filter.branchId) conditions.push(eq(appointments.branchId, filter.branchId));
      const rows = await db
        .select(appointmentColumns)
        .from(appointments)
        .where(and(...conditions))
        .orderBy(asc(appointments.startsAt), asc(appointments.id))
        .limit(5000);
      return rows as AppointmentRow[];
    },
    /**
     * Live appointments overlapping [from, to) that hold one of these technicians or bays (the
     * exclusion constraints' gist indexes answer it).
     */
    async liveBookings(
      db: Database,
      organizationId: string,
      range: { from: Date; to: Date },
      resources: { technicianIds: string[]; bayIds: string[] },
      exceptId?: string,
    ): Promise<BookingRow[]> {
      const { technicianIds, bayIds } = resources;
      if (technicianIds.length === 0 && bayIds.length === 0) return [];
      const overlaps = sql`tstzrange(${range.from.toISOString()}::timestamptz, ${range.to.toISOString()}::timestamptz, '[)')`;
      const held: SQL[] = [];
      if (technicianIds.length) held.push(inArray(appointments.technicianId, technicianIds));
      if (bayIds.length) held.push(inArray(appointments.bayId, bayIds));
      return db
        .select({
          technicianId: appointments.technicianId,
          bayId: appointments.bayId,
          startsAt: appointments.startsAt,
          endsAt: appointments.endsAt,
        })
        .from(appointments)
        .where(
          and(
            eq(appointments.organizationId, organizationId),
            inArray(appointments.status, LIVE),
            sql`${appointments.during} && ${overlaps}`,
            or(...held),
            exceptId ? ne(appointments.id, exceptId) : undefined,
          ),
        );
    },
    /** Live appointments (not yet arrived) starting in [from, to) across organizations: the reminders' candidates. */
    async upcoming(db: Database, range: { from: Date; to: Date }) {
      const rows = await db
        .select(appointmentColumns)
        .from(appointments)
        .where(
          and(
            inArray(appointments.status, ['SCHEDULED', 'CONFIRMED']),
            gte(appointments.startsAt, range.from),
            lt(appointments.startsAt, range.to),
          ),
        )
        .orderBy(asc(appointments.organizationId), asc(appointments.startsAt))
        .limit(10_000);
      return rows as AppointmentRow[];
    },

    async insertChange(db: Database, values: typeof appointmentChanges.$inferInsert) {
      await db.insert(appointmentChanges).values(values);
    },
    async listChanges(db: Database, organizationId: string, appointmentId: string) {
      return db
        .select()
        .from(appointmentChanges)
        .where(
          and(
            eq(appointmentChanges.organizationId, organizationId),
            eq(appointmentChanges.appointmentId, appointmentId),
          ),
        )
        .orderBy(asc(appointmentChanges.createdAt), asc(appointmentChanges.id));
    },
  };
}

/** Bays, holidays, appointments and their reschedule history. */
export function createSchedulingRepo() {
  return { ...createResourcesRepo(), ...createAppointmentsRepo() };
}
export type SchedulingRepo = ReturnType<typeof createSchedulingRepo>;
