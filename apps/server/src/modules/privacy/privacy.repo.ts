import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import {
  privacyIncidents,
  privacyPolicyVersions,
  privacyRetentionRuns,
  privacySettings,
} from '../../db/schema/privacy.js';

export type PrivacySettingsRow = typeof privacySettings.$inferSelect;
export type RetentionRunRow = typeof privacyRetentionRuns.$inferSelect;
export type IncidentRow = typeof privacyIncidents.$inferSelect;
export type IncidentInsert = typeof privacyIncidents.$inferInsert;
export type PolicyVersionRow = typeof privacyPolicyVersions.$inferSelect;

function settingsRows() {
  return {
    async settings(db: Database, organizationId: string): Promise<PrivacySettingsRow | undefined> {
      const [row] = await db
        .select()
        .from(privacySettings)
        .where(eq(privacySettings.organizationId, organizationId));
      return row;
    },
    /** Organizations with at least one retention rule switched on (the daily job's work list). */
    async organizationsWithRetention(db: Database): Promise<PrivacySettingsRow[]> {
      return db
        .select()
        .from(privacySettings)
        .where(
          sql`${isNotNull(privacySettings.anonymiseInactiveAfterYears)} OR ${isNotNull(privacySettings.purgePhotosAfterYears)}`,
        );
    },
    /** Insert or conditional update on the version read (412 when it moved). */
    async saveSettings(
      db: Database,
      organizationId: string,
      values: { anonymiseInactiveAfterYears: number | null; purgePhotosAfterYears: number | null },
      version: number | undefined,
    ): Promise<PrivacySettingsRow | undefined> {
      if (version === undefined) {
        const [row] = await db
          .insert(privacySettings)
          .values({ organizationId, ...values })
          .onConflictDoNothing()
          .returning();
        return row;
      }
      const [row] = await db
        .update(privacySettings)
        .set({ ...values, updatedAt: new Date(), version: sql`${privacySettings.version} + 1` })
        .where(and(eq(privacySettings.organizationId, organizationId), eq(privacySettings.version, version)))
        .returning();
      return row;
    },
    async startRun(db: Database, organizationId: string, trigger: 'job' | 'manual', at: Date) {
      const [row] = await db
        .insert(privacyRetentionRuns)
        .values({ organizationId, trigger, startedAt: at })
        .returning();
      return row!;
    },
    async finishRun(
      db: Database,
      id: string,
      values: Pick<RetentionRunRow, 'customersAnonymised' | 'customersSkipped' | 'photosPurged' | 'error'>,
      at: Date,
    ) {
      await db
        .update(privacyRetentionRuns)
        .set({ ...values, finishedAt: at })
        .where(eq(privacyRetentionRuns.id, id));
    },
    /** When the daily job last started for the organization (manual runs do not count). */
    async lastJobStart(db: Database, organizationId: string): Promise<Date | null> {
      const [row] = await db
        .select({ startedAt: privacyRetentionRuns.startedAt })
        .from(privacyRetentionRuns)
        .where(
          and(
            eq(privacyRetentionRuns.organizationId, organizationId),
            eq(privacyRetentionRuns.trigger, 'job'),
          ),
        )
        .orderBy(desc(privacyRetentionRuns.startedAt))
        .limit(1);
      return row?.startedAt ?? null;
    },
    async lastRun(db: Database, organizationId: string): Promise<RetentionRunRow | undefined> {
      const [row] = await db
        .select()
        .from(privacyRetentionRuns)
        .where(eq(privacyRetentionRuns.organizationId, organizationId))
        .orderBy(desc(privacyRetentionRuns.startedAt))
        .limit(1);
      return row;
    },
  };
}

function incidentRows() {
  return {
    async listIncidents(db: Database, organizationId: string, limit: number): Promise<IncidentRow[]> {
      return db
        .select()
        .from(privacyIncidents)
        .where(eq(privacyIncidents.organizationId, organizationId))
        .orderBy(desc(privacyIncidents.discoveredAt), desc(privacyIncidents.number))
        .limit(limit);
    },
    async findIncident(
      db: Database,
      organizationId: string,
      id: string,
      options: { forUpdate?: boolean } = {},
    ): Promise<IncidentRow | undefined> {
      const query = db
        .select()
        .from(privacyIncidents)
        .where(and(eq(privacyIncidents.organizationId, organizationId), eq(privacyIncidents.id, id)));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row;
    },
    async insertIncident(db: Database, values: IncidentInsert): Promise<IncidentRow> {
      const [row] = await db.insert(privacyIncidents).values(values).returning();
      return row!;
    },
    async updateIncident(
      db: Database,
      organizationId: string,
      id: string,
      values: Partial<IncidentInsert>,
    ): Promise<IncidentRow> {
      const [row] = await db
        .update(privacyIncidents)
        .set({ ...values, updatedAt: new Date(), version: sql`${privacyIncidents.version} + 1` })
        .where(and(eq(privacyIncidents.organizationId, organizationId), eq(privacyIncidents.id, id)))
        .returning();
      return row!;
    },
  };
}

function policyRows() {
  return {
    async policyVersions(db: Database, organizationId: string) {
      return db
        .select({
          version: privacyPolicyVersions.version,
          authorName: privacyPolicyVersions.authorName,
          createdAt: privacyPolicyVersions.createdAt,
        })
        .from(privacyPolicyVersions)
        .where(eq(privacyPolicyVersions.organizationId, organizationId))
        .orderBy(desc(privacyPolicyVersions.version));
    },
    /** One version, or the newest when `version` is undefined. */
    async policyVersion(
      db: Database,
      organizationId: string,
      version?: number,
    ): Promise<PolicyVersionRow | undefined> {
      const [row] = await db
        .select()
        .from(privacyPolicyVersions)
        .where(
          and(
            eq(privacyPolicyVersions.organizationId, organizationId),
            version === undefined ? undefined : eq(privacyPolicyVersions.version, version),
          ),
        )
        .orderBy(desc(privacyPolicyVersions.version))
        .limit(1);
      return row;
    },
    /** The next version number in one statement; two saves at once: the unique index refuses one. */
    async insertPolicyVersion(
      db: Database,
      values: { organizationId: string; body: string; authorId: string; authorName: string },
    ): Promise<PolicyVersionRow> {
      const [row] = await db
        .insert(privacyPolicyVersions)
        .values({
          ...values,
          version: sql`(SELECT coalesce(max(${privacyPolicyVersions.version}), 0) + 1 FROM ${privacyPolicyVersions} WHERE ${privacyPolicyVersions.organizationId} = ${values.organizationId})`,
        })
        .returning();
      return row!;
    },
    /** The organizations that have published a policy (the public page without an organization). */
    async organizationsWithPolicy(db: Database, limit: number): Promise<string[]> {
      const rows = await db
        .selectDistinct({ organizationId: privacyPolicyVersions.organizationId })
        .from(privacyPolicyVersions)
        .limit(limit);
      return rows.map((r) => r.organizationId);
    },
  };
}

/** The privacy module's own tables; every query filters by organization. */
export function createPrivacyRepo() {
  return { ...settingsRows(), ...incidentRows(), ...policyRows() };
}
export type PrivacyRepo = ReturnType<typeof createPrivacyRepo>;
