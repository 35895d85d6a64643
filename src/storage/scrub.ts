// Deleted client details must leave the file, not only the tables. Every connection runs with secure_delete, so
// SQLite overwrites freed content with zeros; new files are created with incremental auto-vacuum, so the pages a
// purge frees can be handed back; and after a purge the write-ahead log is checkpointed and truncated, so neither
// the database, its -wal nor a backup taken afterwards holds an old copy of a purged page.
import type { Db } from './sqlite.ts';

const AUTO_VACUUM_INCREMENTAL = 2;

/** Pragmas for every connection. Call before the first table is created, so that new files get auto-vacuum. */
export function applyScrubbingPragmas(db: Db): void {
  db.pragma('secure_delete = ON');
  if (!db.readonly) db.pragma('auto_vacuum = INCREMENTAL');
}

/**
 * A file made before incremental auto-vacuum is rebuilt once (VACUUM), which also drops any free pages still holding
 * content deleted before secure_delete was on. Returns whether it was rebuilt.
 */
export function convertToIncrementalVacuum(db: Db): boolean {
  if (db.readonly || db.memory || db.pragma('auto_vacuum', { simple: true }) === AUTO_VACUUM_INCREMENTAL) return false;
  db.pragma('auto_vacuum = INCREMENTAL');
  db.exec('VACUUM');
  return true;
}

/**
 * After client details were deleted: hands the freed pages back to the file system, then copies every page into
 * the database file and empties the write-ahead log, so old versions of purged pages are gone from both. Waits
 * (busy_timeout) for readers; if one still holds the log, the background checkpoint finishes the job later.
 */
export function reclaimFreedSpace(db: Db): { freedPages: number; logEmptied: boolean } {
  const freedPages = db.pragma('freelist_count', { simple: true }) as number;
  db.pragma('incremental_vacuum');
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return { freedPages, logEmptied: !result || result.busy === 0 };
}
