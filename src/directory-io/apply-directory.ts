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
  const sorted = Object.keys(s).sort().map((k) => [k, s[k as keyof Service]]);
  return JSON.stringify(sorted);
}

function identitiesOf(c: ContactRecord): Identity[] {
  const ids: Identity[] = [];
  if (c.slack) ids.push({ platform: 'slack', tenant: c.slack.team, userId: c.slack.user });
  if (c.teams) ids.push({ platform: 'teams', tenant: c.teams.tenant, userId: c.teams.user });
  return ids;
}

/** Resolves each contact e-mail to a person, creating people who are new (matched by e-mail). */
function resolvePeople(people: PeopleStore, records: ServiceRecord[], summary: ImportSummary): Map<string, string> {
  const ids = new Map<string, string>();
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
      people.changeSettings(ids.get(c.email)!, { timeZone: c.timeZone, workingHours: c.workingHours, digest: c.digest });
    }
  }
  return ids;
}

/** The time zone of the import day: a service imported without a review date counts as reviewed that day. */
export const IMPORT_DAY_TIME_ZONE = 'Europe/London';

function writeServices(services: ServiceStore, records: ServiceRecord[], ids: Map<string, string>, now: Date, summary: ImportSummary) {
  for (const input of records) {
    const existing = services.get(input.id);
    const r = { ...input, lastReviewed: input.lastReviewed ?? existing?.lastReviewed ?? localDate(now, IMPORT_DAY_TIME_ZONE) };
    const keepStale = existing && existing.lastReviewed === r.lastReviewed ? existing.staleSince : null;
    const made = recordToService(r, (email) => ids.get(email)!, input.staleSince ?? keepStale);
    // A named contact's "full until" stays while the file gives the same capacity.
    const next = { ...made, capacityUntil: existing && existing.capacity === made.capacity ? existing.capacityUntil ?? null : null };
    if (!existing) summary.created.push(r.name);
    else if (canonical(existing) === canonical(next)) {
      summary.unchanged.push(r.name);
      continue;
    } else summary.updated.push(r.name);
    services.upsert(next, now.toISOString());
  }
}

/** Imports every record or none. With dryRun the same work is done and then rolled back. */
export function applyDirectory(db: Db, records: ServiceRecord[], now: Date, options: { dryRun?: boolean } = {}): ImportSummary {
  const summary: ImportSummary = { dryRun: Boolean(options.dryRun), created: [], updated: [], unchanged: [], newPeople: [] };
  try {
    inTransaction(db, () => {
      const ids = resolvePeople(new PeopleStore(db, () => now), records, summary);
      writeServices(new ServiceStore(db), records, ids, now, summary);
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  return summary;
}

/** One line per kind of change, for the CLI. */
export function describeSummary(s: ImportSummary): string[] {
  const list = (names: string[]) => (names.length ? `: ${names.join(', ')}` : '');
  return [
    s.dryRun ? 'Dry run: nothing was written. This import would make these changes.' : 'Imported.',
    `New services ${s.created.length}${list(s.created)}`,
    `Updated services ${s.updated.length}${list(s.updated)}`,
    `Unchanged services ${s.unchanged.length}`,
    `New people ${s.newPeople.length}${list(s.newPeople)}`,
  ];
}
