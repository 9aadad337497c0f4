import {
  AddressSchema,
  type Branch,
  type Organization,
  type OrganizationUpdateSchema,
  PERMISSIONS,
  type Permission,
  type PermissionGrants,
  type PermissionMatrix,
  type PortalShop,
  ROLES,
  type Role,
  rolesFor,
  STAFF_ROLES,
  type StaffRole,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan, type RequestContext } from '../../platform/context.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import { isPubliclyReachable } from '../../platform/public-url.js';
import { inTransaction } from '../../platform/tx.js';
import type { BranchRow, OrganizationRepo, OrganizationRow } from './organization.repo.js';

type OrganizationUpdate = z.output<typeof OrganizationUpdateSchema>;

export function toOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    name: row.name,
    document: row.document,
    address: AddressSchema.parse(row.address ?? {}),
    currency: row.currency as Organization['currency'],
    locale: row.locale as Organization['locale'],
    vertical: row.vertical as Organization['vertical'],
    publicUrl: row.publicUrl,
    timeZone: row.timeZone,
    pixKey: row.pixKey,
    pixKeyType: row.pixKeyType as Organization['pixKeyType'],
    invoiceDueDays: row.invoiceDueDays,
    paymentTerms: row.paymentTerms,
    deliveryBalancePolicy: row.deliveryBalancePolicy as Organization['deliveryBalancePolicy'],
    twoFactorRoles: twoFactorRolesOf(row),
    quietStart: row.quietStart,
    quietEnd: row.quietEnd,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** The staff roles whose users must sign in with a second factor. */
function twoFactorRolesOf(row: Pick<OrganizationRow, 'twoFactorRoles'>): StaffRole[] {
  return (row.twoFactorRoles ?? []).filter((role): role is StaffRole =>
    (STAFF_ROLES as readonly string[]).includes(role),
  );
}

export function grantsOf(row: Pick<OrganizationRow, 'permissionGrants'>): PermissionGrants {
  const grants: PermissionGrants = {};
  for (const [permission, roles] of Object.entries(row.permissionGrants ?? {})) {
    if ((PERMISSIONS as string[]).includes(permission)) grants[permission as Permission] = roles as Role[];
  }
  return grants;
}

/** The organization as other modules read it: its profile for documents and e-mails, and its grants. */
export type OrganizationProfile = {
  id: string;
  name: string;
  document: string | null;
  address: Record<string, string>;
  currency: string;
  locale: string;
  vertical: string;
  grants: PermissionGrants;
  /** where customer links point: the organization's address, else PUBLIC_URL */
  publicUrl: string;
  /** false while that address is localhost, loopback or private-only (customers cannot open it) */
  customerLinksReachable: boolean;
  timeZone: string;
  /** billing (issue 12): the Pix key for static BR Codes, due days, payment terms, delivery policy */
  pixKey: string | null;
  pixKeyType: string | null;
  invoiceDueDays: number;
  paymentTerms: string | null;
  deliveryBalancePolicy: string;
  /** roles that must sign in with a second factor (issue 13 §4) */
  twoFactorRoles: StaffRole[];
  /** automatic messages to customers wait outside these hours (issue 14) */
  quietStart: string;
  quietEnd: string;
};

function toProfile(row: OrganizationRow, fallbackUrl: string): OrganizationProfile {
  const publicUrl = row.publicUrl ?? fallbackUrl;
  return {
    id: row.id,
    name: row.name,
    document: row.document,
    address: row.address,
    currency: row.currency,
    locale: row.locale,
    vertical: row.vertical,
    grants: grantsOf(row),
    publicUrl,
    customerLinksReachable: isPubliclyReachable(publicUrl),
    timeZone: row.timeZone,
    pixKey: row.pixKey,
    pixKeyType: row.pixKeyType,
    invoiceDueDays: row.invoiceDueDays,
    paymentTerms: row.paymentTerms,
    deliveryBalancePolicy: row.deliveryBalancePolicy,
    twoFactorRoles: twoFactorRolesOf(row),
    quietStart: row.quietStart,
    quietEnd: row.quietEnd,
  };
}

function toBranch(row: BranchRow): Branch {
  return { id: row.id, name: row.name, isDefault: row.isDefault };
}

/** Reads for other modules, with the caller's executor so they join the caller's transaction. */
function createOrganizationLookups(repo: OrganizationRepo, fallbackUrl: string) {
  return {
    async profile(executor: Database, organizationId: string): Promise<OrganizationProfile | undefined> {
      const row = await repo.findById(executor, organizationId);
      return row ? toProfile(row, fallbackUrl) : undefined;
    },
    /** The installation's default organization (made at the first start), if there is one yet. */
    async defaultProfile(executor: Database): Promise<OrganizationProfile | undefined> {
      const row = await repo.findDefault(executor);
      return row ? toProfile(row, fallbackUrl) : undefined;
    },
    async findBranch(executor: Database, organizationId: string, id: string): Promise<Branch | undefined> {
      const row = await repo.findBranch(executor, organizationId, id);
      return row ? toBranch(row) : undefined;
    },
    async findDefaultBranch(executor: Database, organizationId: string): Promise<Branch | undefined> {
      const row = await repo.findDefaultBranch(executor, organizationId);
      return row ? toBranch(row) : undefined;
    },
  };
}

export function createOrganizationService(deps: {
  db: Database;
  pool: pg.Pool;
  repo: OrganizationRepo;
  /** PUBLIC_URL (or http://localhost:PORT): customer links of organizations without their own address */
  publicUrl: string;
}) {
  const { db, pool, repo } = deps;

  async function load(organizationId: string, tx?: Database): Promise<OrganizationRow> {
    // inside a transaction the row is locked, so read-check-write cannot race
    const row = await repo.findById(tx ?? db, organizationId, { forUpdate: tx !== undefined });
    if (!row) throw notFound('http.not_found_route', { method: 'GET', url: 'organization' });
    return row;
  }

  function matrixOf(row: OrganizationRow): PermissionMatrix {
    const grants = grantsOf(row);
    return {
      roles: [...ROLES],
      permissions: PERMISSIONS.map((permission) => ({
        permission,
        defaultRoles: [...rolesFor(permission)],
        roles: [...rolesFor(permission, grants)],
        adjusted: grants[permission] !== undefined,
      })),
    };
  }

  return {
    ...createOrganizationLookups(repo, deps.publicUrl),

    async get(ctx: AuthedContext): Promise<Organization> {
      assertCan(ctx, 'organization:read');
      return toOrganization(await load(ctx.actor.organizationId));
    },

    /** The shop as its customers' portal shows it (a CUSTOMER login only): the public fields. */
    async portalShop(ctx: AuthedContext): Promise<PortalShop> {
      if (ctx.actor.role !== 'CUSTOMER') throw forbidden();
      const { name, currency, locale, timeZone, paymentTerms } = toOrganization(
        await load(ctx.actor.organizationId),
      );
      return { name, currency, locale, timeZone, paymentTerms };
    },

    async update(ctx: AuthedContext, patch: OrganizationUpdate, ifMatch?: number): Promise<Organization> {
      assertCan(ctx, 'organization:manage');
      return inTransaction(pool, async ({ db: tx }) => {
        const current = await load(ctx.actor.organizationId, tx);
        assertVersion(ifMatch, current.version);
        const updated = await repo.update(tx, current.id, current.version, {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.document !== undefined ? { document: patch.document } : {}),
          ...(patch.address ? { address: patch.address } : {}),
          ...(patch.currency ? { currency: patch.currency } : {}),
          ...(patch.locale ? { locale: patch.locale } : {}),
          ...(patch.vertical ? { vertical: patch.vertical } : {}),
          ...(patch.publicUrl !== undefined ? { publicUrl: patch.publicUrl } : {}),
          ...(patch.timeZone ? { timeZone: patch.timeZone } : {}),
          ...(patch.pixKey !== undefined
            ? { pixKey: patch.pixKey, pixKeyType: patch.pixKeyType ?? null }
            : {}),
          ...(patch.invoiceDueDays !== undefined ? { invoiceDueDays: patch.invoiceDueDays } : {}),
          ...(patch.paymentTerms !== undefined ? { paymentTerms: patch.paymentTerms } : {}),
          ...(patch.deliveryBalancePolicy ? { deliveryBalancePolicy: patch.deliveryBalancePolicy } : {}),
          ...(patch.twoFactorRoles ? { twoFactorRoles: patch.twoFactorRoles } : {}),
          ...(patch.quietStart ? { quietStart: patch.quietStart } : {}),
          ...(patch.quietEnd ? { quietEnd: patch.quietEnd } : {}),
        });
        // the row moved on between our read and our write
        if (!updated) assertVersion(current.version, current.version + 1);
        const before = toOrganization(current);
        const after = toOrganization(updated!);
        await recordAudit(tx, ctx, {
          organizationId: current.id,
          action: 'organization.update',
          entity: 'organization',
          entityId: current.id,
          before,
          after,
        });
        return after;
      });
    },

    /** Where the organization's customer links point, and whether customers could open them. */
    async customerLinks(organizationId: string): Promise<{ url: string; reachable: boolean } | undefined> {
      const row = await repo.findById(db, organizationId);
      if (!row) return undefined;
      const profile = toProfile(row, deps.publicUrl);
      return { url: profile.publicUrl, reachable: profile.customerLinksReachable };
    },

    async listBranches(ctx: AuthedContext): Promise<Branch[]> {
      assertCan(ctx, 'organization:read');
      const rows = await repo.listBranches(db, ctx.actor.organizationId);
      return rows.map(toBranch);
    },

    async getPermissionMatrix(ctx: AuthedContext): Promise<PermissionMatrix> {
      assertCan(ctx, 'permissions:manage');
      return matrixOf(await load(ctx.actor.organizationId));
    },

    async updateGrants(
      ctx: AuthedContext,
      changes: Record<string, Role[] | null>,
    ): Promise<PermissionMatrix> {
      assertCan(ctx, 'permissions:manage');
      return inTransaction(pool, async ({ db: tx }) => {
        const current = await load(ctx.actor.organizationId, tx);
        const grants: Record<string, string[]> = { ...(current.permissionGrants ?? {}) };
        for (const [permission, roles] of Object.entries(changes)) {
          if (roles === null) delete grants[permission];
          else grants[permission] = [...new Set<Role>(['ADMINISTRATOR', ...roles])];
        }
        const updated = await repo.update(tx, current.id, current.version, { permissionGrants: grants });
        if (!updated) assertVersion(current.version, current.version + 1);
        await recordAudit(tx, ctx, {
          organizationId: current.id,
          action: 'permissions.update',
          entity: 'organization',
          entityId: current.id,
          before: current.permissionGrants,
          after: grants,
        });
        return matrixOf(updated!);
      });
    },

    /** First start: one default organization and branch (ARCHITECTURE §4). */
    async ensureDefault(ctx: RequestContext): Promise<{ organizationId: string; branchId: string }> {
      return inTransaction(pool, async ({ db: tx }) => {
        await repo.lockDefaults(tx);
        let org = await repo.findDefault(tx);
        if (!org) {
          org = await repo.insert(tx, { name: 'Minha Oficina', isDefault: true, vertical: 'mixed' });
          await recordAudit(tx, ctx, {
            organizationId: org.id,
            action: 'organization.create',
            entity: 'organization',
            entityId: org.id,
            after: toOrganization(org),
          });
        }
        let branch = await repo.findDefaultBranch(tx, org.id);
        if (!branch) {
          branch = await repo.insertBranch(tx, { organizationId: org.id, name: 'Matriz', isDefault: true });
          await recordAudit(tx, ctx, {
            organizationId: org.id,
            action: 'branch.create',
            entity: 'branch',
            entityId: branch.id,
            after: { id: branch.id, name: branch.name, isDefault: true },
          });
        }
        return { organizationId: org.id, branchId: branch.id };
      });
    },
  };
}
export type OrganizationService = ReturnType<typeof createOrganizationService>;
