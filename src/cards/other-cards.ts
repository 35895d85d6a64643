// Cards that are not about one handover: opportunities in a channel, the daily/weekly digest,
// "Is this still right?" for directory entries, and plain notices.
import { CAPACITY_LABELS, type Service } from '../domain/directory/types.ts';
import { formatDay, formatWhen } from './format.ts';
import type { Card, CardBlock } from './model.ts';

export interface OpportunityView {
  id: string;
  title: string;
  provider: string;
  type: string;
  dates: string;
  deadline: string | null;
  whoFor: string;
  howToJoin: string;
  closed: boolean;
}

export function buildOpportunityCard(o: OpportunityView, timeZone: string): Card {
  const facts = [
    { label: 'Provider', value: o.provider },
    { label: 'Type', value: o.type },
    { label: 'When', value: o.dates || 'Ask the provider' },
    { label: 'Who it is for', value: o.whoFor || 'Anyone' },
  ];
  if (o.deadline) facts.push({ label: 'Deadline', value: formatDay(o.deadline, timeZone) });
  return {
    kind: 'opportunity',
    title: o.closed ? `Closed: ${o.title}` : o.title,
    subjectId: o.id,
    summary: `Opportunity: ${o.title}`,
    blocks: [
      ...(o.closed ? [{ type: 'text', text: 'This opportunity has closed.', style: 'subtle' } as CardBlock] : []),
      { type: 'facts', facts },
      { type: 'text', text: 'How to join', style: 'heading' },
      { type: 'text', text: o.howToJoin || 'Introduce a client and the provider will be in touch.' },
    ],
    actions: o.closed
      ? []
      : [{ id: 'introduce_to_opportunity', label: 'Introduce a client to this', style: 'positive', subjectId: o.id }],
  };
}

export interface DigestItem {
  handoverId: string;
  version: number;
  /** What is waiting, without client details: "Introduction from Jo Rivers to Wellbeing Hub". */
  line: string;
  due: string | null;
}

export function buildDigestCard(key: string, items: DigestItem[], timeZone: string, now?: Date): Card {
  const blocks: CardBlock[] =
    items.length === 0
      ? [{ type: 'text', text: 'Nothing is waiting for you. Thank you!', style: 'good' }]
      : items.flatMap((i): CardBlock[] => [
          { type: 'text', text: i.due ? `${i.line}: due ${formatWhen(i.due, timeZone, now)}` : i.line },
          {
            type: 'actions',
            actions: [{ id: 'open_handover', label: 'Open', subjectId: i.handoverId, version: i.version }],
          },
        ]);
  return {
    kind: 'digest',
    title:
      items.length === 1 ? '1 introduction is waiting for you' : `${items.length} introductions are waiting for you`,
    subjectId: key,
    summary: 'Your digest of introductions',
    blocks,
    actions: [],
  };
}

export function buildReviewRequestCard(service: Service, timeZone: string, now?: Date): Card {
  return {
    kind: 'review_request',
    title: `Is this still right? ${service.name}`,
    subjectId: service.id,
    summary: `Please check the directory entry for ${service.name}`,
    blocks: [
      {
        type: 'text',
        text: `People use this entry to introduce clients to ${service.name}. Please check it is still right.`,
      },
      {
        type: 'facts',
        facts: [
          { label: 'Organisation', value: service.organisation },
          { label: 'What it offers', value: service.description || 'Not given' },
          { label: 'Capacity', value: CAPACITY_LABELS[service.capacity] },
          { label: 'Areas', value: service.areas.join(', ') || 'Anywhere' },
          {
            label: 'Last reviewed',
            value: service.lastReviewed ? formatDay(`${service.lastReviewed}T12:00:00Z`, timeZone, now) : 'Never',
          },
        ],
      },
    ],
    actions: [
      { id: 'review_still_right', label: 'Still right', style: 'positive', subjectId: service.id },
      { id: 'review_needs_changes', label: 'Needs changes', subjectId: service.id },
      { id: 'review_closed', label: 'Service closed', style: 'destructive', subjectId: service.id },
    ],
  };
}

export function buildNoticeCard(subjectId: string, title: string, text: string): Card {
  return { kind: 'notice', title, subjectId, summary: title, blocks: [{ type: 'text', text }], actions: [] };
}
