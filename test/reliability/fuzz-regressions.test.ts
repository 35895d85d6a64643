// Faults the fuzz tests found, each pinned by the smallest request that showed it.
import { expect } from 'chai';
import { Agent, request } from 'node:http';
import { SLACK_BODY_LIMIT, SLACK_EVENTS_PATH } from '../../src/platforms/slack/platform.ts';
import { ACTION_BODY_LIMIT } from '../../src/platforms/web/routes.ts';
import { TEAMS_PATH } from '../../src/platforms/teams/teams-platform.ts';
import { slashCommand } from '../support/slack-payloads.ts';
import { activity, TEAMS_USERS } from '../fixtures/teams/activities.ts';
import { commandBody, FORM, postSigned } from '../support/slack-sign.ts';
import { expectHealthy, send, startFuzzServer, type FuzzServer } from './fuzz-world.ts';

interface Raw {
  status: number;
  body: string;
}

/** One request over `agent` (one keep-alive socket), optionally streamed in chunks with no Content-Length. */
function rawRequest(
  url: string,
  agent: Agent,
  options: { method?: string; headers?: Record<string, string>; body?: string; chunks?: string[] },
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'POST', agent, headers: options.headers, timeout: 5000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within 5 s`)));
    req.on('error', reject);
    if (options.chunks) for (const c of options.chunks) req.write(c);
    req.end(options.body);
  });
}

describe('fuzz regressions: limits, keep-alive and start-up', function () {
  this.timeout(20_000);
  let s: FuzzServer;
  let agent: Agent;
  before(async () => {
    // Slack answers the bot's first "who am I" (auth.test) with a 503, as it might during an outage at start.
    s = await startFuzzServer({}, ({ slackApi }) => slackApi.failNext('auth.test', { status: 503 }));
  });
  after(async () => s.stop());
  beforeEach(() => {
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
  });
  afterEach(() => agent.destroy());

  it('given Slack could not say who the bot is at start, then the server keeps running and serves Slack once Slack answers', async () => {
    await expectHealthy(s.url);
    const body = commandBody(slashCommand({ text: 'help' }));
    const first = await postSigned(`${s.url}${SLACK_EVENTS_PATH}`, body, FORM);
    expect(first.status, 'while Slack is failing').to.be.within(400, 499);
    const second = await postSigned(`${s.url}${SLACK_EVENTS_PATH}`, body, FORM);
    expect(second.status, 'once Slack answers again').to.equal(200);
  });

  it('given a Slack body over the limit, then it gets 413 and the requests after it on the same connections are answered', async () => {
    // Bolt paused an over-limit body half-read: the keep-alive socket it arrived on never answered again.
    const url = `${s.url}${SLACK_EVENTS_PATH}`;
    const json = { 'content-type': 'application/json' };
    const big = await send(s.url, {
      method: 'POST',
      path: SLACK_EVENTS_PATH,
      headers: json,
      body: 'x'.repeat(SLACK_BODY_LIMIT + 1),
    });
    expect(big.status).to.equal(413);
    for (let i = 0; i < 3; i++)
      expect(
        (await send(s.url, { method: 'POST', path: SLACK_EVENTS_PATH, headers: json, body: '{}' })).status,
        `request ${i + 1} after`,
      ).to.equal(401);
    const sameSocket = await rawRequest(url, agent, { headers: json, body: 'x'.repeat(SLACK_BODY_LIMIT + 1) });
    expect(sameSocket.status).to.equal(413);
    expect((await rawRequest(url, agent, { headers: json, body: '{}' })).status, 'on the same socket').to.equal(401);
  });

  it('given a streamed body with no length that runs over the limit, then it gets 413 and the connection stays usable', async () => {
    const url = `${s.url}/playground/api/actions`;
    const chunk = 'x'.repeat(16 * 1024);
    const chunks = Array.from({ length: Math.ceil(ACTION_BODY_LIMIT / chunk.length) + 2 }, () => chunk);
    const big = await rawRequest(url, agent, { headers: { 'content-type': 'application/json' }, chunks });
    expect(big.status).to.equal(413);
    expect(JSON.parse(big.body)).to.include({ error: 'BODY_TOO_LARGE' });
    const next = await rawRequest(`${s.url}/healthz`, agent, { method: 'GET' });
    expect(next.status).to.equal(200);
  });

  it('given a streamed Slack body with no length that runs over the limit, then it gets 413 too', async () => {
    const chunk = 'y'.repeat(64 * 1024);
    const chunks = Array.from({ length: Math.ceil(SLACK_BODY_LIMIT / chunk.length) + 1 }, () => chunk);
    const big = await rawRequest(`${s.url}${SLACK_EVENTS_PATH}`, agent, {
      headers: { 'content-type': 'application/json' },
      chunks,
    });
    expect(big.status).to.equal(413);
    await expectHealthy(s.url);
  });

  it('given a Teams activity without its conversation, or an invoke the bot does not answer, then it is a 400 (was 200 doing nothing, and 501)', async () => {
    const json = { 'content-type': 'application/json' };
    const base = activity('message', TEAMS_USERS.jo, s.connector.url);
    const { conversation: _dropped, ...noConversation } = base;
    const missing = await send(s.url, {
      method: 'POST',
      path: TEAMS_PATH,
      headers: json,
      body: JSON.stringify(noConversation),
    });
    expect(missing.status).to.equal(400);
    expect(JSON.parse(missing.text).message).to.match(/conversation/);
    const unknownInvoke = {
      ...activity('invoke-adaptive-card-action', TEAMS_USERS.jo, s.connector.url, { verb: 'accept', subjectId: 'H-1' }),
      name: 'config/fetch',
    };
    const invoke = await send(s.url, {
      method: 'POST',
      path: TEAMS_PATH,
      headers: json,
      body: JSON.stringify(unknownInvoke),
    });
    expect(invoke.status).to.equal(400);
    expect(JSON.parse(invoke.text).message).to.contain('config/fetch');
  });
});
