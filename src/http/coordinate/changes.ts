// The coordinator pages' forms: each change checked by the import's rules, applied at once and audited with the
// name of the coordinator who made it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpContext } from '../context.ts';
import { saveServiceEdit } from '../../app/directory-edits.ts';
import { CSV_COLUMNS, type CsvColumn } from '../../directory-io/csv-columns.ts';
import {
  DIRECTORY_FORMATS,
  importDirectory,
  parseDirectory,
  type DirectoryFormat,
} from '../../directory-io/directory-files.ts';
import { DirectoryImportError } from '../../directory-io/record.ts';
import { readPersonSettings } from '../../domain/directory/person-settings.ts';
import { DirectoryAuditStore } from '../../storage/directory-audit-store.ts';
import { OutboxStore } from '../../storage/outbox-store.ts';
import { inTransaction } from '../../storage/sqlite.ts';
import { readRawBody, sendText } from '../body.ts';
import { serviceFormPage } from './directory-pages.ts';
import { importPage } from './import-pages.ts';
import { personSettingsPage } from './people-pages.ts';

/** The largest directory file accepted from the import form. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const FORM_LIMIT = 64 * 1024;
export const WHO_COOKIE = 'wh_coordinator';
const NAME_LIMIT = 100;
const HTML = 'text/html; charset=utf-8';
const NEED_NAME = 'Enter your name: every change is recorded with it.';

export async function readForm(req: IncomingMessage, limit = FORM_LIMIT): Promise<URLSearchParams> {
  return new URLSearchParams((await readRawBody(req, limit)).toString('utf8'));
}

/** The coordinator's name from the form, kept in a cookie for the next change; '' when missing. */
export function whoFrom(form: URLSearchParams, res: ServerResponse, secure: boolean): string {
  const name = (form.get('coordinator') ?? '').trim().slice(0, NAME_LIMIT);
  if (name) {
    res.setHeader(
      'set-cookie',
      `${WHO_COOKIE}=${encodeURIComponent(name)}; Path=/coordinate; Max-Age=31536000; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`,
    );
  }
  return name;
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location });
  res.end();
}

export async function saveService(
  c: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  serviceId: string | undefined,
): Promise<void> {
  const form = await readForm(req);
  const who = whoFrom(form, res, c.config.production);
  const typed: Partial<Record<CsvColumn, string>> = {};
  for (const col of CSV_COLUMNS)
    if (form.has(col)) typed[col] = col === 'categories' ? form.getAll(col).join('; ') : (form.get(col) ?? '');
  if (!form.has('categories')) typed.categories = '';
  const service = serviceId ? c.services.get(serviceId) : undefined;
  const again = (errors: Record<string, string>, message: string) =>
    sendText(res, 422, serviceFormPage({ service, values: typed, errors, who, message }), HTML);
  const saved = saveServiceEdit(c, {
    serviceId,
    typed,
    actor: who,
    action: serviceId ? 'service_edited' : 'service_added',
    now: c.clock.now(),
    checkOnly: !who,
  });
  if (!who)
    return again(
      { ...(saved.ok ? {} : (saved.fields as Record<string, string>)), coordinator: NEED_NAME },
      'Nothing was saved: there is a problem',
    );
  if (!saved.ok) return again(saved.fields as Record<string, string>, saved.message);
  redirect(res, `/coordinate?saved=${encodeURIComponent(saved.service.id)}`);
}

function formatOf(value: string | null): DirectoryFormat {
  return (DIRECTORY_FORMATS as readonly string[]).includes(value ?? '') ? (value as DirectoryFormat) : 'csv';
}

export async function importFile(c: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await readForm(req, MAX_IMPORT_BYTES);
  const format = formatOf(form.get('format'));
  const text = form.get('file') ?? '';
  const step = form.get('step');
  const who = step === 'apply' ? whoFrom(form, res, c.config.production) : '';
  const show = (status: number, o: Omit<Parameters<typeof importPage>[0], 'format' | 'text'>) =>
    sendText(res, status, importPage({ format, text, ...o }), HTML);
  if (!text.trim()) return show(422, { errors: { file: 'Paste the contents of a directory file.' } });
  const parsed = parseDirectory(text, format);
  if (parsed.problems.length) return show(422, { problems: parsed.problems });
  const now = c.clock.now();
  if (step !== 'apply')
    return show(200, { preview: importDirectory(c.db, text, format, now, { dryRun: true }), who: readWho(req) });
  if (!who)
    return show(422, {
      preview: importDirectory(c.db, text, format, now, { dryRun: true }),
      errors: { coordinator: NEED_NAME },
    });
  try {
    const applied = inTransaction(c.db, () => {
      const summary = importDirectory(c.db, text, format, now);
      new DirectoryAuditStore(c.db).record(
        {
          actor: who,
          action: 'import_applied',
          subject: format,
          details: {
            created: summary.created.length,
            updated: summary.updated.length,
            newPeople: summary.newPeople.length,
          },
        },
        now,
      );
      return summary;
    });
    show(200, { applied });
  } catch (err) {
    if (err instanceof DirectoryImportError) return show(422, { problems: err.problems });
    throw err;
  }
}

export async function savePersonSettings(
  c: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  personId: string,
): Promise<void> {
  const person = c.people.get(personId);
  if (!person) return redirect(res, '/coordinate/people');
  const form = await readForm(req);
  const who = whoFrom(form, res, c.config.production);
  const values = {
    timeZone: form.get('timeZone') ?? '',
    workingHours: form.get('workingHours') ?? '',
    digest: form.get('digest') ?? '',
  };
  const read = readPersonSettings(values);
  const errors: Record<string, string> = {};
  if (!read.ok) {
    for (const reason of read.reasons) {
      const key = reason.includes('time zone')
        ? 'timeZone'
        : reason.includes('working hours')
          ? 'workingHours'
          : 'digest';
      errors[key] = reason;
    }
  }
  if (!who) errors.coordinator = NEED_NAME;
  if (!read.ok || !who) return sendText(res, 422, personSettingsPage({ person, values, errors, who }), HTML);
  const now = c.clock.now();
  inTransaction(c.db, () => {
    c.people.changeSettings(person.id, read.settings);
    new DirectoryAuditStore(c.db).record(
      { actor: who, action: 'person_settings', subject: person.id, details: read.settings },
      now,
    );
  });
  redirect(res, `/coordinate/people?saved=${encodeURIComponent(person.id)}`);
}

export async function retryMessage(
  c: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  id: number,
): Promise<void> {
  const form = await readForm(req);
  const who = whoFrom(form, res, c.config.production) || readWho(req);
  if (!who) return redirect(res, '/coordinate/messages?need=name');
  const now = c.clock.now();
  const retried = inTransaction(c.db, () => {
    const ok = new OutboxStore(c.db).retry(id, now);
    if (ok) new DirectoryAuditStore(c.db).record({ actor: who, action: 'message_retried', subject: String(id) }, now);
    return ok;
  });
  redirect(res, `/coordinate/messages?${retried ? 'retried' : 'gone'}=${id}`);
}

/** The coordinator's name from their cookie, if they typed it before. */
export function readWho(req: IncomingMessage): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === WHO_COOKIE) {
      try {
        return decodeURIComponent(v.join('=')) || undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
