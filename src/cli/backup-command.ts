// `handover db backup FILE`: a consistent copy of the live database, taken with SQLite's online backup API while
// the server keeps running (better-sqlite3's db.backup). The copy is written beside FILE, checked with
// PRAGMA integrity_check, and only then renamed to FILE, so FILE is never a half-written database.
import Database from 'better-sqlite3';
import type { Command } from 'commander';
import { existsSync, renameSync, rmSync } from 'node:fs';
import type { CliDeps } from './deps.ts';

export interface BackupResult {
  file: string;
  pages: number;
  schemaVersion: number;
  handovers: number;
}

function dbCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === 'db') ?? program.command('db').description('The SQLite database');
}

/** Copies the open database to `file` and checks the copy; throws (leaving `file` untouched) when anything fails. */
export async function backupDatabase(
  deps: Pick<CliDeps, 'openDb'>,
  file: string,
  options: { force?: boolean } = {},
): Promise<BackupResult> {
  if (existsSync(file) && !options.force)
    throw new Error(`${file} already exists. Choose another name, or add --force to replace it.`);
  const partial = `${file}.partial`;
  const source = deps.openDb();
  try {
    const { totalPages } = await source.backup(partial);
    const copy = new Database(partial, { readonly: true, fileMustExist: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok')
        throw new Error(`The copy did not pass SQLite's integrity check (${String(check)}); ${file} was not written.`);
      const result = {
        file,
        pages: totalPages,
        schemaVersion: copy.pragma('user_version', { simple: true }) as number,
        handovers: (copy.prepare('SELECT count(*) AS n FROM handovers').get() as { n: number }).n,
      };
      copy.close();
      renameSync(partial, file);
      return result;
    } finally {
      if (copy.open) copy.close();
    }
  } finally {
    source.close();
    rmSync(partial, { force: true });
  }
}

export function registerBackupCommand(program: Command, deps: CliDeps): void {
  dbCommand(program)
    .command('backup <file>')
    .description('Copy the database to FILE while the server runs (SQLite online backup), checked before it is kept')
    .option('--force', 'replace FILE if it already exists')
    .action(async (file: string, opts: { force?: boolean }) => {
      const r = await backupDatabase(deps, file, opts);
      deps.out(
        `Backed up to ${r.file}: ${r.pages} pages, schema version ${r.schemaVersion}, ${r.handovers} introductions, integrity check ok.`,
      );
    });
}
