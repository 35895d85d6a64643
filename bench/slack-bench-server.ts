// One process of the Slack benchmark, so that each one's memory and CPU are its own:
//   seed <handovers> - <dbPath>: writes the database ours starts on (people, <handovers> introductions), then exits;
//   ours 0 <apiUrl> <dbPath>: the real server on it (Slack platform, shared action handler, outbox + dispatcher);
//   bare 0 <apiUrl>: a bare Bolt app on node:http that acks the same requests and opens an empty modal (for
//        /handover) or updates the clicked message with a card of the same size (for Accept), as ours does;
//   api: the fake Slack Web API both servers call (Slack is another machine in real life, so it gets its own
//        process rather than sharing the load generator's event loop). Answers "counts" on stdin with call counts.
// Prints one JSON line: { port, handoverIds } (or { url } for api). BENCH_NO_DISPATCH=1 leaves the dispatcher off.
// Only 'ours' loads the product's modules (dynamic imports), so the bare app's memory is Bolt's alone.
import { App, HTTPReceiver, LogLevel, type BlockAction } from '@slack/bolt';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { SIGNING_SECRET } from '../test/support/slack-sign.ts';

const [mode, count, apiUrl, dbPath] = process.argv.slice(2);
const BOT_TOKEN = 'xoxb-bench-not-real';
/** The Slack user ids the parent signs requests as (test/support/slack-harness.ts SLACK_USERS, passed in env). */
const USERS = JSON.parse(process.env.BENCH_SLACK_USERS ?? '{}') as Record<string, string>;

/** A separate process before the run: the database ours starts on, with the people and `count` introductions. */
async function seed(): Promise<{ handoverIds: string[] }> {
  const { buildContainer } = await import('../src/main/container.ts');
  const { readConfig } = await import('../src/config.ts');
  const { createLogger } = await import('../src/log.ts');
  const { openDatabase } = await import('../src/storage/sqlite.ts');
  const { FAKE_TEAM_ID } = await import('../test/support/fake-slack-api.ts');
  const { FixedClock, everyDayCalendar, introduceInput, seedWorld } = await import('../test/support/make.ts');
  const config = readConfig({ DATABASE_PATH: dbPath, LOG_LEVEL: 'silent', TEAMS: 'off' });
  const db = openDatabase(config.databasePath);
  const clock = new FixedClock();
  seedWorld(db, clock);
  const c = buildContainer(config, createLogger('silent'), db, clock, everyDayCalendar);
  for (const id of ['jo', 'sam']) c.people.link(id, { platform: 'slack', tenant: FAKE_TEAM_ID, userId: USERS[id] });
  const handoverIds = Array.from(
    { length: Number(count) },
    () => c.handoverService.introduce('jo', introduceInput()).id,
  );
  db.close();
  return { handoverIds };
}

/** The real server on the seeded database, started fresh as after a restart. */
async function ours(): Promise<{ port: number; handoverIds: string[] }> {
  const { buildContainer } = await import('../src/main/container.ts');
  const { readConfig } = await import('../src/config.ts');
  const { createHttpServer, listen } = await import('../src/http/server.ts');
  const { createLogger } = await import('../src/log.ts');
  const { createSlackPlatform } = await import('../src/platforms/slack/index.ts');
  const { createNudgeSystem } = await import('../src/scheduler/wiring.ts');
  const { startCheckpointer } = await import('../src/storage/checkpointer.ts');
  const { openDatabase } = await import('../src/storage/sqlite.ts');
  const { FixedClock, everyDayCalendar } = await import('../test/support/make.ts');
  const config = readConfig({
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: apiUrl,
    DATABASE_PATH: dbPath,
    LOG_LEVEL: 'silent',
    TEAMS: 'off',
  });
  const log = createLogger('silent');
  const db = openDatabase(config.databasePath);
  const clock = new FixedClock();
  startCheckpointer(db); // as startApp does: WAL checkpoints in a worker, not inside a request's commit
  const c = buildContainer(config, log, db, clock, everyDayCalendar);
  const platform = createSlackPlatform(c);
  // As startApp wires it: the container's one composer, the after-commit kick, the dispatcher running.
  const nudges = createNudgeSystem({
    db,
    clock,
    calendar: everyDayCalendar,
    timeZone: config.timeZone,
    handoverService: c.handoverService,
    handovers: c.handovers,
    people: c.people,
    services: c.services,
    compose: c.cards.compose,
    messengers: [platform.messenger],
    log,
  });
  if (process.env.BENCH_NO_DISPATCH !== '1') nudges.dispatcher.start();
  const server = createHttpServer({ mounts: platform.mounts, log, health: () => ({}) });
  const { port } = await listen(server, 0, '127.0.0.1');
  return { port, handoverIds: [] };
}

async function bare(): Promise<{ port: number; handoverIds: string[] }> {
  const receiver = new HTTPReceiver({
    signingSecret: SIGNING_SECRET,
    endpoints: '/slack/events',
    logLevel: LogLevel.ERROR,
  });
  const app = new App({ token: BOT_TOKEN, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: apiUrl } });
  app.command('/handover', async ({ ack, body, client }) => {
    await ack();
    await client.views.open({
      trigger_id: body.trigger_id,
      view: { type: 'modal', title: { type: 'plain_text', text: 'Empty' }, blocks: [] },
    });
  });
  // The same Slack-side job as ours: ack, then update the clicked message with a card of the same size and shape.
  app.action<BlockAction>('accept', async ({ ack, body, client }) => {
    await ack();
    await client.chat.update({
      channel: body.container.channel_id,
      ts: body.container.message_ts,
      text: 'Introduction accepted',
      blocks: ACCEPTED_BLOCKS,
    });
  });
  const server = createServer((req, res) => receiver.requestListener(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as { port: number }).port, handoverIds: [] };
}

/** Static blocks as big as ours after Accept (header, six sections, a field section, four buttons: about 2 KB). */
const ACCEPTED_BLOCKS = [
  { type: 'header', text: { type: 'plain_text', text: 'You accepted the introduction of R.T.', emoji: true } },
  ...[
    'Jo Rivers (Work coach, Lambeth Jobcentre) would like to introduce R.T. to Wellbeing Hub at Mind in Lambeth.',
    'Accepted by Sam Patel on Mon 23 Nov, 10:00. Follow-up by Saturday 28 November.',
    'Please make contact by Saturday 28 November and press "We\'ve made contact".',
    '*What they want help with, in their words*',
    'Feeling anxious about starting work again.',
    '*Why this service*',
    'They offer one-to-one support near the client.',
  ].map((text) => ({ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } })),
  {
    type: 'section',
    fields: [
      '*Client*\nR.T.',
      '*Urgency*\nRoutine',
      '*Prefers contact by*\nPhone, afternoons',
      '*Contact details*\n07700 900123',
    ].map((text) => ({ type: 'mrkdwn', text, verbatim: true })),
  },
  {
    type: 'actions',
    elements: ['confirm_contact', 'report_unreachable', 'snooze', 'add_note'].map((id) => ({
      type: 'button',
      action_id: id,
      text: { type: 'plain_text', text: id, emoji: true },
      value: '{"s":"H-34R5-26HR","v":2}',
    })),
  },
];

const COUNTED = ['views.open', 'chat.update', 'chat.postMessage', 'users.info', 'auth.test'];

async function api(): Promise<{ url: string }> {
  const { FakeSlackApi } = await import('../test/support/fake-slack-api.ts');
  const fake = new FakeSlackApi();
  const url = await fake.start();
  for (const [person, id] of Object.entries(USERS)) fake.addUser({ id, email: `${person}@example.org` });
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'counts') return;
    process.stdout.write(`${JSON.stringify(Object.fromEntries(COUNTED.map((m) => [m, fake.callsTo(m).length])))}\n`);
  });
  return { url };
}

const ready =
  mode === 'seed' ? await seed() : mode === 'ours' ? await ours() : mode === 'api' ? await api() : await bare();
process.stdout.write(JSON.stringify(ready) + '\n');
// Exit normally on SIGTERM so that `node --cpu-prof` (when profiling a run by hand) writes its profile.
process.once('SIGTERM', () => process.exit(0));
