import type { Locale, Role, TokenResponse } from '@bancada/shared';
import type pg from 'pg';
import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import type { Cipher } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import { newOpaqueToken, type TokenSigner } from '../../platform/tokens.js';
import { inTransaction, type Tx } from '../../platform/tx.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { AuthRepo } from './auth.repo.js';
import type { TwoFactorRepo } from './two-factor.repo.js';
import { coarseNetwork } from './two-factor.totp.js';
import type { UserRow } from './users.repo.js';

export type AuthConfig = Pick<
  Config,
  'sessionTtlHours' | 'rememberMeDays' | 'loginMaxFailures' | 'loginLockMinutes' | 'publicUrl'
>;

/** How the sign-in was finished, kept in the audit row. */
export type SignInMethod = 'password' | 'totp' | 'recovery_code' | 'enrolment';

export const sessionExpiry = (config: AuthConfig, rememberMe: boolean) =>
  new Date(Date.now() + (rememberMe ? config.rememberMeDays * 24 : config.sessionTtlHours) * 3_600_000);

export async function issueTokens(
  signer: TokenSigner,
  user: UserRow,
  sessionId: string,
  refreshToken: string,
): Promise<TokenResponse> {
  const accessToken = await signer.sign({ sub: user.id, sid: sessionId, org: user.organizationId });
  return {
    accessToken,
    refreshToken,
    expiresIn: signer.ttlSeconds,
    user: { id: user.id, name: user.name, email: user.email, role: user.role as Role },
  };
}

export function lockedError(lockedUntil: Date): AppError {
  const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 60_000));
  return new AppError(
    'ACCOUNT_LOCKED',
    'auth.locked',
    { minutes },
    { lockedUntil: lockedUntil.toISOString() },
    {
      'retry-after': String(minutes * 60),
    },
  );
}

export type SignInDeps = {
  db: Database;
  pool: pg.Pool;
  repo: AuthRepo;
  twoFactorRepo: TwoFactorRepo;
  organization: OrganizationService;
  outbox: OutboxService;
  signer: TokenSigner;
  cipher: Cipher;
  config: AuthConfig;
};

/** The short description of a browser in the new-device e-mail: its user agent, cut to a sane length. */
function deviceOf(userAgent: string | null): string {
  return (userAgent ?? '').replace(/[\r\n]+/g, ' ').slice(0, 200) || '?';
}

/** The parts of a sign-in that the password step and the second-factor step share. */
export function createSessionStarter(deps: SignInDeps) {
  const { pool, repo, twoFactorRepo, organization, outbox, signer, cipher, config } = deps;

  /** A sign-in from a device (user agent + coarse network) this user never used: e-mail them, in their language. */
  async function warnOfNewDevice(tx: Tx, ctx: RequestContext, user: UserRow): Promise<void> {
    const network = coarseNetwork(ctx.ip);
    const deviceHash = cipher.lookupHash(`device:${user.id}:${ctx.userAgent ?? ''}|${network}`);
    const seen = await twoFactorRepo.noteDevice(tx.db, user.organizationId, user.id, deviceHash);
    if (!seen.isNew || seen.isFirst) return;
    const org = await organization.profile(tx.db, user.organizationId);
    const locale = (user.locale as Locale) ?? ctx.locale;
    const when = new Intl.DateTimeFormat(locale, {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: org?.timeZone ?? 'America/Sao_Paulo',
    }).format(new Date());
    await outbox.queueEmail(tx, {
      organizationId: user.organizationId,
      to: user.email,
      subject: t(locale, 'mail.new_device.subject', { org: org?.name ?? 'Bancada' }),
      text: t(locale, 'mail.new_device.body', {
        name: user.name,
        org: org?.name ?? 'Bancada',
        device: deviceOf(ctx.userAgent),
        ip: ctx.ip ?? '?',
        when,
        link: `${org?.publicUrl ?? config.publicUrl}/account`,
      }),
      relatedEntity: 'user',
      relatedId: user.id,
    });
  }

  return {
    /** A full sign-in: the failure counter cleared, a session with its first refresh token, audited. */
    async startSession(
      tx: Tx,
      ctx: RequestContext,
      user: UserRow,
      rememberMe: boolean,
      method: SignInMethod,
    ): Promise<TokenResponse> {
      await repo.registerSuccessfulLogin(tx.db, user.id);
      const session = await repo.insertSession(tx.db, {
        userId: user.id,
        organizationId: user.organizationId,
        rememberMe,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        expiresAt: sessionExpiry(config, rememberMe),
      });
      const refresh = newOpaqueToken();
      await repo.insertRefreshToken(tx.db, session.id, refresh.hash);
      await warnOfNewDevice(tx, ctx, user);
      await recordAudit(
        tx.db,
        { ...ctx, actor: { userId: user.id, name: user.name } as Actor },
        {
          organizationId: user.organizationId,
          action: 'auth.login',
          entity: 'session',
          entityId: session.id,
          after: method === 'password' ? { rememberMe } : { rememberMe, secondFactor: method },
        },
      );
      return issueTokens(signer, user, session.id, refresh.token);
    },

    /**
     * A wrong password or code: counted on the user's row (atomic), the account locked at the limit
     * (audited). Throws the error to answer: 423 when locked, otherwise `otherwise`.
     */
    async registerFailure(ctx: RequestContext, user: UserRow, otherwise: AppError): Promise<never> {
      const result = await inTransaction(pool, async ({ db: tx }) => {
        const failed = await repo.registerFailedLogin(
          tx,
          user.id,
          config.loginMaxFailures,
          config.loginLockMinutes,
        );
        if (
          failed?.lockedUntil &&
          failed.lockedUntil > new Date() &&
          failed.failedLoginCount >= config.loginMaxFailures
        ) {
          await recordAudit(tx, ctx, {
            organizationId: user.organizationId,
            action: 'auth.lockout',
            entity: 'user',
            entityId: user.id,
            after: {
              failedLoginCount: failed.failedLoginCount,
              lockedUntil: failed.lockedUntil.toISOString(),
            },
          });
        }
        return failed;
      });
      if (result?.lockedUntil && result.lockedUntil > new Date()) throw lockedError(result.lockedUntil);
      throw otherwise;
    },
  };
}
export type SessionStarter = ReturnType<typeof createSessionStarter>;
