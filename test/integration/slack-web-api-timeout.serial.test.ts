// The Slack Web API client's time limit (src/platforms/slack/web-api-fetch.ts), against a real HTTP server on
// 127.0.0.1: a Slack that does not answer, or stops half-way through its answer, fails the call in time (the limit,
// plus up to a second: undici's pool checks its timers about once a second); a Slack that answers leaves no timer
// behind (the client's own `timeout` kept one, and with it the request, for the whole limit on every call).
import { webApi } from '@slack/bolt';
import { expect } from 'chai';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlackTimeoutError, fetchWithTimeout } from '../../src/platforms/slack/web-api-fetch.ts';
import { toDeliveryError } from '../../src/platforms/slack/web-api-errors.ts';
import { eventually } from '../support/eventually.ts';

const LIMIT_MS = 150;

type Behaviour = 'answer' | 'silent' | 'stall-body' | 'http-error';

async function fakeSlack(
  behaviour: () => Behaviour,
): Promise<{ url: string; server: Server; closed: () => number; held: ServerResponse[] }> {
  let closed = 0;
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.on('close', () => {
        if (!res.writableFinished) closed++;
      });
      const b = behaviour();
      if (b === 'answer') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, ts: '1.2' }));
        return;
      }
      if (b === 'http-error') {
        res
          .writeHead(503, { 'content-type': 'text/plain', 'x-slack-req-id': 'r-1' })
          .end('Slack is down for maintenance');
        return;
      }
      held.push(res);
      if (b === 'stall-body') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"ok":tr');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, server, closed: () => closed, held };
}

const client = (url: string) =>
  new webApi.WebClient('xoxb-test-not-real', {
    slackApiUrl: url,
    fetch: fetchWithTimeout(LIMIT_MS),
    retryConfig: { retries: 0 },
    logLevel: webApi.LogLevel.ERROR,
  });
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('Slack Web API HTTP client: time limit and errors', () => {
  let behaviour: Behaviour = 'answer';
  let slack: Awaited<ReturnType<typeof fakeSlack>>;
  before(async () => {
    slack = await fakeSlack(() => behaviour);
  });
  after(async () => {
    for (const res of slack.held) res.destroy();
    slack.server.closeAllConnections();
    await new Promise((r) => slack.server.close(r));
  });

  it('fails a call Slack never answers, after the limit and within a second more, and drops the connection', async () => {
    behaviour = 'silent';
    const started = Date.now();
    const err = await client(slack.url)
      .chat.postMessage({ channel: 'D1', text: 'hello' })
      .then(
        () => null,
        (e: unknown) => e as Error & { code?: string; original?: Error },
      );
    const took = Date.now() - started;
    expect(err?.code).to.equal('slack_webapi_request_error');
    expect(toDeliveryError(err, 'sending').kind).to.equal('transient');
    expect(err?.original?.message).to.contain(`within ${LIMIT_MS} ms`);
    expect(took)
      .to.be.at.least(LIMIT_MS - 5)
      .and.below(LIMIT_MS + 1500);
    await eventually(() => slack.closed() >= 1, 'the timed-out connection closed');
  });

  it('fails a call whose answer stops half-way', async () => {
    behaviour = 'stall-body';
    const started = Date.now();
    const err = await client(slack.url)
      .chat.postMessage({ channel: 'D1', text: 'hello' })
      .then(
        () => null,
        (e: unknown) => e as Error,
      );
    expect(err).to.be.instanceOf(SlackTimeoutError);
    expect(toDeliveryError(err, 'sending').kind).to.equal('transient'); // the outbox tries again later
    expect(Date.now() - started).to.be.below(LIMIT_MS + 1500);
  });

  it('returns what Slack answered and leaves no timer behind', async () => {
    behaviour = 'answer';
    const calls = 20;
    const leftAfter = async (c: webApi.WebClient) => {
      const before = timers();
      const results = await Promise.all(
        Array.from({ length: calls }, () => c.chat.postMessage({ channel: 'D1', text: 'hello' })),
      );
      expect(results.every((r) => r.ok && r.ts === '1.2')).to.equal(true);
      return timers() - before;
    };
    expect(await leftAfter(client(slack.url))).to.be.below(3); // at most the connection pool's own keep-alive timer
  });

  it('passes an HTTP error on with its status, headers and body, as a transient delivery error', async () => {
    behaviour = 'http-error';
    const err = await client(slack.url)
      .chat.postMessage({ channel: 'D1', text: 'hello' })
      .then(
        () => null,
        (e: unknown) =>
          e as Error & { code?: string; statusCode?: number; headers?: Record<string, string>; body?: string },
      );
    expect(err?.code).to.equal('slack_webapi_http_error');
    expect(err?.statusCode).to.equal(503);
    expect(err?.headers).to.include({ 'content-type': 'text/plain', 'x-slack-req-id': 'r-1' });
    expect(err?.body).to.equal('Slack is down for maintenance');
    expect(toDeliveryError(err, 'sending').kind).to.equal('transient');
  });
});
