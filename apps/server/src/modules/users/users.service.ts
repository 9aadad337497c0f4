import type {
  Page,
  Role,
  User,
  UserCreateSchema,
  UserListQuerySchema,
  UserUpdateSchema,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan, type RequestContext } from '../../platform/context.js';
import { AppError, conflict, isUniqueViolation, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import type { ExistsCheck } from '../../platform/module.js';
import { hashPassword } from '../../platform/password.js';
import { inTransaction } from '../../platform/tx.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { UserRow, UsersRepo } from './users.repo.js';

type UserCreate = z.output<typeof UserCreateSchema>;
type UserUpdate = z.output<typeof UserUpdateSchema>;
type UserListQuery = z.output<typeof UserListQuerySchema>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as Role,
    area: row.area,
    phone: row.phone,
    locale: row.locale as User['locale'],
    active: row.active,
    branchId: row.branchId,
    specialties: row.specialties,
    workingHours: row.workingHours as User['workingHours'],
    lockedUntil: row.lockedUntil && row.lockedUntil > new Date() ? row.lockedUntil.toISOString() : null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    customerId: row.customerId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Who may be named on an order, with what assignment weighs (specialties, working hours). */
export type StaffMember = {
  id: string;
  name: string;
  role: Role;
  specialties: string[];
  workingHours: { day: string; start: string; end: string }[];
};
export type Technician = StaffMember;
export type NotifiedManager = { email: string; name: string; locale: string };

type StaffRow = { id: string; name: string; role: string; specialties: string[]; workingHours: unknown };

function toStaffMember(row: StaffRow): StaffMember {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    specialties: row.specialties,
    workingHours: row.workingHours as StaffMember['workingHours'],
  };
}

/** What other modules read about people: lookups by id, never a user row. */
function createUserDirectory(repo: UsersRepo) {
  return {
    /** The CUSTOMER login linked to each of these customer records, if any (customer id → user id). */
    portalUsersByCustomer(
      executor: Database,
      organizationId: string,
      customerIds: string[],
    ): Promise<Map<string, string>> {
      return repo.portalUsersByCustomer(executor, organizationId, customerIds);
    },

    /** An active user of the organization who is staff (any role but CUSTOMER). */
    async activeStaff(
      executor: Database,
      organizationId: string,
      id: string,
    ): Promise<StaffMember | undefined> {
      const row = await repo.activeUser(executor, organizationId, id, { staffOnly: true });
      return row && toStaffMember(row);
    },

    /** An active user of the organization, whatever the role. */
    async activeUser(
      executor: Database,
      organizationId: string,
      id: string,
    ): Promise<StaffMember | undefined> {
      const row = await repo.activeUser(executor, organizationId, id, { staffOnly: false });
      return row && toStaffMember(row);
    },

    /** user id → name, for the ids of this organization that exist. */
    namesByIds(executor: Database, organizationId: string, ids: string[]): Promise<Map<string, string>> {
      return repo.namesByIds(executor, organizationId, [...new Set(ids)]);
    },

    /** Active technicians, ordered by name then id. */
    async technicians(executor: Database, organizationId: string): Promise<Technician[]> {
      return (await repo.technicians(executor, organizationId)).map(toStaffMember);
    },

    /** LGPD anonymisation (customers module): the customer's portal logins closed for good. */
    closePortalLogins(tx: Database, organizationId: string, customerId: string): Promise<number> {
      return repo.closePortalLogins(tx, organizationId, customerId);
    },

    /** Whether any login (any organization, any role) uses this e-mail: it is unique in the installation (decision 0001). */
    async loginExists(executor: Database, email: string): Promise<boolean> {
      return (await repo.findByEmail(executor, email.toLowerCase())) !== undefined;
    },

    /**
     * The portal (issue 15 §2): a CUSTOMER login for a verified registration or an accepted invitation,
     * with the password hashed when it was typed; in the caller's transaction, audited. 409 when the
     * e-mail got a login meanwhile.
     */
    async createPortalLogin(
      tx: Database,
      ctx: RequestContext,
      login: {
        organizationId: string;
        customerId: string;
        name: string;
        email: string;
        phone: string | null;
        locale: string;
        passwordHash: string;
      },
    ): Promise<string> {
      let row: UserRow;
      try {
        row = await repo.insert(tx, { ...login, role: 'CUSTOMER', branchId: null });
      } catch (error) {
        if (isUniqueViolation(error, 'users_email_uq'))
          throw conflict('users.email_taken', { email: 'users.email_taken' });
        throw error;
      }
      await recordAudit(tx, ctx, {
        organizationId: login.organizationId,
        action: 'user.create',
        entity: 'user',
        entityId: row.id,
        after: { ...toUser(row), source: 'portal' },
      });
      return row.id;
    },

    /** Active administrators and managers: who hears about low stock. */
    managersToNotify(executor: Database, organizationId: string): Promise<NotifiedManager[]> {
      return repo.managers(executor, organizationId);
    },
  };
}

/** The first administrator and the CLI's way back in: both outside any request. */
function createAdminBootstrap(deps: { pool: pg.Pool; repo: UsersRepo }) {
  const { pool, repo } = deps;

  async function insertAdmin(
    tx: Database,
    ctx: RequestContext,
    target: { organizationId: string; branchId: string },
    fields: { name: string; email: string; passwordHash: string },
  ): Promise<UserRow> {
    const row = await repo.insert(tx, {
      organizationId: target.organizationId,
      branchId: target.branchId,
      ...fields,
      role: 'ADMINISTRATOR',
    });
    await recordAudit(tx, ctx, {
      organizationId: target.organizationId,
      action: 'user.create',
      entity: 'user',
      entityId: row.id,
      after: toUser(row),
    });
    return row;
  }

  return {
    /**
     * The CLI's create-admin: a new ADMINISTRATOR in the default organization, or, for an existing
     * e-mail, the same account made an active, unlocked administrator with the new password and no
     * second factor (the way back in when nobody can sign in).
     */
    async createOrRestoreAdmin(
      ctx: RequestContext,
      target: { organizationId: string; branchId: string },
      input: { email: string; password: string; name?: string | undefined },
    ): Promise<{ id: string; created: boolean }> {
      const email = input.email.trim().toLowerCase();
      if (!/^[^\s@]+@[^\s@]+$/.test(email))
        throw new AppError('VALIDATION', 'validation.failed', {}, { email: 'validation.email' });
      if (input.password.length < 8) {
        throw new AppError('VALIDATION', 'validation.failed', {}, { password: 'validation.password_min' });
      }
      const passwordHash = await hashPassword(input.password);
      return inTransaction(pool, async ({ db: tx }) => {
        const existing = await repo.findByEmail(tx, email);
        if (existing) {
          const before = toUser(existing);
          const row = await repo.update(tx, existing.organizationId, existing.id, existing.version, {
            role: 'ADMINISTRATOR',
            active: true,
            passwordHash,
            lockedUntil: null,
            failedLoginCount: 0,
            // the way back in: a lost phone must not keep the last administrator out
            totpSecret: null,
            totpPendingSecret: null,
            totpEnabledAt: null,
            totpLastStep: null,
          });
          await repo.revokeSessions(tx, existing.id, 'password_reset');
          await recordAudit(tx, ctx, {
            organizationId: existing.organizationId,
            action: 'user.restore_admin',
            entity: 'user',
            entityId: existing.id,
            before,
            after: row ? toUser(row) : null,
          });
          return { id: existing.id, created: false };
        }
        const row = await insertAdmin(tx, ctx, target, {
          name: input.name?.trim() || 'Administrador',
          email,
          passwordHash,
        });
        return { id: row.id, created: true };
      });
    },

    /**
     * First start with no users: creates an ADMINISTRATOR. Returns the generated password when
     * none was configured, so the caller can print it once.
     */
    async ensureFirstAdmin(
      ctx: RequestContext,
      target: { organizationId: string; branchId: string },
      credentials: { email?: string | undefined; password?: string | undefined },
      generatePassword: () => string,
    ): Promise<{ email: string; generatedPassword: string | null } | null> {
      return inTransaction(pool, async ({ db: tx }) => {
        await repo.lockAdmins(tx, target.organizationId);
        if ((await repo.countUsers(tx)) > 0) return null;
        const email = credentials.email ?? 'admin@localhost';
        const password = credentials.password ?? generatePassword();
        // 'admin@localhost' is not a valid public address, so it skips the e-mail schema on purpose
        const row = await insertAdmin(tx, ctx, target, {
          name: 'Administrador',
          email: email.toLowerCase(),
          passwordHash: await hashPassword(password),
        });
        return { email: row.email, generatedPassword: credentials.password ? null : password };
      });
    },
  };
}

/** The checks a new or changed login passes (branch, linked customer) and the insert itself. */
function createUserChecks(deps: {
  repo: UsersRepo;
  organization: OrganizationService;
  customerExists: ExistsCheck;
}) {
  const { repo, organization, customerExists } = deps;

  /** A customer record may be linked only to a CUSTOMER login, and must exist in the organization. */
  async function assertCustomerLink(
    tx: Database,
    organizationId: string,
    role: Role,
    customerId: string | null | undefined,
    isNewLink = true,
  ) {
    if (!customerId) return;
    if (role !== 'CUSTOMER') {
      throw new AppError('VALIDATION', 'validation.failed', {}, { customerId: 'users.customer_only' });
    }
    if (isNewLink && !(await customerExists(tx, organizationId, customerId))) {
      throw new AppError('VALIDATION', 'validation.failed', {}, { customerId: 'customers.not_found' });
    }
  }

  async function assertBranch(tx: Database, organizationId: string, branchId: string | null | undefined) {
    if (branchId && !(await organization.findBranch(tx, organizationId, branchId))) {
      throw new AppError('VALIDATION', 'validation.failed', {}, { branchId: 'users.branch_not_found' });
    }
  }

  async function insertUser(
    tx: Database,
    ctx: RequestContext,
    organizationId: string,
    data: UserCreate,
    defaultBranchId: string | null,
  ): Promise<User> {
    await assertBranch(tx, organizationId, data.branchId);
    await assertCustomerLink(tx, organizationId, data.role, data.customerId);
    let row: UserRow;
    try {
      row = await repo.insert(tx, {
        organizationId,
        branchId: data.branchId ?? defaultBranchId,
        name: data.name,
        email: data.email,
        passwordHash: await hashPassword(data.password),
        role: data.role,
        area: data.area ?? null,
        phone: data.phone ?? null,
        ...(data.locale ? { locale: data.locale } : {}),
        specialties: data.specialties ?? [],
        workingHours: data.workingHours ?? [],
        customerId: data.customerId ?? null,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_uq'))
        throw conflict('users.email_taken', { email: 'users.email_taken' });
      throw error;
    }
    const user = toUser(row);
    await recordAudit(tx, ctx, {
      organizationId,
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      after: user,
    });
    return user;
  }

  return { assertBranch, assertCustomerLink, insertUser };
}

export function createUsersService(deps: {
  db: Database;
  pool: pg.Pool;
  repo: UsersRepo;
  organization: OrganizationService;
  customerExists: ExistsCheck;
}) {
  const { db, pool, repo, organization } = deps;

  const { assertBranch, assertCustomerLink, insertUser } = createUserChecks(deps);

  return {
    ...createUserDirectory(repo),

    async list(ctx: AuthedContext, q: UserListQuery): Promise<Page<User>> {
      assertCan(ctx, 'users:read');
      const { rows, total } = await repo.list(db, ctx.actor.organizationId, {
        page: q.page,
        pageSize: q.pageSize,
        ...(q.q ? { q: q.q } : {}),
        ...(q.role ? { role: q.role } : {}),
        ...(q.active ? { active: q.active === 'true' } : {}),
      });
      return { items: rows.map(toUser), total, page: q.page, pageSize: q.pageSize };
    },

    async get(ctx: AuthedContext, id: string): Promise<User> {
      assertCan(ctx, 'users:read');
      const row = await repo.findById(db, ctx.actor.organizationId, id);
      if (!row) throw notFound('users.not_found');
      return toUser(row);
    },

    async create(ctx: AuthedContext, input: UserCreate): Promise<User> {
      assertCan(ctx, 'users:manage');
      return inTransaction(pool, async ({ db: tx }) => {
        const branch = await organization.findDefaultBranch(tx, ctx.actor.organizationId);
        return insertUser(tx, ctx, ctx.actor.organizationId, input, branch?.id ?? null);
      });
    },

    async update(ctx: AuthedContext, id: string, patch: UserUpdate, ifMatch?: number): Promise<User> {
      assertCan(ctx, 'users:manage');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async ({ db: tx }) => {
        const losesAdmin =
          patch.active === false || (patch.role !== undefined && patch.role !== 'ADMINISTRATOR');
        if (losesAdmin) await repo.lockAdmins(tx, organizationId);
        const current = await repo.findById(tx, organizationId, id, { forUpdate: true });
        if (!current) throw notFound('users.not_found');
        assertVersion(ifMatch, current.version);
        if (losesAdmin && current.role === 'ADMINISTRATOR' && current.active) {
          if ((await repo.countActiveAdmins(tx, organizationId, id)) === 0)
            throw conflict('users.last_admin');
        }
        await assertBranch(tx, organizationId, patch.branchId);
        const role = patch.role ?? (current.role as Role);
        const linked = patch.customerId !== undefined ? patch.customerId : current.customerId;
        await assertCustomerLink(tx, organizationId, role, linked, patch.customerId !== undefined);
        const { unlock, ...fields } = patch;
        let updated: UserRow | undefined;
        try {
          updated = await repo.update(tx, organizationId, id, current.version, {
            ...fields,
            ...(unlock ? { lockedUntil: null, failedLoginCount: 0 } : {}),
          });
        } catch (error) {
          if (isUniqueViolation(error, 'users_email_uq'))
            throw conflict('users.email_taken', { email: 'users.email_taken' });
          throw error;
        }
        if (!updated) assertVersion(current.version, current.version + 1);
        // deactivation or a change of role ends the person's open sessions
        if (patch.active === false || (patch.role !== undefined && patch.role !== current.role)) {
          await repo.revokeSessions(tx, id, patch.active === false ? 'deactivated' : 'role_changed');
        }
        const before = toUser(current);
        const after = toUser(updated!);
        await recordAudit(tx, ctx, {
          organizationId,
          action: patch.active === false ? 'user.deactivate' : 'user.update',
          entity: 'user',
          entityId: id,
          before,
          after,
        });
        return after;
      });
    },

    ...createAdminBootstrap(deps),
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
