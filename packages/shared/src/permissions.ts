import type { Role } from './roles.js';

/**
 * The permission matrix: resource:action → roles granted by default.
 * An administrator may adjust grants per organization (stored as overrides);
 * ADMINISTRATOR always keeps every permission so an organization can never lock itself out.
 */
export const DEFAULT_PERMISSIONS = {
  'users:read': ['ADMINISTRATOR', 'MANAGER'],
  'users:manage': ['ADMINISTRATOR'],
  'organization:read': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT', 'TECHNICIAN'],
  'organization:manage': ['ADMINISTRATOR'],
  'permissions:manage': ['ADMINISTRATOR'],
  'audit:read': ['ADMINISTRATOR'],
  // backups hold the whole installation's data: administrators only (issue 13 §1)
  'backups:manage': ['ADMINISTRATOR'],
  'outbox:read': ['ADMINISTRATOR', 'MANAGER'],
  'customers:read': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT', 'TECHNICIAN'],
  'customers:write': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT'],
  'customers:delete': ['ADMINISTRATOR', 'MANAGER'],
  'customers:import': ['ADMINISTRATOR', 'MANAGER'],
  'assets:read': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT', 'TECHNICIAN'],
  'assets:write': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT', 'TECHNICIAN'],
  // seed 004: only administrators create service orders unless a grant says otherwise
  'repairs:create': ['ADMINISTRATOR'],
  'repairs:read': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT', 'TECHNICIAN'],
  'repairs:update': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT'],
  'repairs:transition': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT', 'TECHNICIAN'],
  'repairs:approve': ['ADMINISTRATOR', 'MANAGER'],
  'components:read': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT', 'TECHNICIAN'],
  'components:write': ['ADMINISTRATOR', 'MANAGER'],
  'stock:adjust': ['ADMINISTRATOR', 'MANAGER'],
  'tools:read': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT', 'TECHNICIAN'],
  'tools:write': ['ADMINISTRATOR', 'MANAGER'],
  'tools:checkout': ['ADMINISTRATOR', 'MANAGER', 'TECHNICIAN'],
  'suppliers:read': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT'],
  'suppliers:write': ['ADMINISTRATOR', 'MANAGER'],
  'purchase-orders:read': ['ADMINISTRATOR', 'MANAGER'],
  'purchase-orders:write': ['ADMINISTRATOR', 'MANAGER'],
  'reports:read': ['ADMINISTRATOR', 'MANAGER'],
  'invoices:read': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT'],
  'invoices:write': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT'],
  'invoices:cancel': ['ADMINISTRATOR', 'MANAGER'],
  'payments:write': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT'],
  'payments:refund': ['ADMINISTRATOR', 'MANAGER'],
  'cash:manage': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT'],
  'payables:manage': ['ADMINISTRATOR', 'MANAGER'],
  // LGPD tooling: anonymisation, retention, incident register, privacy policy (issue 13 §6)
  'privacy:manage': ['ADMINISTRATOR', 'MANAGER'],
  // communication with customers (issue 14)
  'messages:read': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT'],
  'messages:send': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT'],
  'templates:manage': ['ADMINISTRATOR'],
  'feedback:read': ['ADMINISTRATOR', 'MANAGER'],
  'campaigns:manage': ['ADMINISTRATOR', 'MANAGER'],
  'tickets:read': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT', 'TECHNICIAN'],
  'tickets:write': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT'],
  'faq:read': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT', 'TECHNICIAN'],
  'faq:manage': ['ADMINISTRATOR', 'MANAGER'],
  // appointments and the shop's calendar (issue 15 §1)
  'appointments:read': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT', 'TECHNICIAN'],
  'appointments:write': ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT'],
  'bays:manage': ['ADMINISTRATOR', 'MANAGER'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof DEFAULT_PERMISSIONS;
export const PERMISSIONS = Object.keys(DEFAULT_PERMISSIONS) as Permission[];

/** Per-organization adjustment: for a permission, the roles that replace the default grant. */
export type PermissionGrants = Partial<Record<Permission, readonly Role[]>>;

export function rolesFor(permission: Permission, grants: PermissionGrants = {}): readonly Role[] {
  const roles = grants[permission] ?? DEFAULT_PERMISSIONS[permission];
  return roles.includes('ADMINISTRATOR') ? roles : ['ADMINISTRATOR', ...roles];
}

export function can(role: Role, permission: Permission, grants: PermissionGrants = {}): boolean {
  return rolesFor(permission, grants).includes(role);
}

export function permissionsOf(role: Role, grants: PermissionGrants = {}): Permission[] {
  return PERMISSIONS.filter((permission) => can(role, permission, grants));
}
