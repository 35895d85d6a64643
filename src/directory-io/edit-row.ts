// One service as a form: the fields are the directory CSV's columns, checked by the same rules as an import, with
// each problem placed beside the field it is about.
import { ServiceRecordSchema, type ServiceRecord } from '../domain/directory/service-schema.ts';
import { CSV_COLUMNS, type CsvColumn } from './csv-columns.ts';
import { recordToRow, rowToInput, type Cells } from './csv-format.ts';

export type EditResult =
  | { ok: true; record: ServiceRecord }
  | { ok: false; message: string; fields: Partial<Record<CsvColumn, string>> };

/** Record keys whose CSV column is not simply the key in snake_case. */
const COLUMN_OF: Record<string, CsvColumn> = { eligibilityOther: 'eligibility_other', howToRefer: 'how_to_refer' };

function columnOf(path: PropertyKey[]): CsvColumn | undefined {
  const [key, index, field] = path.map(String);
  if (key === 'contacts') {
    if (index === undefined) return 'primary_contact_email';
    const primaryField: Record<string, CsvColumn> = {
      name: 'primary_contact_name',
      email: 'primary_contact_email',
      role: 'primary_contact_role',
      timeZone: 'primary_contact_time_zone',
      workingHours: 'primary_contact_working_hours',
      digest: 'primary_contact_digest',
    };
    return index === '0' ? (primaryField[field ?? 'email'] ?? 'primary_contact_email') : 'backup_contacts';
  }
  const snake = (COLUMN_OF[key] ?? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)) as CsvColumn;
  return (CSV_COLUMNS as readonly string[]).includes(snake) ? snake : undefined;
}

/** The form's starting values: every column of the CSV row, as text. */
export function rowOf(record: ServiceRecord): Cells {
  const row = recordToRow(record);
  return Object.fromEntries(CSV_COLUMNS.map((c) => [c, String(row[c] ?? '')])) as Cells;
}

/** Checks a filled-in form; `base` supplies the columns the form does not show. */
export function recordFromRow(base: Cells, typed: Partial<Record<string, string>>): EditResult {
  const cells = { ...base };
  for (const c of CSV_COLUMNS) if (typeof typed[c] === 'string') cells[c] = typed[c] as string;
  const problems: string[] = [];
  const parsed = ServiceRecordSchema.safeParse(rowToInput(cells, problems));
  const fields: Partial<Record<CsvColumn, string>> = {};
  for (const p of problems) {
    const column =
      CSV_COLUMNS.find((c) => p.startsWith(c)) ?? (p.includes('backup contact') ? 'backup_contacts' : undefined);
    if (column) fields[column] = p;
  }
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = columnOf(issue.path);
      if (column && !fields[column]) fields[column] = issue.message;
      else if (!column) problems.push(issue.message);
    }
  }
  if (parsed.success && problems.length === 0 && Object.keys(fields).length === 0)
    return { ok: true, record: parsed.data };
  const count = Object.keys(fields).length + problems.filter((p) => !Object.values(fields).includes(p)).length;
  return { ok: false, message: `Nothing was saved: ${count} thing${count === 1 ? '' : 's'} to fix.`, fields };
}
