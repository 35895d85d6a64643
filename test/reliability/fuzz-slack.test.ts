// POST /slack/events under 1,000 generated malformed requests: unsigned or badly signed → 401, too large → 413,
// another method → 405; never a 5xx, never a hang, nothing stored, and the server still healthy afterwards.
import { expect } from 'chai';
import fc from 'fast-check';
import { SLACK_BODY_LIMIT, SLACK_EVENTS_PATH } from '../../src/platforms/slack/platform.ts';
import { ACTION_IDS } from '../../src/cards/model.ts';
import { FORM_CALLBACK_ID } from '../../src/platforms/slack/blocks.ts';
import { INTRODUCE_CALLBACK_ID } from '../../src/platforms/slack/introduce-modal.ts';
import { HANDOVER_COMMAND, OPPORTUNITY_COMMAND } from '../../src/platforms/slack/listeners/commands/index.ts';
import { blockAction, loadPayload, slashCommand, viewSubmission } from '../support/slack-payloads.ts';
import { commandBody, interactionBody, nowSeconds, SIGNING_SECRET, slackSignature } from '../support/slack-sign.ts';
import {
  anyJson,
  brokenJson,
  changesSoFar,
  charsOf,
  expectClientError,
  expectHealthy,
  FUZZ_TEST_TIMEOUT_MS,
  fuzzSample,
  malformedBody,
  mostlyPost,
  randomHeaders,
  assertFuzz,
  send,
  shapedObject,
  startFuzzServer,
  stored,
  wrongValue,
  type FuzzRequest,
  type FuzzServer,
} from './fuzz-world.ts';

const FORM = 'application/x-www-form-urlencoded';
/** Signed requests Bolt cannot route wait for its 3-second ack window, so they are sent side by side. */
const SIGNED_SAMPLES = 200;
const SIGNED_IN_FLIGHT = SIGNED_SAMPLES;

/** Slack payload fields, with values of any type. */
const slackShaped = fc.oneof(
  shapedObject(['type', 'token', 'team_id', 'api_app_id', 'event', 'challenge', 'event_id', 'event_time']),
  shapedObject([
    'type',
    'user',
    'team',
    'actions',
    'trigger_id',
    'response_url',
    'view',
    'container',
    'channel',
    'message',
  ]),
  shapedObject(['command', 'text', 'user_id', 'team_id', 'channel_id', 'trigger_id', 'response_url']),
);

const unsignedRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    method: mostlyPost,
    query: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    headers: randomHeaders,
    body: malformedBody(SLACK_BODY_LIMIT, slackShaped),
  })
  .map(({ method, query, headers, body }) => ({
    method,
    path: SLACK_EVENTS_PATH + (query === undefined ? '' : `?${encodeURIComponent(query)}`),
    headers,
    body: body.body,
  }));

/** Slack's ssl_check=1 is answered 200 without a signature (it carries nothing). */
function isSslCheck(r: FuzzRequest): boolean {
  return r.headers['content-type'] === FORM && new URLSearchParams(String(r.body)).get('ssl_check') === '1';
}

function expectedStatus(r: FuzzRequest): number {
  if (r.method !== 'POST') return 405;
  if (Buffer.byteLength(r.body ?? '') > SLACK_BODY_LIMIT) return 413;
  return isSslCheck(r) ? 200 : 401;
}

/** Correctly signed, but not a payload Slack sends: junk, wrong types, unknown types. */
const signedJunk = fc.oneof(
  brokenJson.map((b) => ({ type: 'application/json', body: b })),
  anyJson.map((v) => ({ type: 'application/json', body: JSON.stringify(v) })),
  fc
    .oneof(
      shapedObject(['type', 'user', 'team', 'actions', 'trigger_id', 'view', 'container', 'channel', 'message']),
      fc.record({
        type: fc.constantFrom(
          'block_actions',
          'view_submission',
          'shortcut',
          'message_action',
          'block_suggestion',
          'view_closed',
        ),
        actions: wrongValue,
        user: wrongValue,
        view: wrongValue,
        team: wrongValue,
      }),
    )
    .map((p) => ({ type: FORM, body: new URLSearchParams({ payload: JSON.stringify(p) }).toString() })),
  shapedObject(['command', 'text', 'user_id', 'team_id', 'channel_id', 'trigger_id']).map((c) => ({
    type: FORM,
    body: new URLSearchParams(
      Object.fromEntries(Object.entries(c).map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')])),
    ).toString(),
  })),
  fc
    .record({
      type: fc.constantFrom('event_callback', 'url_verification', 'app_rate_limited'),
      event: wrongValue,
      challenge: wrongValue,
      team_id: wrongValue,
    })
    .map((e) => ({ type: 'application/json', body: JSON.stringify(e) })),
);

const slackId = (prefix: string) =>
  charsOf('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', { minLength: 6, maxLength: 11 }).map((x) => prefix + x);

/** Correctly signed and shaped like Slack's, from people nobody knows, with odd values where our listeners read. */
const signedRoutable = fc.oneof(
  fc
    .record({
      user: slackId('U'),
      actionId: fc.constantFrom(...ACTION_IDS),
      value: fc.oneof(
        fc.string(),
        fc.record({ s: wrongValue, v: wrongValue }).map((v) => JSON.stringify(v)),
      ),
    })
    .map(({ user, actionId, value }) => {
      const p = blockAction(user, actionId, { s: '' });
      (p.actions as Record<string, unknown>[])[0].value = value;
      return { type: FORM, body: interactionBody(p) };
    }),
  fc
    .record({
      user: slackId('U'),
      callback: fc.constantFrom(INTRODUCE_CALLBACK_ID, FORM_CALLBACK_ID),
      metadata: fc.string(),
      values: fc.dictionary(
        fc.string({ maxLength: 12 }),
        fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
        { maxKeys: 4 },
      ),
    })
    .map(({ user, callback, metadata, values }) => {
      const p = viewSubmission(user, { callback_id: callback, private_metadata: metadata }, {});
      (p.view as { state: unknown }).state = { values };
      return { type: FORM, body: interactionBody(p) };
    }),
  fc
    .record({
      command: fc.constantFrom(HANDOVER_COMMAND, OPPORTUNITY_COMMAND),
      text: fc.string(),
      user_id: slackId('U'),
      channel_id: slackId('C'),
    })
    .map((fields) => ({ type: FORM, body: commandBody(slashCommand(fields) as Record<string, string>) })),
  fc.record({ user: slackId('U'), tab: fc.string({ maxLength: 8 }) }).map(({ user, tab }) => {
    const p = loadPayload('app-home-opened') as { event: Record<string, unknown>; event_id: string };
    p.event = { ...p.event, user, tab };
    p.event_id = `Ev${user}`;
    return { type: 'application/json', body: JSON.stringify(p) };
  }),
  fc
    .record({ user: slackId('U'), action: fc.constantFrom('serviceId', 'contactId'), value: fc.string() })
    .map(({ user, action, value }) => {
      const p = loadPayload('block-suggestion') as Record<string, unknown> & { user: Record<string, unknown> };
      return { type: FORM, body: interactionBody({ ...p, user: { ...p.user, id: user }, action_id: action, value }) };
    }),
  fc
    .record({ user: slackId('U'), name: fc.constantFrom('shortcut', 'message-action'), text: fc.string() })
    .map(({ user, name, text }) => {
      const p = loadPayload(name) as Record<string, unknown> & {
        user: Record<string, unknown>;
        message?: Record<string, unknown>;
      };
      return {
        type: FORM,
        body: interactionBody({
          ...p,
          user: { ...p.user, id: user },
          ...(p.message ? { message: { ...p.message, text } } : {}),
        }),
      };
    }),
);

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

describe('fuzz: Slack events endpoint', function () {
  this.timeout(FUZZ_TEST_TIMEOUT_MS);
  let s: FuzzServer;
  before(async () => {
    s = await startFuzzServer();
  });
  after(async () => s.stop());

  it('given 1,000 unsigned or badly signed malformed requests, then each gets its 4xx, nothing is stored and the server stays healthy', async () => {
    const before = stored(s.db);
    const apiCalls = s.slackApi.calls.length;
    await assertFuzz(
      fc.asyncProperty(unsignedRequest, async (r) => {
        const changes = changesSoFar(s.db);
        const answer = await send(s.url, r);
        const want = expectedStatus(r);
        if (want !== 200) expectClientError(answer, r);
        expect(answer.status, `${r.method} ${String(r.body).slice(0, 120)}`).to.equal(want);
        expect(changesSoFar(s.db), 'rows written').to.equal(changes);
      }),
    );
    expect(stored(s.db)).to.deep.equal(before);
    expect(s.slackApi.calls.length, 'Slack Web API calls').to.equal(apiCalls);
    await expectHealthy(s.url);
  });

  async function sendSigned(samples: { type: string; body: string }[]): Promise<string[]> {
    const failures: string[] = [];
    await inBatches(samples, SIGNED_IN_FLIGHT, async ({ type, body }) => {
      const timestamp = nowSeconds();
      const headers = {
        'content-type': type,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
      };
      const answer = await send(s.url, { method: 'POST', path: SLACK_EVENTS_PATH, headers, body });
      if (answer.status >= 500) failures.push(`${answer.status} for ${type} ${body.slice(0, 300)}`);
    });
    return failures;
  }

  it(`given ${SIGNED_SAMPLES} correctly signed bodies that are not Slack payloads, then none gets a 5xx or hangs, and nothing is stored`, async () => {
    const before = stored(s.db);
    const failures = await sendSigned(fuzzSample(signedJunk, SIGNED_SAMPLES));
    expect(failures, failures.slice(0, 5).join('\n')).to.deep.equal([]);
    expect(stored(s.db)).to.deep.equal(before);
    await expectHealthy(s.url);
  });

  it(`given ${SIGNED_SAMPLES} correctly signed Slack payloads from people nobody knows, with odd values, then none gets a 5xx or hangs, and nothing is stored`, async () => {
    const before = stored(s.db);
    const failures = await sendSigned(fuzzSample(signedRoutable, SIGNED_SAMPLES));
    expect(failures, failures.slice(0, 5).join('\n')).to.deep.equal([]);
    expect(stored(s.db)).to.deep.equal(before);
    await expectHealthy(s.url);
  });

  it('given a signed body of null, then it is refused with 400 and the server keeps running (Bolt alone threw outside any handler)', async () => {
    const body = 'null';
    const timestamp = nowSeconds();
    const headers = {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
    };
    const answer = await send(s.url, { method: 'POST', path: SLACK_EVENTS_PATH, headers, body });
    expect(answer.status).to.equal(400);
    expect(JSON.parse(answer.text)).to.include({ error: 'SLACK_PAYLOAD_MALFORMED' });
    await expectHealthy(s.url);
  });
});
