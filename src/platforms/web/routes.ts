// The playground's JSON API: who can I be, my inbox, live updates (server-sent events), actions,
// directory search and the channel. Every body is read with a size limit; bad input → a clear 4xx.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ActionResult } from '../../app/actions/handle-action.ts';
import type { PlatformContext } from '../../app/platform-context.ts';
import { MAX_ACTION_KEY_LENGTH } from '../../app/press.ts';
import { toAdaptiveCard } from '../../cards/adaptive.ts';
import { formatWhen } from '../../cards/format.ts';
import { HttpError, readJsonBody, sendJson } from '../../http/body.ts';
import { DEMO_PEOPLE } from '../../directory-io/demo-directory.ts';
import { demoLabel, PERSONA_GROUP_LABELS, personaGroup, type PersonaGroup } from './tour.ts';
import { channelConversation, personConversation, type WebMessage } from './message-store.ts';
import type { WebMessenger } from './web-messenger.ts';
import { inboxMessageLabel } from './message-label.ts';
import { staleAnswer } from './stale-form.ts';
import { buildMyIntroductionsCard } from '../../cards/my-introductions-card.ts';

export const ACTION_BODY_LIMIT = 64 * 1024;
export const SSE_HEARTBEAT_MS = 20_000;
const MAX_INPUTS = 40;
const MAX_INPUT_CHARS = 20_000;
const MAX_PEOPLE = 50;

const ActionBody = z.object({
  as: z.string({ message: 'Say who you are ("as").' }).trim().min(1, 'Say who you are ("as").').max(100),
  actionId: z
    .string({ message: 'Say which button was pressed ("actionId").' })
    .min(1, 'Say which button was pressed ("actionId").')
    .max(60),
  subjectId: z
    .string({ message: 'Say what the button is about ("subjectId").' })
    .min(1, 'Say what the button is about ("subjectId").')
    .max(200),
  version: z.number().int().min(0).optional(),
  key: z.string().min(1).max(MAX_ACTION_KEY_LENGTH).optional(),
  inputs: z
    .record(z.string().max(60), z.union([z.string().max(MAX_INPUT_CHARS), z.boolean(), z.number()]))
    .refine((r) => Object.keys(r).length <= MAX_INPUTS, `At most ${MAX_INPUTS} inputs.`)
    .optional(),
});

const GROUP_ORDER = Object.keys(PERSONA_GROUP_LABELS) as PersonaGroup[];

export interface RouteDeps extends PlatformContext {
  messenger: WebMessenger;
}

export interface MessageJson {
  id: string;
  createdAt: string;
  updatedAt: string;
  when: string;
  kind: string;
  subjectId: string | null;
  summary: string;
  /** The message's accessible name: distinct per message (who, which client, which state). */
  label: string;
  card: Record<string, unknown>;
}

export function messageJson(m: WebMessage, timeZone: string, label = m.card.summary, now?: Date): MessageJson {
  return {
    id: m.id,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    when: formatWhen(m.updatedAt, timeZone, now),
    kind: m.card.kind,
    subjectId: m.subjectId,
    summary: m.card.summary,
    label,
    card: toAdaptiveCard(m.card),
  };
}

function inboxJson(deps: RouteDeps, m: WebMessage, zone: string, personId: string): MessageJson {
  return messageJson(m, zone, inboxMessageLabel(deps.cards, m, personId), deps.clock.now());
}

function who(deps: RouteDeps, url: URL): string {
  const as = url.searchParams.get('as')?.trim() ?? '';
  if (!as) throw new HttpError(400, 'Say who you are with ?as=PERSON_ID.', 'AS_MISSING');
  if (as.length > 100 || !deps.people.get(as))
    throw new HttpError(404, `Nobody with the id "${as.slice(0, 100)}" is in the directory.`, 'PERSON_UNKNOWN');
  return as;
}

export interface CoordinatorLink {
  href: string;
  text: string;
}

/** Everyone who can be played, grouped by what they do (demo cast first), and the pages a coordinator can open. */
export function listPeople(deps: RouteDeps, res: ServerResponse, coordinatorLinks: CoordinatorLink[] = []): void {
  const order = Object.values(DEMO_PEOPLE) as string[];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const contactRoles = new Set(deps.directory.all().flatMap((s) => s.contacts.map((c) => `${c.role}:${c.personId}`)));
  const people = deps.people
    .all()
    .filter((p) => p.identities.some((i) => i.platform === 'web'))
    .map((p) => ({ p, group: personaGroup(p, contactRoles) }))
    .sort(
      (a, b) =>
        GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) ||
        rank(a.p.id) - rank(b.p.id) ||
        a.p.name.localeCompare(b.p.name),
    )
    .slice(0, MAX_PEOPLE)
    .map(({ p, group }) => ({
      id: p.id,
      name: p.name,
      organisation: p.organisation,
      role: p.role,
      label: demoLabel(p.id),
      group,
      groupLabel: PERSONA_GROUP_LABELS[group],
      isCoordinator: p.isCoordinator,
    }));
  sendJson(res, 200, { people, coordinatorLinks });
}

/** "My introductions" for the person themselves (their inbox is their direct messages): client names appear here. */
export function mine(deps: RouteDeps, res: ServerResponse, url: URL): void {
  const as = who(deps, url);
  const card = buildMyIntroductionsCard(deps.myIntroductions(as), deps.cards.timeZoneOf(as));
  sendJson(res, 200, { summary: card.summary, card: toAdaptiveCard(card) });
}

export function inbox(deps: RouteDeps, res: ServerResponse, url: URL): void {
  const as = who(deps, url);
  const zone = deps.cards.timeZoneOf(as);
  const person = deps.people.get(as)!;
  sendJson(res, 200, {
    person: { id: person.id, name: person.name, organisation: person.organisation, role: person.role },
    messages: deps.messenger.list(personConversation(as)).map((m) => inboxJson(deps, m, zone, as)),
  });
}

/** The peer-group channels (registered web peer groups, and any channel that has messages), with their messages. */
export function channel(deps: RouteDeps, res: ServerResponse, url: URL): void {
  const zone = deps.cards.timeZoneOf(url.searchParams.get('as') ?? undefined);
  const names = new Map(deps.opportunities.peerGroups('web').map((g) => [g.channelId, g.name]));
  const ids = [...new Set([...names.keys(), ...deps.messenger.channels()])];
  const channels = ids.map((id) => ({
    id,
    name: names.get(id) ?? id,
    messages: deps.messenger
      .list(channelConversation(id))
      .map((m) => messageJson(m, zone, undefined, deps.clock.now())),
  }));
  sendJson(res, 200, { channels });
}

export function search(deps: RouteDeps, res: ServerResponse, url: URL): void {
  const q = (url.searchParams.get('q') ?? '').slice(0, 200);
  const area = (url.searchParams.get('area') ?? '').slice(0, 40);
  const age = url.searchParams.get('age') ?? '';
  if (age && !/^\d{1,3}$/.test(age.trim()))
    throw new HttpError(400, 'Age must be a whole number of years, like 19.', 'BAD_AGE');
  const results = deps.directory.searchAsTyped({ q, area, age });
  sendJson(res, 200, { results });
}

function resultJson(result: ActionResult): { status: number; body: Record<string, unknown> } {
  if (result.kind === 'error') {
    return {
      status: 422,
      body: {
        kind: 'error',
        message: result.message,
        fields: result.fields,
        form: result.form ? toAdaptiveCard(result.form) : null,
      },
    };
  }
  return {
    status: 200,
    body: { kind: result.kind, card: toAdaptiveCard(result.card), subjectId: result.card.subjectId ?? null },
  };
}

export async function action(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/json'))
    throw new HttpError(415, 'Send the action as JSON (content-type: application/json).', 'NOT_JSON');
  const parsed = ActionBody.safeParse(await readJsonBody(req, ACTION_BODY_LIMIT));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new HttpError(
      400,
      `${first.message}${first.path.length ? ` (at ${first.path.join('.')})` : ''}`,
      'BAD_ACTION',
    );
  }
  const b = parsed.data;
  if (!deps.people.get(b.as))
    throw new HttpError(404, `Nobody with the id "${b.as}" is in the directory.`, 'PERSON_UNKNOWN');
  const { result, changed } = deps.runActionTracked({
    actorId: b.as,
    actionId: b.actionId,
    subjectId: b.subjectId,
    version: b.version,
    inputs: b.inputs,
    key: b.key,
  });
  // A press that changed something shows the person is here; refused and look-only presses store nothing at all.
  if (changed) deps.recordSeen(b.as, 'web');
  const out = staleAnswer(deps, b.as, b, result) ?? resultJson(result);
  sendJson(res, out.status, out.body);
}

/** Server-sent events: every new or updated message for this person, as it happens. */
export function events(
  deps: RouteDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  open: Set<ServerResponse>,
): void {
  const as = who(deps, url);
  const zone = deps.cards.timeZoneOf(as);
  const stopPerson = deps.messenger.subscribe(personConversation(as), (m) => {
    res.write(`event: message\ndata: ${JSON.stringify(inboxJson(deps, m, zone, as))}\n\n`);
  });
  let stopChannels: () => void;
  try {
    // Channel cards (opportunities, digests) go to the channel view, never into the inbox.
    stopChannels = deps.messenger.subscribeChannels((m) => {
      const channelId = m.conversation.slice(channelConversation('').length);
      res.write(
        `event: channel\ndata: ${JSON.stringify({ ...messageJson(m, zone, undefined, deps.clock.now()), channelId })}\n\n`,
      );
    });
  } catch (err) {
    stopPerson();
    throw err;
  }
  const stop = () => {
    stopPerson();
    stopChannels();
  };
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
  });
  res.write('retry: 2000\n\n: connected\n\n');
  const beat = setInterval(() => res.write(': ping\n\n'), SSE_HEARTBEAT_MS);
  beat.unref();
  open.add(res);
  const end = () => {
    clearInterval(beat);
    stop();
    open.delete(res);
  };
  req.on('close', end);
  res.on('close', end);
}
