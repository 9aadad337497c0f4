import type { Permission } from '@bancada/shared';
import type { Database } from '../../db/client.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import type { MessageKey } from '../../platform/i18n.js';
import type { CustomerRow, CustomersRepo } from './customers.repo.js';

/** Which customers a caller may reach: staff by the permission matrix, a CUSTOMER only their own. */
export type CustomerScope = { all: true } | { all: false; customerId: string };

export function customerScope(ctx: AuthedContext, staffPermission: Permission): CustomerScope {
  if (ctx.actor.role === 'CUSTOMER') {
    // a customer login with no record behind it reaches nothing, and learns nothing
    if (!ctx.actor.customerId) throw notFound('customers.not_found');
    return { all: false, customerId: ctx.actor.customerId };
  }
  assertCan(ctx, staffPermission);
  return { all: true };
}

/** Another customer's record answers 404 to a CUSTOMER, exactly like a missing one. */
export function assertInScope(scope: CustomerScope, customerId: string, key: MessageKey): void {
  if (!scope.all && scope.customerId !== customerId) throw notFound(key);
}

/** The live customer of the caller's organization, or 404. */
export async function loadCustomer(
  repo: Pick<CustomersRepo, 'findById'>,
  executor: Database,
  ctx: AuthedContext,
  id: string,
  forUpdate = false,
): Promise<CustomerRow> {
  const row = await repo.findById(executor, ctx.actor.organizationId, id, { forUpdate });
  if (!row) throw notFound('customers.not_found');
  return row;
}

/** A customer the caller may reach with this permission, and the scope that allowed it; 404 otherwise. */
export async function reachableCustomer(
  repo: Pick<CustomersRepo, 'findById'>,
  executor: Database,
  ctx: AuthedContext,
  id: string,
  permission: Permission,
): Promise<{ row: CustomerRow; scope: CustomerScope }> {
  const scope = customerScope(ctx, permission);
  assertInScope(scope, id, 'customers.not_found');
  return { row: await loadCustomer(repo, executor, ctx, id), scope };
}
