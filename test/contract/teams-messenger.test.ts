import { expect } from 'chai';
import type { Identity } from '../../src/domain/ports.ts';
import { DeliveryError } from '../../src/app/ports.ts';
import { contractCard, messengerContract, type ReceivedMessage } from './messenger-contract.ts';
import { TEAMS_USERS, TENANT_ID } from '../fixtures/teams/activities.ts';
import { startTeamsWorld, type TeamsWorld } from '../support/teams-world.ts';

const NOT_INSTALLED = 'aad-9999-not-installed';

function teamsIdentityOf(w: TeamsWorld, personId: string): Identity {
  return w.container.people.get(personId)!.identities.find((i) => i.platform === 'teams')!;
}

function read(w: TeamsWorld, conversationId: string): ReceivedMessage[] {
  return w.connector.conversation(conversationId).map((m) => ({ messageId: m.id, text: JSON.stringify(m.body) }));
}

messengerContract('teams (fake Bot Connector)', async () => {
  const w = await startTeamsWorld();
  w.linkTeams('sam', true);
  w.connector.notInstalledFor.add(NOT_INSTALLED);
  return {
    messenger: w.teams.messenger,
    known: teamsIdentityOf(w, 'sam'),
    unknown: { platform: 'teams', tenant: TENANT_ID, userId: NOT_INSTALLED },
    received: async () => read(w, TEAMS_USERS.sam.conversationId),
    failNextDelivery: () => w.connector.failNext({ status: 500 }),
    channel: { platform: 'teams', tenant: TENANT_ID, channelId: '19:peer-group@thread.tacv2' },
    receivedInChannel: async (c) => read(w, c.channelId),
    cleanup: () => w.stop(),
  };
});

describe('Teams messenger against the fake Bot Connector', () => {
  let w: TeamsWorld;
  beforeEach(async () => {
    w = await startTeamsWorld();
  });
  afterEach(async () => w.stop());

  const send = (who: string, key: string) =>
    w.teams.messenger.sendToPerson(teamsIdentityOf(w, who), contractCard(`Card for ${who}`), { idempotencyKey: key });

  it('given Sam never spoke to the bot, when a card is sent, then a 1:1 chat is created with the tenant and his id, and remembered', async () => {
    w.linkTeams('sam');
    const ref = await send('sam', 'k-create');
    const [created] = w.connector.created();
    expect(created.body).to.deep.include({ isGroup: false, tenantId: TENANT_ID });
    expect(created.body.members).to.deep.equal([{ id: TEAMS_USERS.sam.teamsUserId, name: '' }]);
    expect(ref.conversationId).to.contain('a:1on1-');
    await send('sam', 'k-second');
    expect(w.connector.created()).to.have.length(1);
    expect(w.connector.sent()).to.have.length(2);
  });

  it('when Teams answers 429 with Retry-After, then the outbox is told rate_limited with the wait, at once', async () => {
    w.linkTeams('sam', true);
    w.connector.failNext({ status: 429, retryAfterSeconds: 7 });
    const err = (await send('sam', 'k-429').catch((e: unknown) => e)) as DeliveryError;
    expect(err).to.be.instanceOf(DeliveryError);
    expect(err.kind).to.equal('rate_limited');
    expect(err.retryAfterMs).to.equal(7000);
    expect(w.connector.sent()).to.have.length(0);
  });

  it('when Teams answers 403 (app not installed or blocked), then it is recipient_unknown with a clear sentence', async () => {
    w.linkTeams('sam', true);
    w.connector.failNext({ status: 403 });
    const err = (await send('sam', 'k-403').catch((e: unknown) => e)) as DeliveryError;
    expect(err.kind).to.equal('recipient_unknown');
    expect(err.message).to.match(/not installed|blocked/);
  });

  it('when Teams answers 503, then it is transient (retried later by the outbox, not silently here)', async () => {
    w.linkTeams('sam', true);
    w.connector.failNext({ status: 503 });
    const err = (await send('sam', 'k-503').catch((e: unknown) => e)) as DeliveryError;
    expect(err.kind).to.equal('transient');
    expect(w.connector.calls).to.have.length(1);
  });

  it('an updated card keeps refreshing for the person whose chat it is', async () => {
    w.linkTeams('sam', true);
    const ref = await send('sam', 'k-upd');
    await w.teams.messenger.updateMessage(ref, contractCard('Updated'));
    const [put] = w.connector.updated();
    const content = (put.body.attachments as { content: { refresh?: { userIds: string[] } } }[])[0].content;
    expect(content.refresh!.userIds).to.deep.equal([TEAMS_USERS.sam.teamsUserId]);
  });
});
