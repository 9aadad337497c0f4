import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../test/customers.js';
import { createTestApp, createUserAndLogin, runCli, type TestApp } from '../../test/helpers.js';
import { createRepair } from '../../test/repairs.js';
import type { Database } from '../db/client.js';
import * as schema from '../db/schema/index.js';
import { SERVER_ROOT } from '../paths.js';
import {
  type AuditChainHead,
  auditContentHash,
  auditHash,
  canonicalJson,
  chainHash,
  recordAudit,
  verifyAuditChain,
} from './audit.js';
import { auditDiff, REDACTED } from './audit-diff.js';
import { type RequestContext, systemContext } from './context.js';
import { inTransaction } from './tx.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // some history: users created and edited, settings changed
  const user = await createUserAndLogin(t, { role: 'TECHNICIAN' });
  await t.request('PATCH', `/api/users/${user.id}`, { token: t.adminToken, body: { area: 'Funilaria' } });
  await t.request('PATCH', '/api/organization', { token: t.adminToken, body: { name: 'Oficina do Zé' } });
});
afterAll(() => t.close());

const ctx: RequestContext = { ...systemContext(), ip: '10.0.0.7', userAgent: 'audit.test' };

async function newOrganization(name: string): Promise<string> {
  const { rows } = await t.deps.pool.query<{ id: string }>(
    'INSERT INTO organizations (name) VALUES ($1) RETURNING id',
    [name],
  );
  return rows[0]!.id;
}

/** One audit row in its own `inTransaction` transaction (appended at its COMMIT). */
const writeRow = (organizationId: string, entityId: string, after: Record<string, unknown> = {}) =>
  inTransaction(t.deps.pool, (tx) =>
    recordAudit(tx.db, ctx, { organizationId, action: 'test.write', entity: 'test', entityId, after }),
  );

type ChainRow = { id: number; prev_hash: string; hash: string };
const chainOf = async (organizationId: string) =>
  (
    await t.deps.pool.query<ChainRow>(
      'SELECT id, prev_hash, hash FROM audit_log WHERE organization_id = $1 ORDER BY id',
      [organizationId],
    )
  ).rows;

/** As a database administrator would: with the append-only triggers off. */
async function tamper(work: (client: pg.PoolClient) => Promise<void>) {
  const client = await t.deps.pool.connect();
  try {
    await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await client.query('ALTER TABLE audit_chain_heads DISABLE TRIGGER audit_chain_heads_forward');
    await work(client);
  } finally {
    await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    await client.query('ALTER TABLE audit_chain_heads ENABLE TRIGGER audit_chain_heads_forward');
    client.release();
  }
}

/** Rejects if `promise` has not settled within `ms`. */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The CLI with its own DATA_DIR (anchors live there). */
async function cliWithDataDir(args: string[], dataDir: string) {
  const tsx = path.join(SERVER_ROOT, '../../node_modules/.bin/tsx');
  try {
    const { stdout } = await promisify(execFile)(tsx, [path.join(SERVER_ROOT, 'src/cli.ts'), ...args], {
      env: { ...process.env, DATABASE_URL: t.url, DATA_DIR: dataDir },
    });
    return { stdout, exitCode: 0 };
  } catch (error) {
    const e = error as { stdout: string; code: number };
    return { stdout: e.stdout, exitCode: e.code };
  }
}

describe('canonicalJson and the chain hash', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
  });

  it('links rows the way PostgreSQL does in audit_append', async () => {
    const prev = auditHash('0'.repeat(64), {
      organizationId: '00000000-0000-0000-0000-000000000001',
      occurredAt: new Date('2026-01-02T03:04:05.678Z'),
      actorId: null,
      actorName: 'Zé',
      action: 'x',
      entity: 'y',
      entityId: null,
      before: null,
      after: { nome: 'Ação' },
      ip: null,
      userAgent: null,
    });
    const content = auditContentHash({
      organizationId: '00000000-0000-0000-0000-000000000001',
      occurredAt: new Date(0),
      actorId: null,
      actorName: null,
      action: 'a',
      entity: 'b',
      entityId: 'c',
      before: { a: 1 },
      after: { a: 2 },
      ip: null,
      userAgent: null,
    });
    const { rows } = await t.deps.pool.query<{ h: string }>(
      `SELECT encode(sha256(convert_to($1 || $2, 'UTF8')), 'hex') AS h`,
      [prev, content],
    );
    expect(rows[0]!.h).toBe(chainHash(prev, content));
  });
});

describe('auditDiff', () => {
  it('keeps only what changed: nested objects field by field, arrays whole, updatedAt left out', () => {
    const before = {
      status: 'NAO_INICIADO',
      notes: 'a',
      totals: { parts: 10, labor: 5 },
      accessories: ['Estepe'],
      technicianId: null,
      updatedAt: '2026-01-01T00:00:00.000Z',
      version: 1,
    };
    const after = {
      ...before,
      notes: 'b',
      totals: { parts: 12, labor: 5 },
      accessories: ['Estepe', 'Chave'],
      technicianName: 'Ana',
      updatedAt: '2026-01-02T00:00:00.000Z',
      version: 2,
    };
    expect(auditDiff(before, after)).toEqual({
      before: { notes: 'a', totals: { parts: 10 }, accessories: ['Estepe'], version: 1 },
      after: {
        notes: 'b',
        totals: { parts: 12 },
        accessories: ['Estepe', 'Chave'],
        technicianName: 'Ana',
        version: 2,
      },
    });
  });

  it('keeps the created fields of a create and what a delete removed; absent equals null', () => {
    expect(auditDiff(undefined, { a: 1, b: null, c: [] })).toEqual({ before: null, after: { a: 1, c: [] } });
    expect(auditDiff({ a: 1, b: null }, null)).toEqual({ before: { a: 1 }, after: null });
    expect(auditDiff({ a: 1, b: null }, { a: 1 })).toEqual({ before: {}, after: {} });
    // a list (the checklist) is wrapped, so every row holds an object
    expect(auditDiff([{ key: 'x', done: false }], [{ key: 'x', done: true }])).toEqual({
      before: { items: [{ key: 'x', done: false }] },
      after: { items: [{ key: 'x', done: true }] },
    });
  });

  it('masks documents, phones, e-mails and addresses, and never keeps secrets', () => {
    const { before, after } = auditDiff(
      {
        document: '52998224725',
        documentFormatted: '529.982.247-25',
        email: 'maria.silva@exemplo.com.br',
        phone: '+55 (11) 98765-4321',
        phones: [{ label: 'mobile', number: '11987654321' }],
        addresses: [{ street: 'Rua das Flores', number: '120', city: 'Campinas', postalCode: '13010123' }],
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$abc',
        consents: { whatsapp: { granted: true, source: 'form' } },
      },
      {
        document: '11222333000181',
        documentFormatted: '***.***.247-25',
        email: 'maria@outro.com',
        phone: '+55 (11) 91234-0000',
        phones: [],
        addresses: [],
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$def',
        refreshToken: 'opaque-token',
        consents: { whatsapp: { granted: false, source: 'form' } },
      },
    );
    expect(before).toEqual({
      document: '******24725',
      documentFormatted: '***.***.247-25',
      email: 'm***@exemplo.com.br',
      phone: '+** (**) *****-4321',
      phones: [{ label: 'mobile', number: '*******4321' }],
      addresses: [{ street: '***', number: '***', city: 'Campinas', postalCode: '13010***' }],
      passwordHash: REDACTED,
      consents: { whatsapp: { granted: true } },
    });
    expect(after).toEqual({
      document: '*********00181',
      // already masked by the caller (customers' forAudit): kept as it is
      documentFormatted: '***.***.247-25',
      email: 'm***@outro.com',
      phone: '+** (**) *****-0000',
      phones: [],
      addresses: [],
      passwordHash: REDACTED,
      refreshToken: REDACTED,
      consents: { whatsapp: { granted: false } },
    });
    expect(JSON.stringify({ before, after })).not.toMatch(/argon2|opaque|52998224725|maria\.silva|98765/);
  });
});

describe('audit log', () => {
  it('records who changed what, only what changed, newest first', async () => {
    const res = await t.request('GET', '/api/audit?entity=user&action=user.update', { token: t.adminToken });
    expect(res.statusCode).toBe(200);
    const [entry] = res.json().items;
    expect(entry).toMatchObject({ action: 'user.update', entity: 'user', actorName: 'Administrador' });
    expect(entry.before).toEqual({ area: null, version: 1 });
    expect(entry.after).toEqual({ area: 'Funilaria', version: 2 });
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

  it('is append-only: the database refuses UPDATE and DELETE, and a head only moves forward', async () => {
    await expect(t.deps.pool.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.deps.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.deps.pool.query('DELETE FROM audit_chain_heads')).rejects.toThrow(/only move forward/);
    await expect(t.deps.pool.query('UPDATE audit_chain_heads SET row_count = row_count - 1')).rejects.toThrow(
      /only move forward/,
    );
  });

  it('stores a service order create and update as a fraction of the two snapshots', async () => {
    const customer = await createCustomer(t, { name: 'Tamanho', phone: '11987654321' });
    const created = await createRepair(t, {}, { customerId: customer.id });
    const patch = await t.request('PATCH', `/api/repairs/${created.id}`, {
      token: t.adminToken,
      headers: { 'if-match': `"${created.version}"` },
      body: { notes: 'Trocar o termostato.', deadline: '2025-11-22T18:00:00.000Z' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const updated = patch.json();
    const { rows } = await t.deps.pool.query<{
      action: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      stored: number;
    }>(
      `SELECT action, before, after, coalesce(pg_column_size(before), 0) + coalesce(pg_column_size(after), 0) AS stored
         FROM audit_log WHERE entity_id = $1 ORDER BY id`,
      [created.id],
    );
    const [createRow, updateRow] = rows;
    expect(createRow!.before).toBeNull();
    expect(createRow!.after).toMatchObject({ id: created.id, status: 'NAO_INICIADO', notes: created.notes });
    expect(updateRow!.before).toEqual({
      notes: created.notes,
      deadline: created.deadline,
      version: created.version,
    });
    expect(updateRow!.after).toEqual({
      notes: 'Trocar o termostato.',
      deadline: '2025-11-22T18:00:00.000Z',
      version: updated.version,
    });
    const bytes = (v: unknown) => (v === null || v === undefined ? 0 : JSON.stringify(v).length);
    // what the rows held before issue 11: the record as it was and as it became, in full
    const snapshots = { create: bytes(created), update: bytes(created) + bytes(updated) };
    const diffs = {
      create: bytes(createRow!.before) + bytes(createRow!.after),
      update: bytes(updateRow!.before) + bytes(updateRow!.after),
    };
    const { rows: sizes } = await t.deps.pool.query<{ create: number; update: number }>(
      'SELECT pg_column_size($1::jsonb) AS create, pg_column_size($1::jsonb) + pg_column_size($2::jsonb) AS update',
      [JSON.stringify(created), JSON.stringify(updated)],
    );
    console.log(
      `audit row size, JSON bytes of before+after: create ${snapshots.create} → ${diffs.create}, ` +
        `update ${snapshots.update} → ${diffs.update}; jsonb bytes: create ${sizes[0]!.create} → ` +
        `${createRow!.stored}, update ${sizes[0]!.update} → ${updateRow!.stored}`,
    );
    expect(diffs.create).toBeLessThan(snapshots.create);
    expect(diffs.update * 10).toBeLessThan(snapshots.update);
  });
});

describe('verifyAuditChain and verify-audit', () => {
  const orgs: Record<'altered' | 'removed' | 'truncated' | 'inserted' | 'appended' | 'rewritten', string> = {
    altered: '',
    removed: '',
    truncated: '',
    inserted: '',
    appended: '',
    rewritten: '',
  };
  const chains: Record<string, ChainRow[]> = {};
  let anchorDir = '';

  beforeAll(async () => {
    for (const key of Object.keys(orgs) as (keyof typeof orgs)[]) orgs[key] = await newOrganization(key);
    // five rows each, written in turns with ids skipped between turns, so an id is free between rows
    for (let i = 0; i < 5; i++) {
      for (const [key, organizationId] of Object.entries(orgs)) await writeRow(organizationId, `${key}-${i}`);
      await t.deps.pool.query(`SELECT setval('audit_log_id_seq', nextval('audit_log_id_seq') + 5)`);
    }
    for (const organizationId of Object.values(orgs)) chains[organizationId] = await chainOf(organizationId);
    anchorDir = await mkdtemp(path.join(tmpdir(), 'bancada-anchors-'));
  });
  afterAll(() => rm(anchorDir, { recursive: true, force: true }));

  it('finds every chain intact and writes an anchor of the heads', async () => {
    const result = await verifyAuditChain(t.deps.db, { batchSize: 2 });
    expect(result.breaks).toEqual([]);
    expect(result.heads.find((h) => h.organizationId === orgs.altered)).toMatchObject({
      rowCount: 5,
      lastId: chains[orgs.altered]![4]!.id,
    });
    const { stdout, exitCode } = await cliWithDataDir(['verify-audit', '--anchor'], anchorDir);
    expect(exitCode, stdout).toBe(0);
    expect(stdout).toMatch(/Audit chain intact: \d+ rows checked/);
    expect(stdout).toContain(
      `organization ${orgs.altered}: 5 rows, last row ${chains[orgs.altered]![4]!.id}`,
    );
    expect(await readdir(path.join(anchorDir, 'audit-anchors'))).toHaveLength(1);
  });

  it('detects an altered row, a removed row, a truncated tail and inserted rows, naming organization and row', async () => {
    const c = (key: keyof typeof orgs) => chains[orgs[key]]!;
    const anchors: AuditChainHead[] = (await verifyAuditChain(t.deps.db)).heads;
    await tamper(async (client) => {
      await client.query(`UPDATE audit_log SET after = '{"forged":true}' WHERE id = $1`, [
        c('altered')[2]!.id,
      ]);
      await client.query('DELETE FROM audit_log WHERE id = $1', [c('removed')[2]!.id]);
      // the last two rows go: what is left is a valid chain, shorter than its head says
      await client.query('DELETE FROM audit_log WHERE id = ANY($1)', [
        [c('truncated')[3]!.id, c('truncated')[4]!.id],
      ]);
      // a row forged with the right hash function, between rows 2 and 3, and one after the last
      const forge = async (organizationId: string, id: number | null, prevHash: string) => {
        const content = {
          organizationId,
          occurredAt: new Date(),
          actorId: null,
          actorName: 'Intruso',
          action: 'test.write',
          entity: 'test',
          entityId: 'forged',
          before: null,
          after: { forged: true },
          ip: null,
          userAgent: null,
        };
        await client.query(
          `INSERT INTO audit_log (id, organization_id, occurred_at, actor_name, action, entity, entity_id, after,
             prev_hash, hash)
           VALUES (coalesce($1, nextval('audit_log_id_seq')), $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            id,
            organizationId,
            content.occurredAt,
            content.actorName,
            content.action,
            content.entity,
            content.entityId,
            content.after,
            prevHash,
            auditHash(prevHash, content),
          ],
        );
      };
      const {
        rows: [free],
      } = await client.query<{ id: number }>(
        `SELECT min(g) AS id FROM generate_series($1::bigint + 1, $2::bigint - 1) g
          WHERE NOT EXISTS (SELECT 1 FROM audit_log WHERE id = g)`,
        [c('inserted')[1]!.id, c('inserted')[2]!.id],
      );
      await forge(orgs.inserted, free!.id, c('inserted')[1]!.hash);
      await forge(orgs.appended, null, c('appended')[4]!.hash);
      // with full write access: the tail removed and the head moved back to match
      await client.query('DELETE FROM audit_log WHERE id = $1', [c('rewritten')[4]!.id]);
      await client.query(
        'UPDATE audit_chain_heads SET row_count = 4, last_id = $2, last_hash = $3 WHERE organization_id = $1',
        [orgs.rewritten, c('rewritten')[3]!.id, c('rewritten')[3]!.hash],
      );
    });

    const result = await verifyAuditChain(t.deps.db, { batchSize: 3 });
    const byOrg = new Map(result.breaks.map((b) => [b.organizationId, b]));
    expect(byOrg.get(orgs.altered)).toMatchObject({ id: c('altered')[2]!.id, reason: 'hash_mismatch' });
    expect(byOrg.get(orgs.removed)).toMatchObject({ id: c('removed')[3]!.id, reason: 'broken_link' });
    expect(byOrg.get(orgs.truncated)).toMatchObject({ id: c('truncated')[4]!.id, reason: 'truncated' });
    expect(byOrg.get(orgs.inserted)).toMatchObject({ id: c('inserted')[2]!.id, reason: 'broken_link' });
    expect(byOrg.get(orgs.appended)).toMatchObject({ reason: 'not_in_head' });
    // what the head cannot tell: the chain and its head rewritten together ...
    expect(byOrg.has(orgs.rewritten)).toBe(false);
    // ... an anchor kept elsewhere can
    const anchored = await verifyAuditChain(t.deps.db, { anchors });
    expect(anchored.breaks.find((b) => b.organizationId === orgs.rewritten)).toMatchObject({
      reason: 'anchor_mismatch',
    });
    // the other organizations' chains, the shop's own among them, are intact
    expect(result.breaks).toHaveLength(5);

    const { stdout, exitCode } = await runCli(['verify-audit'], t.url);
    expect(exitCode).toBe(1);
    expect(stdout).toMatch(
      new RegExp(
        `BROKEN at row ${c('altered')[2]!.id} \\(organization ${orgs.altered}\\): the row was altered`,
      ),
    );
    expect(stdout).toMatch(
      new RegExp(`BROKEN at row ${c('removed')[3]!.id} \\(organization ${orgs.removed}\\): a row before it`),
    );
    expect(stdout).toMatch(
      new RegExp(
        `BROKEN at row ${c('truncated')[4]!.id} \\(organization ${orgs.truncated}\\): the chain ends at row ${c('truncated')[2]!.id} after 3 rows, but its head records 5 rows`,
      ),
    );
    expect(stdout).toMatch(
      new RegExp(`BROKEN at row ${c('inserted')[2]!.id} \\(organization ${orgs.inserted}\\)`),
    );
    expect(stdout).toMatch(
      new RegExp(`BROKEN at row \\d+ \\(organization ${orgs.appended}\\): the row comes after`),
    );
    expect(stdout).not.toContain(orgs.rewritten);

    const withAnchor = await cliWithDataDir(['verify-audit'], anchorDir);
    expect(withAnchor.exitCode).toBe(1);
    expect(withAnchor.stdout).toMatch(
      new RegExp(`BROKEN at row \\d+ \\(organization ${orgs.rewritten}\\): .*anchored earlier`),
    );
  });
});

describe('appending under concurrency', () => {
  it('20 parallel transactions of 3 rows each leave one unforked chain, each transaction’s rows together', async () => {
    const organizationId = await newOrganization('Concorrida');
    // the organization's first rows: the head row is created by whichever writer comes first
    await Promise.all(
      Array.from({ length: 20 }, (_, w) =>
        inTransaction(t.deps.pool, async (tx) => {
          for (let i = 0; i < 3; i++) {
            await recordAudit(tx.db, ctx, {
              organizationId,
              action: 'test.write',
              entity: 'test',
              entityId: `w${w}`,
              after: { i },
            });
            await sleep(Math.random() * 5);
          }
        }),
      ),
    );
    const result = await verifyAuditChain(t.deps.db);
    expect(result.breaks.filter((b) => b.organizationId === organizationId)).toEqual([]);
    expect(result.heads.find((h) => h.organizationId === organizationId)?.rowCount).toBe(60);
    const { rows } = await t.deps.pool.query<{ entity_id: string; prev_hash: string; hash: string }>(
      'SELECT entity_id, prev_hash, hash FROM audit_log WHERE organization_id = $1 ORDER BY id',
      [organizationId],
    );
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(60); // no two rows follow the same one
    for (let i = 0; i < 60; i += 3) {
      expect(new Set(rows.slice(i, i + 3).map((r) => r.entity_id)).size).toBe(1);
    }
  });

  it('holds nothing of the organization while a transaction runs, only at its end', async () => {
    const organizationId = await newOrganization('Longa');
    await writeRow(organizationId, 'first');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let recorded!: () => void;
    const inside = new Promise<void>((resolve) => {
      recorded = resolve;
    });
    const slow = inTransaction(t.deps.pool, async (tx) => {
      await recordAudit(tx.db, ctx, {
        organizationId,
        action: 'test.write',
        entity: 'test',
        entityId: 'slow',
      });
      recorded();
      await gate;
    });
    await inside;
    // the slow transaction has recorded its row and is still working: another writer goes through
    await within(3_000, writeRow(organizationId, 'quick'), 'a writer beside a long transaction');
    release();
    await slow;
    const rows = await t.deps.pool.query<{ entity_id: string }>(
      'SELECT entity_id FROM audit_log WHERE organization_id = $1 ORDER BY id',
      [organizationId],
    );
    expect(rows.rows.map((r) => r.entity_id)).toEqual(['first', 'quick', 'slow']);
    const result = await verifyAuditChain(t.deps.db);
    expect(result.breaks.filter((b) => b.organizationId === organizationId)).toEqual([]);
  });

  it('writers of two organizations do not wait on each other’s chain', async () => {
    const [first, second] = [await newOrganization('Primeira'), await newOrganization('Segunda')];
    await writeRow(first, 'a');
    await writeRow(second, 'a');
    const client = await t.deps.pool.connect();
    try {
      await client.query('BEGIN');
      // outside inTransaction the row is appended at once: the first organization's head stays locked
      const held = drizzle(client, { schema }) as unknown as Database;
      await recordAudit(held, ctx, {
        organizationId: first,
        action: 'test.write',
        entity: 'test',
        entityId: 'b',
      });
      await within(3_000, writeRow(second, 'b'), "the other organization's writer");
      // while the same organization's next writer waits for that COMMIT (the lock the test is about)
      let waited = true;
      const same = writeRow(first, 'c').then(() => {
        waited = false;
      });
      await sleep(500);
      expect(waited).toBe(true);
      await client.query('COMMIT');
      await within(3_000, same, 'the same organization’s writer after the COMMIT');
    } finally {
      client.release();
    }
    const result = await verifyAuditChain(t.deps.db);
    expect(result.breaks.filter((b) => [first, second].includes(b.organizationId))).toEqual([]);
    expect(result.heads.find((h) => h.organizationId === first)?.rowCount).toBe(3);
    expect(result.heads.find((h) => h.organizationId === second)?.rowCount).toBe(2);
  });
});
