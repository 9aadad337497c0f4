import {
  type Page,
  type Role,
  type User,
  type UserCreate,
  UserCreateSchema,
  type UserListQuery,
  UserListQuerySchema,
  type UserUpdate,
  UserUpdateSchema,
} from '@bancada/shared';
import type pg from 'pg';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan, type RequestContext } from '../../platform/context.js';
import { AppError, conflict, isUniqueViolation, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import { hashPassword } from '../../platform/password.js';
import { inTransaction } from '../../platform/tx.js';
import type { CustomersRepo } from '../customers/customers.repo.js';
import type { OrganizationRepo } from '../organization/organization.repo.js';
import type { UserRow, UsersRepo } from './users.repo.js';

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

export function createUsersService(deps: {
  db: Database;
  pool: pg.Pool;
  repo: UsersRepo;
  organizations: OrganizationRepo;
  customers: CustomersRepo;
}) {
  const { db, pool, repo, organizations, customers } = deps;

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
    if (isNewLink && !(await customers.findById(tx, organizationId, customerId))) {
      throw new AppError('VALIDATION', 'validation.failed', {}, { customerId: 'customers.not_found' });
    }
  }

  async function assertBranch(tx: Database, organizationId: string, branchId: string | null | undefined) {
    if (branchId && !(await organizations.findBranch(tx, organizationId, branchId))) {
      throw new AppError('VALIDATION', 'validation.failed', {}, { branchId: 'users.branch_not_found' });
    }
  }

  async function insertUser(
    tx: Database,
    ctx: RequestContext,
    organizationId: string,
    input: UserCreate,
    defaultBranchId: string | null,
  ): Promise<User> {
    const data = UserCreateSchema.parse(input);
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

  return {
    async list(ctx: AuthedContext, query: UserListQuery): Promise<Page<User>> {
      assertCan(ctx, 'users:read');
      const q = UserListQuerySchema.parse(query);
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
        const branch = await organizations.findDefaultBranch(tx, ctx.actor.organizationId);
        return insertUser(tx, ctx, ctx.actor.organizationId, input, branch?.id ?? null);
      });
    },

    async update(ctx: AuthedContext, id: string, input: UserUpdate, ifMatch?: number): Promise<User> {
      assertCan(ctx, 'users:manage');
      const patch = UserUpdateSchema.parse(input);
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

    /**
     * The CLI's create-admin: a new ADMINISTRATOR in the default organization, or, for an existing
     * e-mail, the same account made an active, unlocked administrator with the new password (the way
     * back in when nobody can sign in).
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
        const row = await repo.insert(tx, {
          organizationId: target.organizationId,
          branchId: target.branchId,
          name: input.name?.trim() || 'Administrador',
          email,
          passwordHash,
          role: 'ADMINISTRATOR',
        });
        await recordAudit(tx, ctx, {
          organizationId: target.organizationId,
          action: 'user.create',
          entity: 'user',
          entityId: row.id,
          after: toUser(row),
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
        const row = await repo.insert(tx, {
          organizationId: target.organizationId,
          branchId: target.branchId,
          name: 'Administrador',
          email: email.toLowerCase(),
          passwordHash: await hashPassword(password),
          role: 'ADMINISTRATOR',
        });
        await recordAudit(tx, ctx, {
          organizationId: target.organizationId,
          action: 'user.create',
          entity: 'user',
          entityId: row.id,
          after: toUser(row),
        });
        return { email: row.email, generatedPassword: credentials.password ? null : password };
      });
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
