// `handover nudges preview --at …`: run the sweep as if it were that moment, report what it would queue,
// and roll everything back. Nothing is sent and nothing is kept.
import { HandoverService } from '../app/handover-service.ts';
import type { WorkingCalendar } from '../domain/calendar/types.ts';
import { HandoverStore } from '../storage/handover-store.ts';
import type { OutboxRow } from '../storage/outbox-store.ts';
import { PeopleStore } from '../storage/people-store.ts';
import { ServiceStore } from '../storage/service-store.ts';
import type { Db } from '../storage/sqlite.ts';
import { sweep, type SweepResult } from './sweep.ts';
import { createSweepDeps } from './wiring.ts';

export interface PreviewLine {
  notBefore: string;
  cardKind: string;
  reason: string | null;
  subjectId: string;
  recipient: string;
}

export interface Preview {
  result: SweepResult;
  messages: PreviewLine[];
}

class RollBack extends Error {}

function describeRecipient(row: OutboxRow, people: PeopleStore): string {
  if ('channel' in row.recipient) return `channel ${row.recipient.channel.channelId} (${row.recipient.channel.platform})`;
  return people.nameOf(row.recipient.personId);
}

export function previewSweep(db: Db, at: Date, calendar: WorkingCalendar, timeZone: string): Preview {
  const clock = { now: () => new Date(at) };
  const handovers = new HandoverStore(db);
  const people = new PeopleStore(db, clock.now);
  const services = new ServiceStore(db);
  const app = new HandoverService({ db, clock, calendar, timeZone, handovers, people, services });
  const deps = createSweepDeps({ db, calendar, timeZone, app, handovers, services });
  const lastId = (db.prepare('SELECT coalesce(max(id), 0) AS n FROM outbox').get() as { n: number }).n;
  let preview: Preview | null = null;
  try {
    db.transaction(() => {
      const result = sweep(deps, at);
      const rows = db.prepare<[number], { id: number }>('SELECT id FROM outbox WHERE id > ? ORDER BY id').all(lastId);
      const messages = rows.map((r) => deps.outbox.get(r.id)!).map((row) => ({
        notBefore: row.notBefore, cardKind: row.card.kind, reason: row.card.params?.reason ?? null,
        subjectId: row.subjectId, recipient: describeRecipient(row, people),
      }));
      preview = { result, messages };
      throw new RollBack();
    }).immediate();
  } catch (err) {
    if (!(err instanceof RollBack)) throw err;
  }
  return preview!;
}
