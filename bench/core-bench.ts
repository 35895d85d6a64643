// Issue 3 targets: directory search p95 over 20,000 services (goal < 5 ms) and accepted transitions
// per second on a file database (goal ≥ 5,000/s). Baselines are measured in the same run: a plain
// indexed lookup by id (search) and a bare UPDATE of one row per transaction (transitions).
import { join } from 'node:path';
import type { CategoryId, Service } from '../src/domain/directory/types.ts';
import { CATEGORIES } from '../src/domain/directory/types.ts';
import { searchDirectory } from '../src/storage/directory-search.ts';
import { ServiceStore } from '../src/storage/service-store.ts';
import { openDatabase, inTransaction } from '../src/storage/sqlite.ts';
import { introduceInput, makeService, makeWorld, tempDir } from '../test/support/make.ts';
import { percentile, round, timeEach } from './stats.ts';

const SERVICES = 20_000;
const SEARCHES = 2_000;
const TRANSITIONS = 5_000;
const WORDS = (
  'anxiety debt housing benefits cooking gardening choir football yoga english maths cv interview ' +
  'volunteering tenancy eviction loneliness befriending art pottery faith mosque church foodbank pantry immigration ' +
  'asylum visa counselling carers youth older mums dads walking swimming coding digital budgeting energy bills'
).split(' ');
const AREAS = ['SE11', 'SE1', 'SW9', 'E8', 'E15', 'N16', 'SE15', 'E1', 'Lambeth', 'Hackney', 'Newham', 'Southwark'];

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** A long tail of other words (Zipf-like), as real descriptions have; `worst` draws only the 40 common words. */
const TAIL = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}x`);

function generated(i: number, r: () => number, worst: boolean): Service {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const word = () => (worst || r() < 0.15 ? pick(WORDS) : TAIL[Math.floor(TAIL.length * r() ** 3)]);
  const words = Array.from({ length: 8 }, word).join(' ');
  return makeService({
    id: `svc-${i}`,
    name: `${pick(WORDS)} ${pick(WORDS)} project ${i}`,
    organisation: `Org ${i % 900}`,
    description: `Support with ${words}.`,
    keywords: `${pick(WORDS)} ${pick(WORDS)}`,
    categories: [pick(CATEGORIES).id as CategoryId],
    areas: [pick(AREAS)],
    minAge: r() < 0.3 ? 16 : null,
    capacity: pick(['open', 'open', 'limited', 'waiting_list', 'closed'] as const),
    contacts: [],
    lastReviewed: r() < 0.1 ? '2024-01-01' : '2026-06-01',
  });
}

function searchTimes(dir: string, worst: boolean): { search: number[]; baseline: number[] } {
  const db = openDatabase(join(dir, `search-${worst ? 'worst' : 'tail'}.db`));
  const store = new ServiceStore(db);
  const r = rng(42);
  inTransaction(db, () => {
    for (let i = 0; i < SERVICES; i++) store.upsert(generated(i, r, worst), '2026-11-23T00:00:00Z');
  });
  const now = new Date('2026-11-23T10:00:00Z');
  const queries = Array.from({ length: SEARCHES }, (_, i) => ({
    text:
      i % 5 === 4 ? undefined : `${WORDS[i % WORDS.length]}${i % 3 === 0 ? ' ' + WORDS[(i * 7) % WORDS.length] : ''}`,
    area: i % 2 ? AREAS[i % AREAS.length] : undefined,
    age: i % 4 === 0 ? 19 : undefined,
    limit: 20,
  }));
  const search = timeEach(SEARCHES, (i) => searchDirectory(db, queries[i], now));
  const byId = db.prepare('SELECT * FROM services WHERE id = ?');
  const baseline = timeEach(SEARCHES, (i) => byId.get(`svc-${i}`));
  db.close();
  return { search, baseline };
}

export async function run(): Promise<Record<string, unknown>> {
  const tmp = tempDir('bench-core-');
  const { search, baseline } = searchTimes(tmp.dir, false);
  const worst = searchTimes(tmp.dir, true).search;

  const w = makeWorld({ path: join(tmp.dir, 'transitions.db') });
  const ids = Array.from({ length: TRANSITIONS }, () => w.handoverService.introduce('jo', introduceInput()).id);
  const t0 = process.hrtime.bigint();
  for (const id of ids) w.handoverService.act(id, { type: 'accept', actorId: 'sam' });
  const acceptSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const bare = w.db.prepare('UPDATE handovers SET version = version + 1 WHERE id = ?');
  const t1 = process.hrtime.bigint();
  for (const id of ids) inTransaction(w.db, () => bare.run(id));
  const bareSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  w.cleanup();
  tmp.cleanup();

  return {
    'directory search p50 ms': round(percentile(search, 50)),
    'directory search p95 ms (goal < 5)': round(percentile(search, 95)),
    'baseline lookup by id p95 ms': round(percentile(baseline, 95), 3),
    'worst case (40-word vocabulary) search p95 ms': round(percentile(worst, 95)),
    'accepted transitions/s (goal ≥ 5000)': Math.round(TRANSITIONS / acceptSeconds),
    'bare one-row UPDATE transactions/s': Math.round(TRANSITIONS / bareSeconds),
    'accept cost vs bare update': `${round(bareSeconds > 0 ? acceptSeconds / bareSeconds : NaN)}×`,
  };
}
