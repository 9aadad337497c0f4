import {
  type ChangePasswordSchema,
  type Locale,
  type LoginRequestSchema,
  type LoginResponse,
  type Me,
  permissionsOf,
  type Role,
  type Session,
  type SessionsRevoked,
  type TokenResponse,
} from '@bancada/shared';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, AuthedContext, RequestContext } from '../../platform/context.js';
import { AppError, notFound, unauthorized } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../platform/password.js';
import { hashToken, newOpaqueToken } from '../../platform/tokens.js';
import { inTransaction } from '../../platform/tx.js';
import type { SessionRow } from './auth.repo.js';
import {
  createSessionStarter,
  issueTokens,
  lockedError,
  type SessionStarter,
  type SignInDeps,
  sessionExpiry,
} from './sign-in.js';
import { createTwoFactorService, type TwoFactorService } from './two-factor.service.js';
import type { UsersRepo } from './users.repo.js';

// two tabs refreshing at the same moment is not theft: a token reused within this window is refused
// without revoking the session
const REUSE_GRACE_MS = 10_000;
const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

type LoginRequest = z.output<typeof LoginRequestSchema>;
type ChangePassword = z.output<typeof ChangePasswordSchema>;

function toSession(row: SessionRow, currentSessionId: string): Session {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    ip: row.ip,
    userAgent: row.userAgent,
    rememberMe: row.rememberMe,
    current: row.id === currentSessionId,
  };
}

type AuthDeps = SignInDeps & { users: UsersRepo };

/** Passwords: a change by the signed-in user, and the e-mailed reset (request, then confirm). */
function createPasswordFlows(deps: AuthDeps) {
  const { db, pool, repo, users, organization, outbox, config } = deps;
  return {
    async changePassword(ctx: AuthedContext, input: ChangePassword): Promise<void> {
      const { currentPassword, newPassword } = input;
      const user = await users.findById(db, ctx.actor.organizationId, ctx.actor.userId);
      if (!user) throw unauthorized();
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        throw new AppError('VALIDATION', 'validation.failed', {}, { currentPassword: 'auth.wrong_password' });
      }
      const passwordHash = await hashPassword(newPassword);
      await inTransaction(pool, async ({ db: tx }) => {
        await repo.setPassword(tx, user.id, passwordHash);
        // every other device signs in again with the new password
        await users.revokeSessions(tx, user.id, 'password_changed', ctx.actor.sessionId);
        await recordAudit(tx, ctx, {
          organizationId: user.organizationId,
          action: 'user.change_password',
          entity: 'user',
          entityId: user.id,
        });
      });
    },

    /** Always answers the same way, so it cannot be used to find out which e-mails exist. */
    async requestPasswordReset(ctx: RequestContext, email: string): Promise<void> {
      const user = await users.findByEmail(db, email);
      if (!user?.active) return;
      const reset = newOpaqueToken();
      await inTransaction(pool, async (tx) => {
        await repo.insertPasswordReset(tx.db, user.id, reset.hash, new Date(Date.now() + RESET_TOKEN_TTL_MS));
        const org = await organization.profile(tx.db, user.organizationId);
        const locale = (user.locale as Locale) ?? ctx.locale;
        // portal customers reset here too, so the link uses the shop's public address
        const link = `${org?.publicUrl ?? config.publicUrl}/reset-password?token=${reset.token}`;
        await outbox.queueEmail(tx, {
          organizationId: user.organizationId,
          to: user.email,
          subject: t(locale, 'mail.reset.subject', { org: org?.name ?? 'Bancada' }),
          text: t(locale, 'mail.reset.body', { name: user.name, link }),
          relatedEntity: 'user',
          relatedId: user.id,
        });
        await recordAudit(tx.db, ctx, {
          organizationId: user.organizationId,
          action: 'auth.password_reset_requested',
          entity: 'user',
          entityId: user.id,
        });
      });
    },

    /**
     * A password reset link for the active login with this e-mail, made in the caller's transaction,
     * for another module's e-mail (the portal's "you already have an account"); undefined when none.
     */
    async passwordResetLinkFor(
      tx: Database,
      email: string,
    ): Promise<
      { link: string; userId: string; name: string; locale: Locale; organizationId: string } | undefined
    > {
      const user = await users.findByEmail(tx, email);
      if (!user?.active) return undefined;
      const reset = newOpaqueToken();
      await repo.insertPasswordReset(tx, user.id, reset.hash, new Date(Date.now() + RESET_TOKEN_TTL_MS));
      const org = await organization.profile(tx, user.organizationId);
      return {
        link: `${org?.publicUrl ?? config.publicUrl}/reset-password?token=${reset.token}`,
        userId: user.id,
        name: user.name,
        locale: user.locale as Locale,
        organizationId: user.organizationId,
      };
    },

    async confirmPasswordReset(ctx: RequestContext, token: string, password: string): Promise<void> {
      const passwordHash = await hashPassword(password);
      await inTransaction(pool, async ({ db: tx }) => {
        const userId = await repo.consumePasswordReset(tx, hashToken(token));
        if (!userId) throw new AppError('BAD_REQUEST', 'auth.reset_invalid');
        const user = await users.findByIdInAnyOrganization(tx, userId);
        await repo.setPassword(tx, userId, passwordHash);
        await users.revokeSessions(tx, userId, 'password_reset');
        if (user) {
          await recordAudit(tx, ctx, {
            organizationId: user.organizationId,
            action: 'auth.password_reset',
            entity: 'user',
            entityId: userId,
          });
        }
      });
    },
  };
}

/** Signing in and out: the password check with its lockout, refresh-token rotation, logout. */
function createSignIn(deps: AuthDeps, sessions: SessionStarter, twoFactor: TwoFactorService) {
  const { db, pool, repo, users, signer, config } = deps;
  return {
    /** The password step: tokens, or a challenge when a second factor is on or required (issue 13 §4). */
    async login(ctx: RequestContext, input: LoginRequest): Promise<LoginResponse> {
      const { email, password, rememberMe } = input;
      const user = await users.findByEmail(db, email);
      if (!user) {
        await verifyPassword(await dummyPasswordHash(), password);
        throw new AppError('UNAUTHORIZED', 'auth.invalid_credentials');
      }
      if (user.lockedUntil && user.lockedUntil > new Date()) throw lockedError(user.lockedUntil);
      if (!(await verifyPassword(user.passwordHash, password))) {
        return sessions.registerFailure(ctx, user, new AppError('UNAUTHORIZED', 'auth.invalid_credentials'));
      }
      if (!user.active) throw new AppError('UNAUTHORIZED', 'auth.inactive');
      // the failure counter is cleared only once the whole sign-in succeeds, so a known password
      // does not buy unlimited guesses at the code
      const challenge = await twoFactor.challengeFor(user, rememberMe);
      if (challenge) return challenge;
      return inTransaction(pool, (tx) => sessions.startSession(tx, ctx, user, rememberMe, 'password'));
    },

    async refresh(ctx: RequestContext, refreshToken: string): Promise<TokenResponse> {
      const found = await repo.findRefreshToken(db, hashToken(refreshToken));
      const invalid = () => new AppError('UNAUTHORIZED', 'auth.refresh_invalid');
      if (!found) throw invalid();
      const { token, session } = found;
      if (session.revokedAt || session.expiresAt <= new Date()) throw invalid();
      if (token.usedAt) {
        // a replay revokes the family (the session), unless it is two tabs refreshing together: inside
        // the grace window and while the token that replaced it has not been used yet
        const isLate = Date.now() - token.usedAt.getTime() > REUSE_GRACE_MS;
        if (isLate || (await repo.hasUsedSuccessor(db, session.id, token.id))) {
          await repo.revokeSession(db, session.id, 'refresh_token_reuse');
        }
        throw invalid();
      }
      return inTransaction(pool, async ({ db: tx }) => {
        if (!(await repo.consumeRefreshToken(tx, token.id))) throw invalid();
        const user = await users.findById(tx, session.organizationId, session.userId);
        if (!user?.active) throw invalid();
        const next = newOpaqueToken();
        await repo.insertRefreshToken(tx, session.id, next.hash);
        await repo.touchSession(
          tx,
          session.id,
          sessionExpiry(config, session.rememberMe),
          ctx.ip,
          ctx.userAgent,
        );
        return issueTokens(signer, user, session.id, next.token);
      });
    },

    async logout(ctx: RequestContext, refreshToken?: string): Promise<void> {
      let sessionId = ctx.actor?.sessionId;
      if (refreshToken) sessionId = (await repo.findRefreshToken(db, hashToken(refreshToken)))?.session.id;
      if (sessionId) await repo.revokeSession(db, sessionId, 'logout');
    },

    /** "Sign out everywhere": every session of mine ends, this one too. */
    async revokeAllSessions(ctx: AuthedContext): Promise<SessionsRevoked> {
      return inTransaction(pool, async ({ db: tx }) => {
        const revoked = await users.revokeSessions(tx, ctx.actor.userId, 'signed_out_everywhere');
        await recordAudit(tx, ctx, {
          organizationId: ctx.actor.organizationId,
          action: 'auth.sessions_revoke_all',
          entity: 'user',
          entityId: ctx.actor.userId,
          after: { revoked },
        });
        return { revoked };
      });
    },
  };
}

export function createAuthService(deps: AuthDeps) {
  const { db, pool, repo, users, organization, signer } = deps;
  const sessions = createSessionStarter(deps);
  const twoFactor = createTwoFactorService({ ...deps, sessions });

  return {
    ...createSignIn(deps, sessions, twoFactor),
    twoFactor,

    /** Authenticates a Bearer token: the user must be active and the session alive. */
    async resolveActor(accessToken: string): Promise<Actor | null> {
      const claims = await signer.verify(accessToken);
      if (!claims) return null;
      // the token names the organization, so both reads run at once
      const [row, org] = await Promise.all([
        repo.findActor(db, claims.sub, claims.sid),
        organization.profile(db, claims.org),
      ]);
      if (!row || !org) return null;
      if (!row.user.active || row.session.revokedAt || row.session.expiresAt <= new Date()) return null;
      if (row.user.organizationId !== claims.org) return null;
      return {
        userId: row.user.id,
        name: row.user.name,
        email: row.user.email,
        role: row.user.role as Role,
        organizationId: row.user.organizationId,
        branchId: row.user.branchId,
        sessionId: row.session.id,
        grants: org.grants,
        customerId: row.user.customerId,
      };
    },

    async me(ctx: AuthedContext): Promise<Me> {
      const [row, org] = await Promise.all([
        repo.findActor(db, ctx.actor.userId, ctx.actor.sessionId),
        organization.profile(db, ctx.actor.organizationId),
      ]);
      if (!row || !org) throw unauthorized();
      return {
        id: row.user.id,
        name: row.user.name,
        email: row.user.email,
        role: row.user.role as Role,
        phone: row.user.phone,
        locale: row.user.locale as Locale,
        organization: {
          id: row.user.organizationId,
          name: org.name,
          vertical: org.vertical,
          timeZone: org.timeZone,
          customerLinksReachable: org.customerLinksReachable,
        },
        branchId: row.user.branchId,
        customerId: row.user.customerId,
        permissions: permissionsOf(ctx.actor.role, ctx.actor.grants),
      };
    },

    async updateMe(
      ctx: AuthedContext,
      input: { name?: string | undefined; phone?: string | null | undefined; locale?: Locale | undefined },
    ): Promise<Me> {
      await inTransaction(pool, async ({ db: tx }) => {
        const before = await users.findById(tx, ctx.actor.organizationId, ctx.actor.userId);
        const values = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
        const after = await repo.updateProfile(tx, ctx.actor.userId, values);
        await recordAudit(tx, ctx, {
          organizationId: ctx.actor.organizationId,
          action: 'user.update_profile',
          entity: 'user',
          entityId: ctx.actor.userId,
          before: before && { name: before.name, phone: before.phone, locale: before.locale },
          after: { name: after.name, phone: after.phone, locale: after.locale },
        });
      });
      return this.me(ctx);
    },

    ...createPasswordFlows(deps),

    async listSessions(ctx: AuthedContext): Promise<Session[]> {
      const rows = await repo.listActiveSessions(db, ctx.actor.userId);
      return rows.map((row) => toSession(row, ctx.actor.sessionId));
    },

    async revokeSession(ctx: AuthedContext, sessionId: string): Promise<void> {
      const revoked = await inTransaction(pool, async ({ db: tx }) => {
        const ok = await repo.revokeSession(tx, sessionId, 'revoked_by_user', ctx.actor.userId);
        if (ok) {
          await recordAudit(tx, ctx, {
            organizationId: ctx.actor.organizationId,
            action: 'auth.session_revoke',
            entity: 'session',
            entityId: sessionId,
          });
        }
        return ok;
      });
      if (!revoked) throw notFound('sessions.not_found');
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
