// Property-based: any sequence of commands by any actors keeps the invariants people rely on.
import { expect } from 'chai';
import fc from 'fast-check';
import { decide, isCurrentContact, type Command } from '../../src/domain/handover/commands.ts';
import { HandoverError } from '../../src/domain/handover/errors.ts';
import { introduce } from '../../src/domain/handover/introduce.ts';
import { TERMINAL_STATES, type Handover } from '../../src/domain/handover/types.ts';
import { everyDayCalendar, introduceInput } from '../support/make.ts';

const START = new Date('2026-11-23T10:00:00Z');
const ACTORS = ['jo', 'sam', 'alex', 'kim', 'pat', 'system'] as const;
const SERVICE_CONTACTS = ['sam', 'alex', 'kim'];

const actor = fc.constantFrom(...ACTORS);
const command: fc.Arbitrary<Command> = fc.oneof(
  actor.map((actorId) => ({ type: 'accept' as const, actorId })),
  fc
    .record({
      actorId: actor,
      reason: fc.constantFrom('no_capacity', 'not_eligible', 'other', 'bogus', ''),
      note: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    })
    .map((c) => ({ type: 'decline' as const, ...c })),
  fc.record({ actorId: actor, toPersonId: fc.constantFrom(...ACTORS) }).map((c) => ({ type: 'pass' as const, ...c })),
  actor.map((actorId) => ({ type: 'withdraw' as const, actorId })),
  fc.record({ actorId: actor, text: fc.string({ maxLength: 30 }) }).map((c) => ({ type: 'add_note' as const, ...c })),
  actor.map((actorId) => ({ type: 'confirm_contact' as const, actorId })),
  actor.map((actorId) => ({ type: 'report_unreachable' as const, actorId })),
  fc
    .record({ actorId: actor, until: fc.constantFrom('2026-12-01T09:00:00Z', '2020-01-01', 'not a date') })
    .map((c) => ({ type: 'snooze' as const, ...c })),
  fc
    .record({ actorId: actor, outcome: fc.constantFrom('contact_made', 'client_declined', 'nonsense') })
    .map((c) => ({ type: 'close' as const, ...c })),
  fc.subarray(['sam', 'alex', 'kim']).map((backupIds) => ({ type: 'escalate' as const, actorId: 'system', backupIds })),
  actor.map((actorId) => ({ type: 'expire' as const, actorId })),
);

function start(): Handover {
  return introduce(introduceInput(), {
    id: 'H-PROP',
    introducerId: 'jo',
    now: START,
    calendar: everyDayCalendar,
    service: { id: 'svc', replyByDays: 2, expiryDays: 10, primaryContactId: 'sam', contactIds: SERVICE_CONTACTS },
  }).handover;
}

describe('handover invariants under any sequence of commands (fast-check)', () => {
  it('one current contact from the service, terminal states stay terminal, versions and audit stay consistent', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), (commands) => {
        let h = start();
        let audit = 1; // the 'introduced' event
        let minutes = 0;
        for (const c of commands) {
          minutes += 7;
          const ctx = {
            now: new Date(START.getTime() + minutes * 60_000),
            calendar: everyDayCalendar,
            timeZone: 'Europe/London',
            service: { name: 'Svc', organisation: 'Org', followUpDays: 5, contactIds: SERVICE_CONTACTS },
            nameOf: (id: string) => id,
          };
          const wasTerminal = TERMINAL_STATES.has(h.state);
          try {
            const d = decide(h, c, ctx);
            if (!d.noop) {
              expect(wasTerminal, `changed a ${h.state} introduction with ${c.type}`).to.equal(false);
              expect(d.handover.version).to.equal(h.version + 1);
              expect(d.events).to.have.length(1);
              expect(d.events[0].from).to.equal(h.state);
              expect(d.events[0].to).to.equal(d.handover.state);
              audit += d.events.length;
            } else {
              expect(d.handover).to.equal(h);
            }
            h = d.handover;
          } catch (err) {
            expect(err).to.be.instanceOf(HandoverError);
            expect((err as Error).message.length).to.be.greaterThan(10);
          }
          expect(SERVICE_CONTACTS).to.include(h.contactId);
          expect(h.escalatedTo.every((id) => SERVICE_CONTACTS.includes(id))).to.equal(true);
          if (h.state === 'accepted') expect(isCurrentContact(h, h.contactId)).to.equal(true);
          if (TERMINAL_STATES.has(h.state)) expect(h.closedAt).to.be.a('string');
          expect(h.version).to.equal(audit);
        }
      }),
      { numRuns: 400 },
    );
  });
});
