import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { canonicalJson } from './audit.js';
import type { AuthedContext } from './context.js';
import { AppError } from './errors.js';
import { type NamedStatement, runNamed } from './prepared.js';
import { type Tx, writeAtCommit } from './tx.js';

const KEY = /^[\x21-\x7e]{8,200}$/;

/** The key row, claimed with an empty answer; nothing comes back when another request holds it. */
const CLAIM: NamedStatement = {
  name: 'idempotency_claim',
  text: `INSERT INTO idempotency_keys (organization_id, scope, key, user_id, request_hash, status_code, response)
VALUES ($1, $2, $3, $4, $5, 0, 'null'::jsonb) ON CONFLICT DO NOTHING RETURNING key`,
};
/** The stored request and answer of a key already claimed (once its transaction has ended). */
const PRIOR: NamedStatement = {
  name: 'idempotency_prior',
  text: 'SELECT request_hash, response FROM idempotency_keys WHERE organization_id = $1 AND scope = $2 AND key = $3',
};

/** Reads the Idempotency-Key header: undefined when absent, 400 when malformed. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value || !KEY.test(value)) throw new AppError('BAD_REQUEST', 'idempotency.key_invalid');
  return value;
}

export type Idempotent<T> = { body: T; replayed: boolean };

/**
 * Runs `work` once per (organization, scope, key), inside the caller's transaction (ARCHITECTURE §4:
 * POSTs that create orders or payments honour an Idempotency-Key). The key row is claimed first:
 * a concurrent request with the same key waits on the unique index until this transaction ends,
 * then replays the stored answer; if this transaction rolls back, the other one runs the work.
 * The same key with a different body is refused (422).
 */
export async function idempotent<T>(
  tx: Tx,
  ctx: AuthedContext,
  options: { scope: string; key: string | undefined; request: unknown; status: number },
  work: () => Promise<T>,
): Promise<Idempotent<T>> {
  if (!options.key) return { body: await work(), replayed: false };
  const organizationId = ctx.actor.organizationId;
  // through JSON first, so dates hash as the strings they were sent as
  const requestHash = createHash('sha256')
    .update(canonicalJson(JSON.parse(JSON.stringify(options.request ?? null))))
    .digest('hex');
  // every create with a key claims it (issue 11): statements of fixed text, not built per request
  const claimed = await runNamed(tx.db, CLAIM, [
    organizationId,
    options.scope,
    options.key,
    ctx.actor.userId,
    requestHash,
  ]);
  if (claimed.length === 0) {
    const [prior] = await runNamed<{ request_hash: string; response: unknown }>(tx.db, PRIOR, [
      organizationId,
      options.scope,
      options.key,
    ]);
    if (!prior || prior.request_hash !== requestHash) {
      throw new AppError('UNPROCESSABLE', 'idempotency.mismatch');
    }
    return { body: prior.response as T, replayed: true };
  }
  const body = await work();
  // the answer is only read by a later request: it is written in the transaction's last statement
  await writeAtCommit(
    tx.db,
    // jsonb as JSON text, as the column would send it (an absent answer stays the claim's null)
    sql`UPDATE idempotency_keys SET status_code = ${options.status}, response = ${JSON.stringify(body ?? null)}::jsonb
      WHERE organization_id = ${organizationId} AND scope = ${options.scope} AND key = ${options.key}`,
  );
  return { body, replayed: false };
}
