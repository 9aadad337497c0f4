export const ROLES = ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT', 'TECHNICIAN', 'CUSTOMER'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = [
  'ADMINISTRATOR',
  'MANAGER',
  'ATTENDANT',
  'TECHNICIAN',
] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(role: Role): role is StaffRole {
  return role !== 'CUSTOMER';
}
