// Opens the SQLite file with the pragmas the app relies on and brings the schema up to date.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectPath } from '../paths.ts';
import { PLATFORMS } from '../domain/ports.ts';
import { applyScrubbingPragmas, convertToIncrementalVacuum } from './scrub.ts';

export type Db = Database.Database;

export const BUSY_TIMEOUT_MS = 5000;
const MIGRATIONS_DIR = projectPath('src', 'storage', 'migrations');
const MIGRATION_NAME = /^(\d{3})-[a-z0-9-]+\.sql$/;

export class DatabaseOpenError extends Error {
  readonly code = 'DATABASE_UNREADABLE';
  constructor(path: string, reason: string) {
    super(
      `The database file ${path} could not be opened: ${reason}. It has been left as it is; restore it from a backup or point DATABASE_PATH at another file.`,
    );
    this.name = 'DatabaseOpenError';
  }
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Written in a migration where the list of platforms belongs, e.g. CHECK (platform IN ({{PLATFORMS}})). */
export const PLATFORMS_PLACEHOLDER = '{{PLATFORMS}}';

/** The SQL list of every platform, from the one PLATFORMS list: 'slack','teams','web','email'. */
export const PLATFORMS_SQL = PLATFORMS.map((p) => `'${p}'`).join(',');

export function listMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => MIGRATION_NAME.test(f))
    .sort()
    .map((name) => ({
      version: Number(name.slice(0, 3)),
      name,
      sql: readFileSync(join(dir, name), 'utf8').replaceAll(PLATFORMS_PLACEHOLDER, PLATFORMS_SQL),
    }));
}

export function latestSchemaVersion(): number {
  const all = listMigrations();
  return all.length ? all[all.length - 1].version : 0;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration newer than the file's user_version, each in its own transaction. */
export function migrate(db: Db, upTo: number = Number.POSITIVE_INFINITY): number[] {
  const current = schemaVersion(db);
  const applied: number[] = [];
  for (const m of listMigrations()) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}

export interface OpenOptions {
  migrate?: boolean;
  readonly?: boolean;
}

/** Opens (creating if absent) a database file; refuses a corrupt or foreign file instead of replacing it. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const existed = path !== ':memory:' && existsSync(path);
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    applyScrubbingPragmas(db);
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    if (existed) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`integrity check says "${String(check)}"`);
    }
  } catch (err) {
    throw new DatabaseOpenError(path, (err as Error).message);
  }
  if (schemaVersion(db) > latestSchemaVersion()) {
    db.close();
    throw new DatabaseOpenError(
      path,
      `its schema version is newer than this program knows (${latestSchemaVersion()}); upgrade the program`,
    );
  }
  if (options.migrate ?? true) {
    migrate(db);
    convertToIncrementalVacuum(db);
  }
  return db;
}

/** Runs fn in an IMMEDIATE transaction so that writers queue instead of failing half-way. */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/** Rows written so far on this connection (compare two readings to tell whether something in between wrote). */
export function totalChanges(db: Db): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}
