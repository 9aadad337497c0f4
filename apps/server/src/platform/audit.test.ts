import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUserAndLogin, runCli, type TestApp } from '../../test/helpers.js';
import { canonicalJson, verifyAuditChain } from './audit.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // some history: users created and edited, settings changed
  const user = await createUserAndLogin(t, { role: 'TECHNICIAN' });
  await t.request('PATCH', `/api/users/${user.id}`, { token: t.adminToken, body: { area: 'Funilaria' } });
  await t.request('PATCH', '/api/organization', { token: t.adminToken, body: { name: 'Oficina do Zé' } });
});
afterAll(() => t.close());

describe('canonicalJson', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
  });
});

describe('audit log', () => {
  it('records who changed what, with before and after, newest first', async () => {
    const res = await t.request('GET', '/api/audit?entity=user&action=user.update', { token: t.adminToken });
    expect(res.statusCode).toBe(200);
    const [entry] = res.json().items;
    expect(entry).toMatchObject({ action: 'user.update', entity: 'user', actorName: 'Administrador' });
    expect(entry.before.area).toBeNull();
    expect(entry.after.area).toBe('Funilaria');
    expect(entry.ip).toBeTruthy();
    expect(JSON.stringify(res.json())).not.toMatch(/passwordHash|argon2/);
  });

  it('filters by period', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const some = await t.request('GET', `/api/audit?from=${today}&to=${today}`, { token: t.adminToken });
    expect(some.json().total).toBeGreaterThan(0);
    const none = await t.request('GET', '/api/audit?to=2000-01-01', { token: t.adminToken });
    expect(none.json().total).toBe(0);
  });

  it('is append-only: the database refuses UPDATE and DELETE', async () => {
    await expect(t.deps.pool.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.deps.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('keeps an intact chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.request('PATCH', '/api/organization', { token: t.adminToken, body: { name: `Oficina ${i}` } }),
      ),
    );
    const result = await verifyAuditChain(t.deps.db);
    expect(result.firstBreak).toBeNull();
    expect(result.rowsChecked).toBeGreaterThan(10);
  });

  it('detects a tampered row and a deleted row', async () => {
    const client = await t.deps.pool.connect();
    try {
      // a database administrator can bypass the trigger; the chain still tells
      await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      const { rows } = await client.query<{ id: number }>('SELECT id FROM audit_log ORDER BY id LIMIT 3');
      await client.query(`UPDATE audit_log SET after = '{"name":"forged"}' WHERE id = $1`, [rows[1]!.id]);
      const altered = await verifyAuditChain(t.deps.db);
      expect(altered.firstBreak).toMatchObject({ id: rows[1]!.id, reason: 'hash_mismatch' });

      const { stdout, exitCode } = await runCli(['verify-audit'], t.url);
      expect(exitCode).toBe(1);
      expect(stdout).toMatch(new RegExp(`BROKEN at row ${rows[1]!.id}\\b`));

      await client.query('DELETE FROM audit_log WHERE id = $1', [rows[1]!.id]);
      const removed = await verifyAuditChain(t.deps.db);
      expect(removed.firstBreak).toMatchObject({ id: rows[2]!.id, reason: 'broken_link' });
    } finally {
      await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
      client.release();
    }
  });
});
