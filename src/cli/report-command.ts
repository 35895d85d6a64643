// `handover report --from 2026-10-01 --to 2026-10-31 [--service ID] [--organisation NAME] [--category ID]
//   [--format csv|json] [--table NAME|all]`: the same figures as the reports page, with small counts as "<5".
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_STALE_AFTER_MONTHS } from '../domain/directory/staleness.ts';
import { parseReportFilter } from '../domain/insight/report.ts';
import { TABLE_NAMES } from '../domain/insight/tables.ts';
import { buildReport } from '../app/insight/build-report.ts';
import { longCsv, reportJson, tableCsv } from '../app/insight/export-report.ts';
import { withDb, type CliDeps } from './deps.ts';

export const REPORT_FORMATS = ['csv', 'json'] as const;
const DEFAULT_TIME_ZONE = 'Europe/London';

interface ReportOptions {
  from: string;
  to: string;
  service?: string;
  organisation?: string;
  category?: string;
  format: string;
  table: string;
  timeZone: string;
  staleAfterMonths: string;
}

function oneOf(allowed: readonly string[], what: string) {
  return (value: string) => {
    if (!allowed.includes(value)) throw new InvalidArgumentError(`${what} must be one of: ${allowed.join(', ')}.`);
    return value;
  };
}

function wholeMonths(value: string): string {
  if (!/^\d{1,3}$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('Give a whole number of months, 1 or more.');
  return value;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function registerReportCommands(program: Command, deps: CliDeps): void {
  program
    .command('report')
    .description('Figures for coordinators (no client details; counts from 1 to 4 shown as "<5")')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD (introductions made on or after)')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD (introductions made on or before)')
    .option('--service <id>', 'only this service')
    .option('--organisation <name>', 'only services of this organisation')
    .option('--category <id>', 'only services in this category of need')
    .option('--format <format>', 'csv or json', oneOf(REPORT_FORMATS, 'The format'), 'csv')
    .option(
      '--table <name>',
      `one table (${TABLE_NAMES.join(', ')}) or all`,
      oneOf([...TABLE_NAMES, 'all'], 'The table'),
      'all',
    )
    .option('--time-zone <zone>', 'the time zone the dates are in', DEFAULT_TIME_ZONE)
    .option(
      '--stale-after-months <n>',
      'a directory entry is stale when not reviewed for this long',
      wholeMonths,
      String(DEFAULT_STALE_AFTER_MONTHS),
    )
    .action((opts: ReportOptions) => {
      if (!isTimeZone(opts.timeZone))
        throw new Error(`--time-zone must be an IANA time zone such as Europe/London, not "${opts.timeZone}".`);
      const filter = parseReportFilter({
        from: opts.from,
        to: opts.to,
        serviceId: opts.service,
        organisation: opts.organisation,
        category: opts.category,
      });
      withDb(deps, (db) => {
        const report = buildReport(db, filter, deps.now(), {
          timeZone: opts.timeZone,
          staleAfterMonths: Number(opts.staleAfterMonths),
        });
        if (opts.format === 'json') {
          const json = reportJson(report);
          deps.out(
            JSON.stringify(
              opts.table === 'all'
                ? json
                : { ...json, tables: { [opts.table]: json.tables[opts.table as keyof typeof json.tables] } },
              null,
              2,
            ),
          );
        } else {
          deps.out((opts.table === 'all' ? longCsv(report) : tableCsv(report, opts.table)).trimEnd());
        }
      });
    });
}
