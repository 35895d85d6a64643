// Small per-person facts the scheduler needs often: time zone, digest choice, and where they were last seen.
import type { WorkingHours } from '../domain/directory/person-settings.ts';
import type { Platform } from '../domain/ports.ts';
import type { Db } from './sqlite.ts';

export interface PersonPrefs {
  timeZone: string | null;
  digest: boolean;
  workingHours: WorkingHours | null;
}

/**
 * A person seen again on the same platform within this long is not written again. "Last seen" only chooses where
 * messages go, so a minute is precise enough, and a write on every click would be a commit on every click.
 * A different platform is always written at once, so the most recent platform is never wrong.
 */
export const SEEN_WRITE_INTERVAL_MS = 60_000;

export class PresenceStore {
  private readonly s;
  /** What this process last wrote per person: the platform and when. */
  private readonly written = new Map<string, { platform: Platform; at: number }>();

  constructor(db: Db) {
    this.s = {
      prefs: db.prepare<
        [string],
        { time_zone: string | null; digest: number; work_start_hour: number | null; work_end_hour: number | null }
      >('SELECT time_zone, digest, work_start_hour, work_end_hour FROM people WHERE id = ?'),
      seen: db.prepare(`INSERT INTO person_seen (person_id, platform, seen_at) VALUES (?, ?, ?)
        ON CONFLICT (person_id, platform) DO UPDATE SET seen_at = excluded.seen_at`),
      lastSeen: db.prepare<[string], { platform: string }>(
        'SELECT platform FROM person_seen WHERE person_id = ? ORDER BY seen_at DESC',
      ),
    };
  }

  prefs(personId: string): PersonPrefs | undefined {
    const row = this.s.prefs.get(personId);
    if (!row) return undefined;
    const hours =
      row.work_start_hour === null || row.work_end_hour === null
        ? null
        : { start: row.work_start_hour, end: row.work_end_hour };
    return { timeZone: row.time_zone, digest: row.digest === 1, workingHours: hours };
  }

  /** Platforms call this whenever a person does something there, so messages follow them. */
  recordSeen(personId: string, platform: Platform, at: Date): void {
    const t = at.getTime();
    const last = this.written.get(personId);
    if (last && last.platform === platform && t >= last.at && t - last.at < SEEN_WRITE_INTERVAL_MS) return;
    this.s.seen.run(personId, platform, at.toISOString());
    this.written.set(personId, { platform, at: t });
  }

  /** Platforms the person used, most recent first. */
  lastSeen(personId: string): Platform[] {
    return this.s.lastSeen.all(personId).map((r) => r.platform as Platform);
  }
}
