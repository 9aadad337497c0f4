import type { Permission } from '@bancada/shared';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import type { MessageKey } from '../../platform/i18n.js';

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
