// `handover directory import|export|search|stale`: the coordinator's tools for the service directory.
import { DEFAULT_TIME_ZONE, formatCalendarDate } from '../domain/calendar/date-words.ts';
import { Option, type Command } from 'commander';
import { accessSync, constants, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { describeSummary, type ImportSummary } from '../directory-io/apply-directory.ts';
import { importDirectoryCsvFile } from '../directory-io/csv-import.ts';
import {
  DIRECTORY_FORMATS,
  exportDirectory,
  importDirectory,
  type DirectoryFormat,
} from '../directory-io/directory-files.ts';
import { DEFAULT_STALE_AFTER_MONTHS, isStale } from '../domain/directory/staleness.ts';
import {
  CAPACITIES,
  CAPACITY_LABELS,
  CATEGORY_IDS,
  JOURNEY_STAGES,
  primaryContactId,
  type Capacity,
  type CategoryId,
  type JourneyStage,
} from '../domain/directory/types.ts';
import { searchDirectory, type SearchResult } from '../storage/directory-search.ts';
import { PeopleStore } from '../storage/people-store.ts';
import { ServiceStore } from '../storage/service-store.ts';
import type { Db } from '../storage/sqlite.ts';
import { withDb, withDbAsync, type CliDeps } from './deps.ts';

export interface DirectoryCliDeps extends CliDeps {
  /** Months without a review before an entry counts as stale (STALE_AFTER_MONTHS). */
  staleAfterMonths?: number;
}

const formatOption = () =>
  new Option('--format <format>', 'csv or oruk (Open Referral UK JSON)')
    .choices(DIRECTORY_FORMATS)
    .makeOptionMandatory();

/** Fails with the same sentence as readText when the file cannot be read, before the database is touched. */
function checkReadable(file: string): void {
  try {
    accessSync(file, constants.R_OK);
    if (statSync(file).isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
  } catch (err) {
    throw new Error(`Could not read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`Could not read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
}

/** Writes next to the target and renames, so a failed export never leaves half a file. */
function writeWhole(file: string, text: string): void {
  const temp = `${file}.${process.pid}.partial`;
  try {
    writeFileSync(temp, text, 'utf8');
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new Error(`Could not write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
}

function describeResult(r: SearchResult, people: PeopleStore): string {
  const marks = [r.closed ? 'CLOSED' : '', r.stale ? 'STALE' : ''].filter(Boolean).join(' ');
  const contactId = primaryContactId(r);
  const contact = contactId ? people.get(contactId) : undefined;
  const who = contact ? `${contact.name} <${contact.email ?? 'no e-mail'}>` : 'no named contact';
  return `${String(r.rank).padStart(2)}. ${r.name} (${r.organisation}) [${r.id}] ${CAPACITY_LABELS[r.capacity]}${marks ? ` ${marks}` : ''} · ${who}`;
}

function parseAge(value: string): number {
  if (!/^\d{1,3}$/.test(value)) throw new Error(`--age must be a whole number of years, not "${value}".`);
  return Number(value);
}

export function registerDirectoryCommands(program: Command, deps: DirectoryCliDeps): void {
  const months = deps.staleAfterMonths ?? DEFAULT_STALE_AFTER_MONTHS;
  const directory = program
    .command('directory')
    .description('The service directory: import, export, search, stale entries');

  directory
    .command('import <file>')
    .description('Import services from a file: every row is checked and nothing is imported unless all are good')
    .addOption(formatOption())
    .option('--dry-run', 'show what would change without writing anything')
    .action(async (file: string, opts: { format: DirectoryFormat; dryRun?: boolean }) => {
      // CSV is read as a stream (any size, flat memory); Open Referral UK JSON is one document, read whole.
      let summary: ImportSummary;
      if (opts.format === 'csv') {
        checkReadable(file);
        summary = await withDbAsync(deps, (db) =>
          importDirectoryCsvFile(db, file, deps.now(), { dryRun: opts.dryRun }),
        );
      } else {
        const text = readText(file);
        summary = withDb(deps, (db) => importDirectory(db, text, opts.format, deps.now(), { dryRun: opts.dryRun }));
      }
      describeSummary(summary).forEach((line) => deps.out(line));
    });

  directory
    .command('export')
    .description('Export the whole directory')
    .addOption(formatOption())
    .option('--out <file>', 'write to this file instead of the screen')
    .action((opts: { format: DirectoryFormat; out?: string }) => {
      const text = withDb(deps, (db) => exportDirectory(db, opts.format));
      if (opts.out) {
        writeWhole(opts.out, text);
        deps.out(`Exported the directory to ${opts.out}.`);
      } else deps.out(text.trimEnd());
    });

  directory
    .command('search [text]')
    .description('Find services by need, area, age, journey stage or capacity')
    .option('--area <area>', 'a postcode (SE11 4AB), district (SE11) or borough (Lambeth)')
    .option('--age <years>', "the client's age", parseAge)
    .addOption(new Option('--category <id>', 'a category of need').choices(CATEGORY_IDS))
    .addOption(new Option('--stage <stage>', 'journey stage').choices(JOURNEY_STAGES))
    .addOption(new Option('--capacity <capacity>', 'capacity').choices(CAPACITIES))
    .option('--limit <n>', 'how many results', (v) => Number(v), 20)
    .action(
      (
        text: string | undefined,
        opts: {
          area?: string;
          age?: number;
          category?: CategoryId;
          stage?: JourneyStage;
          capacity?: Capacity;
          limit: number;
        },
      ) => {
        withDb(deps, (db) => {
          const results = searchDirectory(db, { text, ...opts }, deps.now(), months);
          if (results.length === 0) deps.out('No services match. Try fewer words or a wider area.');
          const people = new PeopleStore(db);
          results.forEach((r) => deps.out(describeResult(r, people)));
        });
      },
    );

  directory
    .command('stale')
    .description(`Services not reviewed for ${months} months, or whose review request went unanswered`)
    .action(() => {
      withDb(deps, (db) => {
        const people = new PeopleStore(db);
        const stale = new ServiceStore(db).all().filter((s) => isStale(s, deps.now(), months));
        if (stale.length === 0) deps.out(`Every service has been reviewed in the last ${months} months.`);
        for (const s of stale) {
          const contact = people.get(primaryContactId(s) ?? '');
          const day = (value: string) => formatCalendarDate(value, deps.timeZone ?? DEFAULT_TIME_ZONE, deps.now());
          const reviewed = s.lastReviewed ? `last reviewed ${day(s.lastReviewed)}` : 'never reviewed';
          const flagged = s.staleSince ? `, review request unanswered since ${day(s.staleSince)}` : '';
          deps.out(
            `${s.name} (${s.organisation}) [${s.id}]: ${reviewed}${flagged}; ask ${contact ? `${contact.name} <${contact.email ?? ''}>` : 'no named contact'}`,
          );
        }
      });
    });
}
