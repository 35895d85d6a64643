// State-machine property (fast-check, fixed printed seed): from any reachable state, with nobody pressing anything
// more, the reminder service alone closes every introduction within the stated maximum, and the purge removes its
// client details by the retention limit. The reminder service is simulated from the pure plan (what the sweep
// acts on); the purge is the real query, on a real SQLite file.
import { expect } from 'chai';
import fc from 'fast-check';
import { decide, SYSTEM_ACTOR, type Command, type CommandContext } from '../../src/domain/handover/commands.ts';
import { HandoverError } from '../../src/domain/handover/errors.ts';
import { hardLimit, longestQuietWorkingDays, MAX_DAYS_AFTER_SENT } from '../../src/domain/handover/endings.ts';
import { introduce } from '../../src/domain/handover/introduce.ts';
import { TERMINAL_STATES, type Handover } from '../../src/domain/handover/types.ts';
import { planHandover, type PlannedItem } from '../../src/domain/nudges/plan.ts';
import { purgeCandidates } from '../../src/scheduler/purge.ts';
import { DAY_MS, introduceInput, makeWorld, type World } from '../support/make.ts';
import { calendar } from '../support/nudge-world.ts';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261205;
const RUNS = 300;
const HOUR_MS = 3_600_000;
const CONTACTS = ['sam', 'alex', 'kim'];
const SYSTEM_KINDS = new Set(['escalate', 'expire', 'ask_outcome', 'auto_close']);

interface Settings {
  replyByDays: number;
  followUpDays: number;
  expiryDays: number;
  outcomeWaitDays: number | null;
}
type PressKind =
  | 'accept'
  | 'decline'
  | 'pass'
  | 'withdraw'
  | 'note'
  | 'confirm'
  | 'unreachable'
  | 'close'
  | 'yes'
  | 'couldnt'
  | 'not_yet'
  | 'snooze';
interface Press {
  afterHours: number;
  kind: PressKind;
  byBackup: boolean;
}

const settings: fc.Arbitrary<Settings> = fc.record({
  replyByDays: fc.integer({ min: 1, max: 60 }),
  followUpDays: fc.integer({ min: 1, max: 60 }),
  expiryDays: fc.integer({ min: 1, max: 60 }),
  outcomeWaitDays: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
});
const press: fc.Arbitrary<Press> = fc.record({
  afterHours: fc.integer({ min: 0, max: 24 * 30 }),
  kind: fc.constantFrom<PressKind>(
    'accept',
    'decline',
    'pass',
    'withdraw',
    'note',
    'confirm',
    'unreachable',
    'close',
    'yes',
    'couldnt',
    'not_yet',
    'snooze',
  ),
  byBackup: fc.boolean(),
});

function commandFor(p: Press, h: Handover, at: Date): Command {
  const contact = p.byBackup && h.escalatedTo.length > 0 ? h.escalatedTo[0] : h.contactId;
  switch (p.kind) {
    case 'accept':
      return { type: 'accept', actorId: contact };
    case 'decline':
      return { type: 'decline', actorId: contact, reason: 'no_capacity' };
    case 'pass':
      return { type: 'pass', actorId: contact, toPersonId: CONTACTS.find((c) => c !== h.contactId)! };
    case 'withdraw':
      return { type: 'withdraw', actorId: 'jo' };
    case 'note':
      return { type: 'add_note', actorId: p.byBackup ? 'jo' : contact, text: 'Checking in.' };
    case 'confirm':
      return { type: 'confirm_contact', actorId: contact };
    case 'unreachable':
      return { type: 'report_unreachable', actorId: contact };
    case 'close':
      return { type: 'close', actorId: contact, outcome: h.state === 'unreachable' ? 'unreachable' : 'contact_made' };
    case 'yes':
      return { type: 'report_outcome', actorId: 'jo', outcome: 'contact_made' };
    case 'couldnt':
      return { type: 'report_outcome', actorId: 'jo', outcome: 'unreachable' };
    case 'not_yet':
      return { type: 'not_yet', actorId: 'jo' };
    case 'snooze':
      return { type: 'snooze', actorId: contact, until: new Date(at.getTime() + 9 * DAY_MS).toISOString() };
  }
}

function contextAt(now: Date, s: Settings): CommandContext {
  return {
    now,
    calendar,
    timeZone: 'Europe/London',
    nameOf: (id) => id,
    service: {
      name: 'Wellbeing Hub',
      organisation: 'Mind in Lambeth',
      followUpDays: s.followUpDays,
      contactIds: CONTACTS,
    },
  };
}

function systemCommand(item: PlannedItem, h: Handover): Command {
  if (item.kind === 'escalate')
    return { type: 'escalate', actorId: SYSTEM_ACTOR, backupIds: CONTACTS.filter((c) => c !== h.contactId) };
  if (item.kind === 'expire') return { type: 'expire', actorId: SYSTEM_ACTOR };
  if (item.kind === 'ask_outcome') return { type: 'ask_outcome', actorId: SYSTEM_ACTOR };
  return { type: 'auto_close', actorId: SYSTEM_ACTOR };
}

/** What the sweep does up to `until`: the earliest due system item, again and again, each at its due time. */
function runReminderService(h: Handover, s: Settings, until: Date): Handover {
  for (let step = 0; step < 50; step++) {
    const plan = planHandover(h, {
      calendar,
      timeZoneOf: () => 'Europe/London',
      hasBackup: true,
      outcomeWaitDays: s.outcomeWaitDays,
    })
      .filter((i) => SYSTEM_KINDS.has(i.kind) && i.dueAt.getTime() <= until.getTime())
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    if (plan.length === 0) return h;
    const d = decide(h, systemCommand(plan[0], h), contextAt(plan[0].dueAt, s));
    if (d.noop) throw new Error(`the plan kept a ${plan[0].kind} that does nothing, in state ${h.state}`);
    h = d.handover;
  }
  throw new Error('the reminder service never settled');
}

describe('every introduction ends and is purged, whatever was pressed before (fast-check)', () => {
  let w: World;
  before(() => {
    w = makeWorld();
  });
  after(() => w.cleanup());

  it(`given any reachable state and nobody pressing anything more, then it closes within the stated maximum and its client details are purged by the limit (seed ${SEED}; FUZZ_SEED=<seed> replays one)`, () => {
    console.log(`      endings property seed: ${SEED}`);
    let n = 0;
    fc.assert(
      fc.property(
        settings,
        fc.array(press, { maxLength: 12 }),
        fc.integer({ min: 1, max: 400 }),
        (s, presses, retentionDays) => {
          const start = new Date(Date.parse('2026-08-03T08:00:00Z') + (n % 97) * 7 * HOUR_MS);
          const id = `H-PROP-${++n}`;
          let h = introduce(introduceInput(), {
            id,
            introducerId: 'jo',
            now: start,
            calendar,
            service: {
              id: 'svc-mind-lambeth',
              replyByDays: s.replyByDays,
              expiryDays: s.expiryDays,
              primaryContactId: 'sam',
              contactIds: CONTACTS,
            },
          }).handover;
          let at = start;
          let lastPress = start;
          let snoozed = false;
          for (const p of presses) {
            at = new Date(at.getTime() + p.afterHours * HOUR_MS);
            h = runReminderService(h, s, at);
            try {
              const d = decide(h, commandFor(p, h, at), contextAt(at, s));
              if (!d.noop) {
                h = d.handover;
                lastPress = at;
                snoozed ||= p.kind === 'snooze';
              }
            } catch (err) {
              if (!(err instanceof HandoverError)) throw err;
            }
          }
          const closed = runReminderService(h, s, new Date(start.getTime() + 10 * MAX_DAYS_AFTER_SENT * DAY_MS));
          expect(TERMINAL_STATES.has(closed.state), `still ${closed.state}`).to.equal(true);
          const closedAt = new Date(closed.closedAt!);
          expect(closedAt.getTime()).to.be.at.most(hardLimit(closed).getTime());
          if (!snoozed && !TERMINAL_STATES.has(h.state)) {
            const quietLimit = calendar.addWorkingDays(lastPress, longestQuietWorkingDays(s));
            expect(closedAt.getTime(), `closed from ${h.state} after the last press`).to.be.at.most(
              quietLimit.getTime(),
            );
          }
          // The real purge query: not a minute before the limit, and at the limit.
          w.handovers.insert({ ...closed, id });
          const limit = Math.min(
            closedAt.getTime() + retentionDays * DAY_MS,
            Date.parse(closed.createdAt) + MAX_DAYS_AFTER_SENT * DAY_MS,
          );
          expect(purgeCandidates(w.db, new Date(limit - 60_000), retentionDays).map((c) => c.id)).not.to.include(id);
          expect(purgeCandidates(w.db, new Date(limit), retentionDays).map((c) => c.id)).to.include(id);
          w.db.prepare('UPDATE handovers SET purged_at = ? WHERE id = ?').run(new Date(limit).toISOString(), id);
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});
