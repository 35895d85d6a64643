// Teams as people live in it: a welcome when the app is added, @mentions answered privately, "status", one update
// per click, and fallback text on every card and activity.
import { expect } from 'chai';
import { activity, TEAMS_USERS } from '../fixtures/teams/activities.ts';
import { introduceInput } from '../support/make.ts';
import type { ConnectorCall } from '../support/fake-bot-connector.ts';
import { OutboxStore } from '../../src/storage/outbox-store.ts';
import type { NudgeSystem } from '../../src/scheduler/wiring.ts';
import {
  startTeamsWorld,
  teamsNudges,
  unlimitedDispatcher,
  type TeamsWorld,
  type Who,
} from '../support/teams-world.ts';

type CardJson = {
  fallbackText?: string;
  body?: unknown[];
  actions?: { type: string; title: string; verb?: string; data?: Record<string, unknown> }[];
};
type Attachment = { contentType: string; content: CardJson };

const TEAM = '19:team-general@thread.tacv2';
const NO_LIMITS = { slack: {}, teams: {}, web: {}, email: {} };
const attachments = (call: ConnectorCall) => (call.body.attachments ?? []) as Attachment[];
const firstCard = (call: ConnectorCall) => attachments(call)[0]!.content;

describe('Teams in use: welcome, mentions and status', () => {
  let w: TeamsWorld;
  beforeEach(async () => {
    w = await startTeamsWorld();
  });
  afterEach(async () => w.stop());

  const saying = (text: string) => ({ ...activity('message', TEAMS_USERS.jo, w.connector.url), text });

  const member = (who: Who) => {
    const u = TEAMS_USERS[who];
    w.connector.members.set(u.teamsUserId, {
      id: u.teamsUserId,
      aadObjectId: u.aadObjectId,
      email: `${who}@example.org`,
      userPrincipalName: `${who}@example.org`,
    });
  };

  it('given an introduction is waiting for Sam, when he installs the app, then one welcome arrives in his 1:1 chat with what it does, "Introduce a client" and the waiting introduction', async () => {
    w.linkTeams('jo');
    w.container.handoverService.introduce('jo', introduceInput());
    member('sam');
    await w.post(activity('installation-update-add', TEAMS_USERS.sam, w.connector.url));
    await w.post(activity('conversation-update-install', TEAMS_USERS.sam, w.connector.url));
    const welcomes = w.connector.sent().filter((c) => c.conversationId === TEAMS_USERS.sam.conversationId);
    expect(welcomes).to.have.length(1);
    const card = firstCard(welcomes[0]);
    expect(String(welcomes[0].body.summary)).to.match(/Welcome to Warm Handover: 1 waiting for you/);
    expect(card.fallbackText).to.match(/Welcome to Warm Handover/);
    const text = JSON.stringify(card.body);
    expect(text).to.contain('introduce a client to a named person').and.contain('R.T. from Jo Rivers');
    const introduce = card.actions!.find((a) => a.title === 'Introduce a client')!;
    expect(introduce.type).to.equal('Action.Submit');
    expect(introduce.data).to.deep.include({ msteams: { type: 'task/fetch' }, actionId: 'introduce_start' });
    expect(text).to.contain('"verb":"accept"');
  });

  it('given the app is added to a team, then the channel gets a welcome that says opportunities come here and client details never do', async () => {
    member('jo');
    await w.post(
      activity('conversation-update-team-install', TEAMS_USERS.jo, w.connector.url, {
        teamId: TEAM,
        teamName: 'Lambeth employment support',
      }),
    );
    const [welcome] = w.connector.sent().filter((c) => c.conversationId === TEAM);
    expect(welcome, 'a welcome in the channel').to.exist;
    const text = JSON.stringify(firstCard(welcome).body);
    expect(text)
      .to.match(/peer group/)
      .and.match(/Client details never appear here/);
    expect(String(welcome.body.summary)).to.have.length.greaterThan(0);
    expect(firstCard(welcome).fallbackText).to.have.length.greaterThan(0);
  });

  it('given Jo @mentions the bot with "introduce" in a channel, then the channel is told "I\'ve sent you a private message" and the introduce card arrives in her 1:1 chat', async () => {
    w.linkTeams('jo', true);
    const res = await w.post(
      activity('channel-message-mention', TEAMS_USERS.jo, w.connector.url, { channelId: TEAM, text: 'introduce' }),
    );
    expect(res.status).to.equal(200);
    const inChannel = w.connector.sent().filter((c) => c.conversationId?.startsWith(TEAM));
    expect(inChannel).to.have.length(1);
    expect(String(inChannel[0].body.text)).to.equal("I've sent you a private message.");
    const [privately] = w.connector.sent().filter((c) => c.conversationId === TEAMS_USERS.jo.conversationId);
    expect(firstCard(privately).actions!.map((a) => a.title)).to.include('Introduce a client');
  });

  it('given Jo @mentions the bot with "help" in a channel before she ever opened a 1:1 chat, then a 1:1 chat is created for the answer', async () => {
    w.linkTeams('jo');
    await w.post(
      activity('channel-message-mention', TEAMS_USERS.jo, w.connector.url, { channelId: TEAM, text: 'help' }),
    );
    expect(w.connector.created()).to.have.length(1);
    expect(String(w.connector.sent().find((c) => c.conversationId?.startsWith(TEAM))!.body.text)).to.equal(
      "I've sent you a private message.",
    );
  });

  it('given Teams refuses a 1:1 chat with Jo, when she @mentions the bot in a channel, then the channel tells her how to open the app, with no details', async () => {
    w.linkTeams('jo');
    w.connector.notInstalledFor.add(TEAMS_USERS.jo.teamsUserId);
    await w.post(
      activity('channel-message-mention', TEAMS_USERS.jo, w.connector.url, { channelId: TEAM, text: 'status' }),
    );
    const [reply] = w.connector.sent().filter((c) => c.conversationId?.startsWith(TEAM));
    expect(String(reply.body.text)).to.match(/couldn't message you privately/);
  });

  it('given Jo introduced R.T., when she says "status" in her 1:1 chat, then she sees her introduction with its state and an Open button', async () => {
    w.linkTeams('jo');
    w.container.handoverService.introduce('jo', introduceInput());
    await w.post(saying('status'));
    const [reply] = w.connector.sent();
    const card = firstCard(reply);
    expect(JSON.stringify(card.body))
      .to.contain('R.T. to Sam Patel at Wellbeing Hub')
      .and.contain('Waiting for an answer');
    expect(JSON.stringify(card.body)).to.contain('"verb":"open_handover"');
    expect(String(reply.body.summary)).to.match(/My introductions/);
  });

  for (const said of ['introduce', 'help', 'opportunity', 'status', 'something else']) {
    it(`given Jo says "${said}" in her 1:1 chat, then the answer carries a summary and its card a fallbackText`, async () => {
      w.linkTeams('jo');
      await w.post(saying(said));
      const [reply] = w.connector.sent();
      expect(String(reply.body.summary ?? ''), 'activity summary').to.have.length.greaterThan(0);
      for (const a of attachments(reply))
        expect(String(a.content.fallbackText ?? ''), 'card fallbackText').to.have.length.greaterThan(0);
    });
  }
});

describe('Teams in use: one update per click', () => {
  let w: TeamsWorld;
  let nudges: NudgeSystem;
  beforeEach(async () => {
    w = await startTeamsWorld();
    nudges = teamsNudges(w, { dispatcher: unlimitedDispatcher() });
  });
  afterEach(async () => {
    await nudges.stop();
    await w.stop();
  });

  it('given Sam presses Accept on his card, then only the invoke answer updates his card (no extra PUT) and Jo’s receipt is updated once', async () => {
    w.linkTeams('sam', true);
    w.linkTeams('jo', true);
    const id = w.container.handoverService.introduce('jo', introduceInput()).id;
    await nudges.dispatcher.runOnce();
    const samCard = w.connector.conversation(TEAMS_USERS.sam.conversationId)[0]!;
    const outbox = new OutboxStore(w.container.db);
    const invoke = activity('invoke-adaptive-card-action', TEAMS_USERS.sam, w.connector.url, {
      verb: 'accept',
      subjectId: id,
    });
    const res = await w.post({ ...invoke, replyToId: samCard.id });
    expect(res.body).to.include({ type: 'application/vnd.microsoft.card.adaptive' });
    await nudges.dispatcher.runOnce();
    expect(outbox.counts().pending).to.equal(0);
    const puts = w.connector.updated();
    expect(puts.filter((p) => p.conversationId === TEAMS_USERS.sam.conversationId)).to.have.length(0);
    expect(puts.filter((p) => p.conversationId === TEAMS_USERS.jo.conversationId)).to.have.length(1);
  });
});
