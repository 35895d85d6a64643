import { expect } from 'chai';
import { decide, type Command } from '../../src/domain/handover/commands.ts';
import { HandoverError } from '../../src/domain/handover/errors.ts';
import { introduce } from '../../src/domain/handover/introduce.ts';
import { TRANSITIONS, type CommandType } from '../../src/domain/handover/transitions.ts';
import { HANDOVER_STATES, type Handover, type HandoverState } from '../../src/domain/handover/types.ts';
import { everyDayCalendar, introduceInput, PEOPLE } from '../support/make.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const names: Record<string, string> = Object.fromEntries(Object.values(PEOPLE).map((p) => [p.id, p.name]));
const ctx = {
  now: NOW,
  calendar: everyDayCalendar,
  timeZone: 'Europe/London',
  service: {
    name: 'Mind in Lambeth',
    organisation: 'Mind in Lambeth',
    followUpDays: 5,
    contactIds: ['sam', 'alex', 'kim'],
  },
  nameOf: (id: string) => names[id] ?? id,
};

function fresh(): Handover {
  return introduce(introduceInput(), {
    id: 'H-TEST',
    introducerId: 'jo',
    now: NOW,
    calendar: everyDayCalendar,
    service: {
      id: 'svc-mind-lambeth',
      replyByDays: 2,
      expiryDays: 10,
      primaryContactId: 'sam',
      contactIds: ['sam', 'alex', 'kim'],
    },
  }).handover;
}

function inState(state: HandoverState): Handover {
  return { ...fresh(), state };
}

/** A valid command of each type, issued by the right person for that type. */
function commandFor(type: CommandType): Command {
  switch (type) {
    case 'accept':
      return { type, actorId: 'sam' };
    case 'decline':
      return { type, actorId: 'sam', reason: 'no_capacity' };
    case 'pass':
      return { type, actorId: 'sam', toPersonId: 'alex' };
    case 'withdraw':
      return { type, actorId: 'jo' };
    case 'add_note':
      return { type, actorId: 'jo', text: 'Client prefers mornings now.' };
    case 'confirm_contact':
      return { type, actorId: 'sam' };
    case 'report_unreachable':
      return { type, actorId: 'sam' };
    case 'snooze':
      return { type, actorId: 'sam', until: '2026-12-01T09:00:00Z' };
    case 'close':
      return { type, actorId: 'sam', outcome: 'contact_made' };
    case 'escalate':
      return { type, actorId: 'system', backupIds: ['alex'] };
    case 'expire':
      return { type, actorId: 'system' };
    case 'ask_outcome':
      return { type, actorId: 'system' };
    case 'report_outcome':
      return { type, actorId: 'jo', outcome: 'contact_made' };
    case 'not_yet':
      return { type, actorId: 'jo' };
    case 'auto_close':
      return { type, actorId: 'system' };
    case 'mark_not_reached':
      return { type, actorId: 'system', personIds: ['sam'], platforms: ['slack'] };
  }
}

describe('handover state machine', () => {
  describe('every command from every state follows the one table', () => {
    for (const type of Object.keys(TRANSITIONS) as CommandType[]) {
      for (const state of HANDOVER_STATES) {
        const allowed = TRANSITIONS[type].from.includes(state);
        it(`${type} from ${state} is ${allowed ? 'allowed' : 'refused with a clear message'}`, () => {
          // "Not yet" answers a question, so the introducer has been asked once.
          const before = type === 'not_yet' ? { ...inState(state), outcomeAsks: 1 } : inState(state);
          if (allowed) {
            const d = decide(before, commandFor(type), ctx);
            const expected = TRANSITIONS[type].to === 'same' ? state : TRANSITIONS[type].to;
            expect(d.handover.state).to.equal(expected);
            expect(d.handover.version).to.equal(before.version + 1);
            expect(d.events).to.have.length(1);
            expect(d.events[0]).to.include({ from: state, to: expected, actorId: commandFor(type).actorId });
          } else {
            let result: unknown;
            try {
              result = decide(before, commandFor(type), ctx);
            } catch (err) {
              result = err;
            }
            if (result instanceof HandoverError) {
              expect(result.code).to.be.oneOf(['HANDOVER_INVALID_TRANSITION', 'HANDOVER_ALREADY_ANSWERED']);
              expect(result.message).to.match(/introduction/);
            } else {
              // Only an identical repeat may pass silently, and it must change nothing.
              expect((result as { noop: boolean }).noop, `${type} from ${state}`).to.equal(true);
              expect((result as { handover: Handover }).handover).to.equal(before);
            }
          }
        });
      }
    }
  });

  describe('who may act', () => {
    it('given an introduction to Sam, when Pat tries to accept, then Pat is told who it is for', () => {
      expect(() => decide(fresh(), { type: 'accept', actorId: 'pat' }, ctx)).to.throw(
        HandoverError,
        'This introduction is for Sam Patel at Mind in Lambeth.',
      );
    });
    it('a backup cannot accept before escalation', () => {
      expect(() => decide(fresh(), { type: 'accept', actorId: 'alex' }, ctx)).to.throw(/for Sam Patel/);
    });
    it('a backup can accept after escalation, and becomes the named contact', () => {
      const escalated = decide(
        fresh(),
        { type: 'escalate', actorId: 'system', backupIds: ['alex', 'kim'] },
        ctx,
      ).handover;
      const accepted = decide(escalated, { type: 'accept', actorId: 'alex' }, ctx).handover;
      expect(accepted.state).to.equal('accepted');
      expect(accepted.contactId).to.equal('alex');
      expect(() => decide(accepted, { type: 'confirm_contact', actorId: 'kim' }, ctx)).to.throw(/for Alex Morgan/);
    });
    it('only the introducer can withdraw', () => {
      expect(() => decide(fresh(), { type: 'withdraw', actorId: 'sam' }, ctx)).to.throw(
        /Only Jo Rivers, who made this introduction/,
      );
    });
    it('people cannot pretend to be the reminder service', () => {
      expect(() => decide(fresh(), { type: 'expire', actorId: 'jo' }, ctx)).to.throw(/reminder service/);
    });
    it('after passing to a colleague, the colleague may answer and the passer may not', () => {
      const passed = decide(fresh(), { type: 'pass', actorId: 'sam', toPersonId: 'kim' }, ctx).handover;
      expect(passed.state).to.equal('sent');
      expect(() => decide(passed, { type: 'accept', actorId: 'sam' }, ctx)).to.throw(/for Kim Lee/);
      expect(decide(passed, { type: 'accept', actorId: 'kim' }, ctx).handover.contactId).to.equal('kim');
    });
    it('passing to someone outside the service is refused', () => {
      expect(() => decide(fresh(), { type: 'pass', actorId: 'sam', toPersonId: 'pat' }, ctx)).to.throw(
        /another named contact/,
      );
    });
  });

  describe('repeats and races', () => {
    it('a double click on Accept changes nothing the second time', () => {
      const accepted = decide(fresh(), { type: 'accept', actorId: 'sam' }, ctx).handover;
      const again = decide(accepted, { type: 'accept', actorId: 'sam' }, ctx);
      expect(again.noop).to.equal(true);
      expect(again.events).to.deep.equal([]);
      expect(again.handover.version).to.equal(accepted.version);
    });
    it('a backup who clicks Accept after the contact declined is told who answered and when', () => {
      const escalated = decide(fresh(), { type: 'escalate', actorId: 'system', backupIds: ['alex'] }, ctx).handover;
      const declined = decide(escalated, { type: 'decline', actorId: 'sam', reason: 'no_capacity' }, ctx).handover;
      expect(() => decide(declined, { type: 'accept', actorId: 'alex' }, ctx)).to.throw(
        /Sam Patel already declined this introduction at Mon 23 Nov/,
      );
    });
  });

  describe('input checks', () => {
    it('declining needs a reason', () => {
      expect(() => decide(fresh(), { type: 'decline', actorId: 'sam', reason: '' }, ctx)).to.throw(/Choose a reason/);
    });
    it('declining with "other" needs a note', () => {
      expect(() => decide(fresh(), { type: 'decline', actorId: 'sam', reason: 'other' }, ctx)).to.throw(/add a note/);
    });
    it('a decline note over 500 characters is refused', () => {
      expect(() =>
        decide(fresh(), { type: 'decline', actorId: 'sam', reason: 'other', note: 'x'.repeat(501) }, ctx),
      ).to.throw(/500 characters/);
    });
    it('a snooze date in the past is refused', () => {
      expect(() => decide(fresh(), { type: 'snooze', actorId: 'sam', until: '2026-01-01' }, ctx)).to.throw(
        /in the future/,
      );
    });
    it('accepting sets the follow-up date from the service default', () => {
      const accepted = decide(fresh(), { type: 'accept', actorId: 'sam' }, ctx).handover;
      expect(accepted.followUpAt).to.equal(new Date(NOW.getTime() + 5 * 86400000).toISOString());
    });
    it('events never carry client text', () => {
      const d = decide(
        fresh(),
        { type: 'decline', actorId: 'sam', reason: 'other', note: 'R.T. already sees our counsellor' },
        ctx,
      );
      expect(JSON.stringify(d.events)).not.to.contain('R.T.');
      expect(d.noteText).to.equal('R.T. already sees our counsellor');
    });
  });
});
