import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, StrongroomError } from '../core/errors';
import { MIGRATIONS, type Migration } from './migrations';

export type CatalogDb = Database.Database;

export const CATALOG_FILE = 'catalog.sqlite';

/**
 * Opens (creating if needed) the catalog in `home` and brings its schema up to date. WAL keeps a crash or
 * power loss from corrupting it; `synchronous = FULL` because an audit event that vanishes on power loss is
 * exactly the gap an auditor would ask about.
 */
export function openCatalogDatabase(home: string, migrations: readonly Migration[] = MIGRATIONS): CatalogDb {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const path = join(home, CATALOG_FILE);
  let db: CatalogDb;
  try {
    db = new Database(path);
  } catch (error) {
    throw new StrongroomError(
      ErrorCode.CatalogUnavailable,
      `The catalog at ${path} cannot be opened: ${(error as Error).message}`,
    );
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted rows are zeroed rather than left as free pages, so nothing removed lingers in the file.
  db.pragma('secure_delete = ON');
  runMigrations(db, migrations);
  return db;
}

export function schemaVersion(db: CatalogDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function runMigrations(db: CatalogDb, migrations: readonly Migration[]): void {
  const current = schemaVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new StrongroomError(
      ErrorCode.CatalogUnavailable,
      `This catalog was written by a newer Strongroom (schema ${current}; this one knows ${newest}). Use the newer version.`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
