// Services and their named contacts. Search lives in directory-search.ts.
import type { Service, ServiceContact } from '../domain/directory/types.ts';
import { cachedRead, DirectoryCache } from './directory-cache.ts';
import type { Db } from './sqlite.ts';

export interface ServiceRow {
  id: string;
  name: string;
  organisation: string;
  description: string;
  keywords: string;
  categories: string;
  journey_stage: string;
  course_type: string;
  min_age: number | null;
  max_age: number | null;
  areas: string;
  conditions: string;
  eligibility_other: string;
  referral_routes: string;
  cost: string;
  formats: string;
  locations: string;
  dates: string;
  capacity: string;
  reply_by_days: number;
  follow_up_days: number;
  expiry_days: number;
  channel: string | null;
  website: string;
  phone: string;
  email: string;
  how_to_refer: string;
  last_reviewed: string | null;
  stale_since: string | null;
  updated_at: string;
  outcome_wait_days?: number | null;
  capacity_until?: string | null;
}

export function serviceFromRow(r: ServiceRow, contacts: ServiceContact[]): Service {
  return {
    id: r.id,
    name: r.name,
    organisation: r.organisation,
    description: r.description,
    keywords: r.keywords,
    categories: JSON.parse(r.categories),
    journeyStage: r.journey_stage as Service['journeyStage'],
    courseType: r.course_type as Service['courseType'],
    minAge: r.min_age,
    maxAge: r.max_age,
    areas: JSON.parse(r.areas),
    conditions: r.conditions,
    eligibilityOther: r.eligibility_other,
    referralRoutes: JSON.parse(r.referral_routes),
    cost: r.cost,
    formats: JSON.parse(r.formats),
    locations: JSON.parse(r.locations),
    dates: JSON.parse(r.dates),
    capacity: r.capacity as Service['capacity'],
    replyByDays: r.reply_by_days,
    followUpDays: r.follow_up_days,
    expiryDays: r.expiry_days,
    channel: r.channel ? JSON.parse(r.channel) : null,
    website: r.website,
    phone: r.phone,
    email: r.email,
    howToRefer: r.how_to_refer,
    lastReviewed: r.last_reviewed,
    staleSince: r.stale_since,
    contacts,
    outcomeWaitDays: r.outcome_wait_days ?? null,
    capacityUntil: r.capacity_until ?? null,
  };
}

function toParams(s: Service, updatedAt: string) {
  return {
    id: s.id,
    name: s.name,
    organisation: s.organisation,
    description: s.description,
    keywords: s.keywords,
    categories: JSON.stringify(s.categories),
    journey_stage: s.journeyStage,
    course_type: s.courseType,
    min_age: s.minAge,
    max_age: s.maxAge,
    areas: JSON.stringify(s.areas),
    conditions: s.conditions,
    eligibility_other: s.eligibilityOther,
    referral_routes: JSON.stringify(s.referralRoutes),
    cost: s.cost,
    formats: JSON.stringify(s.formats),
    locations: JSON.stringify(s.locations),
    dates: JSON.stringify(s.dates),
    capacity: s.capacity,
    reply_by_days: s.replyByDays,
    follow_up_days: s.followUpDays,
    expiry_days: s.expiryDays,
    channel: s.channel ? JSON.stringify(s.channel) : null,
    website: s.website,
    phone: s.phone,
    email: s.email,
    how_to_refer: s.howToRefer,
    last_reviewed: s.lastReviewed,
    stale_since: s.staleSince,
    updated_at: updatedAt,
    outcome_wait_days: s.outcomeWaitDays ?? null,
    capacity_until: s.capacityUntil ?? null,
  };
}

const COLUMNS = Object.keys(
  toParams(
    { categories: [], areas: [], referralRoutes: [], formats: [], locations: [], dates: [] } as unknown as Service,
    '',
  ),
);

export class ServiceStore {
  private readonly byId;
  private readonly contactsOf;
  private readonly upsertStmt;
  private readonly clearContacts;
  private readonly addContact;
  private readonly allStmt;
  private readonly cache;

  constructor(private readonly db: Db) {
    this.cache = DirectoryCache.of(db);
    this.byId = db.prepare<[string], ServiceRow>('SELECT * FROM services WHERE id = ?');
    this.contactsOf = db.prepare<[string], { person_id: string; role: string }>(
      `SELECT person_id, role FROM service_contacts WHERE service_id = ? ORDER BY role = 'backup', position`,
    );
    const updates = COLUMNS.filter((c) => c !== 'id')
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
    this.upsertStmt = db.prepare(
      `INSERT INTO services (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => '@' + c).join(', ')})
       ON CONFLICT(id) DO UPDATE SET ${updates}`,
    );
    this.clearContacts = db.prepare('DELETE FROM service_contacts WHERE service_id = ?');
    this.addContact = db.prepare(
      'INSERT INTO service_contacts (service_id, person_id, role, position) VALUES (?, ?, ?, ?)',
    );
    this.allStmt = db.prepare<[], ServiceRow>('SELECT * FROM services ORDER BY name');
  }

  contacts(serviceId: string): ServiceContact[] {
    return this.contactsOf
      .all(serviceId)
      .map((c) => ({ personId: c.person_id, role: c.role as ServiceContact['role'] }));
  }

  get(id: string): Service | undefined {
    return cachedRead(this.cache, `service ${id}`, () => {
      const row = this.byId.get(id);
      return row ? serviceFromRow(row, this.contacts(id)) : undefined;
    });
  }

  all(): Service[] {
    return this.allStmt.all().map((r) => serviceFromRow(r, this.contacts(r.id)));
  }

  /** Inserts or replaces a service and its contact list. Call inside a transaction for several. */
  upsert(s: Service, updatedAt: string): void {
    this.upsertStmt.run(toParams(s, updatedAt));
    this.clearContacts.run(s.id);
    s.contacts.forEach((c, i) => this.addContact.run(s.id, c.personId, c.role, i));
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM services').get() as { n: number }).n;
  }
}
