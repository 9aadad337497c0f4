import type { Locale, Permission, PermissionGrants, Role } from '@bancada/shared';
import { can } from '@bancada/shared';
import { forbidden } from './errors.js';

export type Actor = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  organizationId: string;
  branchId: string | null;
  sessionId: string;
  grants: PermissionGrants;
  /** for a CUSTOMER login: the customer record it belongs to */
  customerId: string | null;
};

/** Who is asking, from where, in which language: passed from routes to services. */
export type RequestContext = {
  actor: Actor | null;
  ip: string | null;
  userAgent: string | null;
  locale: Locale;
  requestId: string;
};

export type AuthedContext = RequestContext & { actor: Actor };

export function assertCan(ctx: AuthedContext, permission: Permission): void {
  if (!can(ctx.actor.role, permission, ctx.actor.grants)) throw forbidden();
}

/** For work the system does on its own (start-up, jobs, CLI). */
export function systemContext(locale: Locale = 'pt-BR'): RequestContext {
  return { actor: null, ip: null, userAgent: 'system', locale, requestId: 'system' };
}
