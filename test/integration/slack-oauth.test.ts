// Slack in many workspaces: "Add to Slack" through Bolt's installer against the fake Slack API; the bot token is
// kept encrypted; removing the app deletes it and tells the coordinator.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { SlackInstallationStore } from '../../src/platforms/slack/installation-store.ts';
import { JSON_TYPE, postSigned } from '../support/slack-sign.ts';
import { loadPayload } from '../support/slack-payloads.ts';
import {
  OAUTH_CLIENT,
  PUBLIC_URL,
  TEST_SECRETS_KEY,
  USERS,
  WORKSPACE_A,
  WORKSPACE_B,
  startWorkspaces,
  type Workspaces,
} from '../support/slack-workspaces.ts';
import { eventually } from '../support/eventually.ts';

describe('Slack in many workspaces: installing', () => {
  let w: Workspaces;
  beforeEach(async () => {
    w = await startWorkspaces();
  });
  afterEach(async () => {
    await w.close();
  });

  const installed = () =>
    w.app.container.db
      .prepare('SELECT install_key, team_name, sealed FROM slack_installations ORDER BY install_key')
      .all() as { install_key: string; team_name: string; sealed: string }[];

  it('given /slack/install, then an "Add to Slack" page links to Slack with our client id, scopes and redirect address', async () => {
    const res = await fetch(`${w.url}/slack/install`);
    const html = await res.text();
    expect(res.status).to.equal(200);
    expect(html).to.contain('Add to Slack');
    const href = new URL(/href="([^"]+)"/.exec(html)![1].replaceAll('&amp;', '&'));
    expect(href.searchParams.get('client_id')).to.equal(OAUTH_CLIENT.id);
    const manifest = JSON.parse(readFileSync('manifests/slack/manifest.json', 'utf8')) as {
      oauth_config: { scopes: { bot: string[] } };
    };
    expect(href.searchParams.get('scope')).to.equal(manifest.oauth_config.scopes.bot.join(','));
    expect(href.searchParams.get('redirect_uri')).to.equal(`${PUBLIC_URL}/slack/oauth_redirect`);
    expect(res.headers.getSetCookie().join(';')).to.contain(href.searchParams.get('state'));
  });

  it('given someone approves in Slack, then the workspace is installed and its token is stored only encrypted', async () => {
    const done = await w.install(WORKSPACE_B);
    expect(done.status).to.equal(200);
    expect(done.html).to.contain('installed in Mind in Lambeth');
    const exchange = w.api.callsTo('oauth.v2.access')[0];
    expect(exchange.body).to.deep.include({
      code: `code-${WORKSPACE_B.teamId}`,
      client_id: OAUTH_CLIENT.id,
      redirect_uri: `${PUBLIC_URL}/slack/oauth_redirect`,
    });
    const rows = installed();
    expect(rows.map((r) => [r.install_key, r.team_name])).to.deep.equal([[WORKSPACE_B.teamId, 'Mind in Lambeth']]);
    expect(rows[0].sealed).not.to.contain(WORKSPACE_B.token);
    w.app.container.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(w.app.container.config.databasePath).includes(WORKSPACE_B.token)).to.equal(false);
    const store = new SlackInstallationStore(w.app.container.db, TEST_SECRETS_KEY);
    expect(await store.botToken(WORKSPACE_B.teamId)).to.equal(WORKSPACE_B.token);
  });

  it('given the state cookie is missing (another browser), then nothing is installed and the page says so', async () => {
    const page = await (await fetch(`${w.url}/slack/install`)).text();
    const state = new URL(/href="([^"]+)"/.exec(page)![1].replaceAll('&amp;', '&')).searchParams.get('state')!;
    w.api.grantInstall('code-x', WORKSPACE_B);
    const res = await fetch(`${w.url}/slack/oauth_redirect?code=code-x&state=${encodeURIComponent(state)}`);
    expect(res.status).to.equal(400);
    expect(await res.text()).to.contain('was not installed');
    expect(installed()).to.have.length(0);
    expect(w.api.callsTo('oauth.v2.access')).to.have.length(0);
  });

  it('given the same workspace installs again with a new token, then one installation remains, with the new token', async () => {
    await w.install(WORKSPACE_B, 'code-1');
    await w.install({ ...WORKSPACE_B, token: 'xoxb-workspace-b-second-not-real' }, 'code-2');
    const store = new SlackInstallationStore(w.app.container.db, TEST_SECRETS_KEY);
    expect(installed()).to.have.length(1);
    expect(await store.botToken(WORKSPACE_B.teamId)).to.equal('xoxb-workspace-b-second-not-real');
  });
});

describe('Slack in many workspaces: removed from a workspace', () => {
  let w: Workspaces;
  beforeEach(async () => {
    w = await startWorkspaces();
    await w.install(WORKSPACE_A);
    await w.install(WORKSPACE_B);
    w.app.container.people.upsert({
      id: 'pat',
      name: 'Pat Quinn',
      email: 'pat@example.org',
      organisation: 'Southwark Council',
      role: 'Coordinator',
      isCoordinator: true,
    });
    w.link('pat');
    w.api.reset();
  });
  afterEach(async () => {
    await w.close();
  });

  /** Sends App Home opened and waits for its answer: the events sent before it have been handled too. */
  async function laterEventHandled(): Promise<void> {
    await postSigned(w.eventsUrl, JSON.stringify(loadPayload('app-home-opened')), JSON_TYPE);
    await w.api.waitFor('views.publish');
  }
  const uninstalledB = () => eventually(() => !teams().includes(WORKSPACE_B.teamId), 'workspace B removed');

  const teams = () =>
    (
      w.app.container.db.prepare('SELECT install_key FROM slack_installations ORDER BY 1').all() as {
        install_key: string;
      }[]
    ).map((r) => r.install_key);

  async function patNotices(): Promise<{ text: string; token?: string }[]> {
    await w.app.nudges.dispatcher.runOnce();
    return w.api
      .callsTo('chat.postMessage')
      .filter((c) => c.body.channel === `D${USERS.pat.id.slice(1)}`)
      .map((c) => ({ text: JSON.stringify(c.body.blocks), token: c.token }));
  }

  it('given workspace B uninstalls the app, then its token is deleted and the coordinator is told in Slack', async () => {
    const res = await postSigned(w.eventsUrl, JSON.stringify(loadPayload('app-uninstalled')), JSON_TYPE);
    expect(res.status).to.equal(200);
    await uninstalledB();
    expect(teams()).to.deep.equal([WORKSPACE_A.teamId]);
    const notices = await patNotices();
    expect(notices).to.have.length(1);
    expect(notices[0].text).to.contain('Mind in Lambeth').and.contain(`${PUBLIC_URL}/slack/install`);
    expect(notices[0].token).to.equal(WORKSPACE_A.token);
  });

  it('given Slack sends the uninstall event twice, then the coordinator is told once', async () => {
    const body = JSON.stringify(loadPayload('app-uninstalled'));
    await postSigned(w.eventsUrl, body, JSON_TYPE);
    await uninstalledB();
    await patNotices();
    await postSigned(w.eventsUrl, body, JSON_TYPE, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    await laterEventHandled();
    expect(await patNotices()).to.have.length(1);
  });

  it('given the bot token of workspace B is revoked, then it is deleted and the coordinator is told', async () => {
    await postSigned(w.eventsUrl, JSON.stringify(loadPayload('tokens-revoked')), JSON_TYPE);
    await uninstalledB();
    expect(teams()).to.deep.equal([WORKSPACE_A.teamId]);
    expect((await patNotices())[0].text).to.contain('lost its permission');
  });

  it('given only a person’s own token is revoked, then the bot stays installed and nobody is told about it', async () => {
    const payload = loadPayload('tokens-revoked') as { event: { tokens: Record<string, string[]> } };
    payload.event.tokens = { oauth: ['U0INSTALL'] };
    await postSigned(w.eventsUrl, JSON.stringify(payload), JSON_TYPE);
    await laterEventHandled();
    expect(teams()).to.deep.equal([WORKSPACE_A.teamId, WORKSPACE_B.teamId]);
    expect(await patNotices()).to.have.length(0);
  });

  it('given a badly signed uninstall event, then 401 and the workspace stays installed', async () => {
    const res = await postSigned(w.eventsUrl, JSON.stringify(loadPayload('app-uninstalled')), JSON_TYPE, {
      secret: 'wrong-secret',
    });
    expect(res.status).to.equal(401);
    expect(teams()).to.deep.equal([WORKSPACE_A.teamId, WORKSPACE_B.teamId]);
  });
});

describe('Slack in one workspace: removed from it', () => {
  let w: Workspaces;
  beforeEach(async () => {
    w = await startWorkspaces({ mode: 'single' });
  });
  afterEach(async () => {
    await w.close();
  });

  it('given the one workspace uninstalls the app, then the coordinator is told (the token in SLACK_BOT_TOKEN is theirs to remove)', async () => {
    w.app.container.people.upsert({
      id: 'pat',
      name: 'Pat Quinn',
      email: 'pat@example.org',
      organisation: 'Southwark Council',
      role: 'Coordinator',
      isCoordinator: true,
    });
    const payload = loadPayload('app-uninstalled') as { team_id: string };
    payload.team_id = WORKSPACE_A.teamId;
    expect((await postSigned(w.eventsUrl, JSON.stringify(payload), JSON_TYPE)).status).to.equal(200);
    const queued = () =>
      w.app.container.db.prepare(`SELECT card FROM outbox WHERE recipient = '{"personId":"pat"}'`).all() as {
        card: string;
      }[];
    await eventually(() => queued().length > 0, 'a notice queued for Pat');
    expect(queued().map((r) => JSON.parse(r.card).kind)).to.deep.equal(['notice']);
    expect(JSON.parse(queued()[0].card).params.text).to.contain(`workspace ${WORKSPACE_A.teamId}`);
  });
});
