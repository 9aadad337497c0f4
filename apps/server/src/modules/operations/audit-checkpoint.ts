import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locale } from '@bancada/shared';
import type pg from 'pg';
import type { Database } from '../../db/client.js';
import { type AuditChainHead, verifyAuditChain } from '../../platform/audit.js';
import { t } from '../../platform/i18n.js';
import type { Jobs } from '../../platform/jobs.js';
import { inTransaction } from '../../platform/tx.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { UsersService } from '../users/users.service.js';

/**
 * The audit chain's heads kept outside the database (issue 13 §7, decision 0006): each anchor is a
 * file in DATA_DIR/audit-anchors and, once a week, an e-mail to every organization's administrators
 * and managers with their chain's head and the anchor attached. A superuser who rewrites the table
 * and its heads inside the database cannot reach those copies; `verify-audit --anchor FILE` checks
 * the chain against any of them.
 */
export type AuditAnchor = { writtenAt: string; heads: AuditChainHead[] };

export const ANCHORS_FOLDER = 'audit-anchors';

/** Mondays 06:00 UTC: after the night's backup, before the shop opens in the Americas. */
export const AUDIT_CHECKPOINT_CRON = '0 6 * * 1';

/** The newest anchor file in the folder (names are ISO times, so the last in name order), if any. */
export async function latestAnchor(dir: string): Promise<{ file: string; anchor: AuditAnchor } | null> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const newest = names
    .filter((n) => n.endsWith('.json'))
    .sort()
    .at(-1);
  if (!newest) return null;
  const file = path.join(dir, newest);
  return { file, anchor: JSON.parse(await readFile(file, 'utf8')) as AuditAnchor };
}

export function anchorJson(anchor: AuditAnchor): string {
  return `${JSON.stringify(anchor, null, 2)}\n`;
}

/** Writes a new anchor file (beside and renamed, so a reader never sees half of one); returns its path. */
export async function writeAnchor(dir: string, heads: AuditChainHead[], now: Date): Promise<string> {
  await mkdir(dir, { recursive: true });
  const writtenAt = now.toISOString();
  const file = path.join(dir, `${writtenAt.replace(/[:.]/g, '-')}.json`);
  await writeFile(`${file}.partial`, anchorJson({ writtenAt, heads }));
  await rename(`${file}.partial`, file);
  return file;
}

type CheckpointDeps = {
  db: Database;
  pool: pg.Pool;
  dataDir: string;
  organization: OrganizationService;
  users: UsersService;
  outbox: OutboxService;
  clock?: () => Date;
};

export type CheckpointResult = { file: string | null; intact: boolean; mailed: number };

/**
 * Verifies every chain against the newest anchor; when intact, writes a new anchor and mails each
 * organization its head; when broken, mails the broken organizations' people an alert instead and
 * writes no anchor (an anchor must only ever hold verified heads).
 */
export async function runAuditCheckpoint(deps: CheckpointDeps): Promise<CheckpointResult> {
  const now = (deps.clock ?? (() => new Date()))();
  const dir = path.join(deps.dataDir, ANCHORS_FOLDER);
  const previous = await latestAnchor(dir);
  const result = await verifyAuditChain(deps.db, { anchors: previous?.anchor.heads });
  if (result.breaks.length > 0) {
    let mailed = 0;
    for (const broken of result.breaks) {
      const where = broken.id === null ? '—' : String(broken.id);
      mailed += await mailOrganization(deps, broken.organizationId, (locale, org) => ({
        subject: t(locale, 'mail.audit_broken.subject', { org }),
        text: (name) => t(locale, 'mail.audit_broken.body', { name, row: where, detail: broken.detail }),
      }));
    }
    return { file: null, intact: false, mailed };
  }
  const file = await writeAnchor(dir, result.heads, now);
  let mailed = 0;
  for (const head of result.heads) {
    const attachment = {
      filename: `audit-anchor-${now.toISOString().slice(0, 10)}.json`,
      contentType: 'application/json',
      contentBase64: Buffer.from(anchorJson({ writtenAt: now.toISOString(), heads: [head] })).toString(
        'base64',
      ),
    };
    mailed += await mailOrganization(
      deps,
      head.organizationId,
      (locale, org) => ({
        subject: t(locale, 'mail.audit_checkpoint.subject', { org }),
        text: (name) =>
          t(locale, 'mail.audit_checkpoint.body', {
            name,
            rows: String(head.rowCount),
            lastId: String(head.lastId),
            hash: head.lastHash,
            at: now.toISOString(),
          }),
      }),
      [attachment],
    );
  }
  return { file, intact: true, mailed };
}

async function mailOrganization(
  deps: CheckpointDeps,
  organizationId: string,
  compose: (locale: Locale, org: string) => { subject: string; text: (name: string) => string },
  attachments?: { filename: string; contentType: string; contentBase64: string }[],
): Promise<number> {
  const profile = await deps.organization.profile(deps.db, organizationId);
  if (!profile) return 0;
  const recipients = await deps.users.managersToNotify(deps.db, organizationId);
  if (recipients.length === 0) return 0;
  await inTransaction(deps.pool, async (tx) => {
    for (const person of recipients) {
      const locale = (person.locale as Locale) ?? 'pt-BR';
      const mail = compose(locale, profile.name);
      await deps.outbox.queueEmail(tx, {
        organizationId,
        to: person.email,
        subject: mail.subject,
        text: mail.text(person.name),
        relatedEntity: 'audit',
        ...(attachments ? { attachments } : {}),
      });
    }
  });
  return recipients.length;
}

/** The weekly checkpoint as a pg-boss job. */
export async function registerAuditCheckpoint(jobs: Jobs, deps: CheckpointDeps): Promise<void> {
  await jobs.work('audit-checkpoint', async () => {
    await runAuditCheckpoint(deps);
  });
  await jobs.schedule('audit-checkpoint', AUDIT_CHECKPOINT_CRON);
}
