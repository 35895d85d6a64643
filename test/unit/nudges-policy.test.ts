import { expect } from 'chai';
import { createWorkingCalendar } from '../../src/domain/calendar/working-calendar.ts';
import type { Handover } from '../../src/domain/handover/types.ts';
import { digestKey, digestMoment } from '../../src/domain/nudges/digest.ts';
import { messageKey } from '../../src/domain/nudges/messages.ts';
import { isStillDue, planHandover } from '../../src/domain/nudges/plan.ts';

const calendar = createWorkingCalendar({ timeZone: 'Europe/London', holidays: new Set(['2026-08-31']) });
const london = () => 'Europe/London';

function handover(overrides: Partial<Handover> = {}): Handover {
  return {
    id: 'H-1',
    version: 1,
    state: 'sent',
    serviceId: 's',
    introducerId: 'jo',
    contactId: 'sam',
    escalatedTo: [],
    client: null,
    consent: { confirmedBy: 'jo', at: '2026-08-28T15:55:00.000Z', how: 'in_person' },
    urgency: 'routine',
    replyBy: '2026-09-02T15:55:00.000Z',
    expiresAt: '2026-09-14T15:55:00.000Z',
    followUpAt: null,
    snoozedUntil: null,
    outcome: null,
    declineReason: null,
    createdAt: '2026-08-28T15:55:00.000Z',
    updatedAt: '2026-08-28T15:55:00.000Z',
    acceptedAt: null,
    answeredAt: null,
    contactMadeAt: null,
    closedAt: null,
    purgedAt: null,
    opportunityId: null,
    ...overrides,
  };
}

const plan = (h: Handover, hasBackup = true) =>
  planHandover(h, { calendar, timeZoneOf: london, hasBackup }).map((i) => `${i.kind}@${i.dueAt.toISOString()}`);

describe('nudge policy (pure)', () => {
  it('waiting for an answer: nudge at reply-by, escalate a working day later, expire at the expiry', () => {
    expect(plan(handover())).to.deep.equal([
      'reply_nudge@2026-09-02T15:55:00.000Z',
      'expire@2026-09-14T15:55:00.000Z',
      'escalate@2026-09-03T15:55:00.000Z',
    ]);
  });

  it('already escalated: no second escalation', () => {
    expect(plan(handover({ escalatedTo: ['alex'] }))).to.deep.equal([
      'reply_nudge@2026-09-02T15:55:00.000Z',
      'expire@2026-09-14T15:55:00.000Z',
    ]);
  });

  it('snoozed past the reply-by: the nudge waits for the next working moment after the snooze', () => {
    const items = plan(handover({ snoozedUntil: '2026-09-05T10:00:00.000Z' })); // a Saturday
    expect(items[0]).to.equal('reply_nudge@2026-09-07T08:00:00.000Z'); // Monday 09:00 BST
    expect(items).to.include('escalate@2026-09-03T15:55:00.000Z');
  });

  it('closed, declined, withdrawn or expired: nothing is planned', () => {
    for (const state of ['closed', 'declined', 'withdrawn', 'expired'] as const)
      expect(plan(handover({ state }))).to.deep.equal([]);
  });

  it("contact made or couldn't reach: only its own close is planned, five working days after the last change", () => {
    // Changed Friday 28 Aug 16:55 BST; Monday 31 Aug is a bank holiday: five working days later is Monday 7 Sep.
    for (const state of ['contact_made', 'unreachable'] as const) {
      expect(plan(handover({ state, updatedAt: '2026-08-28T15:55:00.000Z' }))).to.deep.equal([
        'auto_close@2026-09-07T15:55:00.000Z',
      ]);
    }
  });

  it('a stale schedule row is not acted on once the handover moved on', () => {
    expect(isStillDue(handover({ state: 'accepted' }), 'reply_nudge', 'sam')).to.equal(false);
    expect(isStillDue(handover({ contactId: 'alex' }), 'reply_nudge', 'sam')).to.equal(false);
    expect(isStillDue(handover(), 'reply_nudge', 'sam')).to.equal(true);
  });

  it('a digest goes out at the start of the next working day, skipping weekends and bank holidays', () => {
    expect(digestMoment(new Date('2026-08-28T10:00:00Z'), calendar, 'Europe/London').toISOString()).to.equal(
      '2026-09-01T08:00:00.000Z',
    );
    expect(digestMoment(new Date('2026-09-01T08:00:00Z'), calendar, 'Europe/London').toISOString()).to.equal(
      '2026-09-01T08:00:00.000Z',
    );
    expect(digestMoment(new Date('2026-09-01T06:00:00Z'), calendar, 'Europe/London').toISOString()).to.equal(
      '2026-09-01T08:00:00.000Z',
    );
    expect(digestKey('sam', new Date('2026-09-01T08:00:00Z'), 'Europe/London')).to.equal('digest:sam:2026-09-01');
  });

  it('message keys differ by version and recipient, so a retry repeats a key and a new change does not', () => {
    const k = (version: number, recipient: string) =>
      messageKey({ subjectId: 'H-1', event: 'accepted', version, recipient, cardKind: 'receipt' });
    expect(k(2, 'jo')).to.equal(k(2, 'jo'));
    expect(k(2, 'jo')).to.not.equal(k(3, 'jo'));
    expect(k(2, 'jo')).to.not.equal(k(2, 'sam'));
  });
});
