// Saving one directory entry from a form (coordinator pages, a named contact's "needs changes"): the same rules
// as an import, the change and its audit row in one transaction.
import { applyDirectory } from '../directory-io/apply-directory.ts';
import { recordFromRow, rowOf } from '../directory-io/edit-row.ts';
import type { CsvColumn } from '../directory-io/csv-columns.ts';
import { serviceToRecord } from '../directory-io/record.ts';
import type { Service } from '../domain/directory/types.ts';
import { DirectoryAuditStore } from '../storage/directory-audit-store.ts';
import type { PeopleStore } from '../storage/people-store.ts';
import type { ServiceStore } from '../storage/service-store.ts';
import { inTransaction, type Db } from '../storage/sqlite.ts';

export interface DirectoryEditDeps {
  db: Db;
  people: PeopleStore;
  services: ServiceStore;
}

export type SaveOutcome =
  | { ok: true; service: Service }
  | { ok: false; message: string; fields: Partial<Record<string, string>> };

export interface SaveRequest {
  /** The entry being changed; absent: a new entry. */
  serviceId?: string;
  /** Typed values by CSV column; columns left out keep their current value. */
  typed: Partial<Record<string, string>>;
  /** Who did it, as the audit shows it. */
  actor: string;
  action: string;
  /** The person confirmed the whole entry: it counts as reviewed today. */
  reviewedOn?: string;
  capacityUntil?: string | null;
  now: Date;
  /** Only check: nothing is written. */
  checkOnly?: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The form's starting values for an entry (a new entry starts blank). */
export function formValuesOf(deps: DirectoryEditDeps, service: Service | undefined): Record<CsvColumn, string> {
  const empty = rowOf({
    id: '',
    name: '',
    organisation: '',
    description: '',
    keywords: '',
    categories: [],
    journeyStage: 'multiple',
    courseType: 'bespoke',
    minAge: null,
    maxAge: null,
    areas: [],
    conditions: '',
    eligibilityOther: '',
    referralRoutes: [],
    cost: '',
    formats: [],
    locations: [],
    dates: [],
    capacity: 'open',
    replyByDays: 2,
    followUpDays: 5,
    expiryDays: 10,
    outcomeWaitDays: null,
    channel: null,
    website: '',
    phone: '',
    email: '',
    howToRefer: '',
    lastReviewed: null,
    contacts: [{ name: '', role: '', email: '', primary: true }],
  });
  return service ? rowOf(serviceToRecord(service, (id) => deps.people.get(id))) : empty;
}

export function saveServiceEdit(deps: DirectoryEditDeps, req: SaveRequest): SaveOutcome {
  const existing = req.serviceId ? deps.services.get(req.serviceId) : undefined;
  if (req.serviceId && !existing)
    return { ok: false, message: 'That entry is no longer in the directory.', fields: {} };
  if (req.capacityUntil && !DATE.test(req.capacityUntil)) {
    return {
      ok: false,
      message: 'Nothing was saved: 1 thing to fix.',
      fields: { capacity_until: 'Choose a date, or leave it empty.' },
    };
  }
  const base = formValuesOf(deps, existing);
  const checked = recordFromRow(base, { ...req.typed, ...(existing ? { id: existing.id } : {}) });
  if (!checked.ok) return checked;
  if (!existing && deps.services.get(checked.record.id)) {
    return {
      ok: false,
      message: 'Nothing was saved: 1 thing to fix.',
      fields: { id: `The id "${checked.record.id}" is already used by another entry.` },
    };
  }
  if (req.checkOnly) return { ok: true, service: existing ?? (checked.record as unknown as Service) };
  const record = {
    ...checked.record,
    lastReviewed: req.reviewedOn ?? checked.record.lastReviewed,
    staleSince: req.reviewedOn ? null : undefined,
  };
  return inTransaction(deps.db, () => {
    applyDirectory(deps.db, [record], req.now);
    const saved = deps.services.get(record.id) as Service;
    const until = req.capacityUntil === undefined ? (saved.capacityUntil ?? null) : req.capacityUntil;
    if (until !== (saved.capacityUntil ?? null))
      deps.services.upsert({ ...saved, capacityUntil: until }, req.now.toISOString());
    const changed = Object.keys(req.typed).filter((k) => (req.typed[k] ?? '') !== (base[k as CsvColumn] ?? ''));
    new DirectoryAuditStore(deps.db).record(
      { actor: req.actor, action: req.action, subject: record.id, details: { changed } },
      req.now,
    );
    return { ok: true, service: deps.services.get(record.id) as Service };
  });
}
