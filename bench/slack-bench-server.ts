// One side of the Slack benchmark, in its own process so its memory can be read:
//   ours <handovers> <apiUrl>: the real server (Slack platform, shared action handler, outbox + dispatcher);
//   bare 0 <apiUrl>: a bare Bolt app on node:http that acks the same requests and opens an empty modal.
// Prints one JSON line: { port, handoverIds }. BENCH_NO_DISPATCH=1 leaves the outbox dispatcher off in 'ours'.
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createServer } from 'node:http';
import { buildContainer } from '../src/app/container.ts';
import { createCardComposer } from '../src/cards/compose.ts';
import { readConfig } from '../src/config.ts';
import { createHttpServer, listen } from '../src/http/server.ts';
import { createLogger } from '../src/log.ts';
import { createSlackPlatform } from '../src/platforms/slack/index.ts';
import { createNudgeSystem } from '../src/scheduler/wiring.ts';
import { openDatabase } from '../src/storage/sqlite.ts';
import { FAKE_TEAM_ID } from '../test/fixtures/fake-slack-api.ts';
import { FixedClock, everyDayCalendar, introduceInput, seedWorld, tempDir } from '../test/fixtures/make.ts';
import { SLACK_USERS } from '../test/fixtures/slack-harness.ts';
import { SIGNING_SECRET } from '../test/fixtures/slack-sign.ts';

const [mode, count, apiUrl] = process.argv.slice(2);
const BOT_TOKEN = 'xoxb-bench-not-real';

async function ours(): Promise<{ port: number; handoverIds: string[] }> {
  const tmp = tempDir('handover-slack-bench-');
  const config = readConfig({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: apiUrl, DATABASE_PATH: `${tmp.dir}/h.db`, LOG_LEVEL: 'silent', TEAMS: 'off' });
  const log = createLogger('silent');
  const db = openDatabase(config.databasePath);
  const clock = new FixedClock();
  seedWorld(db, clock);
  const c = buildContainer(config, log, db, clock, everyDayCalendar);
  for (const id of ['jo', 'sam'] as const) c.people.link(id, { platform: 'slack', tenant: FAKE_TEAM_ID, userId: SLACK_USERS[id] });
  const handoverIds = Array.from({ length: Number(count) }, () => c.app.introduce('jo', introduceInput()).id);
  const platform = createSlackPlatform(c);
  const compose = createCardComposer({ db, clock, handovers: c.handovers, people: c.people, services: c.services });
  const nudges = createNudgeSystem({ db, clock, calendar: everyDayCalendar, timeZone: config.timeZone, app: c.app, handovers: c.handovers, people: c.people, services: c.services, compose, messengers: [platform.messenger], log });
  if (process.env.BENCH_NO_DISPATCH !== '1') nudges.dispatcher.start();
  const server = createHttpServer({ mounts: platform.mounts, log, health: () => ({}) });
  const { port } = await listen(server, 0, '127.0.0.1');
  return { port, handoverIds };
}

async function bare(): Promise<{ port: number; handoverIds: string[] }> {
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  const app = new App({ token: BOT_TOKEN, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: apiUrl } });
  app.command('/handover', async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: { type: 'modal', title: { type: 'plain_text', text: 'Empty' }, blocks: [] } });
  });
  app.action('accept', async ({ ack }) => { await ack(); });
  const server = createServer((req, res) => receiver.requestListener(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as { port: number }).port, handoverIds: [] };
}

const ready = mode === 'ours' ? await ours() : await bare();
process.stdout.write(JSON.stringify(ready) + '\n');
