import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { branches, organizations } from '../../db/schema/organizations.js';
import { preparedOn } from '../../platform/prepared.js';

export type OrganizationRow = typeof organizations.$inferSelect;
export type BranchRow = typeof branches.$inferSelect;

export function createOrganizationRepo() {
  return {
    async findById(
      db: Database,
      id: string,
      options: { forUpdate?: boolean } = {},
    ): Promise<OrganizationRow | undefined> {
      if (options.forUpdate) {
        const [row] = await db.select().from(organizations).where(eq(organizations.id, id)).for('update');
        return row;
      }
      // read by every request's sign-in check: built once
      const [row] = await preparedOn(db, 'organization_by_id', (d) =>
        d
          .select()
          .from(organizations)
          .where(eq(organizations.id, sql.placeholder('id')))
          .prepare('organization_by_id'),
      ).execute({ id });
      return row;
    },
    async findDefault(db: Database): Promise<OrganizationRow | undefined> {
      const [row] = await db.select().from(organizations).where(eq(organizations.isDefault, true)).limit(1);
      return row;
    },
    async insert(db: Database, values: typeof organizations.$inferInsert): Promise<OrganizationRow> {
      const [row] = await db.insert(organizations).values(values).returning();
      return row!;
    },
    /** Conditional on the version read, so two concurrent edits cannot both win. */
    async update(
      db: Database,
      id: string,
      version: number,
      values: Partial<typeof organizations.$inferInsert>,
    ): Promise<OrganizationRow | undefined> {
      const [row] = await db
        .update(organizations)
        .set({ ...values, updatedAt: new Date(), version: sql`${organizations.version} + 1` })
        .where(and(eq(organizations.id, id), eq(organizations.version, version)))
        .returning();
      return row;
    },
    async listBranches(db: Database, organizationId: string): Promise<BranchRow[]> {
      return db
        .select()
        .from(branches)
        .where(eq(branches.organizationId, organizationId))
        .orderBy(branches.name);
    },
    async findBranch(db: Database, organizationId: string, id: string): Promise<BranchRow | undefined> {
      const [row] = await db
        .select()
        .from(branches)
        .where(and(eq(branches.organizationId, organizationId), eq(branches.id, id)));
      return row;
    },
    async findDefaultBranch(db: Database, organizationId: string): Promise<BranchRow | undefined> {
      const [row] = await db
        .select()
        .from(branches)
        .where(and(eq(branches.organizationId, organizationId), eq(branches.isDefault, true)));
      return row;
    },
    /** Serializes first-start creation of the default organization and branch. */
    async lockDefaults(db: Database): Promise<void> {
      await db.execute(sql`SELECT pg_advisory_xact_lock(7234002)`);
    },
    async insertBranch(db: Database, values: typeof branches.$inferInsert): Promise<BranchRow> {
      const [row] = await db.insert(branches).values(values).returning();
      return row!;
    },
  };
}
export type OrganizationRepo = ReturnType<typeof createOrganizationRepo>;
