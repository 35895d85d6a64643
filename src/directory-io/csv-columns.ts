// The directory CSV: one row per service, lists separated by ";", backups as "Name (Role) <email> [settings]; …".
// Documented in docs/directory-files.md; keep the two in step.
import { formatWorkingHours, type WorkingHours } from '../domain/directory/person-settings.ts';
import { CAPACITY_LABELS, CATEGORIES, JOURNEY_STAGE_LABELS } from '../domain/directory/types.ts';

export const CSV_COLUMNS = [
  'id',
  'name',
  'organisation',
  'description',
  'keywords',
  'categories',
  'journey_stage',
  'course_type',
  'min_age',
  'max_age',
  'areas',
  'conditions',
  'eligibility_other',
  'referral_routes',
  'cost',
  'formats',
  'locations',
  'dates',
  'capacity',
  'reply_by_days',
  'follow_up_days',
  'expiry_days',
  'outcome_wait_days',
  'website',
  'phone',
  'email',
  'how_to_refer',
  'last_reviewed',
  'channel',
  'primary_contact_name',
  'primary_contact_email',
  'primary_contact_role',
  'primary_contact_slack',
  'primary_contact_teams',
  'primary_contact_time_zone',
  'primary_contact_working_hours',
  'primary_contact_digest',
  'backup_contacts',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly CsvColumn[] = [
  'name',
  'organisation',
  'primary_contact_name',
  'primary_contact_email',
];
export const LIST_SEPARATOR = ';';

const code = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Label or id → id, for category, journey stage and capacity cells typed by hand ("Waiting list" → waiting_list). */
const LABEL_CODES = new Map<string, string>([
  ...CATEGORIES.map((c) => [code(c.label), c.id] as [string, string]),
  ...Object.entries(JOURNEY_STAGE_LABELS).map(([id, label]) => [code(label), id] as [string, string]),
  ...Object.entries(CAPACITY_LABELS).map(([id, label]) => [code(label), id] as [string, string]),
  ['limited', 'limited'],
  ['one-to-one', 'one_to_one'],
  ['1:1', 'one_to_one'],
  ['drop-in', 'drop_in'],
]);

export function toCode(value: string): string {
  const c = code(value);
  return LABEL_CODES.get(c) ?? c;
}

export function splitList(cell: string): string[] {
  return cell
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function joinList(items: readonly string[]): string {
  return items.join(`${LIST_SEPARATOR} `);
}

/** '' → fallback; digits → number; anything else is passed on so validation names it. */
export function toNumber<T>(cell: string, fallback: T): number | string | T {
  const t = cell.trim();
  if (t === '') return fallback;
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

const BACKUP = /^(.*?)\s*(?:\(([^)]*)\))?\s*<([^<>]+)>\s*(?:\[([^\]]*)\])?$/;

/** A backup's own settings after its address: "[Europe/Paris, 08:00-16:00, daily]", any of the three, any order. */
function backupSettings(text: string | undefined): { timeZone?: string; workingHours?: string; digest?: string } {
  const out: { timeZone?: string; workingHours?: string; digest?: string } = {};
  for (const part of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    if (/^\d/.test(part)) out.workingHours = part;
    else if (/^(off|daily)$/i.test(part)) out.digest = part;
    else out.timeZone = part;
  }
  return out;
}

export function parseBackup(
  text: string,
): { name: string; role: string; email: string; timeZone?: string; workingHours?: string; digest?: string } | null {
  const m = BACKUP.exec(text.trim());
  return m && m[1].trim()
    ? { name: m[1].trim(), role: (m[2] ?? '').trim(), email: m[3].trim(), ...backupSettings(m[4]) }
    : null;
}

export function formatBackup(c: {
  name: string;
  role: string;
  email: string;
  timeZone?: string;
  workingHours?: WorkingHours;
  digest?: string;
}): string {
  const who = c.role ? `${c.name} (${c.role}) <${c.email}>` : `${c.name} <${c.email}>`;
  const settings = [c.timeZone, c.workingHours && formatWorkingHours(c.workingHours), c.digest].filter(Boolean);
  return settings.length ? `${who} [${settings.join(', ')}]` : who;
}

/** "T123:U456" → two parts, both required. */
export function parsePair(cell: string): [string, string] | null | undefined {
  const t = cell.trim();
  if (!t) return undefined;
  const i = t.indexOf(':');
  return i > 0 && i < t.length - 1 ? [t.slice(0, i), t.slice(i + 1)] : null;
}
