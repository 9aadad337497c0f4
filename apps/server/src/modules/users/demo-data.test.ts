import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { adminContext } from '../../../test/inventory.js';
import { DEMO_STAFF, seedUsersDemo } from './demo-data.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('staff demo data', () => {
  it('creates a manager, an attendant and technicians with specialties and hours, who can sign in', async () => {
    const ctx = await adminContext(t);
    let n = 0;
    const staff = await seedUsersDemo(t.app.services, ctx, () => `demo-password-${++n}`);
    expect(staff.map((s) => s.role).sort()).toEqual([
      'ATTENDANT',
      'MANAGER',
      'TECHNICIAN',
      'TECHNICIAN',
      'TECHNICIAN',
    ]);
    expect(new Set(staff.map((s) => s.password)).size).toBe(DEMO_STAFF.length);
    const technicians = await t.request('GET', '/api/users?role=TECHNICIAN&pageSize=50', {
      token: t.adminToken,
    });
    const items = technicians.json().items as { specialties: string[]; workingHours: unknown[] }[];
    expect(items).toHaveLength(3);
    for (const tech of items) {
      expect(tech.specialties.length).toBeGreaterThan(0);
      expect(tech.workingHours.length).toBeGreaterThan(0);
    }
    const manager = staff.find((s) => s.role === 'MANAGER')!;
    const login = await t.login(manager.email, manager.password);
    expect(login.accessToken).toBeTruthy();
  });
});
