// `npm run cards:render`: one example of every card kind, for each person who sees it, as each platform shows it,
// written under cards/ (see cards/README.md). The examples come from the shared test factory on a fixed clock, and
// generated ids are replaced by fixed ones, so the output changes only when a card does.
// test/unit/rendered-cards.test.ts fails when the files under cards/ differ from what this renders.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { myIntroductions } from '../src/app/my-introductions.ts';
import { buildAdaptiveCard } from '../src/cards/adaptive.ts';
import { buildNotesCard } from '../src/cards/handover-text.ts';
import { buildMyIntroductionsCard } from '../src/cards/my-introductions-card.ts';
import { buildChannelWelcomeCard, buildPersonalWelcomeCard } from '../src/cards/welcome-card.ts';
import { formatWhen } from '../src/cards/format.ts';
import type { Card, CardRequest } from '../src/cards/model.ts';
import { buildOpportunityCard } from '../src/cards/opportunity-card.ts';
import { buildPostOpportunityForm } from '../src/cards/post-opportunity-form.ts';
import { cardFormHtml } from '../src/platforms/email/card-html.ts';
import { composeMail, linkLabel, linkTargets } from '../src/platforms/email/compose-mail.ts';
import { LINK_TTL_MS } from '../src/platforms/email/link-store.ts';
import { mailHtml } from '../src/platforms/email/render-mail.ts';
import { cardToMessage, cardToModal } from '../src/platforms/slack/blocks.ts';
import { chatCard } from '../src/platforms/teams/adaptive-teams.ts';
import { makeCardWorld } from '../test/support/card-world.ts';
import { FixedClock, introduceInput, PEOPLE } from '../test/support/make.ts';

export const CARDS_DIR = join(import.meta.dirname, '..', 'cards');
export const PLATFORM_DIRS = ['teams', 'web', 'slack', 'email'] as const;

/** Who sees an example, as a word for its file name. */
type Viewer = 'named-contact' | 'backup-contact' | 'introducer' | 'coordinator' | 'channel' | 'poster';

interface Example {
  name: string;
  viewer: Viewer;
  viewerName: string;
  card: Card;
}

const FORM_KINDS = new Set([
  'decline_form',
  'pass_form',
  'snooze_form',
  'note_form',
  'introduce_form',
  'opportunity_form',
  'withdraw_form',
  'notes',
]);

function examples(): Example[] {
  const w = makeCardWorld();
  try {
    const sent = w.handoverService.introduce('jo', introduceInput());
    const accepted = w.handoverService.introduce('jo', introduceInput({ clientName: 'A.B.' }));
    w.handoverService.act(accepted.id, { type: 'accept', actorId: 'sam' });
    const declined = w.handoverService.introduce('jo', introduceInput({ clientName: 'C.D.' }));
    w.handoverService.act(declined.id, { type: 'decline', actorId: 'sam', reason: 'no_capacity' });
    const asked = w.handoverService.introduce('jo', introduceInput({ clientName: 'E.F.' }));
    w.handoverService.act(asked.id, { type: 'accept', actorId: 'sam' });
    w.handoverService.act(asked.id, { type: 'add_note', actorId: 'sam', text: 'First session booked for Thursday.' });
    w.handoverService.act(asked.id, { type: 'ask_outcome', actorId: 'system' });
    const compose = (r: CardRequest) => {
      const card = w.cards.compose(r);
      if (!card) throw new Error(`No card for ${JSON.stringify(r)}`);
      return card;
    };
    const out: Example[] = [];
    const add = (name: string, viewer: Viewer, viewerName: string, card: Card) =>
      out.push({ name, viewer, viewerName, card });
    /** A composed card as `who` sees it, named after its kind unless `name` says otherwise. */
    const addFor = (
      viewer: Viewer,
      who: keyof typeof PEOPLE,
      r: Omit<CardRequest, 'viewerId'>,
      name: string = r.kind,
    ) => add(name, viewer, PEOPLE[who].name, compose({ ...r, viewerId: who }));
    addFor('named-contact', 'sam', { kind: 'introduction', subjectId: sent.id });
    addFor('introducer', 'jo', { kind: 'receipt', subjectId: sent.id });
    addFor('named-contact', 'sam', { kind: 'decline_form', subjectId: sent.id });
    addFor('named-contact', 'sam', { kind: 'pass_form', subjectId: sent.id });
    addFor('named-contact', 'sam', { kind: 'nudge', subjectId: sent.id });
    addFor('backup-contact', 'alex', { kind: 'escalation', subjectId: sent.id });
    addFor('introducer', 'jo', { kind: 'escalation', subjectId: sent.id });
    add('escalation', 'channel', 'the service channel', compose({ kind: 'escalation', subjectId: sent.id }));
    addFor('named-contact', 'sam', { kind: 'accepted', subjectId: accepted.id });
    addFor('named-contact', 'sam', { kind: 'snooze_form', subjectId: accepted.id });
    addFor('introducer', 'jo', { kind: 'note_form', subjectId: accepted.id });
    addFor('introducer', 'jo', { kind: 'outcome', subjectId: declined.id });
    addFor('introducer', 'jo', { kind: 'introduce_form', subjectId: 'svc-mind-lambeth' });
    addFor('named-contact', 'sam', { kind: 'digest', subjectId: 'digest:sam:2026-11-23' });
    add(
      'outcome_question',
      'introducer',
      PEOPLE.jo.name,
      compose({ kind: 'outcome', subjectId: asked.id, viewerId: 'jo', params: { reason: 'outcome_question' } }),
    );
    add(
      'status_update',
      'introducer',
      PEOPLE.jo.name,
      compose({
        kind: 'status_update',
        subjectId: accepted.id,
        viewerId: 'jo',
        params: { event: 'accepted', actorId: 'sam' },
      }),
    );
    addFor('introducer', 'jo', { kind: 'withdraw_form', subjectId: sent.id });
    add('notes', 'introducer', PEOPLE.jo.name, buildNotesCard(w.cards.view(asked.id, 'jo')!));
    add(
      'my_introductions',
      'named-contact',
      PEOPLE.sam.name,
      buildMyIntroductionsCard(myIntroductions(w, 'sam'), 'Europe/London'),
    );
    add(
      'welcome',
      'named-contact',
      PEOPLE.sam.name,
      buildPersonalWelcomeCard({
        name: PEOPLE.sam.name,
        my: myIntroductions(w, 'sam'),
        timeZone: 'Europe/London',
        opportunityScope: 'web',
      }),
    );
    add('welcome', 'channel', 'a team channel', buildChannelWelcomeCard({ peerGroup: true, opportunityScope: 'web' }));
    addFor('coordinator', 'sam', { kind: 'review_request', subjectId: 'svc-mind-lambeth' });
    add(
      'notice',
      'coordinator',
      PEOPLE.pat.name,
      compose({
        kind: 'notice',
        subjectId: 'example',
        params: {
          title: 'Warm Handover was removed from Slack',
          text: 'The Lambeth Council workspace removed the app; its people are reached by e-mail until it is added again.',
        },
      }),
    );
    add(
      'opportunity',
      'channel',
      'the peer group',
      buildOpportunityCard(
        {
          opportunity: {
            id: 'O-EXAMPLE-0001',
            title: 'Barista skills course',
            provider: 'Lambeth College',
            type: 'course',
            summary: 'Six weeks, certificate at the end.',
            dates: 'Tuesdays 10:00-12:00 from 12 January',
            deadline: '2026-12-02T00:00:00.000Z',
            whoFor: 'Adults 19+ out of work',
            howToJoin: 'Introduce a client here',
            postedBy: 'jo',
            contactId: 'sam',
            serviceId: 'svc-mind-lambeth',
            status: 'open',
            createdAt: '2026-11-20T10:00:00.000Z',
            closedAt: null,
            closedBy: null,
            closeReason: null,
          },
          contactName: PEOPLE.sam.name,
          contactOrganisation: 'Lambeth College',
          serviceName: 'Back to work courses',
          postedByName: PEOPLE.jo.name,
          closedByName: null,
        },
        { now: w.clock.now(), timeZone: 'Europe/London' },
      ),
    );
    add(
      'opportunity_form',
      'poster',
      PEOPLE.jo.name,
      buildPostOpportunityForm({
        scope: { platform: 'web' },
        today: '2026-11-23',
        channels: [{ value: 'peer-lambeth', label: 'Lambeth employment support' }],
        services: [{ value: 'svc-mind-lambeth', label: 'Wellbeing Hub (Mind in Lambeth)' }],
      }),
    );
    return fixIds(out, [sent.id, accepted.id, declined.id, asked.id]);
  } finally {
    w.cleanup();
  }
}

/** Generated handover ids become H-EXAMPLE-1, -2, -3, so a new run writes the same files. */
function fixIds(list: Example[], ids: string[]): Example[] {
  return list.map((e) => {
    let json = JSON.stringify(e.card);
    ids.forEach((id, i) => {
      json = json.split(id).join(`H-EXAMPLE-${i + 1}`);
    });
    return { ...e, card: JSON.parse(json) as Card };
  });
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function emailHtml(e: Example): string {
  if (FORM_KINDS.has(e.card.kind) || e.viewer === 'channel') {
    return cardFormHtml(e.card, { actionUrl: '/e/EXAMPLE/action', csrf: 'EXAMPLE', subjectId: e.card.subjectId ?? '' });
  }
  const until = formatWhen(new Date(new FixedClock().now().getTime() + LINK_TTL_MS).toISOString(), 'Europe/London');
  const targets = linkTargets(e.card, (id) => id.startsWith('H-'));
  const links = targets.map((t, i) => ({
    url: `https://handover.example.org/e/EXAMPLE-${i + 1}`,
    label: linkLabel(e.card, t),
    note: `This link works until ${until}.`,
  }));
  return mailHtml(
    composeMail(
      e.card,
      e.viewerName,
      links,
      targets.some((t) => t.handoverId === e.card.subjectId),
    ),
  );
}

/** Every file under cards/ by its path there: Adaptive Card JSON (Teams, web), Block Kit JSON (Slack), HTML (e-mail). */
export function renderExampleCards(): Map<string, string> {
  const files = new Map<string, string>();
  for (const e of examples()) {
    const base = `${e.name}.${e.viewer}`;
    files.set(`teams/${base}.json`, json(chatCard(e.card)));
    files.set(`web/${base}.json`, json(buildAdaptiveCard(e.card)));
    files.set(
      `slack/${base}.json`,
      json(FORM_KINDS.has(e.card.kind) ? cardToModal(e.card) : { blocks: cardToMessage(e.card).blocks }),
    );
    if (e.viewer !== 'channel') files.set(`email/${base}.html`, emailHtml(e));
  }
  return files;
}

function writeAll(): void {
  const files = renderExampleCards();
  for (const dir of PLATFORM_DIRS) rmSync(join(CARDS_DIR, dir), { recursive: true, force: true });
  for (const [path, content] of files) {
    mkdirSync(dirname(join(CARDS_DIR, path)), { recursive: true });
    writeFileSync(join(CARDS_DIR, path), content);
  }
  const count = PLATFORM_DIRS.reduce((n, d) => n + readdirSync(join(CARDS_DIR, d)).length, 0);
  console.log(`Wrote ${count} example cards under cards/`);
}

if (import.meta.url === `file://${process.argv[1]}`) writeAll();
