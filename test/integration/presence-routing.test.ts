// Messages follow people: a card goes to the platform the person last used (Slack, the playground), not just the
// first platform they have an identity on.
import { expect } from 'chai';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/main/start.ts';
import { readConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { Router } from '../../src/app/router.ts';
import { PresenceStore } from '../../src/storage/presence-store.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { FakeMessenger } from '../support/fake-messenger.ts';
import { FakeSlackApi, FAKE_TEAM_ID } from '../support/fake-slack-api.ts';
import { activity, TEAMS_USERS } from '../fixtures/teams/activities.ts';
import { startTeamsWorld, type TeamsWorld } from '../support/teams-world.ts';
import { FixedClock, introduceInput, seedWorld, tempDir } from '../support/make.ts';
import { blockAction } from '../support/slack-payloads.ts';
import { FORM, SIGNING_SECRET, interactionBody, postSigned } from '../support/slack-sign.ts';

const SAM = 'U0SAM0001';
const SAM_DM = 'D0SAM0001';
const MINUTE_MS = 60_000;

describe('presence: the next card goes where the person was last seen', () => {
  let api: FakeSlackApi;
  let app: RunningApp;
  let tmp: ReturnType<typeof tempDir>;
  const clock = new FixedClock(new Date('2026-09-07T09:00:00Z'));

  beforeEach(async () => {
    api = new FakeSlackApi();
    const apiUrl = await api.start();
    api.addUser({ id: SAM, email: 'sam@example.org' });
    tmp = tempDir('presence-');
    const config = readConfig({
      PORT: '0',
      DATABASE_PATH: join(tmp.dir, 'handover.db'),
      LOG_LEVEL: 'silent',
      TEAMS: 'off',
      DEMO_DIRECTORY: 'off',
      PLAYGROUND: 'on',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test-not-real',
      SLACK_API_URL: apiUrl,
    });
    app = await startApp(config, createLogger('silent'), { clock, scheduler: false });
    seedWorld(app.container.db, clock); // everyone has a playground (web) identity
    app.container.people.link('sam', { platform: 'slack', tenant: FAKE_TEAM_ID, userId: SAM });
  });
  afterEach(async () => {
    await app.stop();
    await api.stop();
    tmp.cleanup();
  });

  /** Jo introduces another client to Sam; returns the platform Sam's introduction card went to. */
  async function nextIntroduction(): Promise<{ id: string; platform: string | null }> {
    clock.advance(MINUTE_MS);
    const h = app.container.handoverService.introduce('jo', introduceInput());
    await app.nudges.dispatcher.runOnce();
    const row = app.nudges.outbox.bySubject(h.id).find((r) => r.card.kind === 'introduction');
    return { id: h.id, platform: row?.platform ?? null };
  }

  async function pressInPlayground(actionId: string, subjectId: string): Promise<void> {
    clock.advance(MINUTE_MS);
    const res = await fetch(`${app.url}/playground/api/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'sam', actionId, subjectId }),
    });
    expect(res.status, await res.text()).to.equal(200);
  }

  async function clickInSlack(actionId: string, subjectId: string): Promise<void> {
    clock.advance(MINUTE_MS);
    const version = app.container.handovers.find(subjectId)!.version;
    const res = await postSigned(
      `${app.url}/slack/events`,
      interactionBody(blockAction(SAM, actionId, { s: subjectId, v: version }, { channel: SAM_DM })),
      FORM,
    );
    expect(res.status).to.equal(200);
  }

  it('given Sam last used the playground, when he clicks in Slack, then his next card goes to Slack even though he also has a web identity', async () => {
    const first = await nextIntroduction();
    expect(first.platform, 'never seen anywhere: chat comes first').to.equal('slack');
    await pressInPlayground('accept', first.id);

    const second = await nextIntroduction();
    expect(second.platform, 'after the playground').to.equal('web');
    await clickInSlack('accept', second.id);
    expect(app.container.handovers.find(second.id)?.state, 'the click went through').to.equal('accepted');

    const third = await nextIntroduction();
    expect(third.platform, 'after the Slack click').to.equal('slack');
    expect(api.callsTo('chat.postMessage').filter((p) => p.body.channel === SAM_DM)).to.have.length(2);
  });
});

describe('presence in Teams', () => {
  let w: TeamsWorld;
  beforeEach(async () => {
    w = await startTeamsWorld();
  });
  afterEach(async () => w.stop());

  it('given Jo last used the playground, when she messages the bot in Teams, then Teams is her first route again', async () => {
    w.linkTeams('jo');
    const router = new Router(w.container.people, new PresenceStore(w.container.db), [
      new FakeMessenger('web'),
      new FakeMessenger('teams'),
    ]);
    w.container.recordSeen('jo', 'web');
    expect(router.routes('jo')[0].identity.platform, 'after the playground').to.equal('web');

    w.clock.advance(MINUTE_MS);
    expect((await w.post(activity('message', TEAMS_USERS.jo, w.connector.url))).status).to.equal(200);

    expect(router.routes('jo')[0].identity.platform).to.equal('teams');
  });
});

describe('presence: how often "last seen" is written', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('a click a second on one platform writes once a minute, while a switch of platform counts at once', () => {
    const clock = new FixedClock(new Date('2026-09-07T09:00:00Z'));
    const db = openDatabase(join(tmp.dir, 'h.db'));
    seedWorld(db, clock);
    const presence = new PresenceStore(db);
    const seenAt = (platform: string) =>
      (
        db.prepare('SELECT seen_at FROM person_seen WHERE person_id = ? AND platform = ?').get('sam', platform) as
          | { seen_at: string }
          | undefined
      )?.seen_at;
    const changesBefore = db.prepare('SELECT total_changes() AS n').get() as { n: number };

    for (let s = 0; s < 30; s++) {
      presence.recordSeen('sam', 'slack', clock.now());
      clock.advance(1000);
    }
    expect(seenAt('slack'), 'the first click is written').to.equal('2026-09-07T09:00:00.000Z');
    expect(
      (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n - changesBefore.n,
      'one write for 30 clicks',
    ).to.equal(1);

    presence.recordSeen('sam', 'teams', clock.now());
    expect(presence.lastSeen('sam')[0], 'a different platform is first at once').to.equal('teams');
    presence.recordSeen('sam', 'slack', clock.now());
    expect(presence.lastSeen('sam')[0], 'and back again at once').to.equal('slack');

    clock.advance(MINUTE_MS);
    presence.recordSeen('sam', 'slack', clock.now());
    expect(seenAt('slack'), 'a minute later the time moves on').to.equal(clock.now().toISOString());
    db.close();
  });
});
