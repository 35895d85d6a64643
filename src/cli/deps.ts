// What every CLI command group receives, so tests can run commands in-process.
import { readConfig } from '../config.ts';
import { openDatabase, type Db } from '../storage/sqlite.ts';

export interface CliDeps {
  openDb(): Db;
  now(): Date;
  out(line: string): void;
  /** Where the bank-holidays file lives (default: the shipped one). */
  bankHolidaysPath?: string;
  /** From the configuration (TZ_DEFAULT, RETENTION_DAYS, STALE_AFTER_MONTHS); commands have their own defaults. */
  timeZone?: string;
  retentionDays?: number;
  staleAfterMonths?: number;
}

export function defaultCliDeps(env: NodeJS.ProcessEnv = process.env): CliDeps {
  const config = readConfig(env);
  return {
    bankHolidaysPath: config.bankHolidaysPath,
    timeZone: config.timeZone,
    retentionDays: config.retentionDays,
    staleAfterMonths: config.staleAfterMonths,
    openDb: () => openDatabase(config.databasePath),
    now: () => new Date(),
    out: (line) => process.stdout.write(line + '\n'),
  };
}

/** Runs `fn` on a connection to the database and closes it afterwards, whatever happens. */
export function withDb<T>(deps: CliDeps, fn: (db: Db) => T): T {
  const db = deps.openDb();
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** withDb for work that waits. */
export async function withDbAsync<T>(deps: CliDeps, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = deps.openDb();
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}
