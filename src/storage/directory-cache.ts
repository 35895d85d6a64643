// Directory reads (people, their identities, services and their contacts) kept in memory between changes.
//
// One click reads the same few directory rows many times (who is clicking, the service, the names on the card)
// while the directory itself changes a few times a day. Entries stay valid until the directory changes, and a
// change is noticed however it is made:
// - on this connection, by TEMP triggers on the four tables that call back into this process (any statement,
//   whichever store or script runs it);
// - on another connection or process (the CLI importing a directory file), by `PRAGMA data_version`, which SQLite
//   changes whenever another connection commits;
// - inside a transaction nothing is cached or served from the cache, so a change that is rolled back is never
//   remembered.
// Cached values are frozen: a caller that tried to change one would throw instead of changing everyone's copy.
import type { Db } from './sqlite.ts';

/** Rows kept at most; the directory is read in full far more rarely than this. */
export const MAX_CACHED_DIRECTORY_ENTRIES = 5000;
const WATCHED_TABLES = ['people', 'identities', 'services', 'service_contacts'] as const;
const CHANGED_FUNCTION = 'warm_handover_directory_changed';

const caches = new WeakMap<Db, DirectoryCache>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export class DirectoryCache {
  private readonly entries = new Map<string, unknown>();
  private generation = 0;
  private seenGeneration = 0;
  private seenDataVersion = -1;
  private readonly dataVersion;

  /** The one cache of a connection (the stores on one connection share it); null where it cannot be kept. */
  static of(db: Db): DirectoryCache | null {
    if (db.readonly) return null;
    let cache = caches.get(db);
    if (!cache) {
      try {
        cache = new DirectoryCache(db);
      } catch {
        return null; // a file without the directory tables yet (before its migrations): read straight through
      }
      caches.set(db, cache);
    }
    return cache;
  }

  private constructor(private readonly db: Db) {
    db.function(CHANGED_FUNCTION, { deterministic: false }, () => {
      this.generation++;
      return null;
    });
    for (const table of WATCHED_TABLES) {
      for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
        db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${CHANGED_FUNCTION}_${table}_${op.toLowerCase()}
          AFTER ${op} ON main.${table} BEGIN SELECT ${CHANGED_FUNCTION}(); END`);
      }
    }
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /** `load()`'s value for `key`, from memory when the directory has not changed since it was loaded. */
  read<T>(key: string, load: () => T): T {
    if (this.db.inTransaction) return load();
    const dataVersion = this.dataVersion.get()!;
    if (dataVersion !== this.seenDataVersion || this.generation !== this.seenGeneration) {
      this.entries.clear();
      this.seenDataVersion = dataVersion;
      this.seenGeneration = this.generation;
    }
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = deepFreeze(load());
    if (this.entries.size >= MAX_CACHED_DIRECTORY_ENTRIES) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }
}

/** Reads through the connection's cache, or straight from the database where there is none. */
export function cachedRead<T>(cache: DirectoryCache | null, key: string, load: () => T): T {
  return cache ? cache.read(key, load) : load();
}
