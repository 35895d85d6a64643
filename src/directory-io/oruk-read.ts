// Reads Open Referral UK 3.0 JSON (one service, or the paged {total_items, …, contents} list) into records.
import { validateServiceRecord, type ServiceRecord } from '../domain/directory/service-schema.ts';
import type { CategoryId } from '../domain/directory/types.ts';
import { toCode } from './csv-columns.ts';
import { OWN_TAXONOMY, categoryForTerm } from './oruk-taxonomy.ts';
import type { OrukAttribute, OrukLocation, OrukService } from './oruk-shape.ts';
import { serviceIdFor, type ImportProblem, type ParsedDirectory } from './record.ts';

/** Service-area names longer than this are descriptions, not areas: kept as eligibility text. */
export const MAX_AREA_NAME = 40;
const DISTRICT_IN_TEXT = /\b[A-Z]{1,2}\d[A-Z\d]?\b/g;
const INT_FIELDS = ['reply_by_days', 'follow_up_days', 'expiry_days'] as const;

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** Our own attributes: field → values, e.g. capacity → ['limited']. */
function ownAttributes(attributes: OrukAttribute[]): Map<string, string[]> {
  const own = new Map<string, string[]>();
  for (const a of attributes) {
    const t = a.taxonomy_term;
    if (!t?.taxonomy?.startsWith(`${OWN_TAXONOMY}:`)) continue;
    const field = t.taxonomy.slice(OWN_TAXONOMY.length + 1);
    own.set(field, [...(own.get(field) ?? []), str(t.term) || str(t.name)]);
  }
  return own;
}

function categoriesAndKeywords(attributes: OrukAttribute[], own: Map<string, string[]>) {
  const categories = new Set<CategoryId>();
  const keywords: string[] = [];
  for (const a of attributes) {
    const t = a.taxonomy_term;
    if (!t || t.taxonomy?.startsWith(`${OWN_TAXONOMY}:`)) continue;
    const category = categoryForTerm(t);
    if (category) categories.add(category);
    else if (str(t.name) || str(t.term)) keywords.push(str(t.name) || str(t.term));
  }
  for (const id of own.get('category') ?? []) categories.add(id as CategoryId);
  return { categories: [...categories], keywords: [...(own.get('keywords') ?? []), ...keywords].join(', ') };
}

function areasOf(s: OrukService): { areas: string[]; text: string[] } {
  const areas: string[] = [];
  const text: string[] = [];
  for (const a of s.service_areas ?? []) {
    const name = str(a.name) || str(a.service_area);
    if (!name) continue;
    if (name.length <= MAX_AREA_NAME) areas.push(name);
    else {
      text.push(name);
      areas.push(...(name.match(DISTRICT_IN_TEXT) ?? []));
    }
  }
  return { areas: [...new Set(areas)], text };
}

function describeLocation(l: OrukLocation): string {
  const address = l.addresses?.[0];
  return [str(l.name), str(address?.address_1), str(address?.city), str(address?.postal_code)]
    .filter(Boolean)
    .join(', ');
}

function costOf(s: OrukService): string {
  const options = (s.cost_options ?? []).map((o) =>
    [str(o.option), typeof o.amount === 'number' ? `£${o.amount}` : '', str(o.amount_description)]
      .filter(Boolean)
      .join(' '),
  );
  return [str(s.fees), ...options].filter(Boolean).join('. ');
}

function datesOf(s: OrukService): string[] {
  return (s.schedules ?? [])
    .map(
      (d) =>
        str(d.description) ||
        [str(d.freq).toLowerCase(), str(d.byday), d.opens_at && d.closes_at ? `${d.opens_at}–${d.closes_at}` : '']
          .filter(Boolean)
          .join(' '),
    )
    .filter(Boolean);
}

function contactsOf(s: OrukService, own: Map<string, string[]>) {
  const fallbackEmail = str(s.email) || str(s.organization?.email);
  const backups = new Set((own.get('backup_contact') ?? []).map((e) => e.toLowerCase()));
  const listed = (s.contacts ?? []).map((c) => ({
    name: str(c.name),
    role: str(c.title),
    email: (str(c.email) || fallbackEmail).toLowerCase(),
  }));
  const contacts =
    listed.length || !fallbackEmail
      ? listed
      : [{ name: str(s.organization?.name) || 'Enquiries', role: 'Enquiries', email: fallbackEmail.toLowerCase() }];
  const firstPrimary = backups.size ? contacts.findIndex((c) => !backups.has(c.email)) : 0;
  const settings = settingsByEmail(own.get('contact_settings') ?? []);
  return contacts.map((c, i) => ({ ...c, ...settings.get(c.email), primary: i === firstPrimary }));
}

/** Our own "contact_settings" attributes: { email, timeZone, workingHours, digest } per contact. */
function settingsByEmail(values: string[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const v of values) {
    try {
      const { email, ...rest } = JSON.parse(v) as Record<string, unknown>;
      if (typeof email === 'string') out.set(email.toLowerCase(), rest);
    } catch {
      // not ours to read: validation of the contact goes on without settings
    }
  }
  return out;
}

function one(own: Map<string, string[]>, field: string): string | undefined {
  return own.get(field)?.[0];
}

function toInput(s: OrukService): Record<string, unknown> {
  const attributes = s.attributes ?? [];
  const own = ownAttributes(attributes);
  const { categories, keywords } = categoriesAndKeywords(attributes, own);
  const { areas, text } = areasOf(s);
  const locations = (s.service_at_locations ?? []).map((l) => l.location).filter((l): l is OrukLocation => Boolean(l));
  const virtual = locations.some((l) => l.location_type === 'virtual') ? ['online'] : [];
  const status = str(s.status).toLowerCase();
  const ints = Object.fromEntries(
    INT_FIELDS.map((f) => [f, one(own, f) === undefined ? undefined : Number(one(own, f))]),
  );
  return {
    id: str(s.id) || serviceIdFor(str(s.organization?.name), str(s.name)),
    name: str(s.name),
    organisation: str(s.organization?.name),
    description: str(s.description),
    keywords,
    categories,
    journeyStage: one(own, 'journey_stage'),
    courseType: one(own, 'course_type'),
    minAge: typeof s.minimum_age === 'number' ? s.minimum_age : null,
    maxAge: typeof s.maximum_age === 'number' ? s.maximum_age : null,
    areas,
    conditions: (own.get('conditions') ?? []).join(' '),
    eligibilityOther: [...(own.get('eligibility_other') ?? []), ...text].join(' '),
    referralRoutes: own.get('referral_route') ?? [],
    cost: costOf(s),
    formats: [...new Set([...(own.get('format') ?? []), ...virtual])].map(toCode),
    locations: locations.map(describeLocation).filter(Boolean),
    dates: datesOf(s),
    capacity: one(own, 'capacity') ?? (status && status !== 'active' ? 'closed' : 'open'),
    replyByDays: ints.reply_by_days,
    followUpDays: ints.follow_up_days,
    expiryDays: ints.expiry_days,
    website: str(s.url) || str(s.organization?.website),
    phone: one(own, 'phone') ?? '',
    email: str(s.email).toLowerCase(),
    howToRefer: one(own, 'how_to_refer') ?? '',
    lastReviewed: (str(s.assured_date) || str(s.last_modified)).slice(0, 10) || null,
    channel: one(own, 'channel') ? JSON.parse(one(own, 'channel')!) : null,
    contacts: contactsOf(s, own),
  };
}

function servicesIn(data: unknown): OrukService[] | null {
  if (Array.isArray(data)) return data as OrukService[];
  if (data && typeof data === 'object') {
    const page = data as { contents?: unknown };
    if (Array.isArray(page.contents)) return page.contents as OrukService[];
    if ('name' in data || 'id' in data) return [data as OrukService];
  }
  return null;
}

/** Parses ORUK JSON text; each problem names the service by position and id. */
export function parseOrukJson(text: string): ParsedDirectory {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return {
      records: [],
      problems: [{ where: 'file', reason: `The file is not valid JSON: ${(err as Error).message}` }],
    };
  }
  const services = servicesIn(data);
  if (!services)
    return {
      records: [],
      problems: [{ where: 'file', reason: 'Expected an Open Referral UK service or a paged list with "contents".' }],
    };
  const records: ServiceRecord[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  services.forEach((s, i) => {
    const where = `service ${i + 1}${s?.id ? ` (id ${String(s.id)})` : ''}`;
    let result: ReturnType<typeof validateServiceRecord>;
    try {
      result = validateServiceRecord(toInput(s ?? {}));
    } catch (err) {
      result = { ok: false, reasons: [`Could not read this service: ${(err as Error).message}`] };
    }
    if (!result.ok) problems.push(...result.reasons.map((reason) => ({ where, reason })));
    else if (seen.has(result.record.id))
      problems.push({ where, reason: `The id "${result.record.id}" appears twice.` });
    else {
      seen.add(result.record.id);
      records.push(result.record);
    }
  });
  return { records, problems };
}
