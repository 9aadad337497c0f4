import type {
  RecoveryCodes,
  TokenResponse,
  TwoFactorChallenge,
  TwoFactorConfirmSchema,
  TwoFactorDisableSchema,
  TwoFactorEnrolled,
  TwoFactorEnrolmentConfirmSchema,
  TwoFactorSetup,
  TwoFactorStatus,
  TwoFactorVerifySchema,
} from '@bancada/shared';
import QRCode from 'qrcode';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan, type RequestContext } from '../../platform/context.js';
import { AppError, conflict, notFound, unauthorized } from '../../platform/errors.js';
import { verifyPassword } from '../../platform/password.js';
import { hashToken, newOpaqueToken } from '../../platform/tokens.js';
import { inTransaction, type Tx } from '../../platform/tx.js';
import { lockedError, type SessionStarter, type SignInDeps } from './sign-in.js';
import type { ChallengePurpose, ChallengeRow } from './two-factor.repo.js';
import {
  matchTotpStep,
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
  otpauthUri,
} from './two-factor.totp.js';
import type { UserRow, UsersRepo } from './users.repo.js';

type TwoFactorVerify = z.output<typeof TwoFactorVerifySchema>;
type TwoFactorConfirm = z.output<typeof TwoFactorConfirmSchema>;
type TwoFactorEnrolmentConfirm = z.output<typeof TwoFactorEnrolmentConfirmSchema>;
type TwoFactorDisable = z.output<typeof TwoFactorDisableSchema>;

/** long enough to open the authenticator app (or set it up), short enough to be useless if leaked */
const CHALLENGE_VERIFY_TTL_SECONDS = 5 * 60;
/** setting up an app takes longer than reading a code */
const CHALLENGE_ENROL_TTL_SECONDS = 15 * 60;
/** wrong codes one challenge takes before a new password step is needed (they count toward lockout too) */
const CHALLENGE_MAX_ATTEMPTS = 5;

const invalidCode = () => new AppError('UNAUTHORIZED', 'auth.two_factor_invalid');
const invalidChallenge = () => new AppError('UNAUTHORIZED', 'auth.two_factor_challenge_invalid');

type TwoFactorDeps = SignInDeps & { users: UsersRepo; sessions: SessionStarter };

/** Issue 13 §4: an optional TOTP second factor, required per role by the organization. */
export function createTwoFactorService(deps: TwoFactorDeps) {
  const { db, pool, twoFactorRepo: repo, users, organization, cipher, sessions } = deps;
  const recoveryHash = (code: string) => cipher.lookupHash(`recovery:${normalizeRecoveryCode(code)}`);

  async function isRequiredFor(user: Pick<UserRow, 'organizationId' | 'role'>): Promise<boolean> {
    const org = await organization.profile(db, user.organizationId);
    return (org?.twoFactorRoles ?? []).includes(user.role as never);
  }

  /** A fresh secret kept sealed on the user until a code made with it is confirmed. */
  async function newSetup(user: UserRow): Promise<TwoFactorSetup> {
    const secret = newTotpSecret();
    await repo.setPendingSecret(db, user.id, cipher.encrypt(secret));
    const org = await organization.profile(db, user.organizationId);
    const uri = otpauthUri(secret, user.email, org?.name ? `Bancada (${org.name})` : 'Bancada');
    const qrDataUrl = await QRCode.toDataURL(uri, { margin: 1, width: 240, errorCorrectionLevel: 'M' });
    return { secret, otpauthUri: uri, qrDataUrl };
  }

  /** The time step of a current code made with this sealed secret, or null. */
  function stepOf(sealed: string | null, code: string): number | null {
    if (!sealed) return null;
    return matchTotpStep(cipher.decrypt(sealed), code);
  }

  /** Turns on the pending secret (when `code` is current for it) and hands out new recovery codes. */
  async function enableWith(tx: Tx, ctx: RequestContext, user: UserRow, step: number): Promise<string[]> {
    // another request turned the same secret on first
    if (!(await repo.enable(tx.db, user.id, step))) throw conflict('auth.two_factor_already_on');
    const codes = newRecoveryCodes();
    await repo.replaceRecoveryCodes(tx.db, user.organizationId, user.id, codes.map(recoveryHash));
    await recordAudit(tx.db, ctx, {
      organizationId: user.organizationId,
      action: 'user.two_factor_enable',
      entity: 'user',
      entityId: user.id,
      after: { twoFactor: true },
    });
    return codes;
  }

  /** The challenge named by a token, with its user (active, not locked). */
  async function openChallenge(token: string, purpose: ChallengePurpose) {
    const challenge = await repo.findOpenChallenge(db, hashToken(token), CHALLENGE_MAX_ATTEMPTS);
    if (!challenge || challenge.purpose !== purpose) throw invalidChallenge();
    const user = await users.findByIdInAnyOrganization(db, challenge.userId);
    if (!user?.active) throw invalidChallenge();
    if (user.lockedUntil && user.lockedUntil > new Date()) throw lockedError(user.lockedUntil);
    return { challenge, user };
  }

  /** A wrong code: one attempt of the challenge and one failure toward the account's lockout. */
  async function refuse(ctx: RequestContext, challenge: ChallengeRow, user: UserRow): Promise<never> {
    await repo.countChallengeFailure(db, challenge.id);
    return sessions.registerFailure(ctx, user, invalidCode());
  }

  async function statusOf(organizationId: string, userId: string): Promise<TwoFactorStatus> {
    const user = await users.findById(db, organizationId, userId);
    if (!user) throw notFound('users.not_found');
    const enabled = user.totpEnabledAt !== null && user.totpSecret !== null;
    return {
      enabled,
      enabledAt: enabled ? user.totpEnabledAt!.toISOString() : null,
      recoveryCodesLeft: enabled ? await repo.countUnusedRecoveryCodes(db, user.id) : 0,
      required: user.role !== 'CUSTOMER' && (await isRequiredFor(user)),
    };
  }

  return {
    /**
     * After a right password: a challenge when the user has a second factor (VERIFY) or must set one
     * up (ENROL); null when the sign-in can finish now.
     */
    async challengeFor(user: UserRow, rememberMe: boolean): Promise<TwoFactorChallenge | null> {
      let purpose: ChallengePurpose | null = null;
      if (user.totpEnabledAt && user.totpSecret) purpose = 'VERIFY';
      else if (user.role !== 'CUSTOMER' && (await isRequiredFor(user))) purpose = 'ENROL';
      if (!purpose) return null;
      const ttl = purpose === 'VERIFY' ? CHALLENGE_VERIFY_TTL_SECONDS : CHALLENGE_ENROL_TTL_SECONDS;
      const token = newOpaqueToken();
      await repo.insertChallenge(db, {
        organizationId: user.organizationId,
        userId: user.id,
        tokenHash: token.hash,
        purpose,
        rememberMe,
        expiresAt: new Date(Date.now() + ttl * 1000),
      });
      return { twoFactor: purpose, challengeToken: token.token, expiresIn: ttl };
    },

    /** The second step of a sign-in: a current code (once) or an unused recovery code. */
    async verify(ctx: RequestContext, input: TwoFactorVerify): Promise<TokenResponse> {
      const { challenge, user } = await openChallenge(input.challengeToken, 'VERIFY');
      const step = input.code ? stepOf(user.totpSecret, input.code) : null;
      return inTransaction(pool, async (tx) => {
        let accepted = false;
        if (input.code) accepted = step !== null && (await repo.acceptStep(tx.db, user.id, step));
        else if (input.recoveryCode) {
          accepted = await repo.consumeRecoveryCode(tx.db, user.id, recoveryHash(input.recoveryCode));
        }
        if (!accepted) return { refused: true as const };
        if (!(await repo.closeChallenge(tx.db, challenge.id))) throw invalidChallenge();
        const method = input.code ? 'totp' : 'recovery_code';
        return { tokens: await sessions.startSession(tx, ctx, user, challenge.rememberMe, method) };
      }).then((result) => ('refused' in result ? refuse(ctx, challenge, user) : result.tokens));
    },

    /** Enrolment during a sign-in (the role requires it): a secret for the challenge's user. */
    async startEnrolment(_ctx: RequestContext, challengeToken: string): Promise<TwoFactorSetup> {
      const { user } = await openChallenge(challengeToken, 'ENROL');
      return newSetup(user);
    },

    /** Confirms the enrolment with a current code and finishes the sign-in; recovery codes come with the tokens. */
    async finishEnrolment(ctx: RequestContext, input: TwoFactorEnrolmentConfirm): Promise<TwoFactorEnrolled> {
      const { challenge, user } = await openChallenge(input.challengeToken, 'ENROL');
      const step = stepOf(user.totpPendingSecret, input.code);
      if (step === null) return refuse(ctx, challenge, user);
      return inTransaction(pool, async (tx) => {
        const recoveryCodes = await enableWith(tx, ctx, user, step);
        if (!(await repo.closeChallenge(tx.db, challenge.id))) throw invalidChallenge();
        const tokens = await sessions.startSession(tx, ctx, user, challenge.rememberMe, 'enrolment');
        return { ...tokens, recoveryCodes };
      });
    },

    async status(ctx: AuthedContext): Promise<TwoFactorStatus> {
      return statusOf(ctx.actor.organizationId, ctx.actor.userId);
    },

    /** A new secret for the signed-in user; nothing changes until it is confirmed. */
    async setup(ctx: AuthedContext): Promise<TwoFactorSetup> {
      const user = await users.findById(db, ctx.actor.organizationId, ctx.actor.userId);
      if (!user) throw unauthorized();
      if (user.totpEnabledAt) throw conflict('auth.two_factor_already_on');
      return newSetup(user);
    },

    async confirm(ctx: AuthedContext, input: TwoFactorConfirm): Promise<RecoveryCodes> {
      const user = await users.findById(db, ctx.actor.organizationId, ctx.actor.userId);
      if (!user) throw unauthorized();
      if (user.totpEnabledAt) throw conflict('auth.two_factor_already_on');
      const step = stepOf(user.totpPendingSecret, input.code);
      if (step === null) {
        throw new AppError('VALIDATION', 'validation.failed', {}, { code: 'auth.two_factor_invalid' });
      }
      const recoveryCodes = await inTransaction(pool, (tx) => enableWith(tx, ctx, user, step));
      return { recoveryCodes };
    },

    /** Turns the second factor off with a current code or the password (not while the role requires it). */
    async disable(ctx: AuthedContext, input: TwoFactorDisable): Promise<void> {
      const user = await users.findById(db, ctx.actor.organizationId, ctx.actor.userId);
      if (!user) throw unauthorized();
      if (!user.totpEnabledAt) throw conflict('auth.two_factor_not_on');
      if (await isRequiredFor(user)) throw conflict('auth.two_factor_required');
      await inTransaction(pool, async ({ db: tx }) => {
        if (input.code !== undefined) {
          const step = stepOf(user.totpSecret, input.code);
          if (step === null || !(await repo.acceptStep(tx, user.id, step))) {
            throw new AppError('VALIDATION', 'validation.failed', {}, { code: 'auth.two_factor_invalid' });
          }
        } else if (!(await verifyPassword(user.passwordHash, input.password ?? ''))) {
          throw new AppError('VALIDATION', 'validation.failed', {}, { password: 'auth.wrong_password' });
        }
        await repo.disable(tx, user.id);
        await recordAudit(tx, ctx, {
          organizationId: user.organizationId,
          action: 'user.two_factor_disable',
          entity: 'user',
          entityId: user.id,
          before: { twoFactor: true },
          after: { twoFactor: false },
        });
      });
    },

    ...createTwoFactorAdmin(deps, statusOf),
    ...createRecoveryCodesRenewal(deps, { recoveryHash, stepOf }),
  };
}
export type TwoFactorService = ReturnType<typeof createTwoFactorService>;

/** What an administrator does with a user's second factor: look, and reset it (a lost phone). */
function createTwoFactorAdmin(
  deps: TwoFactorDeps,
  statusOf: (organizationId: string, userId: string) => Promise<TwoFactorStatus>,
) {
  const { db, pool, twoFactorRepo: repo, users } = deps;
  return {
    /** An administrator's view of a user's second factor. */
    async statusOfUser(ctx: AuthedContext, userId: string): Promise<TwoFactorStatus> {
      assertCan(ctx, 'users:read');
      return statusOf(ctx.actor.organizationId, userId);
    },

    /** An administrator turns a user's second factor off (a lost phone); audited. */
    async reset(ctx: AuthedContext, userId: string): Promise<void> {
      assertCan(ctx, 'users:manage');
      const user = await users.findById(db, ctx.actor.organizationId, userId);
      if (!user) throw notFound('users.not_found');
      await inTransaction(pool, async ({ db: tx }) => {
        const wasOn = await repo.disable(tx, user.id);
        await recordAudit(tx, ctx, {
          organizationId: user.organizationId,
          action: 'user.two_factor_reset',
          entity: 'user',
          entityId: user.id,
          before: { twoFactor: wasOn },
          after: { twoFactor: false },
        });
      });
    },
  };
}

/** New recovery codes for a user who lost or used up theirs, against a current authenticator code. */
function createRecoveryCodesRenewal(
  deps: TwoFactorDeps,
  helpers: {
    recoveryHash: (code: string) => string;
    stepOf: (sealed: string | null, code: string) => number | null;
  },
) {
  const { db, pool, twoFactorRepo: repo, users } = deps;
  const { recoveryHash, stepOf } = helpers;
  return {
    /** New recovery codes for a current authenticator code; the old ones stop working at once (audited). */
    async regenerateRecoveryCodes(ctx: AuthedContext, input: TwoFactorConfirm): Promise<RecoveryCodes> {
      const user = await users.findById(db, ctx.actor.organizationId, ctx.actor.userId);
      if (!user) throw unauthorized();
      if (!user.totpEnabledAt) throw conflict('auth.two_factor_not_on');
      return inTransaction(pool, async ({ db: tx }) => {
        const step = stepOf(user.totpSecret, input.code);
        if (step === null || !(await repo.acceptStep(tx, user.id, step))) {
          throw new AppError('VALIDATION', 'validation.failed', {}, { code: 'auth.two_factor_invalid' });
        }
        const recoveryCodes = newRecoveryCodes();
        await repo.replaceRecoveryCodes(tx, user.organizationId, user.id, recoveryCodes.map(recoveryHash));
        await recordAudit(tx, ctx, {
          organizationId: user.organizationId,
          action: 'user.two_factor_recovery_codes',
          entity: 'user',
          entityId: user.id,
          after: { recoveryCodes: recoveryCodes.length },
        });
        return { recoveryCodes };
      });
    },
  };
}
