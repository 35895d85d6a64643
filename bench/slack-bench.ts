// Slack: a signed /handover (→ ack, modal opened) and a signed block_actions Accept (→ state change → ack) at a
// fixed 200 requests/s (evenly spaced: bench/paced-load.ts), against a bare Bolt app in the same run that does the
// same Slack-side job: acks the same signed payloads, opens an empty modal for /handover, and after an Accept updates
// the clicked message with a static card of the same size (chat.update). Each server runs in its own child process
// (RSS from /proc); both call one local fake Slack Web API, in a third process so that answering them does not slow
// the load generator's own clock. What is left between the two is ours: the signature and envelope check, who is
// clicking, the state change committed to SQLite before the ack, the outbox and schedule, and the card rendering.
import { join } from 'node:path';
import { blockAction, slashCommand } from '../test/support/slack-payloads.ts';
import { SLACK_USERS } from '../test/support/slack-harness.ts';
import { FORM, commandBody, interactionBody, signedHeaders } from '../test/support/slack-sign.ts';
import { inTurns, pacedLoad, type PacedResult } from './paced-load.ts';
import { scratchDatabase, startBenchChild, stopChildren, type BenchChild } from './children.ts';
import { errorRows, latencyRows, watchRss } from './stats.ts';

const RATE = 200;
/** Each server gets ROUNDS × ROUND_SECONDS per kind, in turns with the other (bench/paced-load.ts inTurns). */
const ROUNDS = 6;
const ROUND_SECONDS = 5;
const WARM_UP_SECONDS = 1;
const HANDOVERS = RATE * (ROUNDS * ROUND_SECONDS + WARM_UP_SECONDS) + RATE;

function startChild(mode: 'seed' | 'ours' | 'bare' | 'api', apiUrl = '', dbPath = ''): Promise<BenchChild> {
  const args = [mode, String(mode === 'seed' ? HANDOVERS : 0), apiUrl || '-', dbPath];
  return startBenchChild(join(import.meta.dirname, 'slack-bench-server.ts'), args, {
    ...process.env,
    BENCH_SLACK_USERS: JSON.stringify(SLACK_USERS),
  });
}

async function apiCounts(api: BenchChild): Promise<Record<string, number>> {
  api.proc.stdin!.write('counts\n');
  return JSON.parse(await api.nextLine()) as Record<string, number>;
}

type Load = PacedResult;

/** Each request is signed as it is sent, so the timestamp is always fresh. */
async function load(port: number, body: () => string, seconds = ROUND_SECONDS): Promise<Load> {
  return pacedLoad({
    port,
    rate: RATE,
    seconds,
    next: () => {
      const b = body();
      return { path: '/slack/events', body: b, headers: signedHeaders(b, FORM) };
    },
  });
}

const commandBodies = () => {
  const b = commandBody(slashCommand());
  return () => b;
};

function acceptBodies(ids: string[]): () => string {
  let i = 0;
  return () =>
    interactionBody(
      blockAction(SLACK_USERS.sam, 'accept', { s: ids[i++ % Math.max(1, ids.length)] ?? 'H-bare', v: 1 }),
    );
}

export async function run(): Promise<Record<string, unknown>> {
  const api = await startChild('api');
  const bare = await startChild('bare', api.url);
  // Ours starts on a database another process filled, as after a restart: its memory is the server's, not the seeding's.
  const db = scratchDatabase('handover-slack-bench-');
  const { handoverIds } = await startChild('seed', '', db.path);
  const ours = await startChild('ours', api.url, db.path);
  try {
    const oursAccept = acceptBodies(handoverIds);
    for (const [port, bodies] of [
      [bare.port, commandBodies()],
      [ours.port, commandBodies()],
      [bare.port, acceptBodies([])],
      [ours.port, oursAccept],
    ] as const) {
      await load(port, bodies, WARM_UP_SECONDS);
    }
    const rss = watchRss(bare.proc.pid!, ours.proc.pid!);
    const [bareCmd, oursCmd] = await inTurns(
      ROUNDS,
      () => load(bare.port, commandBodies()),
      () => load(ours.port, commandBodies()),
    );
    const bareAccept = acceptBodies([]);
    const [bareAcc, oursAcc] = await inTurns(
      ROUNDS,
      () => load(bare.port, bareAccept),
      () => load(ours.port, oursAccept),
    );
    const memory = rss.rows();
    const calls = await apiCounts(api);
    return {
      'rate (req/s) × seconds, in turns': `${RATE} × ${ROUNDS} × ${ROUND_SECONDS}`,
      ...latencyRows('/handover', bareCmd, oursCmd),
      ...latencyRows('accept', bareAcc, oursAcc),
      ...errorRows([bareCmd, bareAcc], [oursCmd, oursAcc]),
      'requests sent (ours cmd + accept)': oursCmd.sent + oursAcc.sent,
      ...memory,
      'fake Slack API calls (views.open, chat.update)': `${calls['views.open']}, ${calls['chat.update']}`,
    };
  } finally {
    await stopChildren([bare, ours, api], ours, db);
  }
}
