import { expect } from 'chai';
import type { NudgeSystem } from '../../src/scheduler/wiring.ts';
import { TeamsTenantStore } from '../../src/storage/teams-tenant-store.ts';
import { OpportunityStore } from '../../src/storage/opportunity-store.ts';
import { contractCard } from '../contract/messenger-contract.ts';
import sinon from 'sinon';
import { fakeCredentials, fakeIncomingToken } from '../support/fake-teams-credentials.ts';
import { introduceInput } from '../support/make.ts';
import { opportunityInput } from '../support/opportunity-world.ts';
import { activity, APP_ID, TEAMS_USERS, TENANT_ID, type TeamsTestUser } from '../fixtures/teams/activities.ts';
import { startTeamsWorld, teamsNudges, type TeamsWorld } from '../support/teams-world.ts';

// Tenant X (Jo's council) is the deployment's own registration from the environment; tenant Y (Sam's charity)
// was added with `handover teams add-tenant`, its password in TEAMS_SECRET_Y; tenant Z is nobody we serve.
const TENANT_X = TENANT_ID;
const APP_X = APP_ID;
const TENANT_Y = '5b3c0c6e-0000-4000-8000-0000000000b2';
const APP_Y = '0000000a-0000-4000-8000-0000000000b2';
const TENANT_Z = '9e9e9e9e-0000-4000-8000-0000000000c3';
const SECRET_Y = 'TEAMS_SECRET_Y';
// Tenant W was added too, but the variable holding its secret was never set.
const TENANT_W = '3c3c3c3c-0000-4000-8000-0000000000d4';
const APP_W = '0000000a-0000-4000-8000-0000000000d4';
const SECRET_W = 'TEAMS_SECRET_W';
const UNAUTHORIZED = {
  error: 'UNAUTHORIZED',
  message: 'This request is not signed by the Bot Framework for this service.',
};
const TEAM_CHANNEL = '19:employment-support@thread.tacv2';

type Inbound = Parameters<typeof activity>[0];

function inTenant(
  name: Inbound,
  user: TeamsTestUser,
  serviceUrl: string,
  tenantId: string,
  appId: string,
  extra: Record<string, string> = {},
) {
  return activity(name, user, serviceUrl, { tenantId, appId, ...extra });
}

function registerY(c: TeamsWorld['container']): void {
  new TeamsTenantStore(c.db).add({ tenantId: TENANT_Y, appId: APP_Y, secretEnv: SECRET_Y }, c.clock.now());
}

function linkSamInY(w: TeamsWorld): void {
  const sam = TEAMS_USERS.sam;
  w.container.people.link('sam', {
    platform: 'teams',
    tenant: TENANT_Y,
    userId: sam.aadObjectId,
    details: {
      teamsUserId: sam.teamsUserId,
      serviceUrl: w.connector.url,
      reference: {
        channelId: 'msteams',
        serviceUrl: w.connector.url,
        conversation: { id: sam.conversationId, tenantId: TENANT_Y },
        bot: { id: `28:${APP_Y}` },
        user: { id: sam.teamsUserId, aadObjectId: sam.aadObjectId },
      },
    },
  });
}

function dispatcherFor(w: TeamsWorld): NudgeSystem {
  return teamsNudges(w, { dispatcher: { sleep: async () => undefined, random: () => 0.5 } });
}

const count = (w: TeamsWorld, table: string) =>
  (w.container.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('Teams across organisations: one deployment, a bot registration per tenant', () => {
  let w: TeamsWorld;
  beforeEach(async () => {
    w = await startTeamsWorld({
      appId: true,
      seed: registerY,
      platform: { env: { [SECRET_Y]: 'y-password-from-env' }, credentialsFor: fakeCredentials },
    });
  });
  afterEach(async () => w.stop());

  it("given Jo in tenant X introduces a client to Sam in tenant Y, then Sam's card goes out with Y's credentials and Jo's receipt with X's", async () => {
    const nudges = dispatcherFor(w);
    w.linkTeams('jo');
    linkSamInY(w);
    const submit = inTenant('task-submit', TEAMS_USERS.jo, w.connector.url, TENANT_X, APP_X);
    (submit.value as Record<string, unknown>).data = {
      actionId: 'introduce_submit',
      subjectId: 'svc-mind-lambeth',
      ...introduceInput({ consent: 'true' }),
    };
    const res = await w.post(submit);
    expect(res.status).to.equal(200);
    expect(String(res.body!.task!.value)).to.match(/Sam Patel/);

    await nudges.dispatcher.runOnce();
    const toSam = w.connector.sent().filter((c) => c.conversationId === TEAMS_USERS.sam.conversationId);
    expect(toSam).to.have.length(1);
    expect(toSam[0].tokenAppId).to.equal(APP_Y);
    const toJo = w.connector.sent().filter((c) => c.conversationId === TEAMS_USERS.jo.conversationId);
    expect(toJo).to.have.length(1);
    expect(toJo[0].tokenAppId).to.equal(APP_X);
    expect(w.connector.calls).to.have.length(2);
    await nudges.stop();
  });

  it("when Sam (tenant Y) presses Accept on his card, then the handover moves and a message he sends is answered with Y's credentials", async () => {
    w.linkTeams('jo');
    linkSamInY(w);
    const id = w.container.handoverService.introduce('jo', introduceInput()).id;
    const pressed = await w.post(
      inTenant('invoke-adaptive-card-action', TEAMS_USERS.sam, w.connector.url, TENANT_Y, APP_Y, {
        verb: 'accept',
        subjectId: id,
      }),
    );
    expect(pressed.status).to.equal(200);
    expect(w.container.handovers.find(id)!.state).to.equal('accepted');

    await w.post(inTenant('message', TEAMS_USERS.sam, w.connector.url, TENANT_Y, APP_Y));
    const [reply] = w.connector.sent();
    expect(reply.conversationId).to.equal(TEAMS_USERS.sam.conversationId);
    expect(reply.tokenAppId).to.equal(APP_Y);
  });

  it('when an activity claims tenant Z, then it is refused with 401 and nothing is stored or sent', async () => {
    w.linkTeams('jo');
    const before = JSON.stringify(w.container.people.get('jo'));
    const install = await w.post(inTenant('installation-update-add', TEAMS_USERS.jo, w.connector.url, TENANT_Z, APP_X));
    expect(install.status).to.equal(401);
    expect(install.body!.error).to.equal('UNAUTHORIZED');
    const submit = inTenant('task-submit', TEAMS_USERS.jo, w.connector.url, TENANT_Z, APP_X);
    (submit.value as Record<string, unknown>).data = {
      actionId: 'introduce_submit',
      subjectId: 'svc-mind-lambeth',
      ...introduceInput({ consent: 'true' }),
    };
    expect((await w.post(submit)).status).to.equal(401);
    expect(JSON.stringify(w.container.people.get('jo'))).to.equal(before);
    expect(count(w, 'handovers')).to.equal(0);
    expect(w.connector.calls).to.have.length(0);
  });

  it('when an activity names tenant X in one place and tenant Y in the other, then it is refused', async () => {
    w.linkTeams('jo');
    const mixed = inTenant('message', TEAMS_USERS.jo, w.connector.url, TENANT_X, APP_X);
    (mixed.channelData as { tenant: { id: string } }).tenant.id = TENANT_Y;
    expect((await w.post(mixed)).status).to.equal(401);
    expect(w.connector.calls).to.have.length(0);
  });

  it("given a token addressed to tenant X's bot, when the activity claims tenant Y, then it is refused with 401 and Sam's card is not accepted", async () => {
    linkSamInY(w);
    const accept = inTenant('invoke-adaptive-card-action', TEAMS_USERS.sam, w.connector.url, TENANT_Y, APP_Y, {
      verb: 'accept',
      subjectId: 'H-1',
    });
    const res = await w.post(accept, { authorization: `Bearer ${fakeIncomingToken(APP_X)}` });
    expect(res.status).to.equal(401);
    expect(res.body).to.deep.equal(UNAUTHORIZED);
    expect(w.connector.calls).to.have.length(0);
    const own = await w.post(inTenant('message', TEAMS_USERS.sam, w.connector.url, TENANT_Y, APP_Y), {
      authorization: `Bearer ${fakeIncomingToken(APP_Y)}`,
    });
    expect(own.status, "a token for Y's own bot is served").to.equal(200);
  });

  it('given Sam is only known in tenant Z, when a card is sent to him, then delivery says he cannot be reached (for the outbox to escalate)', async () => {
    w.container.people.link('sam', {
      platform: 'teams',
      tenant: TENANT_Z,
      userId: TEAMS_USERS.sam.aadObjectId,
      details: { teamsUserId: TEAMS_USERS.sam.teamsUserId },
    });
    const to = w.container.people.get('sam')!.identities.find((i) => i.platform === 'teams')!;
    const err = (await w.teams.messenger
      .sendToPerson(to, contractCard('For Sam'), { idempotencyKey: 'k-z' })
      .catch((e: unknown) => e)) as { kind?: string; message?: string };
    expect(err.kind).to.equal('recipient_unknown');
    expect(err.message).to.match(/not registered/);
    expect(w.connector.calls).to.have.length(0);
  });

  it("given the app is added to a team in tenant Y, then the channel becomes a peer group and an opportunity posted there goes out with Y's credentials", async () => {
    const nudges = dispatcherFor(w);
    const team = inTenant('conversation-update-team-install', TEAMS_USERS.kim, w.connector.url, TENANT_Y, APP_Y, {
      teamId: TEAM_CHANNEL,
      teamName: 'Employment support (Lambeth)',
    });
    expect((await w.post(team)).status).to.equal(200);
    const groups = new OpportunityStore(w.container.db).peerGroups();
    expect(groups).to.deep.equal([
      { platform: 'teams', tenant: TENANT_Y, channelId: TEAM_CHANNEL, name: 'Employment support (Lambeth)' },
    ]);

    w.container.opportunities.postOpportunity('sam', opportunityInput(), [groups[0]]);
    await nudges.dispatcher.runOnce();
    // The channel also got the welcome when the app was added; the opportunity is posted once.
    const posted = w.connector
      .conversation(TEAM_CHANNEL)
      .filter((m) => JSON.stringify(m.body).includes('Confidence and wellbeing group'));
    expect(posted).to.have.length(1);
    expect(w.connector.sent().find((c) => c.conversationId === TEAM_CHANNEL)!.tokenAppId).to.equal(APP_Y);
    await nudges.stop();
  });
});

describe("Teams tenants with botbuilder's real credentials (no fake)", () => {
  let w: TeamsWorld;
  afterEach(async () => w.stop());

  it('given no token, then a registered tenant, an unknown one, one whose secret variable is unset and a mixed one all get the same 401, and only the log says why', async () => {
    const seed = (c: TeamsWorld['container']) => {
      registerY(c);
      new TeamsTenantStore(c.db).add({ tenantId: TENANT_W, appId: APP_W, secretEnv: SECRET_W }, c.clock.now());
    };
    w = await startTeamsWorld({ appId: true, seed, platform: { env: { [SECRET_Y]: 'y-password-from-env' } } });
    const warned = sinon.spy(w.container.log, 'warn');
    const mixed = inTenant('message', TEAMS_USERS.sam, w.connector.url, TENANT_Y, APP_Y);
    (mixed.channelData as { tenant: { id: string } }).tenant.id = TENANT_Z;
    const answers = [
      await w.post(inTenant('message', TEAMS_USERS.sam, w.connector.url, TENANT_Y, APP_Y)),
      await w.post(inTenant('message', TEAMS_USERS.sam, w.connector.url, TENANT_Z, APP_Y)),
      await w.post(inTenant('message', TEAMS_USERS.sam, w.connector.url, TENANT_W, APP_W)),
      await w.post(mixed),
      await w.post(inTenant('message', TEAMS_USERS.sam, w.connector.url, TENANT_Y, APP_Y), {
        authorization: 'Bearer not.a.jwt',
      }),
    ];
    expect(answers.map((a) => a.status)).to.deep.equal([401, 401, 401, 401, 401]);
    for (const a of answers) expect(a.body).to.deep.equal(UNAUTHORIZED);
    const reasons = warned.getCalls().map((c) => (c.args[0] as { reason?: string }).reason);
    expect(reasons).to.deep.equal([
      'invalid_token',
      'unknown_tenant',
      'secret_missing',
      'tenant_mismatch',
      'invalid_token',
    ]);
    expect(w.connector.calls).to.have.length(0);
  });

  it('given local unauthenticated mode with no tenant registered, then any tenant is served (the Agents Playground)', async () => {
    w = await startTeamsWorld();
    const res = await w.post(inTenant('message', TEAMS_USERS.jo, w.connector.url, TENANT_Z, APP_X));
    expect(res.status).to.equal(200);
    expect(w.connector.sent()).to.have.length(1);
    expect(w.connector.sent()[0].tokenAppId).to.equal(undefined);
  });
});
