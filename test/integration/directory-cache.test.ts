// Directory reads are kept in memory between changes (src/storage/directory-cache.ts). What a user would notice if
// that went wrong: a renamed contact, a moved service contact or a newly linked Slack account not showing up.
import { expect } from 'chai';
import { PeopleStore } from '../../src/storage/people-store.ts';
import { ServiceStore } from '../../src/storage/service-store.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { inTransaction } from '../../src/storage/sqlite.ts';
import { makeService, makeWorld, type World } from '../support/make.ts';

describe('directory reads kept in memory', () => {
  let w: World;
  beforeEach(() => {
    w = makeWorld();
  });
  afterEach(() => w.cleanup());

  it('a contact renamed by another process (the directory CLI) shows under the new name on the next read', () => {
    expect(w.people.nameOf('sam')).to.equal('Sam Patel');
    const other = openDatabase(w.path);
    other.prepare("UPDATE people SET name = 'Samira Patel' WHERE id = 'sam'").run();
    other.close();
    expect(w.people.nameOf('sam')).to.equal('Samira Patel');
    expect(w.people.get('sam')!.name).to.equal('Samira Patel');
  });

  it('a change made on the same connection by any statement, not only through the store, shows at once', () => {
    expect(w.services.get('svc-mind-lambeth')!.contacts.map((c) => c.personId)).to.deep.equal(['sam', 'alex', 'kim']);
    w.db.prepare("DELETE FROM service_contacts WHERE service_id = 'svc-mind-lambeth' AND person_id = 'alex'").run();
    expect(w.services.get('svc-mind-lambeth')!.contacts.map((c) => c.personId)).to.deep.equal(['sam', 'kim']);
    new ServiceStore(w.db).upsert(makeService({ capacity: 'closed' }), w.clock.now().toISOString());
    expect(w.services.get('svc-mind-lambeth')!.capacity).to.equal('closed');
  });

  it('a Slack account linked to a person is found straight after, and a rolled-back rename is never seen', () => {
    expect(w.people.findByIdentity('slack', 'T1', 'U1')).to.equal(undefined);
    new PeopleStore(w.db).link('jo', { platform: 'slack', tenant: 'T1', userId: 'U1' });
    expect(w.people.findByIdentity('slack', 'T1', 'U1')!.id).to.equal('jo');
    expect(() =>
      inTransaction(w.db, () => {
        w.db.prepare("UPDATE people SET name = 'Nobody' WHERE id = 'jo'").run();
        expect(w.people.nameOf('jo')).to.equal('Nobody'); // inside the transaction, its own change is visible
        throw new Error('give up');
      }),
    ).to.throw('give up');
    expect(w.people.nameOf('jo')).to.equal('Jo Rivers');
  });

  it('what a read returns cannot be changed by the caller for everyone else', () => {
    const service = w.services.get('svc-mind-lambeth')!;
    expect(() => {
      (service.contacts as unknown[]).push({ personId: 'pat', role: 'backup' });
    }).to.throw(TypeError);
    expect(w.services.get('svc-mind-lambeth')!.contacts).to.have.length(3);
  });
});
