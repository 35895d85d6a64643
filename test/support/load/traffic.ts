// Mixed traffic at a fixed overall rate, one autocannon per kind (so each kind has its own p50/p99):
// signed Slack block_actions clicks, Teams adaptiveCard/action invokes, playground actions, directory searches and
// playground introductions. Every request that got a 2xx is recorded as acknowledged, with what it asked for.
import autocannon from 'autocannon';
import { DEMO_PEOPLE } from '../../../src/directory-io/demo-directory.ts';
import { blockAction } from '../slack-payloads.ts';
import { FORM, interactionBody, signedHeaders } from '../slack-sign.ts';
import { activity } from '../../fixtures/teams/activities.ts';
import { CONTACT, type Plan, type Target } from './prepare.ts';

export type Kind = 'slack_click' | 'teams_invoke' | 'web_action' | 'directory_search' | 'web_introduce';
export const SHARES: Record<Kind, number> = {
  slack_click: 0.3,
  teams_invoke: 0.25,
  web_action: 0.25,
  directory_search: 0.15,
  web_introduce: 0.05,
};
const REQUESTS_PER_CONNECTION_PER_SECOND = 4;
const SEARCH_WORDS = ['anxiety', 'housing', 'debt', 'work', 'food', 'carer', 'english', 'sleep', 'money', 'youth'];
const TIMEOUT_SECONDS = 10;
/** Shared by every run in this process, so each introduction's client name is unique in the file. */
let introductions = 0;

export interface Ack {
  kind: Kind;
  status: number;
  target?: Target;
  clientName?: string;
}
export interface KindResult {
  kind: Kind;
  sent: number;
  ok: number;
  c4xx: number;
  c5xx: number;
  errors: number;
  p50: number;
  p99: number;
}
export interface TrafficResult {
  kinds: KindResult[];
  acks: Ack[];
}
export interface TrafficOptions {
  url: string;
  connectorUrl: string;
  rate: number;
  seconds: number;
  plan: Plan;
  serviceIds: string[] /** Filled as responses arrive. */;
  acks?: Ack[];
}

type Built = { body: string; headers: Record<string, string>; target?: Target; clientName?: string };
type Builder = () => Built | null;

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Takes targets off the list, so a later run (after a warm-up) never repeats one. */
function from<T>(list: T[]): () => T | undefined {
  return () => list.shift();
}

function builders(
  o: TrafficOptions,
): Record<Kind, { path: string; method: 'GET' | 'POST'; next: Builder; url?: () => string }> {
  const slack = from(o.plan.targets.slack);
  const teams = from(o.plan.targets.teams);
  const web = from(o.plan.targets.web);
  let searches = 0;
  const teamsUser = {
    aadObjectId: CONTACT.aadObjectId,
    teamsUserId: CONTACT.teamsUserId,
    conversationId: 'a:1on1-sam',
  };
  return {
    slack_click: {
      path: '/slack/events',
      method: 'POST',
      next: () => {
        const t = slack();
        if (!t) return null;
        const body = interactionBody(blockAction(CONTACT.slackUserId, t.actionId, { s: t.handoverId, v: t.version }));
        return { body, headers: signedHeaders(body, FORM), target: t };
      },
    },
    teams_invoke: {
      path: '/api/messages',
      method: 'POST',
      next: () => {
        const t = teams();
        if (!t) return null;
        const a = activity('invoke-adaptive-card-action', teamsUser, o.connectorUrl, {
          verb: t.actionId,
          subjectId: t.handoverId,
        });
        (a.value as { action: { data: Record<string, unknown> } }).action.data.version = t.version;
        return { body: JSON.stringify(a), headers: JSON_HEADERS, target: t };
      },
    },
    web_action: {
      path: '/playground/api/actions',
      method: 'POST',
      next: () => {
        const t = web();
        if (!t) return null;
        return {
          body: JSON.stringify({
            as: CONTACT.personId,
            actionId: t.actionId,
            subjectId: t.handoverId,
            version: t.version,
          }),
          headers: JSON_HEADERS,
          target: t,
        };
      },
    },
    directory_search: {
      path: '/playground/api/directory/search',
      method: 'GET',
      next: () => ({ body: '', headers: {} }),
      url: () => `/playground/api/directory/search?q=${SEARCH_WORDS[searches++ % SEARCH_WORDS.length]}`,
    },
    web_introduce: {
      path: '/playground/api/actions',
      method: 'POST',
      next: () => {
        const clientName = `I.${introductions}`;
        const serviceId = o.serviceIds[introductions++ % o.serviceIds.length];
        const inputs = {
          clientName,
          needs: 'Needs help with money worries.',
          reasonForService: 'Local and free.',
          contactMethod: 'Phone',
          consent: 'true',
          contactDetails: '07700 900123',
        };
        return {
          body: JSON.stringify({
            as: DEMO_PEOPLE.introducer,
            actionId: 'introduce_submit',
            subjectId: serviceId,
            inputs,
          }),
          headers: JSON_HEADERS,
          clientName,
        };
      },
    },
  };
}

function runKind(
  kind: Kind,
  o: TrafficOptions,
  b: ReturnType<typeof builders>[Kind],
  acks: Ack[],
): Promise<KindResult> {
  const rate = Math.max(1, Math.round(o.rate * SHARES[kind]));
  const connections = Math.max(1, Math.ceil(rate / REQUESTS_PER_CONNECTION_PER_SECOND));
  type Ctx = { built?: Built };
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${o.url}${b.path}`,
        method: b.method,
        connections,
        overallRate: rate,
        duration: o.seconds,
        timeout: TIMEOUT_SECONDS,
        requests: [
          {
            setupRequest: (req, context: Ctx) => {
              const built = b.next();
              context.built = built ?? undefined;
              if (!built) return req; // pool used up: repeat a harmless search-like request is not possible, so resend nothing new
              return {
                ...req,
                path: b.url ? b.url() : b.path,
                body: built.body || undefined,
                headers: { ...req.headers, ...built.headers },
              };
            },
            onResponse: (status, _body, context: Ctx) => {
              if (status >= 200 && status < 300 && (context.built?.target || context.built?.clientName))
                acks.push({ kind, status, target: context.built!.target, clientName: context.built!.clientName });
            },
          },
        ],
      },
      (err, r) => {
        if (err) return reject(err);
        resolve({
          kind,
          sent: r.requests.sent,
          ok: r['2xx'],
          c4xx: r['4xx'],
          c5xx: r['5xx'],
          errors: r.errors + r.timeouts,
          p50: r.latency.p50,
          p99: r.latency.p99,
        });
      },
    );
  });
}

/** Runs every kind at its share of the rate for `seconds`, all at once. */
export async function runTraffic(o: TrafficOptions): Promise<TrafficResult> {
  const acks: Ack[] = o.acks ?? [];
  const b = builders(o);
  const kinds = await Promise.all((Object.keys(SHARES) as Kind[]).map((k) => runKind(k, o, b[k], acks)));
  return { kinds, acks };
}

/** How many prepared targets each clicking channel needs for `rate` × `seconds` (with room for warm-up). */
export function targetsNeeded(rate: number, seconds: number): number {
  const perSecond = Math.max(SHARES.slack_click, SHARES.teams_invoke, SHARES.web_action) * rate;
  return Math.ceil(perSecond * seconds * 1.3) + 20;
}
