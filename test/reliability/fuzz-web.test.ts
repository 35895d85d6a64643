// The browser-facing endpoints under 1,000 generated malformed requests each: the playground's actions and directory
// search, the reports (with ADMIN_TOKEN, so sign-in is enforced) and the e-mail link pages. Each answer is a clear
// 4xx (or, for a read, a 200), never a 5xx or a hang; nothing is stored; /healthz still answers.
import { expect } from 'chai';
import fc from 'fast-check';
import { ACTION_IDS } from '../../src/cards/model.ts';
import { ACTION_BODY_LIMIT } from '../../src/platforms/web/routes.ts';
import { FORM_BODY_LIMIT } from '../../src/platforms/email/link-routes.ts';
import { DEMO_PEOPLE, DEMO_SERVICE_ID } from '../../src/directory-io/demo-directory.ts';
import { EmailLinkStore } from '../../src/platforms/email/link-store.ts';
import {
  changesSoFar,
  charsOf,
  expectClientError,
  expectHealthy,
  FUZZ_TEST_TIMEOUT_MS,
  headerValue,
  malformedBody,
  mostlyPost,
  otherMethod,
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

const ADMIN_TOKEN = 'fuzz-admin-token-0123456789abcdef0123456789';
const JSON_TYPE = 'application/json';
/** Actions that only show something (a card or a form) and may answer 200 without changing anything. */
const READ_ONLY = new Set([
  'open_handover',
  'introduce_start',
  'introduce_search',
  'decline',
  'pass',
  'snooze',
  'add_note',
  'opportunity_start',
  'introduce_to_opportunity',
  'withdraw',
  'reintroduce',
  'all_notes',
  'review_open',
]);
/**
 * A 200 is right for an action that only shows something, and for the named contact who declined pressing Decline
 * again on that introduction: a repeat of what already happened is answered with the card as it is, changing nothing.
 */
function answersWithoutChange(body: Record<string, unknown>): boolean {
  if (READ_ONLY.has(String(body.actionId))) return true;
  return body.actionId === 'decline_submit' && body.as === DEMO_PEOPLE.contact && body.subjectId === declinedId;
}
let declinedId = '';
const PEOPLE = Object.values(DEMO_PEOPLE) as string[];
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

async function act(s: FuzzServer, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${s.url}/playground/api/actions`, {
    method: 'POST',
    headers: { 'content-type': JSON_TYPE },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  expect(res.status, JSON.stringify(json)).to.equal(200);
  return json;
}

/** An introduction the named contact declined: finished, so no button by anyone may change it. */
async function declinedIntroduction(s: FuzzServer): Promise<{ id: string; version: number }> {
  await act(s, {
    as: DEMO_PEOPLE.introducer,
    actionId: 'introduce_submit',
    subjectId: DEMO_SERVICE_ID,
    inputs: {
      clientName: 'R.T.',
      needs: 'Help with anxiety',
      reasonForService: 'Local',
      contactMethod: 'Phone',
      consent: 'true',
    },
  });
  const { id } = s.db.prepare('SELECT id FROM handovers ORDER BY created_at DESC LIMIT 1').get() as { id: string };
  await act(s, {
    as: DEMO_PEOPLE.contact,
    actionId: 'decline_submit',
    subjectId: id,
    inputs: { reason: 'no_capacity' },
  });
  const row = s.db.prepare('SELECT state, version FROM handovers WHERE id = ?').get(id) as {
    state: string;
    version: number;
  };
  expect(row.state).to.equal('declined');
  return { id, version: row.version };
}

describe('fuzz: playground, reports and e-mail link pages', function () {
  this.timeout(FUZZ_TEST_TIMEOUT_MS);
  let s: FuzzServer;
  let declined: { id: string; version: number };
  let linkToken: string;
  before(async () => {
    s = await startFuzzServer({ ADMIN_TOKEN });
    declined = await declinedIntroduction(s);
    declinedId = declined.id;
    const links = new EmailLinkStore(s.db);
    linkToken = links.createLink({
      purpose: 'handover',
      handoverId: declined.id,
      personId: DEMO_PEOPLE.contact,
      address: 'sam@example.org',
      now: new Date(),
    }).token;
    await send(s.url, { method: 'GET', path: `/e/${linkToken}`, headers: {} }); // the first visit records when it was opened
  });
  after(async () => s.stop());

  /** Runs the property, then checks that no table changed and the server is healthy. */
  async function fuzz(
    arbitrary: fc.Arbitrary<FuzzRequest>,
    check: (r: FuzzRequest, status: number, text: string) => void,
  ): Promise<void> {
    const before = stored(s.db);
    await assertFuzz(
      fc.asyncProperty(arbitrary, async (r) => {
        const changes = changesSoFar(s.db);
        const answer = await send(s.url, r);
        expect(answer.status, `${r.method} ${r.path} → ${answer.status} ${answer.text.slice(0, 200)}`).to.be.below(500);
        check(r, answer.status, answer.text);
        expect(changesSoFar(s.db), `rows written by ${r.method} ${r.path} ${String(r.body).slice(0, 200)}`).to.equal(
          changes,
        );
      }),
    );
    expect(stored(s.db)).to.deep.equal(before);
    await expectHealthy(s.url);
  }

  it('POST /playground/api/actions: broken JSON, wrong types, unknown people and actions, stale versions on a finished introduction', async () => {
    const action = fc.record(
      {
        as: fc.oneof(fc.constantFrom(...PEOPLE), wrongValue),
        actionId: fc.oneof(fc.constantFrom(...ACTION_IDS), wrongValue),
        subjectId: fc.oneof(fc.constant(declined.id), wrongValue),
        version: fc.oneof(fc.integer({ min: 0, max: declined.version }), wrongValue),
        inputs: fc.oneof(
          fc.dictionary(
            fc.string({ maxLength: 12 }),
            fc.oneof(fc.string({ maxLength: 40 }), fc.boolean(), fc.integer()),
            { maxKeys: 6 },
          ),
          wrongValue,
        ),
      },
      { requiredKeys: [] },
    );
    const arbitrary = fc
      .record({
        method: mostlyPost,
        headers: randomHeaders,
        json: fc.boolean(),
        body: malformedBody(
          ACTION_BODY_LIMIT,
          fc.oneof(action, shapedObject(['as', 'actionId', 'subjectId', 'version', 'inputs'])),
        ),
      })
      .map(({ method, headers, json, body }) => ({
        method,
        path: '/playground/api/actions',
        headers: json ? { ...headers, 'content-type': JSON_TYPE } : headers,
        body: body.body,
      }));
    await fuzz(arbitrary, (r, status, text) => {
      if (r.method !== 'POST') return expect(status).to.equal(405);
      if (!String(r.headers['content-type'] ?? '').startsWith(JSON_TYPE)) return expect(status).to.equal(415);
      if (Buffer.byteLength(r.body ?? '') > ACTION_BODY_LIMIT) return expect(status).to.equal(413);
      if (status === 200)
        expect(answersWithoutChange(JSON.parse(String(r.body))), `200 for ${String(r.body).slice(0, 200)}`).to.equal(
          true,
        );
      else expectClientError({ status, text }, r);
    });
  });

  it('GET /playground/api/directory/search: odd queries, ages and methods', async () => {
    const query = fc
      .dictionary(
        fc.constantFrom('q', 'area', 'age', 'as', 'x'),
        fc.oneof(fc.string({ maxLength: 300 }), fc.integer().map(String)),
        { maxKeys: 4 },
      )
      .map((d) => new URLSearchParams(d).toString());
    const arbitrary = fc
      .record({
        method: fc.oneof(
          { weight: 4, arbitrary: fc.constant('GET') },
          { weight: 1, arbitrary: otherMethod.filter((m) => m !== 'GET') },
        ),
        headers: randomHeaders,
        query,
      })
      .map(({ method, headers, query: q }) => ({
        method: method === 'HEAD' ? 'POST' : method,
        path: `/playground/api/directory/search?${q}`,
        headers,
        body: 'x',
      }));
    await fuzz(arbitrary, (r, status, text) => {
      if (r.method !== 'GET') return expect(status).to.equal(405);
      if (status !== 200) expectClientError({ status, text }, r);
    });
  });

  it('/reports/*: without signing in everything is 401 (or 404/405), whatever the cookie, token, path or filter', async () => {
    const path = fc.oneof(
      fc.constantFrom('/reports', '/reports/data.json', '/reports/export.csv', '/reports/sign-in', '/reports/sign-out'),
      charsOf('abcdefghijklmnopqrstuvwxyz./-_%', { maxLength: 20 }).map((p) => `/reports/${p}`),
    );
    const query = fc
      .dictionary(
        fc.constantFrom('from', 'to', 'service', 'organisation', 'category', 'table'),
        fc.string({ maxLength: 30 }),
        { maxKeys: 4 },
      )
      .map((d) => new URLSearchParams(d).toString());
    const arbitrary = fc
      .record({
        method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD'),
        path,
        query,
        headers: randomHeaders,
        auth: fc.option(
          fc.oneof(
            headerValue,
            headerValue.map((t) => `Bearer ${t}`),
            fc.constant(`Bearer ${ADMIN_TOKEN}x`),
          ),
          { nil: undefined },
        ),
        body: malformedBody(
          8 * 1024,
          fc.string().map((t) => `token=${encodeURIComponent(t)}`),
        ),
      })
      .map(({ method, path: p, query: q, headers, auth, body }) => ({
        method,
        path: `${p}?${q}`,
        headers: auth ? { ...headers, authorization: auth } : headers,
        body: body.body,
      }));
    await fuzz(arbitrary, (r, status, text) => {
      // fetch resolves "." and ".." segments before sending, as browsers do: "/reports/.." asks for "/", not a reports page.
      const page = new URL(r.path, 'http://localhost').pathname;
      if (page !== '/reports' && !page.startsWith('/reports/')) return expect(status).to.be.below(500);
      const signInForm = page === '/reports/sign-in' && r.method === 'GET';
      const asset = page.startsWith('/reports/assets/') && r.method === 'GET';
      const signOut = page === '/reports/sign-out' && r.method === 'POST';
      if (signInForm || asset) return;
      if (signOut) return expect(status).to.equal(303);
      expectClientError({ status, text }, r);
    });
  });

  it('/e/*: unknown, malformed and real link tokens with any step, method, form or cookie', async () => {
    const token = fc.oneof(
      fc.constant(linkToken),
      charsOf(BASE64URL, { minLength: 43, maxLength: 43 }),
      fc.string({ maxLength: 60 }).map(encodeURIComponent),
    );
    const step = fc.constantFrom('', '/action', '/verify', '/code', '/x', '/action/extra', '/');
    const arbitrary = fc
      .record({
        method: fc.oneof({ weight: 3, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: otherMethod }),
        token,
        step,
        headers: randomHeaders,
        body: malformedBody(FORM_BODY_LIMIT, shapedObject(['csrf', 'actionId', 'version', 'code', 'reason', 'note'])),
        form: fc.boolean(),
      })
      .map(({ method, token: t, step: st, headers, body, form }) => ({
        method,
        path: `/e/${t}${st}`,
        headers: form ? { ...headers, 'content-type': 'application/x-www-form-urlencoded' } : headers,
        body: body.body,
      }))
      .filter(
        (r) =>
          // A real link's own buttons are not fuzzed here: sending a code mails a person, and typing codes counts
          // towards the link's lock-out, both on purpose.
          !(
            r.method === 'POST' &&
            (r.path.startsWith(`/e/${linkToken}/code`) ||
              (r.path.startsWith(`/e/${linkToken}/verify`) &&
                r.headers['content-type']?.startsWith('application/x-www-form-urlencoded')))
          ),
      );
    await fuzz(arbitrary, (r, status, text) => {
      const opensRealLink = r.method === 'GET' && (r.path === `/e/${linkToken}` || r.path === `/e/${linkToken}/`);
      if (!opensRealLink) expectClientError({ status, text }, r);
    });
    expect(s.smtp.mails, 'mails sent').to.have.length(0);
  });
});
