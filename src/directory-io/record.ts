// Between a stored Service (contacts by person id) and a ServiceRecord (contacts by name and e-mail, as files hold them).
import { createHash } from 'node:crypto';
import type { ContactRecord, ServiceRecord } from '../domain/directory/service-schema.ts';
import type { Person, Service } from '../domain/directory/types.ts';

export interface ImportProblem {
  /** "line 4" for CSV, "service 2 (id …)" for Open Referral UK. */
  where: string;
  reason: string;
}

export interface ParsedDirectory {
  records: ServiceRecord[];
  problems: ImportProblem[];
}

export class DirectoryImportError extends Error {
  readonly code = 'DIRECTORY_IMPORT_INVALID';
  constructor(readonly problems: ImportProblem[]) {
    super(
      `Nothing was imported: ${problems.length} problem${problems.length === 1 ? '' : 's'} found.\n` +
        problems.map((p) => `  ${p.where}: ${p.reason}`).join('\n'),
    );
    this.name = 'DirectoryImportError';
  }
}

/** A person's id derived from their e-mail, so the same address always gives the same person. */
export function personIdForEmail(email: string): string {
  const clean = email.trim().toLowerCase();
  const local =
    clean
      .split('@')[0]
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 24) || 'person';
  return `p-${local}-${createHash('sha256').update(clean).digest('hex').slice(0, 8)}`;
}

/** A service id from its organisation and name when a file leaves the id blank. */
export function serviceIdFor(organisation: string, name: string): string {
  const slug = `${organisation} ${name}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
  return slug || 'service';
}

/** The stored Service for a record, given the person id for each contact e-mail. */
export function recordToService(
  r: ServiceRecord,
  personIdOf: (email: string) => string,
  staleSince: string | null,
): Service {
  const contacts = [...r.contacts].sort((a, b) => Number(b.primary) - Number(a.primary));
  return {
    id: r.id,
    name: r.name,
    organisation: r.organisation,
    description: r.description,
    keywords: r.keywords,
    categories: r.categories,
    journeyStage: r.journeyStage,
    courseType: r.courseType,
    minAge: r.minAge,
    maxAge: r.maxAge,
    areas: r.areas,
    conditions: r.conditions,
    eligibilityOther: r.eligibilityOther,
    referralRoutes: r.referralRoutes,
    cost: r.cost,
    formats: r.formats,
    locations: r.locations,
    dates: r.dates,
    capacity: r.capacity,
    replyByDays: r.replyByDays,
    followUpDays: r.followUpDays,
    expiryDays: r.expiryDays,
    outcomeWaitDays: r.outcomeWaitDays,
    channel: r.channel,
    website: r.website,
    phone: r.phone,
    email: r.email,
    howToRefer: r.howToRefer,
    lastReviewed: r.lastReviewed,
    staleSince,
    capacityUntil: null,
    contacts: contacts.map((c) => ({ personId: personIdOf(c.email), role: c.primary ? 'primary' : 'backup' })),
  };
}

function contactRecord(p: Person, primary: boolean): ContactRecord {
  const slack = p.identities.find((i) => i.platform === 'slack');
  const teams = p.identities.find((i) => i.platform === 'teams');
  return {
    name: p.name,
    role: p.role,
    email: (p.email ?? '').toLowerCase(),
    primary,
    ...(slack ? { slack: { team: slack.tenant, user: slack.userId } } : {}),
    ...(teams ? { teams: { tenant: teams.tenant, user: teams.userId } } : {}),
    ...(p.timeZone ? { timeZone: p.timeZone } : {}),
    ...(p.workingHours ? { workingHours: p.workingHours } : {}),
    ...(p.digest ? { digest: 'daily' as const } : {}),
  };
}

/** The file-shaped record of a stored service; contacts without an e-mail cannot be exported and are left out. */
export function serviceToRecord(s: Service, personOf: (id: string) => Person | undefined): ServiceRecord {
  const { contacts, staleSince: _stale, capacityUntil: _until, ...rest } = s;
  const records = contacts
    .map((c) => ({ person: personOf(c.personId), primary: c.role === 'primary' }))
    .filter((c): c is { person: Person; primary: boolean } => Boolean(c.person?.email))
    .map((c) => contactRecord(c.person, c.primary));
  return {
    ...rest,
    formats: rest.formats as ServiceRecord['formats'],
    channel: rest.channel as ServiceRecord['channel'],
    contacts: records,
    outcomeWaitDays: rest.outcomeWaitDays ?? null,
  };
}
