import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { MIGRATIONS_DIR } from '../paths.js';

const MIGRATION_LOCK = 7_234_001;

/** A migration failed: names it and PostgreSQL's reason. Nothing of the failed run is applied. */
export class MigrationError extends Error {
  constructor(
    readonly migration: string | null,
    readonly reason: string,
    options: { cause: unknown },
  ) {
    super(
      migration
        ? `The database migration ${migration} failed: ${reason}. Nothing of this start's migrations was applied (they run in one transaction).`
        : `The database migrations failed: ${reason}. Nothing of this start's migrations was applied (they run in one transaction).`,
      options,
    );
  }
}

/** Which migration of the folder holds the statement that failed (drizzle reports only the SQL). */
export async function findMigrationOf(folder: string, statement: string): Promise<string | null> {
  try {
    const journal = JSON.parse(await readFile(path.join(folder, 'meta/_journal.json'), 'utf8')) as {
      entries: { tag: string }[];
    };
    for (const { tag } of journal.entries) {
      const text = await readFile(path.join(folder, `${tag}.sql`), 'utf8');
      if (text.split('--> statement-breakpoint').some((part) => part === statement)) return `${tag}.sql`;
    }
  } catch {
    // an unreadable folder: drizzle's own message says why
  }
  return null;
}

function reasonOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const text = cause instanceof Error ? cause.message : String(cause);
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? `${text} (SQLSTATE ${code})` : text;
}

/** Applies the committed migrations; an advisory lock lets several instances start at once. */
export async function runMigrations(url: string, migrationsFolder = MIGRATIONS_DIR): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'bancada-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('SET client_min_messages TO warning');
    try {
      await migrate(drizzle(client), { migrationsFolder });
    } catch (error) {
      const statement = (error as { query?: unknown }).query;
      const migration =
        typeof statement === 'string' ? await findMigrationOf(migrationsFolder, statement) : null;
      throw new MigrationError(migration, reasonOf(error), { cause: error });
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}
