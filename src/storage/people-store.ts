// People and their identities on each platform.
import type { PersonSettings } from '../domain/directory/person-settings.ts';
import type { Person } from '../domain/directory/types.ts';
import type { Identity, Platform } from '../domain/ports.ts';
import { cachedRead, DirectoryCache } from './directory-cache.ts';
import type { Db } from './sqlite.ts';

interface PersonRow {
  id: string;
  name: string;
  email: string | null;
  organisation: string;
  role: string;
  time_zone: string | null;
  digest: number;
  is_coordinator: number;
  work_start_hour: number | null;
  work_end_hour: number | null;
}
interface IdentityRow {
  person_id: string;
  platform: string;
  tenant: string;
  user_id: string;
  details: string;
}

export type NewPerson = Omit<Person, 'identities' | 'digest' | 'isCoordinator' | 'timeZone'> &
  Partial<Pick<Person, 'identities' | 'digest' | 'isCoordinator' | 'timeZone'>>;

export class PeopleStore {
  private readonly byId;
  private readonly byEmail;
  private readonly idsOf;
  private readonly byIdentity;
  private readonly upsertStmt;
  private readonly linkStmt;
  private readonly allStmt;
  private readonly cache;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(0),
  ) {
    this.cache = DirectoryCache.of(db);
    this.byId = db.prepare<[string], PersonRow>('SELECT * FROM people WHERE id = ?');
    this.byEmail = db.prepare<[string], PersonRow>('SELECT * FROM people WHERE lower(email) = lower(?)');
    this.idsOf = db.prepare<[string], IdentityRow>('SELECT * FROM identities WHERE person_id = ? ORDER BY platform');
    this.byIdentity = db.prepare<[string, string, string], { person_id: string }>(
      'SELECT person_id FROM identities WHERE platform = ? AND tenant = ? AND user_id = ?',
    );
    this.upsertStmt = db.prepare(
      `INSERT INTO people (id, name, email, organisation, role, time_zone, digest, is_coordinator, created_at)
       VALUES (@id, @name, @email, @organisation, @role, @time_zone, @digest, @is_coordinator, @created_at)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email, organisation = excluded.organisation,
         role = excluded.role, time_zone = excluded.time_zone, digest = excluded.digest, is_coordinator = excluded.is_coordinator`,
    );
    this.linkStmt = db.prepare(
      `INSERT INTO identities (person_id, platform, tenant, user_id, details) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(platform, tenant, user_id) DO UPDATE SET person_id = excluded.person_id, details = excluded.details`,
    );
    this.allStmt = db.prepare<[], PersonRow>('SELECT * FROM people ORDER BY name');
  }

  private hydrate(row: PersonRow): Person {
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      organisation: row.organisation,
      role: row.role,
      timeZone: row.time_zone,
      digest: row.digest === 1,
      isCoordinator: row.is_coordinator === 1,
      workingHours:
        row.work_start_hour === null || row.work_end_hour === null
          ? null
          : { start: row.work_start_hour, end: row.work_end_hour },
      identities: this.idsOf.all(row.id).map((i) => ({
        platform: i.platform as Platform,
        tenant: i.tenant,
        userId: i.user_id,
        details: JSON.parse(i.details),
      })),
    };
  }

  private row(id: string): PersonRow | undefined {
    return cachedRead(this.cache, `person ${id}`, () => this.byId.get(id));
  }

  get(id: string): Person | undefined {
    return cachedRead(this.cache, `person+ ${id}`, () => {
      const row = this.byId.get(id);
      return row ? this.hydrate(row) : undefined;
    });
  }

  /** Name, organisation, role and time zone only: what a card shows, without loading identities. */
  brief(id: string): Pick<Person, 'id' | 'name' | 'organisation' | 'role' | 'timeZone'> | undefined {
    const row = this.row(id);
    return row
      ? { id: row.id, name: row.name, organisation: row.organisation, role: row.role, timeZone: row.time_zone }
      : undefined;
  }

  findByEmail(email: string): Person | undefined {
    const row = this.byEmail.get(email);
    return row ? this.hydrate(row) : undefined;
  }

  findByIdentity(platform: Platform, tenant: string, userId: string): Person | undefined {
    const personId = cachedRead(
      this.cache,
      `identity ${platform} ${tenant} ${userId}`,
      () => this.byIdentity.get(platform, tenant, userId)?.person_id,
    );
    return personId ? this.get(personId) : undefined;
  }

  all(): Person[] {
    return this.allStmt.all().map((r) => this.hydrate(r));
  }

  upsert(p: NewPerson): void {
    this.upsertStmt.run({
      id: p.id,
      name: p.name,
      email: p.email,
      organisation: p.organisation,
      role: p.role,
      time_zone: p.timeZone ?? null,
      digest: p.digest ? 1 : 0,
      is_coordinator: p.isCoordinator ? 1 : 0,
      created_at: this.now().toISOString(),
    });
    for (const identity of p.identities ?? []) this.link(p.id, identity);
  }

  /** Gives a person an identity on a platform (or moves that identity to them). */
  link(personId: string, identity: Identity): void {
    this.linkStmt.run(
      personId,
      identity.platform,
      identity.tenant,
      identity.userId,
      JSON.stringify(identity.details ?? {}),
    );
  }

  setDigest(personId: string, digest: boolean): void {
    this.db.prepare('UPDATE people SET digest = ? WHERE id = ?').run(digest ? 1 : 0, personId);
  }

  /** Changes only the settings given; the rest stay as they are. */
  changeSettings(personId: string, s: PersonSettings): void {
    if (s.timeZone !== undefined)
      this.db.prepare('UPDATE people SET time_zone = ? WHERE id = ?').run(s.timeZone, personId);
    if (s.digest !== undefined) this.setDigest(personId, s.digest === 'daily');
    if (s.workingHours !== undefined) {
      this.db
        .prepare('UPDATE people SET work_start_hour = ?, work_end_hour = ? WHERE id = ?')
        .run(s.workingHours.start, s.workingHours.end, personId);
    }
  }

  nameOf(id: string): string {
    if (id === 'system') return 'Warm Handover';
    return this.row(id)?.name ?? 'someone who has left the directory';
  }
}
