import { and, count, eq, gt, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { recoveryCodes, signInChallenges, userDevices, users } from '../../db/schema/users.js';

export type ChallengeRow = typeof signInChallenges.$inferSelect;
export type ChallengePurpose = 'VERIFY' | 'ENROL';

/** The second factor's rows: the sealed secret on the user, recovery codes, sign-in challenges, devices. */
export function createTwoFactorRepo() {
  return {
    async setPendingSecret(db: Database, userId: string, sealed: string): Promise<void> {
      await db.update(users).set({ totpPendingSecret: sealed }).where(eq(users.id, userId));
    },
    /** Turns the pending secret on, with the step of the code that confirmed it; false when none was pending. */
    async enable(db: Database, userId: string, step: number): Promise<boolean> {
      const rows = await db
        .update(users)
        .set({
          totpSecret: sql`${users.totpPendingSecret}`,
          totpPendingSecret: null,
          totpEnabledAt: new Date(),
          totpLastStep: step,
          updatedAt: new Date(),
          version: sql`${users.version} + 1`,
        })
        .where(and(eq(users.id, userId), isNotNull(users.totpPendingSecret)))
        .returning({ id: users.id });
      return rows.length === 1;
    },
    /** Removes the second factor and its recovery codes; false when it was not on. */
    async disable(db: Database, userId: string): Promise<boolean> {
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      const rows = await db
        .update(users)
        .set({
          totpSecret: null,
          totpPendingSecret: null,
          totpEnabledAt: null,
          totpLastStep: null,
          updatedAt: new Date(),
          version: sql`${users.version} + 1`,
        })
        .where(and(eq(users.id, userId), isNotNull(users.totpSecret)))
        .returning({ id: users.id });
      return rows.length === 1;
    },
    /**
     * Atomic: records `step` as the last accepted time step only when it is newer than the last one,
     * so a code (or an older code) cannot be used twice, even by two requests at once.
     */
    async acceptStep(db: Database, userId: string, step: number): Promise<boolean> {
      const rows = await db
        .update(users)
        .set({ totpLastStep: step })
        .where(
          and(
            eq(users.id, userId),
            isNotNull(users.totpSecret),
            or(isNull(users.totpLastStep), lt(users.totpLastStep, step)),
          ),
        )
        .returning({ id: users.id });
      return rows.length === 1;
    },
    async replaceRecoveryCodes(
      db: Database,
      organizationId: string,
      userId: string,
      hashes: string[],
    ): Promise<void> {
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      await db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ organizationId, userId, codeHash })));
    },
    /** Atomic: a recovery code works once. */
    async consumeRecoveryCode(db: Database, userId: string, codeHash: string): Promise<boolean> {
      const rows = await db
        .update(recoveryCodes)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(recoveryCodes.userId, userId),
            eq(recoveryCodes.codeHash, codeHash),
            isNull(recoveryCodes.usedAt),
          ),
        )
        .returning({ id: recoveryCodes.id });
      return rows.length === 1;
    },
    async countUnusedRecoveryCodes(db: Database, userId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
      return row?.n ?? 0;
    },

    async insertChallenge(db: Database, values: typeof signInChallenges.$inferInsert): Promise<void> {
      await db.insert(signInChallenges).values(values);
    },
    /** A challenge still open: unused, unexpired, with attempts left. */
    async findOpenChallenge(
      db: Database,
      tokenHash: string,
      maxAttempts: number,
    ): Promise<ChallengeRow | undefined> {
      const [row] = await db
        .select()
        .from(signInChallenges)
        .where(
          and(
            eq(signInChallenges.tokenHash, tokenHash),
            isNull(signInChallenges.usedAt),
            gt(signInChallenges.expiresAt, new Date()),
            lt(signInChallenges.attempts, maxAttempts),
          ),
        );
      return row;
    },
    async countChallengeFailure(db: Database, id: string): Promise<void> {
      await db
        .update(signInChallenges)
        .set({ attempts: sql`${signInChallenges.attempts} + 1` })
        .where(eq(signInChallenges.id, id));
    },
    /** Atomic: a challenge finishes one sign-in. */
    async closeChallenge(db: Database, id: string): Promise<boolean> {
      const rows = await db
        .update(signInChallenges)
        .set({ usedAt: new Date() })
        .where(and(eq(signInChallenges.id, id), isNull(signInChallenges.usedAt)))
        .returning({ id: signInChallenges.id });
      return rows.length === 1;
    },

    /**
     * Records a sign-in from this device. `isNew`: never seen for this user before; `isFirst`: the
     * user had no device at all (an account's first sign-in, nothing to warn about).
     */
    async noteDevice(
      db: Database,
      organizationId: string,
      userId: string,
      deviceHash: string,
    ): Promise<{ isNew: boolean; isFirst: boolean }> {
      const inserted = await db
        .insert(userDevices)
        .values({ organizationId, userId, deviceHash })
        .onConflictDoUpdate({
          target: [userDevices.userId, userDevices.deviceHash],
          set: { lastSeenAt: new Date() },
        })
        .returning({ id: userDevices.id, isNew: sql<boolean>`xmax = 0` });
      const row = inserted[0]!;
      if (!row.isNew) return { isNew: false, isFirst: false };
      const [others] = await db
        .select({ n: count() })
        .from(userDevices)
        .where(and(eq(userDevices.userId, userId), ne(userDevices.id, row.id)));
      return { isNew: true, isFirst: (others?.n ?? 0) === 0 };
    },
  };
}
export type TwoFactorRepo = ReturnType<typeof createTwoFactorRepo>;
