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

/** Tries at emptying the write-ahead log while another connection (the background checkpointer) holds it. */
export const LOG_TRUNCATE_TRIES = 40;
const LOG_TRUNCATE_PAUSE_MS = 25;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** One TRUNCATE checkpoint; false when another connection was checkpointing or reading and it could not finish. */
function truncateLog(db: Db): boolean {
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return !result || result.busy === 0;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw err;
  }
}

/**
 * After client details were deleted: hands the freed pages back to the file system, then copies every page into
 * the database file and empties the write-ahead log, so old versions of purged pages are gone from both. Another
 * connection's checkpoint makes it wait a moment and try again (a purge is rare; the pause is short); a reader
 * that holds the log for longer leaves the emptying to the next purge and the background checkpoint.
 */
export function reclaimFreedSpace(db: Db): { freedPages: number; logEmptied: boolean } {
  const freedPages = db.pragma('freelist_count', { simple: true }) as number;
  db.pragma('incremental_vacuum');
  for (let attempt = 1; attempt <= LOG_TRUNCATE_TRIES; attempt++) {
    if (truncateLog(db)) return { freedPages, logEmptied: true };
    Atomics.wait(pause, 0, 0, LOG_TRUNCATE_PAUSE_MS);
  }
  return { freedPages, logEmptied: false };
}
