import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, otherOrganization } from '../../../test/customers.js';
import { ADMIN, createTestApp, type TestApp } from '../../../test/helpers.js';
import { createRepair } from '../../../test/repairs.js';
import type { AuthedContext } from '../../platform/context.js';
import { createPhotoRetentionService } from '../repairs/photos/photo-retention.service.js';
import { createPrivacyRepo } from './privacy.repo.js';
import { createRetentionService } from './retention.service.js';

let t: TestApp;
let ctx: AuthedContext;
beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await t.deps.pool.query<{ id: string; organization_id: string; name: string }>(
    'SELECT id, organization_id, name FROM users WHERE email = $1',
    [ADMIN.email],
  );
  const admin = rows[0]!;
  ctx = {
    actor: {
      userId: admin.id,
      name: admin.name,
      email: ADMIN.email,
      role: 'ADMINISTRATOR',
      organizationId: admin.organization_id,
      branchId: null,
      sessionId: 'test',
      grants: {},
      customerId: null,
    },
    ip: null,
    userAgent: 'test',
    locale: 'pt-BR',
    requestId: 'test',
  };
});
afterAll(() => t.close());

/** The retention service of the running app, on a clock the test sets. */
function retentionAt(now: string | (() => Date)) {
  const { db, pool } = t.deps;
  const services = t.app.services;
  return createRetentionService({
    db,
    pool,
    repo: createPrivacyRepo(),
    customers: services.customers,
    repairs: services.repairs,
    invoices: services.invoices,
    photoRetention: createPhotoRetentionService({ db, pool, storage: services.storage }),
    organization: services.organization,
    clock: typeof now === 'string' ? () => new Date(now) : now,
  });
}

async function lastActive(customerId: string, at: string) {
  await t.deps.pool.query(
    'UPDATE customers SET created_at = $2, updated_at = $2, last_visit_at = NULL WHERE id = $1',
    [customerId, at],
  );
}

async function photo(repairId: string, takenAt: string) {
  await t.deps.pool.query(
    `INSERT INTO repair_photos (organization_id, repair_id, storage_key, file_name, content_type, size, created_at)
     VALUES ($1, $2, $3, 'foto.jpg', 'image/jpeg', 10, $4)`,
    [ctx.actor.organizationId, repairId, `photos/test/${takenAt.slice(0, 10)}.jpg`, takenAt],
  );
}

describe('retention with a fixed clock', () => {
  it('previews without changing anything, then the run anonymises and purges exactly what the preview showed', async () => {
    const NOW = '2026-06-15T12:00:00Z';
    const retention = retentionAt(NOW);
    await retention.updateSettings(ctx, { anonymiseInactiveAfterYears: 5, purgePhotosAfterYears: 3 });

    const gone = await createCustomer(t, { name: 'Inativo Livre', email: 'livre@exemplo.com.br' });
    await lastActive(gone.id, '2020-01-01T00:00:00Z');
    const busy = await createCustomer(t, { name: 'Inativo Com Ordem' });
    const order = await createRepair(t, {}, { customerId: busy.id });
    await lastActive(busy.id, '2020-01-01T00:00:00Z');
    // 2021-07-01 is less than 5 years before NOW (cutoff 2021-06-15)
    const recent = await createCustomer(t, { name: 'Quase Inativo' });
    await lastActive(recent.id, '2021-07-01T00:00:00Z');
    await photo(order.id, '2022-01-10T00:00:00Z');
    await photo(order.id, '2024-01-10T00:00:00Z');

    const preview = await retention.preview(ctx);
    expect(preview.customers.cutoff).toBe('2021-06-15T12:00:00.000Z');
    expect(preview.customers.sample.map((s) => s.id)).toEqual([gone.id]);
    expect(preview.customers).toMatchObject({ count: 1, blocked: 1 });
    expect(preview.photos).toMatchObject({ count: 1, cutoff: '2023-06-15T12:00:00.000Z' });
    expect(preview.photos.sample.map((p) => p.createdAt)).toEqual(['2022-01-10T00:00:00.000Z']);
    const names = async () =>
      (
        await t.deps.pool.query<{ id: string; name: string }>(
          'SELECT id, name FROM customers WHERE id = ANY($1) ORDER BY name',
          [[gone.id, busy.id, recent.id]],
        )
      ).rows.map((r) => r.name);
    expect(await names()).toEqual(['Inativo Com Ordem', 'Inativo Livre', 'Quase Inativo']);

    const run = await retention.runNow(ctx);
    expect(run).toMatchObject({ customersAnonymised: 1, customersSkipped: 1, photosPurged: 1, error: null });
    const after = await names();
    expect(after).toContain('Inativo Com Ordem');
    expect(after).toContain('Quase Inativo');
    expect(after).not.toContain('Inativo Livre');
    const { rows: photos } = await t.deps.pool.query(
      'SELECT created_at FROM repair_photos WHERE repair_id = $1',
      [order.id],
    );
    expect(photos).toHaveLength(1);

    const settings = await retention.settings(ctx);
    expect(settings.lastRun).toMatchObject({ trigger: 'manual', customersAnonymised: 1, photosPurged: 1 });
    const again = await retention.preview(ctx);
    expect(again.customers.count).toBe(0);
    expect(again.photos.count).toBe(0);

    // two weeks later the third customer crosses the line
    const later = await retentionAt('2026-07-02T12:00:00Z').preview(ctx);
    expect(later.customers.sample.map((s) => s.id)).toEqual([recent.id]);
  });

  it('runs once a day for every organization with a rule switched on, at 04:30 in its time zone', async () => {
    const setZone = (zone: string) =>
      t.deps.pool.query('UPDATE organizations SET time_zone = $2 WHERE id = $1', [
        ctx.actor.organizationId,
        zone,
      ]);
    await setZone('America/Sao_Paulo');
    // no job run yet: the latest 04:30 in São Paulo (07:30 UTC on the 15th) has passed unserved
    expect((await retentionAt('2026-06-16T04:30:00Z').runDaily()).organizations).toBe(1);
    // the checks every 10 minutes after it find it done, until 04:30 São Paulo time the next day
    expect((await retentionAt('2026-06-16T04:40:00Z').runDaily()).organizations).toBe(0);
    expect((await retentionAt('2026-06-16T07:29:00Z').runDaily()).organizations).toBe(0);
    expect((await retentionAt('2026-06-16T07:31:00Z').runDaily()).organizations).toBe(1);
    expect((await retentionAt('2026-06-16T07:41:00Z').runDaily()).organizations).toBe(0);
    // a shop in Mexico City (UTC−6) runs at 10:30 UTC, not at São Paulo's 07:30
    await setZone('America/Mexico_City');
    expect((await retentionAt('2026-06-16T10:29:00Z').runDaily()).organizations).toBe(0);
    expect((await retentionAt('2026-06-16T10:31:00Z').runDaily()).organizations).toBe(1);
    expect((await retentionAt('2026-06-17T08:00:00Z').runDaily()).organizations).toBe(0);
    expect((await retentionAt('2026-06-17T10:31:00Z').runDaily()).organizations).toBe(1);
    await setZone('America/Sao_Paulo');
  });

  it('runs two organizations in different time zones once a day each, at 04:30 on their own clocks', async () => {
    const tokyo = await otherOrganization(t);
    await t.deps.pool.query('UPDATE organizations SET time_zone = $2 WHERE id = $1', [
      tokyo.organizationId,
      'Asia/Tokyo',
    ]);
    await createPrivacyRepo().saveSettings(
      t.deps.db,
      tokyo.organizationId,
      { anonymiseInactiveAfterYears: 5, purgePhotosAfterYears: null },
      undefined,
    );
    let now = new Date('2026-09-01T00:00:00Z');
    const retention = retentionAt(() => now);
    // the first check catches up on the slots both missed (Tokyo never ran; São Paulo last ran in June)
    expect((await retention.runDaily()).organizations).toBe(2);
    const from = now;
    // the worker's check every 10 minutes, for two days
    for (let step = 1; step < 2 * 24 * 6; step++) {
      now = new Date(from.getTime() + step * 10 * 60_000);
      await retention.runDaily();
    }
    const { rows } = await t.deps.pool.query<{ organization_id: string; started_at: Date }>(
      `SELECT organization_id, started_at FROM privacy_retention_runs
        WHERE trigger = 'job' AND started_at > $1 ORDER BY started_at`,
      [from],
    );
    const runsOf = (organizationId: string) =>
      rows.filter((r) => r.organization_id === organizationId).map((r) => r.started_at.toISOString());
    // São Paulo (UTC−3): 04:30 is 07:30 UTC; Tokyo (UTC+9): 04:30 is 19:30 UTC the day before
    expect(runsOf(ctx.actor.organizationId)).toEqual([
      '2026-09-01T07:30:00.000Z',
      '2026-09-02T07:30:00.000Z',
    ]);
    expect(runsOf(tokyo.organizationId)).toEqual(['2026-09-01T19:30:00.000Z', '2026-09-02T19:30:00.000Z']);
  }, 60_000);
});
