// Directory search: FTS5 over name/description/keywords/organisation/categories plus filters.
// Closed and stale services come last and are marked. Statements are prepared once per connection.
import { areaKeys } from '../domain/directory/areas.ts';
import { DEFAULT_STALE_AFTER_MONTHS, staleCutoff } from '../domain/directory/staleness.ts';
import type { Capacity, CategoryId, JourneyStage, Service } from '../domain/directory/types.ts';
import { ServiceStore, serviceFromRow, type ServiceRow } from './service-store.ts';
import type { Db } from './sqlite.ts';

export const SEARCH_LIMITS = { defaultResults: 20, maxResults: 100, maxTerms: 12, minPrefixLength: 3 } as const;
export const DEFAULT_ALTERNATIVES = 3;

export interface DirectoryQuery {
  text?: string;
  category?: CategoryId;
  area?: string;
  age?: number;
  stage?: JourneyStage;
  capacity?: Capacity;
  limit?: number;
}

export interface SearchResult extends Service {
  /** 1 for the best match. */
  rank: number;
  /** bm25 relevance (lower is better); 0 when there was no text. */
  score: number;
  stale: boolean;
  closed: boolean;
}

type Row = ServiceRow & { score: number; stale: number; closed: number };

/** Up to this many area keys are matched (a postcode gives at most district, area letters and two boroughs). */
const MAX_AREA_KEYS = 6;
const AREA_PARAMS = Array.from({ length: MAX_AREA_KEYS }, (_, i) => `@area${i}`);

const STALE = '(s.stale_since IS NOT NULL OR s.last_reviewed IS NULL OR s.last_reviewed < @cutoff)';
const FILTERS = `(@category IS NULL OR instr(s.categories, @category) > 0)
  AND (@area0 IS NULL OR s.areas = '[]' OR ${AREA_PARAMS.map((p) => `s.areas LIKE ${p}`).join(' OR ')})
  AND (@age IS NULL OR ((s.min_age IS NULL OR s.min_age <= @age) AND (s.max_age IS NULL OR s.max_age >= @age)))
  AND (@stage IS NULL OR s.journey_stage = @stage OR s.journey_stage = 'multiple')
  AND (@capacity IS NULL OR s.capacity = @capacity)`;
const BM25 = 'bm25(services_fts, 10.0, 2.0, 5.0, 3.0, 1.0)';

const FROM_FTS = 'services_fts JOIN services s ON s.rowid = services_fts.rowid WHERE services_fts MATCH @match AND';
const FROM_TABLE = 'services s WHERE';
const HIT_COLUMNS = `s.rowid AS rid, s.capacity = 'closed' AS closed, ${STALE} AS stale`;
/** Phase two reads whole rows only for the page of hits. */
const hydrate = (hits: string, order: string) => `WITH hits AS (${hits})
  SELECT s.*, hits.score, hits.closed, hits.stale FROM hits JOIN services s ON s.rowid = hits.rid ORDER BY ${order}`;

/** Text search: every match is scored with bm25, so the sort sees all matches (a few small columns each). */
function scoredSql(): string {
  return hydrate(
    `SELECT ${HIT_COLUMNS}, ${BM25} AS score FROM ${FROM_FTS} ${FILTERS}
    ORDER BY (s.capacity = 'closed' OR ${STALE}), score, s.name LIMIT @limit`,
    'hits.closed OR hits.stale, hits.score, s.name',
  );
}

/** Filters only: no relevance to sort by, so take current services first, then closed and stale ones, stopping early. */
function unscoredSql(from: string, current: boolean): string {
  const band = current ? `NOT (s.capacity = 'closed' OR ${STALE})` : `(s.capacity = 'closed' OR ${STALE})`;
  return hydrate(`SELECT ${HIT_COLUMNS}, 0 AS score FROM ${from} ${band} AND ${FILTERS} LIMIT @limit`, 's.name');
}

function prepare(db: Db) {
  const rows = (sql: string) => db.prepare<Record<string, unknown>, Row>(sql);
  return {
    text: rows(scoredSql()),
    category: { current: rows(unscoredSql(FROM_FTS, true)), stale: rows(unscoredSql(FROM_FTS, false)) },
    plain: { current: rows(unscoredSql(FROM_TABLE, true)), stale: rows(unscoredSql(FROM_TABLE, false)) },
    alternatives: db.prepare<Record<string, unknown>, ServiceRow>(`SELECT s.* FROM services s
      WHERE s.id <> @id AND s.capacity IN ('open', 'limited')
        AND s.stale_since IS NULL AND s.last_reviewed IS NOT NULL AND s.last_reviewed >= @cutoff
        AND EXISTS (SELECT 1 FROM json_each(s.categories) c WHERE c.value IN (SELECT value FROM json_each(@categories)))
        AND (@areas = '[]' OR s.areas = '[]' OR EXISTS (SELECT 1 FROM json_each(s.areas) a
             WHERE upper(trim(a.value)) IN (SELECT value FROM json_each(@areas))))
        AND EXISTS (SELECT 1 FROM service_contacts sc WHERE sc.service_id = s.id)
      ORDER BY s.capacity = 'limited', s.name LIMIT @limit`),
  };
}

type Statements = ReturnType<typeof prepare>;
const cache = new WeakMap<Db, { statements: Statements; store: ServiceStore }>();

function forDb(db: Db) {
  let entry = cache.get(db);
  if (!entry) {
    entry = { statements: prepare(db), store: new ServiceStore(db) };
    cache.set(db, entry);
  }
  return entry;
}

/** Turns what a person typed into an FTS5 query that cannot break: each word quoted, the last one a prefix. */
export function toMatchQuery(text: string, joiner: 'AND' | 'OR' = 'AND'): string | null {
  const words = (text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, SEARCH_LIMITS.maxTerms);
  if (words.length === 0) return null;
  const last = words.length - 1;
  const terms = words.map((w, i) => `"${w}"${i === last && w.length >= SEARCH_LIMITS.minPrefixLength ? '*' : ''}`);
  return terms.join(` ${joiner} `);
}

/** Category ids are indexed in the FTS categories column as words ("mental_health" → mental health). */
function categoryMatch(category: CategoryId): string {
  return `categories : "${category.replace(/_/g, ' ')}"`;
}

function clampLimit(limit: number | undefined): number {
  if (!limit || !Number.isFinite(limit) || limit < 1) return SEARCH_LIMITS.defaultResults;
  return Math.min(Math.floor(limit), SEARCH_LIMITS.maxResults);
}

function filterParams(query: DirectoryQuery, now: Date, staleAfterMonths: number) {
  const keys = (query.area ? areaKeys(query.area) : []).slice(0, MAX_AREA_KEYS);
  const areaParams = Object.fromEntries(
    AREA_PARAMS.map((p, i) => [p.slice(1), keys[i] ? `%${JSON.stringify(keys[i])}%` : null]),
  );
  return {
    ...areaParams,
    cutoff: staleCutoff(now, staleAfterMonths),
    category: query.category ? JSON.stringify(query.category) : null,
    age: typeof query.age === 'number' && Number.isFinite(query.age) ? query.age : null,
    stage: query.stage && query.stage !== 'multiple' ? query.stage : null,
    capacity: query.capacity ?? null,
    limit: clampLimit(query.limit),
  };
}

/** Finds services for a need; closed and stale ones are ranked last and marked. */
export function searchDirectory(
  db: Db,
  query: DirectoryQuery,
  now: Date,
  staleAfterMonths: number = DEFAULT_STALE_AFTER_MONTHS,
): SearchResult[] {
  const { statements, store } = forDb(db);
  const params = filterParams(query, now, staleAfterMonths);
  const match = toMatchQuery(query.text ?? '');
  const inCategory = query.category ? categoryMatch(query.category) : null;
  let rows: Row[];
  if (match !== null) {
    rows = statements.text.all({ ...params, match });
    const loose = toMatchQuery(query.text ?? '', 'OR');
    if (rows.length === 0 && loose !== null && loose !== match) rows = statements.text.all({ ...params, match: loose });
  } else {
    const pair = inCategory ? statements.category : statements.plain;
    const all = { ...params, match: inCategory };
    rows = pair.current.all(all);
    if (rows.length < params.limit) rows = rows.concat(pair.stale.all({ ...all, limit: params.limit - rows.length }));
  }
  return rows.map((r, i) => ({
    ...serviceFromRow(r, store.contacts(r.id)),
    rank: i + 1,
    score: r.score,
    stale: r.stale === 1,
    closed: r.closed === 1,
  }));
}

/** Other open or limited services in the same category and area, not stale: offered when an introduction is declined or expires. */
export function findAlternatives(
  db: Db,
  service: Service,
  now: Date,
  limit: number = DEFAULT_ALTERNATIVES,
  staleAfterMonths: number = DEFAULT_STALE_AFTER_MONTHS,
): Service[] {
  const { statements, store } = forDb(db);
  const areas = [...new Set(service.areas.flatMap(areaKeys))];
  const rows = statements.alternatives.all({
    id: service.id,
    cutoff: staleCutoff(now, staleAfterMonths),
    categories: JSON.stringify(service.categories),
    areas: JSON.stringify(areas),
    limit: clampLimit(limit),
  });
  return rows.map((r) => serviceFromRow(r, store.contacts(r.id)));
}
