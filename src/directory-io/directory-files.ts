// Import and export of the whole directory, in CSV or Open Referral UK JSON.
import type { ServiceRecord } from '../domain/directory/service-schema.ts';
import { PeopleStore } from '../storage/people-store.ts';
import { ServiceStore } from '../storage/service-store.ts';
import type { Db } from '../storage/sqlite.ts';
import { applyDirectory, type ImportSummary } from './apply-directory.ts';
import { parseDirectoryCsv, writeDirectoryCsv } from './csv-format.ts';
import { parseOrukJson } from './oruk-read.ts';
import { writeOrukPage } from './oruk-write.ts';
import { DirectoryImportError, serviceToRecord, type ParsedDirectory } from './record.ts';

export const DIRECTORY_FORMATS = ['csv', 'oruk'] as const;
export type DirectoryFormat = (typeof DIRECTORY_FORMATS)[number];

export function parseDirectory(text: string, format: DirectoryFormat): ParsedDirectory {
  return format === 'csv' ? parseDirectoryCsv(text) : parseOrukJson(text);
}

/** Imports every service in the file, or nothing: throws DirectoryImportError listing every problem. */
export function importDirectory(
  db: Db,
  text: string,
  format: DirectoryFormat,
  now: Date,
  options: { dryRun?: boolean } = {},
): ImportSummary {
  const parsed = parseDirectory(text, format);
  if (parsed.problems.length) throw new DirectoryImportError(parsed.problems);
  return applyDirectory(db, parsed.records, now, options);
}

/** Every service as a file-shaped record, contacts by name and e-mail. */
export function readDirectory(db: Db): ServiceRecord[] {
  const people = new PeopleStore(db);
  return new ServiceStore(db).all().map((s) => serviceToRecord(s, (id) => people.get(id)));
}

export function exportDirectory(db: Db, format: DirectoryFormat): string {
  const records = readDirectory(db);
  return format === 'csv' ? writeDirectoryCsv(records) : `${JSON.stringify(writeOrukPage(records), null, 2)}\n`;
}
