import { and, desc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { passwordResetTokens, refreshTokens, sessions, users } from '../../db/schema/users.js';
import { preparedOn } from '../../platform/prepared.js';

export type SessionRow = typeof sessions.$inferSelect;

/** What a request's sign-in check and /auth/me read: never the password hash or the token. */
function findActorStatement(db: Database) {
  return db
    .select({
      user: {
        id: users.id,
        organizationId: users.organizationId,
        branchId: users.branchId,
        name: users.name,
        email: users.email,
        role: users.role,
        phone: users.phone,
        locale: users.locale,
        active: users.active,
        customerId: users.customerId,
      },
      session: { id: sessions.id, revokedAt: sessions.revokedAt, expiresAt: sessions.expiresAt },
    })
    .from(users)
    .innerJoin(sessions, eq(sessions.userId, users.id))
    .where(and(eq(users.id, sql.placeholder('userId')), eq(sessions.id, sql.placeholder('sessionId'))))
    .prepare('auth_find_actor');
}

export function createAuthRepo() {
  return {
    /** The user and session of one request (the organization's part comes from its service). */
    async findActor(db: Database, userId: string, sessionId: string) {
      const [row] = await preparedOn(db, 'auth_find_actor', findActorStatement).execute({
        userId,
        sessionId,
      });
      return row;
    },
    /** Atomic: counts the failure and, at the limit, locks the account. */
    async registerFailedLogin(db: Database, userId: string, maxFailures: number, lockMinutes: number) {
      const [row] = await db
        .update(users)
        .set({
          failedLoginCount: sql`${users.failedLoginCount} + 1`,
          lockedUntil: sql`CASE WHEN ${users.failedLoginCount} + 1 >= ${maxFailures}
            THEN now() + make_interval(mins => ${lockMinutes}) ELSE ${users.lockedUntil} END`,
        })
        .where(eq(users.id, userId))
        .returning({ failedLoginCount: users.failedLoginCount, lockedUntil: users.lockedUntil });
      return row;
    },
    async registerSuccessfulLogin(db: Database, userId: string) {
      await db
        .update(users)
        .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() })
        .where(eq(users.id, userId));
    },
    async insertSession(db: Database, values: typeof sessions.$inferInsert): Promise<SessionRow> {
      const [row] = await db.insert(sessions).values(values).returning();
      return row!;
    },
    async insertRefreshToken(db: Database, sessionId: string, tokenHash: string) {
      await db.insert(refreshTokens).values({ sessionId, tokenHash });
    },
    async findRefreshToken(db: Database, tokenHash: string) {
      const [row] = await db
        .select({ token: refreshTokens, session: sessions })
        .from(refreshTokens)
        .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
        .where(eq(refreshTokens.tokenHash, tokenHash));
      return row;
    },
    /** Whether a token of the session newer than this one has been used: the family moved on. */
    async hasUsedSuccessor(db: Database, sessionId: string, tokenId: string): Promise<boolean> {
      // compared in the database: created_at has microseconds, a JavaScript Date only milliseconds
      const [row] = await db
        .select({ id: refreshTokens.id })
        .from(refreshTokens)
        .where(
          and(
            eq(refreshTokens.sessionId, sessionId),
            isNotNull(refreshTokens.usedAt),
            sql`${refreshTokens.createdAt} > (SELECT created_at FROM refresh_tokens WHERE id = ${tokenId})`,
          ),
        )
        .limit(1);
      return row !== undefined;
    },
    /** Marks a refresh token used; false when another request used it first. */
    async consumeRefreshToken(db: Database, tokenId: string): Promise<boolean> {
      const rows = await db
        .update(refreshTokens)
        .set({ usedAt: new Date() })
        .where(and(eq(refreshTokens.id, tokenId), isNull(refreshTokens.usedAt)))
        .returning({ id: refreshTokens.id });
      return rows.length === 1;
    },
    async touchSession(
      db: Database,
      sessionId: string,
      expiresAt: Date,
      ip: string | null,
      userAgent: string | null,
    ) {
      await db
        .update(sessions)
        .set({ lastUsedAt: new Date(), expiresAt, ip, userAgent })
        .where(eq(sessions.id, sessionId));
    },
    async revokeSession(db: Database, sessionId: string, reason: string, userId?: string): Promise<boolean> {
      const conditions = [eq(sessions.id, sessionId), isNull(sessions.revokedAt)];
      if (userId) conditions.push(eq(sessions.userId, userId));
      const rows = await db
        .update(sessions)
        .set({ revokedAt: new Date(), revokedReason: reason })
        .where(and(...conditions))
        .returning({ id: sessions.id });
      return rows.length === 1;
    },
    async listActiveSessions(db: Database, userId: string): Promise<SessionRow[]> {
      return db
        .select()
        .from(sessions)
        .where(
          and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())),
        )
        .orderBy(desc(sessions.lastUsedAt));
    },
    async findSession(db: Database, sessionId: string): Promise<SessionRow | undefined> {
      const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
      return row;
    },
    async setPassword(db: Database, userId: string, passwordHash: string) {
      await db
        .update(users)
        .set({
          passwordHash,
          failedLoginCount: 0,
          lockedUntil: null,
          updatedAt: new Date(),
          version: sql`${users.version} + 1`,
        })
        .where(eq(users.id, userId));
    },
    async updateProfile(
      db: Database,
      userId: string,
      values: { name?: string; phone?: string | null; locale?: string },
    ) {
      const [row] = await db
        .update(users)
        .set({ ...values, updatedAt: new Date(), version: sql`${users.version} + 1` })
        .where(eq(users.id, userId))
        .returning();
      return row!;
    },
    async insertPasswordReset(db: Database, userId: string, tokenHash: string, expiresAt: Date) {
      await db.insert(passwordResetTokens).values({ userId, tokenHash, expiresAt });
    },
    /** Atomic: a reset token works once, before it expires. */
    async consumePasswordReset(db: Database, tokenHash: string): Promise<string | undefined> {
      const [row] = await db
        .update(passwordResetTokens)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(passwordResetTokens.tokenHash, tokenHash),
            isNull(passwordResetTokens.usedAt),
            gt(passwordResetTokens.expiresAt, new Date()),
          ),
        )
        .returning({ userId: passwordResetTokens.userId });
      return row?.userId;
    },
  };
}
export type AuthRepo = ReturnType<typeof createAuthRepo>;
