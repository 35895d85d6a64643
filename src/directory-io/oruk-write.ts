// Writes the directory as an Open Referral UK 3.0 paged service list. Fields the UK profile has no place for
// (capacity, journey stage, reply-by days, backups …) travel as attributes in our own "warm-handover:*" taxonomy.
import { formatWorkingHours } from '../domain/directory/person-settings.ts';
import type { ContactRecord, ServiceRecord } from '../domain/directory/service-schema.ts';
import { CATEGORIES } from '../domain/directory/types.ts';
import { OWN_TAXONOMY } from './oruk-taxonomy.ts';
import type { OrukAttribute, OrukPage, OrukService } from './oruk-shape.ts';

const LABEL = new Map<string, string>(CATEGORIES.map((c) => [c.id, c.label]));

function attribute(serviceId: string, field: string, value: string, index: number): OrukAttribute {
  return {
    id: `${serviceId}:attribute:${field}:${index}`,
    link_type: 'service',
    taxonomy_term: {
      id: field === 'category' ? value : `${OWN_TAXONOMY}:${field}:${index}`,
      name: field === 'category' ? (LABEL.get(value) ?? value) : value,
      term: value,
      taxonomy: `${OWN_TAXONOMY}:${field}`,
    },
  };
}

/** A contact's own time zone, working hours and digest as one JSON value keyed by their e-mail. */
function contactSettings(c: ContactRecord): string[] {
  if (!c.timeZone && !c.workingHours && !c.digest) return [];
  return [
    JSON.stringify({
      email: c.email,
      timeZone: c.timeZone,
      workingHours: c.workingHours && formatWorkingHours(c.workingHours),
      digest: c.digest,
    }),
  ];
}

function attributesOf(r: ServiceRecord): OrukAttribute[] {
  const fields: [string, string[]][] = [
    ['category', r.categories],
    ['journey_stage', [r.journeyStage]],
    ['course_type', [r.courseType]],
    ['capacity', [r.capacity]],
    ['format', r.formats],
    ['referral_route', r.referralRoutes],
    ['keywords', r.keywords ? [r.keywords] : []],
    ['conditions', r.conditions ? [r.conditions] : []],
    ['eligibility_other', r.eligibilityOther ? [r.eligibilityOther] : []],
    ['how_to_refer', r.howToRefer ? [r.howToRefer] : []],
    ['phone', r.phone ? [r.phone] : []],
    ['reply_by_days', [String(r.replyByDays)]],
    ['follow_up_days', [String(r.followUpDays)]],
    ['expiry_days', [String(r.expiryDays)]],
    ['channel', r.channel ? [JSON.stringify(r.channel)] : []],
    ['backup_contact', r.contacts.filter((c) => !c.primary).map((c) => c.email)],
    ['contact_settings', r.contacts.flatMap(contactSettings)],
  ];
  return fields.flatMap(([field, values]) => values.map((v, i) => attribute(r.id, field, v, i)));
}

/** One record as an ORUK service (contacts carry the HSDS `email` field, which the UK profile leaves optional). */
export function recordToOruk(r: ServiceRecord): OrukService {
  const contacts = [...r.contacts].sort((a, b) => Number(b.primary) - Number(a.primary));
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    url: r.website || undefined,
    email: r.email || undefined,
    status: r.capacity === 'closed' ? 'temporarily closed' : 'active',
    fees: r.cost || undefined,
    minimum_age: r.minAge ?? undefined,
    maximum_age: r.maxAge ?? undefined,
    assured_date: r.lastReviewed ?? undefined,
    organization: { id: `org:${r.organisation.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, name: r.organisation },
    contacts: contacts.map((c, i) => ({ id: `${r.id}:contact:${i}`, name: c.name, title: c.role, email: c.email })),
    service_areas: r.areas.map((a, i) => ({ id: `${r.id}:area:${i}`, name: a, service_area: a })),
    service_at_locations: r.locations.map((l, i) => ({
      id: `${r.id}:sal:${i}`,
      location: { id: `${r.id}:location:${i}`, location_type: 'physical', name: l },
    })),
    schedules: r.dates.map((d, i) => ({ id: `${r.id}:schedule:${i}`, description: d })),
    attributes: attributesOf(r),
  };
}

/** The whole directory as one page of the ORUK paged list. */
export function writeOrukPage(records: ServiceRecord[]): OrukPage {
  return {
    total_items: records.length,
    total_pages: 1,
    page_number: 1,
    size: records.length,
    first_page: true,
    last_page: true,
    empty: records.length === 0,
    contents: records.map(recordToOruk),
  };
}
