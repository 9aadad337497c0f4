import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, runCli, type TestApp } from '../../../test/helpers.js';
import { verifyAuditChain } from '../../platform/audit.js';
import { ANCHORS_FOLDER, runAuditCheckpoint } from './audit-checkpoint.js';

type Mail = {
  subject: string;
  body_text: string;
  attachments: { filename: string; contentBase64: string }[] | null;
};

describe('the weekly audit checkpoint: the chain head kept outside the database', () => {
  let t: TestApp;
  let dataDir: string;
  const run = () => {
    const { organization, users, outbox } = t.app.services;
    return runAuditCheckpoint({ db: t.deps.db, pool: t.deps.pool, dataDir, organization, users, outbox });
  };
  const mails = async () =>
    (
      await t.deps.pool.query<Mail>(
        `SELECT subject, body_text, attachments FROM outbox_messages WHERE related_entity = 'audit' ORDER BY created_at`,
      )
    ).rows;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bancada-checkpoint-'));
    t = await createTestApp({ config: { dataDir } });
    // a few audited writes beyond the administrator's creation
    for (const name of ['Peças Norte', 'Auto Sul', 'Distribuidora Leste']) {
      const res = await t.request('POST', '/api/suppliers', { token: t.adminToken, body: { name } });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('mails the administrators the verified head, with an anchor file that verify-audit accepts', async () => {
    const result = await run();
    expect(result).toMatchObject({ intact: true, mailed: 1 });
    expect(await readdir(path.join(dataDir, ANCHORS_FOLDER))).toEqual([path.basename(result.file!)]);
    const { heads } = await verifyAuditChain(t.deps.db);
    const [mail] = await mails();
    expect(mail).toBeDefined();
    const head = heads[0]!;
    expect(mail!.body_text).toContain(head.lastHash);
    expect(mail!.subject).toMatch(/auditoria/); // the administrator reads pt-BR
    expect(mail!.body_text).toContain(`${head.rowCount} registros`);
    const anchor = JSON.parse(Buffer.from(mail!.attachments![0]!.contentBase64, 'base64').toString('utf8'));
    expect(anchor.heads).toEqual([head]);

    const file = path.join(dataDir, 'mailed-anchor.json');
    await writeFile(file, JSON.stringify(anchor));
    const checked = await runCli(['verify-audit', '--anchor', file], t.url);
    expect(checked.exitCode, checked.stdout).toBe(0);
  });

  it('catches a superuser who removes the newest rows and rewinds the head: the mailed anchor disagrees, and the next checkpoint alerts', async () => {
    const [mail] = await mails();
    const file = path.join(dataDir, 'mailed-anchor.json');
    await writeFile(file, Buffer.from(mail!.attachments![0]!.contentBase64, 'base64'));
    const client = await t.deps.pool.connect();
    try {
      await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await client.query('ALTER TABLE audit_chain_heads DISABLE TRIGGER audit_chain_heads_forward');
      const {
        rows: [last, previous],
      } = await client.query<{ id: string; hash: string; organization_id: string }>(
        'SELECT id, hash, organization_id FROM audit_log ORDER BY id DESC LIMIT 2',
      );
      await client.query('DELETE FROM audit_log WHERE id = $1', [last!.id]);
      // the head rewound to match: inside the database, everything agrees again
      await client.query(
        'UPDATE audit_chain_heads SET row_count = row_count - 1, last_id = $2, last_hash = $3 WHERE organization_id = $1',
        [last!.organization_id, previous!.id, previous!.hash],
      );
    } finally {
      await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
      await client.query('ALTER TABLE audit_chain_heads ENABLE TRIGGER audit_chain_heads_forward');
      client.release();
    }
    expect((await verifyAuditChain(t.deps.db)).breaks).toEqual([]);

    const checked = await runCli(['verify-audit', '--anchor', file], t.url);
    expect(checked.exitCode).toBe(1);
    expect(checked.stdout).toContain('Audit chain BROKEN');

    // the server's own anchor (DATA_DIR/audit-anchors) catches it too: an alert, and no new anchor
    const result = await run();
    expect(result).toMatchObject({ intact: false, file: null, mailed: 1 });
    expect(await readdir(path.join(dataDir, ANCHORS_FOLDER))).toHaveLength(1);
    const alert = (await mails()).at(-1);
    expect(alert!.subject).toMatch(/ALERTA/);
    expect(alert!.attachments).toBeNull();
  });
});
