import type {
  Locale,
  PortalAcceptInvitation,
  PortalAccountReady,
  PortalRegisterParsed,
} from '@bancada/shared';
import type pg from 'pg';
import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan, type RequestContext } from '../../platform/context.js';
import type { Cipher } from '../../platform/crypto.js';
import { AppError, conflict } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import { hashPassword } from '../../platform/password.js';
import { countHit } from '../../platform/rate-limit-store.js';
import { normalizeEmail } from '../../platform/search-terms.js';
import { hashToken, newOpaqueToken } from '../../platform/tokens.js';
import { inTransaction } from '../../platform/tx.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { PolicyService } from '../privacy/policy.service.js';
import type { AuthService } from '../users/auth.service.js';
import type { UsersService } from '../users/users.service.js';
import type { PortalRepo } from './portal.repo.js';

/** A registration or invitation link works for this long. */
export const PORTAL_LINK_TTL_MS = 24 * 60 * 60 * 1000;
/** Registrations of one e-mail per hour (the route also limits each address per minute). */
export const REGISTRATIONS_PER_EMAIL_PER_HOUR = 5;

export type AccountsDeps = {
  db: Database;
  pool: pg.Pool;
  repo: PortalRepo;
  cipher: Cipher;
  config: Pick<Config, 'publicUrl'>;
  users: Pick<UsersService, 'loginExists' | 'createPortalLogin' | 'portalUsersByCustomer'>;
  auth: Pick<AuthService, 'passwordResetLinkFor'>;
  customers: Pick<CustomersService, 'portal' | 'contactOf' | 'assertReachable'>;
  organization: Pick<OrganizationService, 'profile' | 'defaultProfile'>;
  outbox: Pick<OutboxService, 'queueEmail'>;
  policy: Pick<PolicyService, 'currentVersion'>;
};

const tokenInvalid = () => new AppError('BAD_REQUEST', 'portal.token_invalid');

/** Self-registration: the request (same answer for any e-mail) and the e-mailed link's verification. */
function registration(deps: AccountsDeps) {
  const { db, pool, repo, cipher, users, customers, organization, outbox } = deps;

  async function registrationOrganization() {
    const profile = await organization.defaultProfile(db);
    if (!profile) throw new AppError('NOT_FOUND', 'portal.no_organization');
    return profile;
  }

  return {
    /**
     * Always the same answer for a well-formed body, and a password hashed either way, so neither the
     * answer nor its timing tells whether the e-mail has an account.
     */
    async register(ctx: RequestContext, input: PortalRegisterParsed): Promise<void> {
      const passwordHash = await hashPassword(input.password);
      const profile = await registrationOrganization();
      const email = normalizeEmail(input.email);
      const emailHash = cipher.lookupHash(email);
      const hit = await countHit(db, { route: 'portal:register:email', key: emailHash, windowMs: 3_600_000 });
      if (hit.current > REGISTRATIONS_PER_EMAIL_PER_HOUR)
        throw new AppError('TOO_MANY_REQUESTS', 'portal.too_many');
      const locale: Locale = input.locale ?? ctx.locale;
      await inTransaction(pool, async (tx) => {
        await repo.sweepExpiredSignups(tx.db);
        const existing = await deps.auth.passwordResetLinkFor(tx.db, email);
        if (existing) {
          await outbox.queueEmail(tx, {
            organizationId: existing.organizationId,
            to: email,
            subject: t(locale, 'mail.portal_exists.subject', { org: profile.name }),
            text: t(locale, 'mail.portal_exists.body', { link: existing.link }),
            relatedEntity: 'user',
            relatedId: existing.userId,
          });
          return;
        }
        // a deactivated login: nothing to send, and the same answer
        if (await users.loginExists(tx.db, email)) return;
        const link = newOpaqueToken();
        await repo.insertSignup(tx.db, {
          organizationId: profile.id,
          kind: 'SIGNUP',
          emailCiphertext: cipher.encrypt(email),
          emailHash,
          name: input.name,
          phoneCiphertext: input.phone ? cipher.encrypt(input.phone) : null,
          documentCiphertext: input.document ? cipher.encrypt(input.document) : null,
          passwordHash,
          locale,
          policyVersion: await deps.policy.currentVersion(tx.db, profile.id),
          tokenHash: link.hash,
          expiresAt: new Date(Date.now() + PORTAL_LINK_TTL_MS),
          ip: ctx.ip,
          userAgent: ctx.userAgent,
        });
        await outbox.queueEmail(tx, {
          organizationId: profile.id,
          to: email,
          subject: t(locale, 'mail.portal_verify.subject', { org: profile.name }),
          text: t(locale, 'mail.portal_verify.body', {
            name: input.name,
            org: profile.name,
            link: `${profile.publicUrl}/portal/verify?token=${link.token}`,
          }),
          relatedEntity: 'portal_signup',
        });
      });
    },

    /**
     * The e-mail is proven: in one transaction the link is used up, the customer with that e-mail is
     * found (or created), the CUSTOMER login made with the password typed at registration, and the
     * privacy policy's acceptance written to the consent ledger.
     */
    async verifyEmail(ctx: RequestContext, token: string): Promise<PortalAccountReady> {
      return inTransaction(pool, async ({ db: tx }) => {
        const signup = await repo.consumeSignup(tx, hashToken(token), 'SIGNUP');
        if (!signup?.passwordHash) throw tokenInvalid();
        const organizationId = signup.organizationId;
        const email = cipher.decrypt(signup.emailCiphertext);
        if (await users.loginExists(tx, email)) throw conflict('portal.already_has_login');
        const phone = signup.phoneCiphertext ? cipher.decrypt(signup.phoneCiphertext) : null;
        const document = signup.documentCiphertext ? cipher.decrypt(signup.documentCiphertext) : null;
        // linked only by the proven e-mail: a document anyone may know never opens someone's record
        const [linked] = await customers.portal.idsByEmail(tx, organizationId, email);
        let customerId = linked;
        if (!customerId) {
          const documentTaken =
            document !== null &&
            (await customers.portal.idsByDocument(tx, organizationId, document)).length > 0;
          customerId = await customers.portal.createFromRegistration(tx, ctx, organizationId, {
            name: signup.name,
            email,
            phone,
            document: documentTaken ? null : document,
          });
        }
        const userId = await users.createPortalLogin(tx, ctx, {
          organizationId,
          customerId,
          name: signup.name,
          email,
          phone,
          locale: signup.locale,
          passwordHash: signup.passwordHash,
        });
        await customers.portal.recordPolicyAcceptance(tx, ctx, organizationId, customerId, {
          policyVersion: signup.policyVersion,
          at: signup.createdAt,
          actorId: userId,
          actorName: signup.name,
        });
        await recordAudit(tx, ctx, {
          organizationId,
          action: 'portal.registered',
          entity: 'customer',
          entityId: customerId,
          after: {
            userId,
            linkedToExisting: linked !== undefined,
            privacyPolicyVersion: signup.policyVersion,
            registeredAt: signup.createdAt.toISOString(),
          },
        });
        return { email };
      });
    },
  };
}

/** Staff invitations: the e-mailed link, and its acceptance with a new password. */
function invitations(deps: AccountsDeps) {
  const { db, pool, repo, cipher, users, customers, organization, outbox } = deps;
  return {
    /** Staff e-mail the customer a link to choose a password (409: no e-mail, or a login already). */
    async invite(ctx: AuthedContext, customerId: string): Promise<void> {
      assertCan(ctx, 'customers:write');
      await customers.assertReachable(ctx, customerId, 'customers:write');
      const organizationId = ctx.actor.organizationId;
      const contact = await customers.contactOf(db, organizationId, customerId);
      if (!contact || contact.gone) throw conflict('portal.customer_gone');
      if (!contact.email) throw conflict('portal.no_email', { email: 'portal.no_email' });
      const email = normalizeEmail(contact.email);
      const [logins, emailTaken] = await Promise.all([
        users.portalUsersByCustomer(db, organizationId, [customerId]),
        users.loginExists(db, email),
      ]);
      if (logins.has(customerId) || emailTaken) throw conflict('portal.already_has_login');
      const profile = await organization.profile(db, organizationId);
      const locale = (profile?.locale as Locale | undefined) ?? ctx.locale;
      const link = newOpaqueToken();
      await inTransaction(pool, async (tx) => {
        await repo.insertSignup(tx.db, {
          organizationId,
          kind: 'INVITATION',
          emailCiphertext: cipher.encrypt(email),
          emailHash: cipher.lookupHash(email),
          name: contact.name,
          locale,
          customerId,
          tokenHash: link.hash,
          expiresAt: new Date(Date.now() + PORTAL_LINK_TTL_MS),
          invitedBy: ctx.actor.userId,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
        });
        await outbox.queueEmail(tx, {
          organizationId,
          to: email,
          subject: t(locale, 'mail.portal_invitation.subject', { org: profile?.name ?? 'Bancada' }),
          text: t(locale, 'mail.portal_invitation.body', {
            name: contact.name,
            org: profile?.name ?? 'Bancada',
            link: `${profile?.publicUrl ?? deps.config.publicUrl}/portal/invitation?token=${link.token}`,
          }),
          relatedEntity: 'customer',
          relatedId: customerId,
        });
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'portal.invited',
          entity: 'customer',
          entityId: customerId,
        });
      });
    },

    /** The invited customer chooses a password: the CUSTOMER login is made for that customer. */
    async acceptInvitation(ctx: RequestContext, input: PortalAcceptInvitation): Promise<PortalAccountReady> {
      const passwordHash = await hashPassword(input.password);
      return inTransaction(pool, async ({ db: tx }) => {
        const invitation = await repo.consumeSignup(tx, hashToken(input.token), 'INVITATION');
        if (!invitation?.customerId) throw tokenInvalid();
        const { organizationId, customerId } = invitation;
        const contact = await customers.contactOf(tx, organizationId, customerId);
        if (!contact || contact.gone) throw tokenInvalid();
        const email = cipher.decrypt(invitation.emailCiphertext);
        if (await users.loginExists(tx, email)) throw conflict('portal.already_has_login');
        const userId = await users.createPortalLogin(tx, ctx, {
          organizationId,
          customerId,
          name: contact.name,
          email,
          phone: contact.phone,
          locale: invitation.locale,
          passwordHash,
        });
        await recordAudit(tx, ctx, {
          organizationId,
          action: 'portal.invitation_accepted',
          entity: 'customer',
          entityId: customerId,
          after: { userId },
        });
        return { email };
      });
    },
  };
}

/**
 * Customer accounts (issue 15 §2): self-registration confirmed by an e-mailed link, staff invitations.
 * A login e-mail is unique in the installation (decision 0001); registration happens in the
 * installation's default organization (decision 0014). Linking to an existing customer record happens
 * only after the e-mail is proven, and only by that e-mail.
 */
export function createAccountsService(deps: AccountsDeps) {
  return { ...registration(deps), ...invitations(deps) };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
