import type { PolicyVersion, PolicyVersionList, PublicPolicy } from '@bancada/shared';
import type pg from 'pg';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError, conflict, isUniqueViolation, notFound } from '../../platform/errors.js';
import { inTransaction } from '../../platform/tx.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { PolicyVersionRow, PrivacyRepo } from './privacy.repo.js';

function toVersion(row: PolicyVersionRow): PolicyVersion {
  return {
    version: row.version,
    body: row.body,
    authorName: row.authorName,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The shop's privacy policy (LGPD art. 9): each save publishes a new version with its author and
 * date; old versions stay readable (a trigger refuses changing one). Consents record the version in
 * force when they were given (customer_consents.policy_version, migration 0016).
 */
export function createPolicyService(deps: {
  db: Database;
  pool: pg.Pool;
  repo: PrivacyRepo;
  organization: Pick<OrganizationService, 'profile'>;
}) {
  const { db, pool, repo } = deps;
  return {
    async versions(ctx: AuthedContext): Promise<PolicyVersionList> {
      assertCan(ctx, 'privacy:manage');
      const organizationId = ctx.actor.organizationId;
      const [items, current] = await Promise.all([
        repo.policyVersions(db, organizationId),
        repo.policyVersion(db, organizationId),
      ]);
      return {
        items: items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })),
        current: current ? toVersion(current) : null,
      };
    },

    async version(ctx: AuthedContext, version: number): Promise<PolicyVersion> {
      assertCan(ctx, 'privacy:manage');
      const row = await repo.policyVersion(db, ctx.actor.organizationId, version);
      if (!row) throw notFound('privacy.policy_not_found');
      return toVersion(row);
    },

    async publish(ctx: AuthedContext, body: string): Promise<PolicyVersion> {
      assertCan(ctx, 'privacy:manage');
      const organizationId = ctx.actor.organizationId;
      try {
        return await inTransaction(pool, async ({ db: tx }) => {
          const row = await repo.insertPolicyVersion(tx, {
            organizationId,
            body,
            authorId: ctx.actor.userId,
            authorName: ctx.actor.name,
          });
          await recordAudit(tx, ctx, {
            organizationId,
            action: 'privacy.policy_published',
            entity: 'privacy_policy',
            entityId: organizationId,
            after: { version: row.version, length: body.length },
          });
          return toVersion(row);
        });
      } catch (error) {
        if (isUniqueViolation(error, 'privacy_policy_versions_org_version_uq')) {
          throw conflict('privacy.policy_conflict');
        }
        throw error;
      }
    },

    /** The version in force (the newest), for another module recording an acceptance; null when none. */
    async currentVersion(executor: Database, organizationId: string): Promise<number | null> {
      return (await repo.policyVersion(executor, organizationId))?.version ?? null;
    },

    /**
     * The public page (no sign-in): the organization's newest version. Without `organization`, the
     * installation's only organization with a policy (a default install has one).
     */
    async publicPolicy(organization: string | undefined): Promise<PublicPolicy> {
      let organizationId = organization;
      if (!organizationId) {
        const found = await repo.organizationsWithPolicy(db, 2);
        if (found.length === 0) throw notFound('privacy.policy_not_found');
        if (found.length > 1) throw new AppError('VALIDATION', 'privacy.policy_organization_required');
        organizationId = found[0]!;
      }
      const [row, profile] = await Promise.all([
        repo.policyVersion(db, organizationId),
        deps.organization.profile(db, organizationId),
      ]);
      if (!row || !profile) throw notFound('privacy.policy_not_found');
      return {
        version: row.version,
        body: row.body,
        createdAt: row.createdAt.toISOString(),
        organizationName: profile.name,
      };
    },
  };
}
export type PolicyService = ReturnType<typeof createPolicyService>;
