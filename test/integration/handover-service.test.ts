import { expect } from 'chai';
import { HandoverService } from '../../src/app/handover-service.ts';
import { HandoverStore } from '../../src/storage/handover-store.ts';
import { PeopleStore } from '../../src/storage/people-store.ts';
import { ServiceStore } from '../../src/storage/service-store.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { everyDayCalendar, introduceInput, makeWorld, type World } from '../support/make.ts';

describe('handover service on a real SQLite file', () => {
  let w: World;
  beforeEach(() => {
    w = makeWorld();
  });
  afterEach(() => w.cleanup());

  it('given consent, when Jo introduces a client, then it is stored as sent to Sam with an audit entry', () => {
    const h = w.handoverService.introduce('jo', introduceInput());
    const stored = w.handovers.find(h.id)!;
    expect(stored.state).to.equal('sent');
    expect(stored.contactId).to.equal('sam');
    expect(stored.consent).to.include({ confirmedBy: 'jo', how: 'in_person' });
    const audit = w.handovers.audit(h.id);
    expect(audit.map((a) => a.event)).to.deep.equal(['introduced']);
    expect(JSON.stringify(audit)).not.to.contain('R.T.');
  });

  it('given no consent, when Jo sends, then it is refused and nothing is stored', () => {
    expect(() => w.handoverService.introduce('jo', introduceInput({ consent: false }))).to.throw(/client agreed/);
    expect((w.db.prepare('SELECT count(*) n FROM handovers').get() as { n: number }).n).to.equal(0);
    expect((w.db.prepare('SELECT count(*) n FROM audit').get() as { n: number }).n).to.equal(0);
  });

  it('given missing fields, then each field gets its own message', () => {
    try {
      w.handoverService.introduce('jo', introduceInput({ needs: '', clientName: 'Robert James Thomas Smith' }));
      expect.fail('should refuse');
    } catch (err) {
      const fields = (err as { fields: Record<string, string> }).fields;
      expect(fields.needs).to.match(/required/);
      expect(fields.clientName).to.match(/first name or initials/);
    }
  });

  it('accept → contact made is audited step by step with actor and time', () => {
    const h = w.handoverService.introduce('jo', introduceInput());
    w.clock.advance(3600_000);
    w.handoverService.act(h.id, { type: 'accept', actorId: 'sam' });
    w.clock.advance(3600_000);
    w.handoverService.act(h.id, { type: 'confirm_contact', actorId: 'sam' });
    const audit = w.handovers.audit(h.id);
    expect(audit.map((a) => [a.event, a.actorId, a.fromState, a.toState])).to.deep.equal([
      ['introduced', 'jo', null, 'sent'],
      ['accepted', 'sam', 'sent', 'accepted'],
      ['contact_made', 'sam', 'accepted', 'closed'],
    ]);
    expect(audit[2].at).to.equal('2026-11-23T12:00:00.000Z');
  });

  it('notes are kept beside the handover, never in the audit', () => {
    const h = w.handoverService.introduce('jo', introduceInput());
    w.handoverService.act(h.id, { type: 'add_note', actorId: 'jo', text: 'R.T. has a new phone number' });
    expect(w.handovers.notes(h.id)[0].text).to.equal('R.T. has a new phone number');
    expect(JSON.stringify(w.handovers.audit(h.id))).not.to.contain('phone number');
  });

  it('two connections accepting the same handover at once: exactly one wins, the other is told who acted', () => {
    const h = w.handoverService.introduce('jo', introduceInput());
    w.handoverService.act(h.id, { type: 'escalate', actorId: 'system', backupIds: ['alex'] });
    const other = openDatabase(w.path);
    const otherApp = new HandoverService({
      db: other,
      clock: w.clock,
      calendar: everyDayCalendar,
      timeZone: 'Europe/London',
      handovers: new HandoverStore(other),
      people: new PeopleStore(other),
      services: new ServiceStore(other),
    });
    // Both read version 2; Sam's write lands first; Alex's write must then fail the version check and re-decide.
    const stale = w.handovers.find(h.id)!;
    w.handoverService.act(h.id, { type: 'accept', actorId: 'sam' });
    expect(() =>
      new HandoverStore(other).update({ ...stale, state: 'accepted', contactId: 'alex', version: 3 }, stale),
    ).to.throw(/changed while you were acting/);
    expect(() => otherApp.act(h.id, { type: 'accept', actorId: 'alex' })).to.throw(/Sam Patel already accepted/);
    const final = w.handovers.find(h.id)!;
    expect(final.contactId).to.equal('sam');
    expect(w.handovers.audit(h.id).filter((a) => a.event === 'accepted')).to.have.length(1);
    other.close();
  });

  it('a retried click after success returns the same state and adds no audit entry', () => {
    const h = w.handoverService.introduce('jo', introduceInput());
    const first = w.handoverService.act(h.id, { type: 'accept', actorId: 'sam' });
    const second = w.handoverService.act(h.id, { type: 'accept', actorId: 'sam' });
    expect(second.noop).to.equal(true);
    expect(second.handover.version).to.equal(first.handover.version);
    expect(w.handovers.audit(h.id)).to.have.length(2);
  });
});
