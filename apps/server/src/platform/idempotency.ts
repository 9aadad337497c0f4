import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { idempotencyKeys } from '../db/schema/index.js';
import { canonicalJson } from './audit.js';
import type { AuthedContext } from './context.js';
import { AppError } from './errors.js';
import { type Tx, writeAtCommit } from './tx.js';

const KEY = /^[\x21-\x7e]{8,200}$/;

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
  const claimed = await tx.db
    .insert(idempotencyKeys)
    .values({
      organizationId,
      scope: options.scope,
      key: options.key,
      userId: ctx.actor.userId,
      requestHash,
      statusCode: 0,
      response: sql`'null'::jsonb`,
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [prior] = await tx.db
      .select()
      .from(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.organizationId, organizationId),
          eq(idempotencyKeys.scope, options.scope),
          eq(idempotencyKeys.key, options.key),
        ),
      );
    if (!prior || prior.requestHash !== requestHash) {
      throw new AppError('UNPROCESSABLE', 'idempotency.mismatch');
    }
    return { body: prior.response as T, replayed: true };
  }
  const body = await work();
  // the answer is only read by a later request: it is written in the transaction's last statement
  await writeAtCommit(
    tx.db,
    tx.db
      .update(idempotencyKeys)
      .set({ statusCode: options.status, response: body as object })
      .where(
        and(
          eq(idempotencyKeys.organizationId, organizationId),
          eq(idempotencyKeys.scope, options.scope),
          eq(idempotencyKeys.key, options.key),
        ),
      ),
  );
  return { body, replayed: false };
}
