// Child process: the fake Slack Web API and the fake Bot Connector, in their own event loop, plus a small control
// server that counts deliveries. Prints one JSON line {slackApiUrl, connectorUrl, controlUrl}.
//   GET  /stats  → what arrived: Slack posts per idempotency key (from message metadata), Teams posts per card
//   POST /users  → ["U…", …] Slack users the fake API should know
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeBotConnector, type ConnectorCall } from '../fake-bot-connector.ts';
import { FakeSlackApi } from '../fake-slack-api.ts';
import { SLACK_TEAM } from './prepare.ts';

export interface FakeStats {
  slack: { postsByKey: Record<string, number>; posts: number; updates: number; failures: number };
  teams: { postsByCard: Record<string, number>; posts: number; updates: number };
}

const slack = new FakeSlackApi();
const connector = new FakeBotConnector();
const slackApiUrl = await slack.start();
const connectorUrl = await connector.start();

function slackStats(): FakeStats['slack'] {
  const postsByKey: Record<string, number> = {};
  let posts = 0;
  let failures = 0;
  for (const c of slack.calls) {
    if (c.method !== 'chat.postMessage') continue;
    if (c.response?.ok !== true) {
      failures++;
      continue;
    }
    posts++;
    const key = String(
      (c.body.metadata as { event_payload?: { idempotency_key?: string } } | undefined)?.event_payload
        ?.idempotency_key ?? '(none)',
    );
    postsByKey[key] = (postsByKey[key] ?? 0) + 1;
  }
  return { postsByKey, posts, failures, updates: slack.callsTo('chat.update').length };
}

/** The Teams messenger sends no idempotency key, so a card is known by conversation + subject + kind (its refresh data). */
function teamsCard(c: ConnectorCall): string {
  const content = (
    c.body.attachments as { content?: { refresh?: { action?: { data?: Record<string, unknown> } } } }[] | undefined
  )?.[0]?.content;
  const data = content?.refresh?.action?.data ?? {};
  return `${c.conversationId}|${String(data.subjectId ?? '')}|${String(data.kind ?? c.body.summary ?? '')}`;
}

function teamsStats(): FakeStats['teams'] {
  const postsByCard: Record<string, number> = {};
  const sent = connector.sent().filter((c) => !c.failedWith);
  for (const c of sent) postsByCard[teamsCard(c)] = (postsByCard[teamsCard(c)] ?? 0) + 1;
  return { postsByCard, posts: sent.length, updates: connector.updated().length };
}

const control = createServer(async (req, res) => {
  if (req.method === 'POST' && req.url === '/users') {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    for (const id of JSON.parse(Buffer.concat(chunks).toString()) as string[])
      slack.addUser({ id, email: `${id.toLowerCase()}@load.example.org`, teamId: SLACK_TEAM });
    res.writeHead(204).end();
    return;
  }
  const stats: FakeStats = { slack: slackStats(), teams: teamsStats() };
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
});
await new Promise<void>((r) => control.listen(0, '127.0.0.1', r));
const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;
process.stdout.write(`${JSON.stringify({ ready: true, slackApiUrl, connectorUrl, controlUrl })}\n`);
