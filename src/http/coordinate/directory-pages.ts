// The directory on the coordinator pages: a searchable list with stale and capacity markers, and one form to add
// or edit a service with its named contacts and backups (the import's rules, a message beside each field).
import { formValuesOf } from '../../app/directory-edits.ts';
import type { CsvColumn } from '../../directory-io/csv-columns.ts';
import { formatCalendarDate } from '../../domain/calendar/date-words.ts';
import { isStale } from '../../domain/directory/staleness.ts';
import {
  CAPACITIES,
  CAPACITY_LABELS,
  CATEGORIES,
  JOURNEY_STAGES,
  JOURNEY_STAGE_LABELS,
  type Service,
} from '../../domain/directory/types.ts';
import type { PeopleStore } from '../../storage/people-store.ts';
import { coordinatorPage, e, field, select, tag, whoField } from './layout.ts';

export interface DirectoryView {
  services: Service[];
  people: PeopleStore;
  now: Date;
  /** Dates are written in this zone (the one date style). */
  timeZone: string;
  staleAfterMonths: number;
}

function matches(s: Service, q: string): boolean {
  const text = [s.name, s.organisation, s.description, s.keywords, s.areas.join(' '), s.categories.join(' ')]
    .join(' ')
    .toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => text.includes(w));
}

function capacityText(s: Service, v: DirectoryView): string {
  return s.capacityUntil
    ? `${CAPACITY_LABELS[s.capacity]} until ${formatCalendarDate(s.capacityUntil, v.timeZone, v.now)}`
    : CAPACITY_LABELS[s.capacity];
}

export function directoryPage(v: DirectoryView, q: string, banner?: string): string {
  const shown = q ? v.services.filter((s) => matches(s, q)) : v.services;
  const rows = shown
    .map((s) => {
      const stale = isStale(s, v.now, v.staleAfterMonths);
      const contact = s.contacts.find((c) => c.role === 'primary');
      const backups = s.contacts.filter((c) => c.role === 'backup').length;
      return `<tr><td><a href="/coordinate/services/${encodeURIComponent(s.id)}">${e(s.name)}</a><br>${e(s.organisation)}</td>
<td>${tag(capacityText(s, v), s.capacity)}</td>
<td>${stale ? tag('Stale', 'stale') : 'Reviewed'} ${e(s.lastReviewed ? formatCalendarDate(s.lastReviewed, v.timeZone, v.now) : 'never')}</td>
<td>${e(contact ? v.people.nameOf(contact.personId) : 'none')}${backups ? `, ${backups} backup${backups === 1 ? '' : 's'}` : ', no backup'}</td></tr>`;
    })
    .join('');
  const body = `<form method="get" action="/coordinate" role="search">
${field({ id: 'q', label: 'Search the directory', hint: 'Name, organisation, what it offers, area or category', value: q, type: 'search' })}
<div class="actions"><button type="submit">Search</button>${q ? ' <a href="/coordinate">Show all</a>' : ''}</div></form>
<table><caption>${shown.length} of ${v.services.length} service${v.services.length === 1 ? '' : 's'}</caption>
<thead><tr><th scope="col">Service</th><th scope="col">Capacity</th><th scope="col">Review</th><th scope="col">Named contact</th></tr></thead>
<tbody>${rows}</tbody></table>`;
  return coordinatorPage({ title: 'Directory', current: '/coordinate', body, banner });
}

export interface ServiceFormOptions {
  service?: Service;
  values: Partial<Record<CsvColumn, string>>;
  errors?: Partial<Record<string, string>>;
  who?: string;
  message?: string;
}

const TEXT_FIELDS: Array<{
  id: CsvColumn;
  label: string;
  hint?: string;
  multiline?: boolean;
  short?: boolean;
  type?: 'email';
}> = [
  { id: 'name', label: 'Service name' },
  { id: 'organisation', label: 'Organisation' },
  { id: 'description', label: 'What it offers', multiline: true },
  { id: 'keywords', label: 'Keywords', hint: 'Words people search for, separated by ;' },
  { id: 'areas', label: 'Areas', hint: 'Postcode districts or area names, separated by ;' },
  { id: 'eligibility_other', label: 'Who it is for', multiline: true },
  { id: 'min_age', label: 'Minimum age', short: true },
  { id: 'max_age', label: 'Maximum age', short: true },
  { id: 'how_to_refer', label: 'How to refer', multiline: true },
  { id: 'reply_by_days', label: 'Working days to reply to an introduction', short: true },
  { id: 'follow_up_days', label: 'Working days to first contact after accepting', short: true },
  { id: 'website', label: 'Website' },
  { id: 'phone', label: 'Phone' },
  { id: 'email', label: 'Service e-mail', type: 'email' },
];

const CONTACT_FIELDS: Array<{ id: CsvColumn; label: string; hint?: string; multiline?: boolean; type?: 'email' }> = [
  { id: 'primary_contact_name', label: 'Named contact: name' },
  { id: 'primary_contact_email', label: 'Named contact: e-mail', type: 'email' },
  { id: 'primary_contact_role', label: 'Named contact: role' },
  {
    id: 'primary_contact_time_zone',
    label: 'Named contact: time zone',
    hint: 'For example Europe/London; empty keeps what they have',
  },
  {
    id: 'primary_contact_working_hours',
    label: 'Named contact: working hours',
    hint: 'Whole hours, for example 09:00-17:00',
  },
  { id: 'backup_contacts', label: 'Backup contacts', hint: 'Name (Role) <email>, separated by ;', multiline: true },
];

function categoryBoxes(value: string, error?: string): string {
  const chosen = new Set(
    value
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const boxes = CATEGORIES.map(
    (c) =>
      `<label><input type="checkbox" name="categories" value="${e(c.id)}"${chosen.has(c.id) ? ' checked' : ''}> ${e(c.label)}</label>`,
  ).join('');
  const err = error ? `<p class="error-message" id="categories-error">${e(error)}</p>` : '';
  return `<fieldset class="field${error ? ' error' : ''}" id="categories"><legend>Categories of need</legend>${err}<div class="checks">${boxes}</div></fieldset>`;
}

export function serviceFormPage(o: ServiceFormOptions): string {
  const v = o.values;
  const err = o.errors ?? {};
  const action = o.service ? `/coordinate/services/${encodeURIComponent(o.service.id)}` : '/coordinate/services/new';
  const text = (f: (typeof TEXT_FIELDS)[number]) => field({ ...f, value: v[f.id], error: err[f.id] });
  const idField = o.service
    ? ''
    : field({
        id: 'id',
        label: 'Id',
        hint: 'Letters, numbers and dashes; empty makes one from the organisation and name',
        value: v.id,
        error: err.id,
      });
  const body = `<form method="post" action="${action}" novalidate>
${idField}
${TEXT_FIELDS.slice(0, 3).map(text).join('')}
${categoryBoxes(v.categories ?? '', err.categories)}
${select({ id: 'journey_stage', label: 'Journey stage', value: v.journey_stage, error: err.journey_stage, options: JOURNEY_STAGES.map((j) => ({ value: j, label: JOURNEY_STAGE_LABELS[j] })) })}
${select({ id: 'capacity', label: 'Capacity', value: v.capacity, error: err.capacity, options: CAPACITIES.map((c) => ({ value: c, label: CAPACITY_LABELS[c] })) })}
${TEXT_FIELDS.slice(3).map(text).join('')}
<h2>Named contact and backups</h2>
${CONTACT_FIELDS.map((f) => field({ ...f, value: v[f.id], error: err[f.id] })).join('')}
${whoField(o.who, err.coordinator)}
<div class="actions"><button type="submit">${o.service ? 'Save changes' : 'Add the service'}</button><a href="/coordinate">Cancel</a></div>
</form>`;
  const errors = Object.fromEntries(Object.entries(err).filter((x): x is [string, string] => Boolean(x[1])));
  return coordinatorPage({
    title: o.service ? `Edit ${o.service.name}` : 'Add a service',
    current: o.service ? '/coordinate' : '/coordinate/services/new',
    body,
    errors,
    errorTitle: o.message,
  });
}

/** The form's values for an entry, or a blank one. */
export function startingValues(
  deps: Parameters<typeof formValuesOf>[0],
  service: Service | undefined,
): Partial<Record<CsvColumn, string>> {
  return formValuesOf(deps, service);
}
