// A Slack click is acknowledged only once its change is committed: if the server dies right after Slack got the
// 200, the click must not be lost. The action here is made slow on purpose so that the order shows.
import { expect } from 'chai';
import type { Server } from 'node:http';
import { buildContainer, type Container } from '../../src/main/container.ts';
import { readConfig } from '../../src/config.ts';
import { createHttpServer, listen } from '../../src/http/server.ts';
import { createLogger } from '../../src/log.ts';
import { sharedRunAction } from '../../src/platforms/slack/action-runner.ts';
import { createSlackPlatform } from '../../src/platforms/slack/platform.ts';
import { openDatabase, type Db } from '../../src/storage/sqlite.ts';
import { FakeSlackApi, FAKE_TEAM_ID } from '../support/fake-slack-api.ts';
import { FixedClock, everyDayCalendar, introduceInput, seedWorld, tempDir } from '../support/make.ts';
import { SLACK_USERS } from '../support/slack-harness.ts';
import { blockAction } from '../support/slack-payloads.ts';
import { FORM, SIGNING_SECRET, interactionBody, postSigned } from '../support/slack-sign.ts';

const SLOW_ACTION_MS = 300;

describe('Slack: a click is acknowledged after it is saved', function () {
  this.timeout(20_000);
  const tmp = tempDir('slack-ack-');
  const api = new FakeSlackApi();
  let server: Server;
  let db: Db;
  let c: Container;
  let url = '';

  before(async () => {
    const apiUrl = await api.start();
    const config = readConfig({
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test-not-real',
      SLACK_API_URL: apiUrl,
      DATABASE_PATH: `${tmp.dir}/h.db`,
      LOG_LEVEL: 'silent',
      TEAMS: 'off',
    });
    db = openDatabase(config.databasePath);
    const clock = new FixedClock();
    seedWorld(db, clock);
    c = buildContainer(config, createLogger('silent'), db, clock, everyDayCalendar);
    c.people.link('sam', { platform: 'slack', tenant: FAKE_TEAM_ID, userId: SLACK_USERS.sam });
    const run = sharedRunAction(c);
    const slow = async (req: Parameters<typeof run>[0]) => {
      await new Promise((r) => setTimeout(r, SLOW_ACTION_MS));
      return run(req);
    };
    const platform = createSlackPlatform(c, { runAction: slow });
    server = createHttpServer({ mounts: platform.mounts, log: createLogger('silent'), health: () => ({}) });
    url = `http://127.0.0.1:${(await listen(server, 0, '127.0.0.1')).port}/slack/events`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await api.stop();
    db.close();
    tmp.cleanup();
  });

  it('given Sam clicks Accept, when Slack gets the 200, then the introduction is already accepted in the database', async () => {
    const h = c.handoverService.introduce('jo', introduceInput());
    const res = await postSigned(
      url,
      interactionBody(blockAction(SLACK_USERS.sam, 'accept', { s: h.id, v: h.version })),
      FORM,
    );
    const stateWhenAcked = c.handovers.find(h.id)?.state;
    expect(res.status).to.equal(200);
    expect(stateWhenAcked).to.equal('accepted');
  });
});
