// What every CLI command group receives, so tests can run commands in-process.
import { readConfig } from '../config.ts';
import { openDatabase, type Db } from '../storage/sqlite.ts';

export interface CliDeps {
  openDb(): Db;
  now(): Date;
  out(line: string): void;
  /** Where the bank-holidays file lives (default: the shipped one). */
  bankHolidaysPath?: string;
}

export function defaultCliDeps(env: NodeJS.ProcessEnv = process.env): CliDeps {
  return {
    bankHolidaysPath: env.BANK_HOLIDAYS_PATH || undefined,
    openDb: () => openDatabase(readConfig(env).databasePath),
    now: () => new Date(),
    out: (line) => process.stdout.write(line + '\n'),
  };
}
