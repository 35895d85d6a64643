// Alternatives that fit, offered after a decline, an expiry or no contact: from the client's need (the words of the
// first introduction and the service's categories), in the client's area and age. Never the service that said no,
// nor its organisation when the reason was capacity; open capacity first, stale entries last; each with its reasons.
import type { Alternative } from '../cards/view.ts';
import { areaKeys } from '../domain/directory/areas.ts';
import { DEFAULT_STALE_AFTER_MONTHS, isStale } from '../domain/directory/staleness.ts';
import type { CategoryId, Service } from '../domain/directory/types.ts';
import type { Handover } from '../domain/handover/types.ts';
import { ServiceStore, serviceFromRow, type ServiceRow } from './service-store.ts';
import type { Db } from './sqlite.ts';

export const MAX_ALTERNATIVES_ON_CARD = 3;
/** Candidates read before ranking: enough for a borough's directory. */
const MAX_CANDIDATES = 200;
/** Words shorter than this say little about the need ("to", "and"). */
const NEED_WORD_MIN = 4;
const MAX_NEED_WORDS = 12;
/** A service about the client's words ranks above one that only shares the category. */
const NEED_WORDS_WEIGHT = 0.5;
const CAPACITY_ORDER: Record<string, number> = { open: 0, limited: 1, waiting_list: 2 };

export type { Alternative };

const statements = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(db: Db) {
  return {
    candidates: db.prepare<Record<string, unknown>, ServiceRow>(`SELECT s.* FROM services s
      WHERE s.id <> @id AND s.capacity <> 'closed' AND (@organisation IS NULL OR s.organisation <> @organisation)
        AND EXISTS (SELECT 1 FROM service_contacts sc WHERE sc.service_id = s.id)
        AND EXISTS (SELECT 1 FROM json_each(s.categories) c WHERE c.value IN (SELECT value FROM json_each(@categories)))
      ORDER BY s.name LIMIT ${MAX_CANDIDATES}`),
    matched: db.prepare<Record<string, unknown>, { id: string }>(
      'SELECT s.id FROM services_fts JOIN services s ON s.rowid = services_fts.rowid WHERE services_fts MATCH @match',
    ),
  };
}

/** Words of the need, each cut to a stem and matched as a prefix ("anxious" → anxi*): any one of them counts. */
export function needMatch(needs: string): string | null {
  const words = (
    needs
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).filter((w) => w.length >= NEED_WORD_MIN);
  const stems = [...new Set(words.map((w) => w.slice(0, Math.max(NEED_WORD_MIN, w.length - 3))))].slice(
    0,
    MAX_NEED_WORDS,
  );
  return stems.length ? stems.map((w) => `"${w}"*`).join(' OR ') : null;
}

function coveredArea(candidate: Service, clientAreas: string[]): string | null | undefined {
  // A first service open to every area says nothing about where the client lives: any area may fit them.
  if (candidate.areas.length === 0 || clientAreas.length === 0) return null;
  const keys = new Set(clientAreas);
  const hit = candidate.areas.find((a) => areaKeys(a).some((k) => keys.has(k)));
  return hit ?? undefined;
}

function fitsAge(candidate: Service, first: Service): boolean {
  // The client's age is not kept; the first service's age range is what was known to fit them.
  const low = first.minAge ?? 0;
  const high = first.maxAge ?? 200;
  return (candidate.minAge ?? 0) <= high && (candidate.maxAge ?? 200) >= low;
}

/** Ranked alternatives for the client of `h`, first declined, expired or not reached at `first`. */
export function suggestAlternatives(
  db: Db,
  first: Service,
  h: Handover,
  now: Date,
  limit: number = MAX_ALTERNATIVES_ON_CARD,
  staleAfterMonths: number = DEFAULT_STALE_AFTER_MONTHS,
): Alternative[] {
  let s = statements.get(db);
  if (!s) {
    s = prepare(db);
    statements.set(db, s);
  }
  const store = new ServiceStore(db);
  const match = needMatch(h.client?.needs ?? '');
  const organisation = h.declineReason === 'no_capacity' ? first.organisation : null;
  const rows = s.candidates.all({ id: first.id, organisation, categories: JSON.stringify(first.categories) });
  const aboutTheNeed = new Set(match ? s.matched.all({ match }).map((r) => r.id) : []);
  const clientAreas = [...new Set(first.areas.flatMap(areaKeys))];
  const ranked = rows.flatMap((row) => {
    const service = serviceFromRow(row, store.contacts(row.id));
    const area = coveredArea(service, clientAreas);
    if (area === undefined || !fitsAge(service, first)) return [];
    const sharedCategories = first.categories.filter((c) => service.categories.includes(c));
    const fit =
      sharedCategories.length / Math.max(1, service.categories.length) +
      (aboutTheNeed.has(service.id) ? NEED_WORDS_WEIGHT : 0);
    return [{ service, sharedCategories, area, stale: isStale(service, now, staleAfterMonths), fit }];
  });
  ranked.sort(
    (a, b) =>
      Number(a.stale) - Number(b.stale) ||
      (CAPACITY_ORDER[a.service.capacity] ?? 3) - (CAPACITY_ORDER[b.service.capacity] ?? 3) ||
      b.fit - a.fit ||
      a.service.name.localeCompare(b.service.name),
  );
  return ranked.slice(0, limit).map(({ fit: _fit, ...alternative }) => alternative);
}
