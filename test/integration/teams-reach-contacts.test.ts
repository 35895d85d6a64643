// Named contacts in a real Teams tenant: reachable only once the app is installed for them.
import { expect } from 'chai';
import type { NudgeSystem } from '../../src/scheduler/wiring.ts';
import { FakeMessenger } from '../support/fake-messenger.ts';
import { everyDayCalendar, introduceInput } from '../support/make.ts';
import { activity, TEAMS_USERS, TENANT_ID } from '../fixtures/teams/activities.ts';
import { startTeamsWorld, teamsNudges, type TeamsWorld } from '../support/teams-world.ts';

describe('Teams: reaching a named contact who has not installed the app', () => {
  let w: TeamsWorld;
  let nudges: NudgeSystem;
  let email: FakeMessenger;
  beforeEach(async () => {
    w = await startTeamsWorld();
    email = new FakeMessenger('email');
    nudges = teamsNudges(w, {
      clock: w.clock,
      calendar: everyDayCalendar,
      messengers: [w.teams.messenger, email],
      dispatcher: { sleep: async (ms) => w.clock.advance(ms) },
    });
  });
  afterEach(async () => {
    await nudges.stop();
    await w.stop();
  });

  const cardsIn = (conversationId: string) => w.connector.sent().filter((c) => c.conversationId === conversationId);
  const samIsAMember = () =>
    w.connector.members.set(TEAMS_USERS.sam.teamsUserId, {
      id: TEAMS_USERS.sam.teamsUserId,
      aadObjectId: TEAMS_USERS.sam.aadObjectId,
      email: 'SAM@example.org',
      userPrincipalName: 'sam@example.org',
    });

  it('given the app is not installed for Sam (createConversation answers 403), then the introduction reaches him by e-mail', async () => {
    w.linkTeams('sam');
    w.connector.notInstalledFor.add(TEAMS_USERS.sam.teamsUserId);
    w.container.handoverService.introduce('jo', introduceInput());
    await nudges.dispatcher.runOnce();
    expect(w.connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations')).to.have.length(1);
    expect(email.sent.map((d) => `${d.to}:${d.card.kind}`)).to.include('sam@example.org:introduction');
  });

  it('given Sam got nothing yet, when the app is installed for him (installationUpdate), then he is linked by e-mail, welcomed, and the waiting introduction arrives in his chat once', async () => {
    email.unknownUsers.add('sam@example.org');
    const intro = w.container.handoverService.introduce('jo', introduceInput());
    await nudges.dispatcher.runOnce();
    expect(cardsIn(TEAMS_USERS.sam.conversationId)).to.have.length(0);
    samIsAMember();
    const res = await w.post(activity('installation-update-add', TEAMS_USERS.sam, w.connector.url));
    expect(res.status).to.equal(200);
    expect(w.container.people.findByIdentity('teams', TENANT_ID, TEAMS_USERS.sam.aadObjectId)?.id).to.equal('sam');
    await nudges.dispatcher.runOnce();
    await nudges.dispatcher.runOnce();
    const inChat = cardsIn(TEAMS_USERS.sam.conversationId).map((c) => JSON.stringify(c.body));
    expect(inChat).to.have.length(2);
    expect(inChat[0]).to.contain('Welcome to Warm Handover').and.to.contain('Hello Sam.');
    expect(inChat[1]).to.contain('Accept');
    expect(w.container.handovers.find(intro.id)?.state).to.equal('sent');
  });

  it('given the app is added to a 1:1 chat (conversationUpdate) and then installed, then Sam is welcomed once', async () => {
    samIsAMember();
    await w.post(activity('conversation-update-install', TEAMS_USERS.sam, w.connector.url));
    await w.post(activity('installation-update-add', TEAMS_USERS.sam, w.connector.url));
    const welcomes = cardsIn(TEAMS_USERS.sam.conversationId).filter((c) =>
      JSON.stringify(c.body).includes('Welcome to Warm Handover'),
    );
    expect(welcomes).to.have.length(1);
  });
});
