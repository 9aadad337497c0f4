import { describe, expect, it } from 'vitest';
import { can, permissionsOf, rolesFor } from './permissions.js';

describe('permission matrix', () => {
  it('lets only administrators create service orders by default (seed 004)', () => {
    expect(can('ADMINISTRATOR', 'repairs:create')).toBe(true);
    expect(can('MANAGER', 'repairs:create')).toBe(false);
    expect(can('TECHNICIAN', 'repairs:create')).toBe(false);
  });

  it('applies an organization grant', () => {
    const grants = { 'repairs:create': ['ATTENDANT'] } as const;
    expect(can('ATTENDANT', 'repairs:create', grants)).toBe(true);
    expect(can('MANAGER', 'repairs:create', grants)).toBe(false);
  });

  it('never takes a permission away from administrators', () => {
    expect(rolesFor('users:manage', { 'users:manage': ['MANAGER'] })).toContain('ADMINISTRATOR');
    expect(permissionsOf('ADMINISTRATOR', { 'audit:read': [] })).toContain('audit:read');
  });

  it('lets administrators and managers run the LGPD tooling, and nobody else', () => {
    expect(rolesFor('privacy:manage')).toEqual(['ADMINISTRATOR', 'MANAGER']);
    expect(can('ATTENDANT', 'privacy:manage')).toBe(false);
    expect(can('TECHNICIAN', 'privacy:manage')).toBe(false);
  });

  it('lets only administrators manage backups', () => {
    expect(rolesFor('backups:manage')).toEqual(['ADMINISTRATOR']);
    for (const role of ['MANAGER', 'ATTENDANT', 'TECHNICIAN', 'CUSTOMER'] as const) {
      expect(can(role, 'backups:manage')).toBe(false);
    }
  });

  it('gives customers no staff permission', () => {
    expect(permissionsOf('CUSTOMER')).toEqual([]);
  });
});
