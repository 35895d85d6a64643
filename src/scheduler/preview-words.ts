// The plain words of the preview timeline: what each message is, to whom, for which client and service.
import { formatLocal } from '../domain/calendar/local-time.ts';
import type { OutboxRow } from '../storage/outbox-store.ts';
import type { Readers, TimelineLine } from './preview.ts';

export interface FoldedItem {
  what: string;
  client: string;
  service: string;
}

/** What a nudge, outcome or other message means for the person who gets it. */
const REASON_WORDS: Record<string, string> = {
  reply_overdue: 'reminder: please answer the introduction',
  contact_not_confirmed: 'reminder: please confirm you have made contact',
  contact_not_confirmed_introducer: 'update: contact with the client is not confirmed yet',
  declined: 'update: the introduction was declined',
  expired: 'update: nobody answered, the introduction has expired',
  escalated: 'update: no answer, the backup contacts were asked',
  unreachable: 'update: the client could not be reached',
  follow_up_overdue: 'update: contact with the client is not confirmed yet',
};

const KIND_WORDS: Record<string, string> = {
  introduction: 'new introduction to answer',
  receipt: 'receipt for an introduction',
  escalation: 'asked to pick up an introduction nobody answered',
  review_request: 'directory review: is this entry still right?',
  outcome: 'update on an introduction',
  nudge: 'reminder about an introduction',
};

/** A reply in the thread of someone's card (Slack): what changed, by the event that changed it. */
const THREAD_REPLY_WORDS: Record<string, string> = {
  accepted: 'the introduction was accepted',
  passed: 'the introduction was passed to a colleague',
  withdrawn: 'the introduction was withdrawn',
  note_added: 'a note was added',
  contact_made: 'contact was made',
  unreachable: 'the client could not be reached yet',
  closed: 'the introduction was closed',
  escalated: 'no answer, the backup contacts were asked too',
};

function wordsFor(kind: string, reason: string | undefined, event?: string): string {
  if (kind === 'status_update') return `reply in the thread: ${(event && THREAD_REPLY_WORDS[event]) || 'what changed'}`;
  return (reason && REASON_WORDS[reason]) || KIND_WORDS[kind] || kind.replaceAll('_', ' ');
}

/** The client's first name (never more), or a note that the details were purged. */
function firstName(r: Readers, handoverId: string): { client: string; service: string } {
  const h = r.handovers.find(handoverId);
  if (!h) return { client: '', service: '' };
  return {
    client: h.client?.name.trim().split(/\s+/)[0] ?? '(details removed)',
    service: r.services.get(h.serviceId)?.name ?? '',
  };
}

function folded(r: Readers, row: OutboxRow): FoldedItem[] {
  const ids = (row.card.params?.handoverIds ?? '').split(',').filter(Boolean);
  return ids.map((id) => {
    const h = r.handovers.find(id);
    const reason = h?.state === 'accepted' ? 'contact_not_confirmed' : 'reply_overdue';
    return { what: wordsFor('nudge', reason), ...firstName(r, id) };
  });
}

export function describeMessage(row: OutboxRow, r: Readers): Omit<TimelineLine, 'at' | 'timeZone'> {
  const recipient =
    'channel' in row.recipient
      ? `${row.recipient.channel.platform} channel ${row.recipient.channel.channelId}`
      : r.people.nameOf(row.recipient.personId);
  if (row.card.kind === 'digest') {
    const folds = folded(r, row);
    return {
      recipient,
      what: `daily digest of ${folds.length} introduction${folds.length === 1 ? '' : 's'}`,
      client: '',
      service: '',
      folds,
    };
  }
  if (row.card.kind === 'review_request') {
    return {
      recipient,
      what: wordsFor('review_request', undefined),
      client: '',
      service: r.services.get(row.subjectId)?.name ?? '',
      folds: [],
    };
  }
  const about = firstName(r, row.subjectId);
  // A channel never sees client details, and neither does its line here.
  const client = 'channel' in row.recipient ? '' : about.client;
  return {
    recipient,
    what: wordsFor(row.card.kind, row.card.params?.reason, row.card.params?.event),
    client,
    service: about.service,
    folds: [],
  };
}

/** One line: the time in the recipient's zone, who, what, the client's first name and the service. */
export function formatTimelineLine(line: TimelineLine, defaultZone: string, now: Date): string[] {
  const zone = line.timeZone === defaultZone ? '' : ` ${line.timeZone}`;
  const parts = [
    `${formatLocal(line.at, line.timeZone, now)}${zone}`,
    line.recipient,
    line.what,
    line.client,
    line.service,
  ].filter(Boolean);
  return [
    parts.join(' · '),
    ...line.folds.map((f) => `    - ${[f.what, f.client, f.service].filter(Boolean).join(' · ')}`),
  ];
}
