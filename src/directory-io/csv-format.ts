// Reads and writes the directory CSV. Every bad row is reported with its line number; nothing is dropped silently.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { validateServiceRecord, type ContactRecord, type ServiceRecord } from '../domain/directory/service-schema.ts';
import {
  CSV_COLUMNS,
  REQUIRED_COLUMNS,
  formatBackup,
  joinList,
  parseBackup,
  parsePair,
  splitList,
  toCode,
  toNumber,
  type CsvColumn,
} from './csv-columns.ts';
import { neutraliseFormula, restoreFormula } from './csv-formula.ts';
import { formatWorkingHours } from '../domain/directory/person-settings.ts';
import { serviceIdFor, type ImportProblem, type ParsedDirectory } from './record.ts';

export type Cells = Record<CsvColumn, string>;
/** A row as csv-parse gives it with CSV_PARSE_OPTIONS: its cells, where it ends, and its raw text. */
export interface RawRow {
  record: string[];
  info: { lines: number };
  raw: string;
}

/** How a directory CSV is parsed, whole (below) or as a stream (csv-import.ts). */
export const CSV_PARSE_OPTIONS = {
  info: true,
  raw: true,
  relax_column_count: true,
  skip_empty_lines: true,
  bom: true,
} as const;

function contactsOf(c: Cells, problems: string[]): unknown[] {
  const slack = parsePair(c.primary_contact_slack);
  const teams = parsePair(c.primary_contact_teams);
  if (slack === null) problems.push('primary_contact_slack must be written TEAM_ID:USER_ID.');
  if (teams === null) problems.push('primary_contact_teams must be written TENANT_ID:USER_ID.');
  const settings = {
    timeZone: c.primary_contact_time_zone.trim() || undefined,
    workingHours: c.primary_contact_working_hours.trim() || undefined,
    digest: c.primary_contact_digest.trim() || undefined,
  };
  const primary = {
    name: c.primary_contact_name,
    role: c.primary_contact_role,
    email: c.primary_contact_email,
    primary: true,
    ...settings,
    ...(slack ? { slack: { team: slack[0], user: slack[1] } } : {}),
    ...(teams ? { teams: { tenant: teams[0], user: teams[1] } } : {}),
  };
  const backups = splitList(c.backup_contacts).map((text) => {
    const b = parseBackup(text);
    if (!b)
      problems.push(
        `The backup contact "${text}" must be written Name <email> or Name (Role) <email>, settings in [ ] after it.`,
      );
    return b && { ...b, primary: false };
  });
  return [primary, ...backups.filter(Boolean)];
}

function channelOf(cell: string, problems: string[]): unknown {
  if (!cell.trim()) return null;
  const [platform, tenant, channelId] = cell.trim().split(':');
  if (!platform || channelId === undefined) problems.push('channel must be written platform:tenant:channelId.');
  return { platform, tenant: tenant ?? '', channelId: channelId ?? '' };
}

export function rowToInput(c: Cells, problems: string[]): Record<string, unknown> {
  return {
    id: c.id.trim() || serviceIdFor(c.organisation, c.name),
    name: c.name,
    organisation: c.organisation,
    description: c.description,
    keywords: c.keywords,
    categories: splitList(c.categories).map(toCode),
    journeyStage: toCode(c.journey_stage) || undefined,
    courseType: toCode(c.course_type) || undefined,
    minAge: toNumber(c.min_age, null),
    maxAge: toNumber(c.max_age, null),
    areas: splitList(c.areas),
    conditions: c.conditions,
    eligibilityOther: c.eligibility_other,
    referralRoutes: splitList(c.referral_routes),
    cost: c.cost,
    formats: splitList(c.formats).map(toCode),
    locations: splitList(c.locations),
    dates: splitList(c.dates),
    capacity: toCode(c.capacity) || undefined,
    replyByDays: toNumber(c.reply_by_days, undefined),
    followUpDays: toNumber(c.follow_up_days, undefined),
    expiryDays: toNumber(c.expiry_days, undefined),
    outcomeWaitDays: toNumber(c.outcome_wait_days, null),
    website: c.website,
    phone: c.phone,
    email: c.email.trim().toLowerCase(),
    howToRefer: c.how_to_refer,
    lastReviewed: c.last_reviewed.trim() || null,
    channel: channelOf(c.channel, problems),
    contacts: contactsOf(c, problems),
  };
}

function readRows(text: string): RawRow[] {
  return parse(text, CSV_PARSE_OPTIONS) as unknown as RawRow[];
}

function startLine(row: RawRow): number {
  return row.info.lines - (row.raw.trim().match(/\n/g)?.length ?? 0);
}

function checkHeader(header: string[]): ImportProblem[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  const problems: ImportProblem[] = [];
  if (unknown.length)
    problems.push({
      where: 'line 1',
      reason: `Unknown column(s): ${unknown.join(', ')}. See the README for the columns.`,
    });
  if (missing.length) problems.push({ where: 'line 1', reason: `Missing column(s): ${missing.join(', ')}.` });
  return problems;
}

/** A file the CSV parser refused (an unclosed quote, …), as a problem on the line where it happened. */
export function csvSyntaxProblem(err: unknown): ImportProblem {
  const e = err as Error & { lines?: number };
  return { where: `line ${e.lines ?? '?'}`, reason: `The file is not valid CSV: ${e.message}` };
}

/**
 * Checks a directory CSV one row at a time, so that a file can be read as a stream: the header first, then each
 * service. Keeps only what later rows are checked against (the header and the ids seen), never the records.
 */
export class DirectoryCsvReader {
  readonly problems: ImportProblem[] = [];
  /** True once the header is refused: nothing after it can be read. */
  headerRefused = false;
  private header: string[] | undefined;
  private readonly seen = new Map<string, number>();

  /** The record on this row when the row is good; its problems are added to `problems` otherwise. */
  read(row: RawRow): ServiceRecord | undefined {
    if (this.headerRefused) return undefined;
    if (!this.header) {
      const problems = checkHeader(row.record);
      this.problems.push(...problems);
      this.headerRefused = problems.length > 0;
      this.header = row.record.map((h) => h.trim().toLowerCase());
      return undefined;
    }
    return this.readService(row, this.header);
  }

  /** Every problem found, once the whole file has been read (an empty file is one). */
  finish(): ImportProblem[] {
    if (!this.header) this.problems.push({ where: 'line 1', reason: 'The file is empty; it needs a header row.' });
    return this.problems;
  }

  private readService(row: RawRow, header: string[]): ServiceRecord | undefined {
    const where = `line ${startLine(row)}`;
    if (row.record.length !== header.length) {
      this.problems.push({
        where,
        reason: `This row has ${row.record.length} columns; the header has ${header.length}.`,
      });
      return undefined;
    }
    const cells = Object.fromEntries(CSV_COLUMNS.map((c) => [c, ''])) as Cells;
    header.forEach((h, i) => {
      cells[h as CsvColumn] = restoreFormula(row.record[i]);
    });
    const rowProblems: string[] = [];
    const result = validateServiceRecord(rowToInput(cells, rowProblems));
    if (!result.ok) rowProblems.push(...result.reasons);
    else if (this.seen.has(result.record.id))
      rowProblems.push(`The id "${result.record.id}" is already used on line ${this.seen.get(result.record.id)}.`);
    if (rowProblems.length || !result.ok) {
      this.problems.push(...rowProblems.map((reason) => ({ where, reason })));
      return undefined;
    }
    this.seen.set(result.record.id, startLine(row));
    return result.record;
  }
}

/** Parses a whole directory CSV held in memory into validated records, or lists every problem found. */
export function parseDirectoryCsv(text: string): ParsedDirectory {
  let rows: RawRow[];
  try {
    rows = readRows(text);
  } catch (err) {
    return { records: [], problems: [csvSyntaxProblem(err)] };
  }
  const reader = new DirectoryCsvReader();
  const records: ServiceRecord[] = [];
  for (const row of rows) {
    const record = reader.read(row);
    if (record) records.push(record);
  }
  return { records, problems: reader.finish() };
}

export function recordToRow(r: ServiceRecord): Record<CsvColumn, string | number> {
  const primary = r.contacts.find((c) => c.primary) as ContactRecord;
  const backups = r.contacts.filter((c) => c !== primary);
  return {
    id: r.id,
    name: r.name,
    organisation: r.organisation,
    description: r.description,
    keywords: r.keywords,
    categories: joinList(r.categories),
    journey_stage: r.journeyStage,
    course_type: r.courseType,
    min_age: r.minAge ?? '',
    max_age: r.maxAge ?? '',
    areas: joinList(r.areas),
    conditions: r.conditions,
    eligibility_other: r.eligibilityOther,
    referral_routes: joinList(r.referralRoutes),
    cost: r.cost,
    formats: joinList(r.formats),
    locations: joinList(r.locations),
    dates: joinList(r.dates),
    capacity: r.capacity,
    reply_by_days: r.replyByDays,
    follow_up_days: r.followUpDays,
    expiry_days: r.expiryDays,
    outcome_wait_days: r.outcomeWaitDays ?? '',
    website: r.website,
    phone: r.phone,
    email: r.email,
    how_to_refer: r.howToRefer,
    last_reviewed: r.lastReviewed ?? '',
    channel: r.channel ? `${r.channel.platform}:${r.channel.tenant}:${r.channel.channelId}` : '',
    primary_contact_name: primary.name,
    primary_contact_email: primary.email,
    primary_contact_role: primary.role,
    primary_contact_slack: primary.slack ? `${primary.slack.team}:${primary.slack.user}` : '',
    primary_contact_teams: primary.teams ? `${primary.teams.tenant}:${primary.teams.user}` : '',
    primary_contact_time_zone: primary.timeZone ?? '',
    primary_contact_working_hours: primary.workingHours ? formatWorkingHours(primary.workingHours) : '',
    primary_contact_digest: primary.digest ?? '',
    backup_contacts: joinList(backups.map(formatBackup)),
  };
}

/** The directory as CSV with every column, header first. */
export function writeDirectoryCsv(records: ServiceRecord[]): string {
  const rows = records.map((r) =>
    Object.fromEntries(Object.entries(recordToRow(r)).map(([k, v]) => [k, neutraliseFormula(v)])),
  );
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS] });
}
