// Writes validated records into the directory in one transaction, or works out what would change (dry run).
import type { ContactRecord, ServiceRecord } from '../domain/directory/service-schema.ts';
import type { Service } from '../domain/directory/types.ts';
import type { Identity } from '../domain/ports.ts';
import { localDate } from '../cards/format.ts';
import { PeopleStore } from '../storage/people-store.ts';
import { ServiceStore } from '../storage/service-store.ts';
import { inTransaction, type Db } from '../storage/sqlite.ts';
import { personIdForEmail, recordToService } from './record.ts';

export interface ImportSummary {
  dryRun: boolean;
  created: string[];
  updated: string[];
  unchanged: string[];
  newPeople: string[];
}

class DryRunRollback extends Error {}

function canonical(s: Service): string {
  const sorted = Object.keys(s)
    .sort()
    .map((k) => [k, s[k as keyof Service]]);
  return JSON.stringify(sorted);
}

function identitiesOf(c: ContactRecord): Identity[] {
  const ids: Identity[] = [];
  if (c.slack) ids.push({ platform: 'slack', tenant: c.slack.team, userId: c.slack.user });
  if (c.teams) ids.push({ platform: 'teams', tenant: c.teams.tenant, userId: c.teams.user });
  return ids;
}

/** Resolves each contact e-mail to a person, creating people who are new (matched by e-mail). */
function resolvePeople(
  people: PeopleStore,
  records: ServiceRecord[],
  summary: ImportSummary,
  ids = new Map<string, string>(),
): Map<string, string> {
  for (const r of records) {
    for (const c of r.contacts) {
      if (!ids.has(c.email)) {
        const existing = people.findByEmail(c.email);
        const id = existing?.id ?? personIdForEmail(c.email);
        if (!existing) {
          people.upsert({ id, name: c.name, email: c.email, organisation: r.organisation, role: c.role });
          summary.newPeople.push(c.name);
        }
        ids.set(c.email, id);
      }
      for (const identity of identitiesOf(c)) people.link(ids.get(c.email)!, identity);
      people.changeSettings(ids.get(c.email)!, {
        timeZone: c.timeZone,
        workingHours: c.workingHours,
        digest: c.digest,
      });
    }
  }
  return ids;
}

/** The time zone of the import day: a service imported without a review date counts as reviewed that day. */
export const IMPORT_DAY_TIME_ZONE = 'Europe/London';

function writeServices(
  services: ServiceStore,
  records: ServiceRecord[],
  ids: Map<string, string>,
  now: Date,
  summary: ImportSummary,
) {
  for (const input of records) {
    const existing = services.get(input.id);
    const r = {
      ...input,
      lastReviewed: input.lastReviewed ?? existing?.lastReviewed ?? localDate(now, IMPORT_DAY_TIME_ZONE),
    };
    const keepStale = existing && existing.lastReviewed === r.lastReviewed ? existing.staleSince : null;
    const made = recordToService(r, (email) => ids.get(email)!, input.staleSince ?? keepStale);
    // A named contact's "full until" stays while the file gives the same capacity.
    const next = {
      ...made,
      capacityUntil: existing && existing.capacity === made.capacity ? (existing.capacityUntil ?? null) : null,
    };
    if (!existing) summary.created.push(r.name);
    else if (canonical(existing) === canonical(next)) {
      summary.unchanged.push(r.name);
      continue;
    } else summary.updated.push(r.name);
    services.upsert(next, now.toISOString());
  }
}

/**
 * Writes records one at a time, in the caller's transaction, so that a file read as a stream is never held whole.
 * Remembers each contact e-mail's person, so a person named on many rows is one person.
 */
export class DirectoryWriter {
  readonly summary: ImportSummary;
  private readonly people: PeopleStore;
  private readonly services: ServiceStore;
  private readonly ids = new Map<string, string>();

  constructor(
    db: Db,
    private readonly now: Date,
    dryRun: boolean,
  ) {
    this.summary = { dryRun, created: [], updated: [], unchanged: [], newPeople: [] };
    this.people = new PeopleStore(db, () => now);
    this.services = new ServiceStore(db);
  }

  write(record: ServiceRecord): void {
    resolvePeople(this.people, [record], this.summary, this.ids);
    writeServices(this.services, [record], this.ids, this.now, this.summary);
  }
}

/** Imports every record or none. With dryRun the same work is done and then rolled back. */
export function applyDirectory(
  db: Db,
  records: ServiceRecord[],
  now: Date,
  options: { dryRun?: boolean } = {},
): ImportSummary {
  let summary: ImportSummary = {
    dryRun: Boolean(options.dryRun),
    created: [],
    updated: [],
    unchanged: [],
    newPeople: [],
  };
  try {
    inTransaction(db, () => {
      const writer = new DirectoryWriter(db, now, Boolean(options.dryRun));
      summary = writer.summary;
      for (const record of records) writer.write(record);
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  return summary;
}

/** Names listed per kind of change; a large import names the first few and counts the rest. */
export const SUMMARY_NAMES_SHOWN = 20;

/** One line per kind of change, for the CLI. */
export function describeSummary(s: ImportSummary): string[] {
  const list = (names: string[]) => {
    if (names.length === 0) return '';
    const more = names.length - SUMMARY_NAMES_SHOWN;
    return `: ${names.slice(0, SUMMARY_NAMES_SHOWN).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  };
  return [
    s.dryRun ? 'Dry run: nothing was written. This import would make these changes.' : 'Imported.',
    `New services ${s.created.length}${list(s.created)}`,
    `Updated services ${s.updated.length}${list(s.updated)}`,
    `Unchanged services ${s.unchanged.length}`,
    `New people ${s.newPeople.length}${list(s.newPeople)}`,
  ];
}
