// POST /api/messages under 1,000 generated malformed requests, twice: Teams on without authentication (TEAMS=on, local
// development) and with an app id, where every request must carry a Bot Framework token. Malformed → a clear 4xx;
// with an app id, anything unsigned → 401/403 too; never a 5xx, never a hang, nothing stored, /healthz still answers.
import { expect } from 'chai';
import fc from 'fast-check';
import { MAX_ACTIVITY_BYTES, TEAMS_PATH } from '../../src/platforms/teams/teams-platform.ts';
import { activity, APP_ID, TEAMS_USERS, TENANT_ID, type ActivityFixture } from '../fixtures/teams/activities.ts';
import {
  changesSoFar,
  expectClientError,
  expectHealthy,
  FUZZ_TEST_TIMEOUT_MS,
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

const ACTIVITY_FIELDS = [
  'type',
  'id',
  'name',
  'serviceUrl',
  'channelId',
  'from',
  'recipient',
  'conversation',
  'value',
  'text',
  'channelData',
  'membersAdded',
  'membersRemoved',
  'entities',
  'replyToId',
  'action',
];
const FIXTURES: ActivityFixture[] = [
  'message',
  'installation-update-add',
  'conversation-update-install',
  'invoke-adaptive-card-action',
  'compose-extension-fetch-task',
  'compose-extension-submit-action',
  'task-fetch',
  'task-submit',
];

/** Activity fields with values of any type. */
const shapedActivity = fc.oneof(
  shapedObject(ACTIVITY_FIELDS),
  fc.record({
    type: fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate', 'event'),
    from: wrongValue,
    conversation: wrongValue,
    value: wrongValue,
    serviceUrl: wrongValue,
  }),
);

/** A real activity from someone nobody knows, with one to three of its fields replaced by odd values. */
function nearlyValid(serviceUrl: string): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      fixture: fc.constantFrom(...FIXTURES),
      aad: fc.uuid(),
      changes: fc.array(
        fc.tuple(
          fc.constantFrom(
            ...ACTIVITY_FIELDS,
            'value.action',
            'value.action.data',
            'value.data',
            'from.aadObjectId',
            'conversation.id',
          ),
          wrongValue,
        ),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map(({ fixture, aad, changes }) => {
      const a = activity(
        fixture,
        { ...TEAMS_USERS.jo, aadObjectId: aad, teamsUserId: `29:${aad}` },
        serviceUrl,
      ) as Record<string, unknown>;
      for (const [path, value] of changes) {
        const keys = path.split('.');
        let at: Record<string, unknown> = a;
        for (const k of keys.slice(0, -1)) {
          if (!at[k] || typeof at[k] !== 'object') at[k] = {};
          at = at[k] as Record<string, unknown>;
        }
        at[keys[keys.length - 1]] = value;
      }
      return a;
    });
}

function requests(serviceUrl: string): fc.Arbitrary<FuzzRequest & { nearlyValid: boolean }> {
  return fc
    .record({
      method: mostlyPost,
      headers: randomHeaders,
      body: fc.oneof(
        {
          weight: 3,
          arbitrary: malformedBody(MAX_ACTIVITY_BYTES, shapedActivity).map((b) => ({
            body: b.body,
            nearlyValid: false,
          })),
        },
        { weight: 1, arbitrary: nearlyValid(serviceUrl).map((a) => ({ body: JSON.stringify(a), nearlyValid: true })) },
      ),
    })
    .map(({ method, headers, body }) => ({
      method,
      path: TEAMS_PATH,
      headers,
      body: body.body,
      nearlyValid: body.nearlyValid,
    }));
}

function describeRequest(r: FuzzRequest, status: number, text: string): string {
  return `${r.method} → ${status} ${text.slice(0, 160)}\n  body: ${String(r.body).slice(0, 400)}`;
}

describe('fuzz: Teams /api/messages', function () {
  this.timeout(FUZZ_TEST_TIMEOUT_MS);

  async function fuzz(
    s: FuzzServer,
    check: (r: FuzzRequest & { nearlyValid: boolean }, status: number, text: string) => void,
  ): Promise<void> {
    const before = stored(s.db);
    await assertFuzz(
      fc.asyncProperty(requests(s.connector.url), async (r) => {
        const changes = changesSoFar(s.db);
        const answer = await send(s.url, r);
        expect(answer.status, describeRequest(r, answer.status, answer.text)).to.be.below(500);
        if (r.method !== 'POST') expect(answer.status).to.equal(405);
        else if (Buffer.byteLength(r.body ?? '') > MAX_ACTIVITY_BYTES) expect(answer.status).to.equal(413);
        check(r, answer.status, answer.text);
        expect(changesSoFar(s.db), `rows written: ${describeRequest(r, answer.status, answer.text)}`).to.equal(changes);
      }),
    );
    expect(stored(s.db)).to.deep.equal(before);
    await expectHealthy(s.url);
  }

  describe('without authentication (TEAMS=on, local development)', () => {
    let s: FuzzServer;
    before(async () => {
      s = await startFuzzServer({ TEAMS: 'on' });
    });
    after(async () => s.stop());

    it('given 1,000 malformed or odd activities, then malformed ones get a 4xx, none a 5xx, and nothing is stored', async () => {
      await fuzz(s, (r, status, text) => {
        if (!r.nearlyValid) expectClientError({ status, text }, r);
      });
    });
  });

  describe('with an app id (every request must be signed)', () => {
    let s: FuzzServer;
    before(async () => {
      s = await startFuzzServer({
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
        MICROSOFT_APP_TENANT_ID: TENANT_ID,
      });
    });
    after(async () => s.stop());

    it('given 1,000 unsigned or badly signed requests, then each gets a 4xx, nothing is stored and nothing is sent', async () => {
      await fuzz(s, (r, status, text) => expectClientError({ status, text }, r));
      expect(s.connector.calls, 'Bot Connector calls').to.have.length(0);
    });
  });
});
