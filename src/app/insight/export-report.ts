// The report as files: CSV per table, JSON for everything, and one long CSV for the CLI. Small counts are
// hidden ("<5") in all of them; only the signed-in page shows exact numbers.
import { stringify } from 'csv-stringify/sync';
import type { Report } from '../../domain/insight/report.ts';
import {
  reportTables,
  SMALL_COUNT_LABEL,
  SMALL_COUNT_LIMIT,
  SUPPRESSED,
  TABLE_NAMES,
  type Cell,
  type ReportTable,
  type TableName,
} from '../../domain/insight/tables.ts';

export const TIME_UNIT_NOTE =
  'Times are elapsed hours (clock time, including nights, weekends and bank holidays), not working hours.';
export const SMALL_COUNT_NOTE = `Counts from 1 to ${SMALL_COUNT_LIMIT - 1} are shown as "${SMALL_COUNT_LABEL}"; figures based on them are left blank.`;

export class UnknownTableError extends Error {
  readonly code = 'REPORT_TABLE_UNKNOWN';
  constructor(name: string) {
    super(`There is no report table called "${name}". Choose one of: ${TABLE_NAMES.join(', ')}.`);
    this.name = 'UnknownTableError';
  }
}

export function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}

/** Spreadsheet programs run cells that start with = + - @ as formulas; a leading apostrophe stops that. */
function safeCell(value: Cell): string | number {
  if (value === null) return '';
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function exportedTable(report: Report, name: TableName): ReportTable {
  const table = reportTables(report, SUPPRESSED).find((t) => t.name === name);
  if (!table) throw new UnknownTableError(name);
  return table;
}

/** One table as CSV with a header row of plain-English labels. */
export function tableCsv(report: Report, name: string): string {
  if (!isTableName(name)) throw new UnknownTableError(name);
  const table = exportedTable(report, name);
  const rows = table.rows.map((row) => table.columns.map((c) => safeCell(row[c.key] ?? null)));
  return stringify([table.columns.map((c) => c.label), ...rows]);
}

/** Every table in one long CSV: table, row label, column, value. */
export function longCsv(report: Report): string {
  const out: Array<Array<string | number>> = [['table', 'row', 'column', 'value']];
  for (const table of reportTables(report, SUPPRESSED)) {
    const [first, ...rest] = table.columns;
    for (const row of table.rows) {
      for (const c of rest)
        out.push([table.name, safeCell(row[first.key] ?? null), c.label, safeCell(row[c.key] ?? null)]);
    }
  }
  return stringify(out);
}

export interface ExportedReport {
  filter: Report['filter'];
  timeZone: string;
  generatedAt: string;
  notes: string[];
  tables: Record<
    TableName,
    {
      title: string;
      caption: string;
      columns: Array<{ key: string; label: string }>;
      rows: Array<Record<string, Cell>>;
    }
  >;
}

/** The whole report as JSON with small counts hidden. */
export function reportJson(report: Report): ExportedReport {
  const tables = Object.fromEntries(
    reportTables(report, SUPPRESSED).map((t) => [
      t.name,
      {
        title: t.title,
        caption: t.caption,
        columns: t.columns.map(({ key, label }) => ({ key, label })),
        rows: t.rows,
      },
    ]),
  ) as ExportedReport['tables'];
  return {
    filter: report.filter,
    timeZone: report.timeZone,
    generatedAt: report.generatedAt,
    notes: [TIME_UNIT_NOTE, SMALL_COUNT_NOTE],
    tables,
  };
}
