import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { MIGRATIONS_DIR } from '../../paths.js';
import type { AuditChainHead } from '../../platform/audit.js';
import type { ArchivedTable, ArchiveWriter, BackupManifest } from './frames.js';

/**
 * The database part of a backup: a logical dump of the data, not of the schema. The schema is what the
 * committed migrations build (they are the schema's only source), so an archive records the latest
 * applied migration and the rows of every table in schema `public`, each table as PostgreSQL's COPY
 * text format, all read in ONE repeatable-read, read-only transaction (the same consistency pg_dump
 * gives). Restoring builds the schema from the migrations up to that one, loads the rows, then applies
 * any later migrations, in one transaction.
 *
 * Why not pg_dump: the embedded server is PostgreSQL 18, the package ships no client tools, and an
 * older pg_dump refuses a newer server; COPY needs nothing but the connection, works on any server
 * ≥ 15 while the application runs, and an archive restores across major versions (embedded 18 →
 * an external 15, or back).
 *
 * pg-boss's schema (queued jobs) and drizzle's bookkeeping are not copied: the migrations table is
 * rebuilt by the restore and pg-boss recreates its schema when the server starts.
 */

type Journal = { entries: { idx: number; tag: string; when: number }[] };

export function migrationJournal(dir = MIGRATIONS_DIR): Journal['entries'] {
  const journal = JSON.parse(readFileSync(path.join(dir, 'meta/_journal.json'), 'utf8')) as Journal;
  return [...journal.entries].sort((a, b) => a.when - b.when);
}

/** The latest migration this code knows. */
export function latestKnownMigration(dir = MIGRATIONS_DIR): { tag: string; when: number } {
  const last = migrationJournal(dir).at(-1);
  if (!last) throw new Error('no migrations');
  return { tag: last.tag, when: last.when };
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualified = (schema: string, name: string) => `${quote(schema)}.${quote(name)}`;

/** The latest migration applied to the database (null: none, or no drizzle table). */
export async function appliedMigration(client: pg.ClientBase): Promise<{ tag: string; when: number } | null> {
  const { rows: exists } = await client.query<{ ok: boolean }>(
    `SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS ok`,
  );
  if (!exists[0]?.ok) return null;
  const { rows } = await client.query<{ created_at: string }>(
    'SELECT created_at::text FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1',
  );
  if (!rows[0]) return null;
  const when = Number(rows[0].created_at);
  const known = migrationJournal().find((entry) => entry.when === when);
  return { tag: known?.tag ?? `unknown-${when}`, when };
}

type TableInfo = { schema: string; name: string; kind: string; columns: string[]; bytes: number };

async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows } = await client.query<{
    schema: string;
    name: string;
    kind: string;
    columns: string[] | null;
    bytes: string;
  }>(
    `SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS kind,
            array_agg(a.attname::text ORDER BY a.attnum)
              FILTER (WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS columns,
            pg_total_relation_size(c.oid)::text AS bytes
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      GROUP BY n.nspname, c.relname, c.relkind, c.oid
      ORDER BY c.relname`,
  );
  return rows.map((r) => ({
    schema: r.schema,
    name: r.name,
    kind: r.kind,
    columns: r.columns ?? [],
    bytes: Number(r.bytes),
  }));
}

export type DumpResult = {
  migration: { tag: string; when: number };
  serverVersion: string;
  tables: ArchivedTable[];
  sequences: BackupManifest['database']['sequences'];
  auditHeads: AuditChainHead[];
};

/**
 * Copies every table into the archive from one snapshot. `onProgress` gets the share done (0–1),
 * weighted by the tables' sizes on disk.
 */
export async function dumpDatabase(
  client: pg.ClientBase,
  writer: ArchiveWriter,
  onProgress: (share: number) => void,
): Promise<DumpResult> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  try {
    const migration = await appliedMigration(client);
    if (!migration) throw new Error('The database has no applied migrations: nothing to back up.');
    const known = latestKnownMigration();
    if (migration.when > known.when) {
      throw new Error(
        `The database is at migration ${migration.tag}, newer than this code knows (${known.tag}): back up with the newer version.`,
      );
    }
    const {
      rows: [version],
    } = await client.query<{ server_version: string }>('SHOW server_version');
    const tables = await listTables(client);
    const { rows: sequences } = await client.query<{ name: string; value: string | null }>(
      `SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename) AS name, last_value::text AS value
         FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
    );
    const auditHeads = (
      await client
        .query<{
          organization_id: string;
          row_count: string;
          last_id: string;
          last_hash: string;
        }>(
          `SELECT organization_id, row_count::text, last_id::text, last_hash FROM audit_chain_heads ORDER BY organization_id`,
        )
        .catch(() => ({ rows: [] }))
    ).rows.map((h) => ({
      organizationId: h.organization_id,
      rowCount: Number(h.row_count),
      lastId: Number(h.last_id),
      lastHash: h.last_hash,
    }));
    const total = tables.reduce((sum, t) => sum + Math.max(t.bytes, 8192), 0);
    let done = 0;
    const archived: ArchivedTable[] = [];
    for (const table of tables) {
      const columns = table.columns.map(quote).join(', ');
      const source =
        table.kind === 'p'
          ? `(SELECT ${columns} FROM ${qualified(table.schema, table.name)})`
          : `${qualified(table.schema, table.name)} (${columns})`;
      const copy = client.query(copyTo(`COPY ${source} TO STDOUT`));
      const file = `database/${table.schema}.${table.name}.copy`;
      await writer.addFile(file, copy);
      archived.push({
        schema: table.schema,
        name: table.name,
        columns: table.columns,
        rows: copy.rowCount ?? 0,
        file,
      });
      done += Math.max(table.bytes, 8192);
      onProgress(done / total);
    }
    await client.query('COMMIT');
    return {
      migration,
      serverVersion: version?.server_version ?? 'unknown',
      tables: archived,
      sequences,
      auditHeads,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** Tables that hold application data: anything but PostgreSQL's own schemas. */
export async function applicationTableCount(client: pg.ClientBase): Promise<number> {
  const {
    rows: [row],
  } = await client.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`,
  );
  return Number(row?.n ?? 0);
}

/** Runs the migrations whose journal time is after `after` and up to `upTo`, inside the caller's transaction. */
async function applyMigrations(client: pg.ClientBase, after: number, upTo: number): Promise<void> {
  await client.query('CREATE SCHEMA IF NOT EXISTS drizzle');
  await client.query(
    'CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)',
  );
  for (const migration of readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR })) {
    if (migration.folderMillis <= after || migration.folderMillis > upTo) continue;
    for (const statement of migration.sql) {
      if (statement.trim()) await client.query(statement);
    }
    await client.query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [
      migration.hash,
      migration.folderMillis,
    ]);
  }
}

/**
 * Loads a verified, extracted archive into the database, in ONE transaction: with `replace`, drop
 * what is there; build the schema up to the archive's migration; load every table with triggers off
 * and foreign keys dropped (re-added, and so checked, afterwards); set the sequences; apply the
 * migrations written since. Any failure rolls everything back.
 */
export async function loadDatabase(
  client: pg.ClientBase,
  dir: string,
  manifest: BackupManifest,
  options: {
    replace: boolean;
    onProgress: (share: number) => void;
    /** last words in the same transaction, after every migration */
    finish?: (client: pg.ClientBase) => Promise<void>;
  },
): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL client_min_messages TO warning');
    if (options.replace) {
      await client.query('DROP SCHEMA IF EXISTS pgboss CASCADE');
      await client.query('DROP SCHEMA IF EXISTS drizzle CASCADE');
      await client.query('DROP SCHEMA IF EXISTS public CASCADE');
      await client.query('CREATE SCHEMA public');
    }
    await applyMigrations(client, 0, manifest.migration.when);
    const names = manifest.database.tables.map((t) => qualified(t.schema, t.name));
    const { rows: foreignKeys } = await client.query<{ tbl: string; name: string; def: string }>(
      `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def
         FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`,
    );
    for (const fk of foreignKeys)
      await client.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${quote(fk.name)}`);
    for (const name of names) await client.query(`ALTER TABLE ${name} DISABLE TRIGGER USER`);
    // migrations may have written rows of their own (counters for existing organizations)
    if (names.length) await client.query(`TRUNCATE ${names.join(', ')}`);
    const total = manifest.database.tables.reduce(
      (sum, t) => sum + (manifest.files.find((f) => f.path === t.file)?.size ?? 0) + 1,
      0,
    );
    let done = 0;
    for (const table of manifest.database.tables) {
      const columns = table.columns.map(quote).join(', ');
      const copy = client.query(
        copyFrom(`COPY ${qualified(table.schema, table.name)} (${columns}) FROM STDIN`),
      );
      await pipeline(createReadStream(path.join(dir, ...table.file.split('/'))), copy);
      done += (manifest.files.find((f) => f.path === table.file)?.size ?? 0) + 1;
      options.onProgress(done / total);
    }
    for (const sequence of manifest.database.sequences) {
      if (sequence.value !== null) {
        await client.query('SELECT setval($1::regclass, $2::bigint, true)', [sequence.name, sequence.value]);
      }
    }
    for (const name of names) await client.query(`ALTER TABLE ${name} ENABLE TRIGGER USER`);
    for (const fk of foreignKeys) {
      await client.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${quote(fk.name)} ${fk.def}`);
    }
    await applyMigrations(client, manifest.migration.when, Number.MAX_SAFE_INTEGER);
    await options.finish?.(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
