// Teams: a 1:1 message and an Action.Execute Accept invoke (→ state change → refreshed card) at a fixed
// 200 requests/s (evenly spaced: bench/paced-load.ts), against a bare botbuilder bot answering the same activities in the same run. Each server
// runs in its own child process (RSS read from /proc); replies go to one local fake Bot Connector, in a third
// process so that answering them does not slow the load generator's own clock.
// Not the same job on Accept: ours runs the state change and answers with the refreshed card; the bare bot
// answers with a fixed one-line card.
import { join } from 'node:path';
import { activity, TEAMS_USERS } from '../test/fixtures/teams/activities.ts';
import { inTurns, pacedLoad, type PacedResult } from './paced-load.ts';
import { scratchDatabase, startBenchChild, stopChildren, type BenchChild } from './children.ts';
import { errorRows, latencyRows, watchRss } from './stats.ts';

const RATE = 200;
/** Each server gets ROUNDS × ROUND_SECONDS per kind, in turns with the other (bench/paced-load.ts inTurns). */
const ROUNDS = 6;
const ROUND_SECONDS = 5;
const WARM_UP_SECONDS = 1;
const HANDOVERS = RATE * (ROUNDS * ROUND_SECONDS + WARM_UP_SECONDS);

function startChild(mode: 'seed' | 'ours' | 'bare' | 'connector', dbPath = ''): Promise<BenchChild> {
  return startBenchChild(join(import.meta.dirname, 'teams-bench-server.ts'), [
    mode,
    String(mode === 'seed' ? HANDOVERS : 0),
    dbPath,
  ]);
}

async function load(port: number, bodies: () => string, seconds = ROUND_SECONDS): Promise<PacedResult> {
  return pacedLoad({
    port,
    rate: RATE,
    seconds,
    next: () => ({ path: '/api/messages', headers: { 'content-type': 'application/json' }, body: bodies() }),
  });
}

function messageBodies(url: string): () => string {
  const body = JSON.stringify({ ...activity('message', TEAMS_USERS.jo, url), text: 'help' });
  return () => body;
}

function acceptBodies(url: string, ids: string[]): () => string {
  let i = 0;
  return () =>
    JSON.stringify(
      activity('invoke-adaptive-card-action', TEAMS_USERS.sam, url, {
        verb: 'accept',
        subjectId: ids[i++ % Math.max(1, ids.length)] ?? 'H-bare',
      }),
    );
}

export async function run(): Promise<Record<string, unknown>> {
  const connector = await startChild('connector');
  const url = connector.url;
  const bare = await startChild('bare');
  // Ours starts on a database another process filled, as after a restart: its memory is the server's, not the seeding's.
  const db = scratchDatabase('handover-teams-bench-');
  const { handoverIds } = await startChild('seed', db.path);
  const ours = await startChild('ours', db.path);
  try {
    const oursAcceptBodies = acceptBodies(url, handoverIds);
    for (const [port, bodies] of [
      [bare.port, messageBodies(url)],
      [ours.port, messageBodies(url)],
      [bare.port, acceptBodies(url, [])],
      [ours.port, oursAcceptBodies],
    ] as const) {
      await load(port, bodies, WARM_UP_SECONDS);
    }
    const rss = watchRss(bare.proc.pid!, ours.proc.pid!);
    const [bareMessage, oursMessage] = await inTurns(
      ROUNDS,
      () => load(bare.port, messageBodies(url)),
      () => load(ours.port, messageBodies(url)),
    );
    const bareAcceptBodies = acceptBodies(url, []);
    const [bareAccept, oursAccept] = await inTurns(
      ROUNDS,
      () => load(bare.port, bareAcceptBodies),
      () => load(ours.port, oursAcceptBodies),
    );
    const memory = rss.rows();
    return {
      'rate (req/s) × seconds, in turns': `${RATE} × ${ROUNDS} × ${ROUND_SECONDS}`,
      ...latencyRows('message', bareMessage, oursMessage),
      ...latencyRows('accept', bareAccept, oursAccept),
      ...errorRows([bareMessage, bareAccept], [oursMessage, oursAccept]),
      'requests sent ours (message, accept)': `${oursMessage.sent}, ${oursAccept.sent}`,
      ...memory,
    };
  } finally {
    await stopChildren([bare, ours, connector], ours, db);
  }
}
