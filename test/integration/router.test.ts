import { expect } from 'chai';
import { Router } from '../../src/app/router.ts';
import { PresenceStore } from '../../src/storage/presence-store.ts';
import { FakeMessenger } from '../support/fake-messenger.ts';
import { makeWorld, type World } from '../support/make.ts';

describe('routing a person to a platform', () => {
  let w: World;
  beforeEach(() => {
    w = makeWorld();
  });
  afterEach(() => w.cleanup());

  it('a contact with no chat identity is reached by the e-mail address in the directory', () => {
    w.people.upsert({
      id: 'nora',
      name: 'Nora Blake',
      email: 'nora@example.org',
      organisation: 'Small Charity',
      role: 'Volunteer lead',
    });
    const router = new Router(w.people, new PresenceStore(w.db), [
      new FakeMessenger('web'),
      new FakeMessenger('email'),
    ]);
    expect(router.routes('nora').map((r) => [r.identity.platform, r.identity.userId])).to.deep.equal([
      ['email', 'nora@example.org'],
    ]);
  });

  it('chat comes before e-mail, and the platform a person was last seen on comes first', () => {
    w.people.link('sam', { platform: 'slack', tenant: 'T1', userId: 'U1' });
    const presence = new PresenceStore(w.db);
    const router = new Router(w.people, presence, [
      new FakeMessenger('web'),
      new FakeMessenger('slack'),
      new FakeMessenger('email'),
    ]);
    expect(router.routes('sam').map((r) => r.identity.platform)).to.deep.equal(['slack', 'web', 'email']);
    presence.recordSeen('sam', 'web', w.clock.now());
    expect(router.routes('sam')[0].identity.platform).to.equal('web');
  });

  it('without an e-mail messenger switched on, nobody is routed to e-mail', () => {
    const router = new Router(w.people, new PresenceStore(w.db), [new FakeMessenger('web')]);
    expect(router.routes('sam').map((r) => r.identity.platform)).to.deep.equal(['web']);
  });
});
