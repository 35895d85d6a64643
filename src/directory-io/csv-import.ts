// Imports a directory CSV file as a stream: rows are parsed, checked and written one at a time inside one
// transaction, so memory stays flat however long the file is, and the import is still all or nothing. The first
// bad row stops the writing (every later row is still checked, so every problem is reported), and at the end any
// problem (or a dry run) rolls the whole transaction back.
import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import type { Db } from '../storage/sqlite.ts';
import { DirectoryWriter, type ImportSummary } from './apply-directory.ts';
import { CSV_PARSE_OPTIONS, csvSyntaxProblem, DirectoryCsvReader, type RawRow } from './csv-format.ts';
import { DirectoryImportError } from './record.ts';

const isCsvSyntaxError = (err: unknown) => String((err as { code?: unknown })?.code ?? '').startsWith('CSV_');

/** Reads every row through `reader`, handing each good one to `write` while no problem has been found. */
async function readAll(
  path: string,
  reader: DirectoryCsvReader,
  write: (row: ReturnType<DirectoryCsvReader['read']>) => void,
): Promise<void> {
  const input = createReadStream(path);
  const rows = input.pipe(parse(CSV_PARSE_OPTIONS));
  input.once('error', (err) => rows.destroy(err));
  try {
    for await (const row of rows) {
      const record = reader.read(row as RawRow);
      if (record && reader.problems.length === 0) write(record);
      if (reader.headerRefused) break;
    }
  } catch (err) {
    if (!isCsvSyntaxError(err)) throw err;
    reader.problems.push(csvSyntaxProblem(err));
  } finally {
    input.destroy();
  }
}

/** Imports every service in the CSV file, or nothing: throws DirectoryImportError listing every problem. */
export async function importDirectoryCsvFile(
  db: Db,
  path: string,
  now: Date,
  options: { dryRun?: boolean } = {},
): Promise<ImportSummary> {
  const reader = new DirectoryCsvReader();
  const writer = new DirectoryWriter(db, now, Boolean(options.dryRun));
  db.exec('BEGIN IMMEDIATE');
  let committed = false;
  try {
    await readAll(path, reader, (record) => {
      if (record) writer.write(record);
    });
    const problems = reader.finish();
    if (problems.length) throw new DirectoryImportError(problems);
    if (!options.dryRun) {
      db.exec('COMMIT');
      committed = true;
    }
    return writer.summary;
  } finally {
    if (!committed && db.inTransaction) db.exec('ROLLBACK');
  }
}
