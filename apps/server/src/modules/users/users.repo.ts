import { and, asc, count, eq, ilike, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { sessions, users } from '../../db/schema/users.js';
import { preparedOn } from '../../platform/prepared.js';

export type UserRow = typeof users.$inferSelect;

export type UserFilter = { q?: string; role?: string; active?: boolean; page: number; pageSize: number };

/** Counts, writes and the administrator lock: what changes a login. */
function createUserWrites() {
  return {
    async countUsers(db: Database): Promise<number> {
      const [row] = await db.select({ n: count() }).from(users);
      return row?.n ?? 0;
    },
    async countActiveAdmins(db: Database, organizationId: string, exceptId?: string): Promise<number> {
      const conditions = [
        eq(users.organizationId, organizationId),
        eq(users.role, 'ADMINISTRATOR'),
        eq(users.active, true),
      ];
      if (exceptId) conditions.push(ne(users.id, exceptId));
      const [row] = await db
        .select({ n: count() })
        .from(users)
        .where(and(...conditions));
      return row?.n ?? 0;
    },
    async insert(db: Database, values: typeof users.$inferInsert): Promise<UserRow> {
      const [row] = await db.insert(users).values(values).returning();
      return row!;
    },
    async update(
      db: Database,
      organizationId: string,
      id: string,
      version: number,
      values: Partial<typeof users.$inferInsert>,
    ): Promise<UserRow | undefined> {
      const [row] = await db
        .update(users)
        .set({ ...values, updatedAt: new Date(), version: sql`${users.version} + 1` })
        .where(and(eq(users.organizationId, organizationId), eq(users.id, id), eq(users.version, version)))
        .returning();
      return row;
    },
    /** Serializes changes that must keep at least one active administrator. */
    async lockAdmins(db: Database, organizationId: string): Promise<void> {
      await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`admins:${organizationId}`}, 0))`);
    },
    async revokeSessions(
      db: Database,
      userId: string,
      reason: string,
      exceptSessionId?: string,
    ): Promise<number> {
      const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
      if (exceptSessionId) conditions.push(ne(sessions.id, exceptSessionId));
      const rows = await db
        .update(sessions)
        .set({ revokedAt: new Date(), revokedReason: reason })
        .where(and(...conditions))
        .returning({ id: sessions.id });
      return rows.length;
    },
  };
}

const staffColumns = {
  id: users.id,
  name: users.name,
  role: users.role,
  specialties: users.specialties,
  workingHours: users.workingHours,
};

export function createUsersRepo() {
  return {
    async findById(
      db: Database,
      organizationId: string,
      id: string,
      options: { forUpdate?: boolean } = {},
    ): Promise<UserRow | undefined> {
      const query = db
        .select()
        .from(users)
        .where(and(eq(users.organizationId, organizationId), eq(users.id, id)));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row;
    },
    /** Only for flows that start from a token, before the organization is known. */
    async findByIdInAnyOrganization(db: Database, id: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },
    /** Login looks an e-mail up across the installation (it is unique there). */
    async findByEmail(db: Database, email: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
      return row;
    },
    async list(
      db: Database,
      organizationId: string,
      filter: UserFilter,
    ): Promise<{ rows: UserRow[]; total: number }> {
      const conditions: SQL[] = [eq(users.organizationId, organizationId)];
      if (filter.q) {
        const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conditions.push(or(ilike(users.name, like), ilike(users.email, like), ilike(users.area, like))!);
      }
      if (filter.role) conditions.push(eq(users.role, filter.role));
      if (filter.active !== undefined) conditions.push(eq(users.active, filter.active));
      const where = and(...conditions);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(users)
          .where(where)
          .orderBy(users.name, users.id)
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize),
        db.select({ n: count() }).from(users).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
    /** The CUSTOMER login linked to each of these customer records, if any. */
    async portalUsersByCustomer(
      db: Database,
      organizationId: string,
      customerIds: string[],
    ): Promise<Map<string, string>> {
      if (customerIds.length === 0) return new Map();
      const rows = await db
        .select({ id: users.id, customerId: users.customerId })
        .from(users)
        .where(and(eq(users.organizationId, organizationId), inArray(users.customerId, customerIds)))
        .orderBy(users.createdAt);
      const map = new Map<string, string>();
      for (const r of rows) if (r.customerId && !map.has(r.customerId)) map.set(r.customerId, r.id);
      return map;
    },
    /**
     * The portal logins of an anonymised customer: deactivated, their e-mail, name and phone replaced
     * (the e-mail by a unique address that cannot receive mail), their sessions revoked.
     */
    async closePortalLogins(db: Database, organizationId: string, customerId: string): Promise<number> {
      const closed = await db
        .update(users)
        .set({
          active: false,
          name: 'Cliente anonimizado',
          email: sql`'anonimizado+' || ${users.id}::text || '@invalid'`,
          phone: null,
          updatedAt: new Date(),
        })
        .where(
          and(
            eq(users.organizationId, organizationId),
            eq(users.customerId, customerId),
            eq(users.role, 'CUSTOMER'),
          ),
        )
        .returning({ id: users.id });
      if (closed.length > 0)
        await db
          .update(sessions)
          .set({ revokedAt: new Date(), revokedReason: 'customer_anonymised' })
          .where(
            and(
              inArray(
                sessions.userId,
                closed.map((u) => u.id),
              ),
              isNull(sessions.revokedAt),
            ),
          );
      return closed.length;
    },
    /** An active user of the organization; `staffOnly` leaves out customer logins. */
    async activeUser(db: Database, organizationId: string, id: string, options: { staffOnly: boolean }) {
      const conditions = [eq(users.organizationId, organizationId), eq(users.id, id), eq(users.active, true)];
      if (options.staffOnly) conditions.push(ne(users.role, 'CUSTOMER'));
      const [row] = await db
        .select(staffColumns)
        .from(users)
        .where(and(...conditions));
      return row;
    },
    async namesByIds(db: Database, organizationId: string, ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      // every order page and list asks: one prepared statement, the ids as one array parameter
      const rows = await preparedOn(db, 'users_names_by_ids', (d) =>
        d
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(
            and(
              eq(users.organizationId, sql.placeholder('organizationId')),
              sql`${users.id} = ANY(${sql.placeholder('ids')}::uuid[])`,
            ),
          )
          .prepare('users_names_by_ids'),
      ).execute({ organizationId, ids });
      return new Map(rows.map((r) => [r.id, r.name]));
    },
    /** Active technicians of the organization, by name. */
    async technicians(db: Database, organizationId: string) {
      return db
        .select(staffColumns)
        .from(users)
        .where(
          and(eq(users.organizationId, organizationId), eq(users.role, 'TECHNICIAN'), eq(users.active, true)),
        )
        .orderBy(asc(users.name), asc(users.id));
    },
    /** Active administrators and managers: who hears about low stock. */
    async managers(db: Database, organizationId: string) {
      return db
        .select({ email: users.email, name: users.name, locale: users.locale })
        .from(users)
        .where(
          and(
            eq(users.organizationId, organizationId),
            eq(users.active, true),
            inArray(users.role, ['ADMINISTRATOR', 'MANAGER']),
          ),
        );
    },
    ...createUserWrites(),
  };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;
