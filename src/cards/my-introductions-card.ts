// "My introductions" as a card: what is waiting for you (Accept / Decline / Pass, or Open once accepted) and what
// you introduced (where it stands, its last change, Open). Sent only to the person themselves, never to a channel.
import type { HandoverState } from '../domain/handover/types.ts';
import { formatDay, formatWhen } from './format.ts';
import type { Card, CardAction, CardBlock } from './model.ts';

export interface MyIntroduction {
  handoverId: string;
  version: number;
  state: HandoverState;
  /** The client's first name or initials; null once purged. */
  clientName: string | null;
  serviceName: string;
  /** The introducer (in "waiting") or the named contact (in "introduced"). */
  otherName: string;
  replyBy: string | null;
  followUpAt: string | null;
  updatedAt: string;
}

export interface MyIntroductions {
  waiting: MyIntroduction[];
  introduced: MyIntroduction[];
  moreWaiting: number;
  moreIntroduced: number;
}

export const MY_STATE_WORDS: Record<HandoverState, string> = {
  sent: 'Waiting for an answer',
  accepted: 'Accepted',
  contact_made: 'Contact made',
  closed: 'Closed',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
  unreachable: 'Client not reached yet',
  not_reached: "Couldn't reach the named contact",
};

export const NOTHING_WAITING = 'Nothing is waiting for you.';
export const NOTHING_INTRODUCED = 'You have not introduced anyone yet.';

/** "R.T. from Jo Rivers · Mind in Lambeth · reply by Wed 9 Dec" */
export function waitingLine(i: MyIntroduction, timeZone: string): string {
  const due = i.replyBy
    ? ` · reply by ${formatDay(i.replyBy, timeZone)}`
    : i.followUpAt
      ? ` · make contact by ${formatDay(i.followUpAt, timeZone)}`
      : '';
  return `${i.clientName ?? 'A client'} from ${i.otherName} · ${i.serviceName}${due}`;
}

/** "R.T. to Sam Patel at Mind in Lambeth · Accepted · last change Mon 7 Dec, 10:05" */
export function introducedLine(i: MyIntroduction, timeZone: string): string {
  return `${i.clientName ?? 'A client'} to ${i.otherName} at ${i.serviceName} · ${MY_STATE_WORDS[i.state]} · last change ${formatWhen(i.updatedAt, timeZone)}`;
}

/** The buttons beside one waiting introduction: answer it here when it is still unanswered, else open it. */
export function waitingActions(i: MyIntroduction): CardAction[] {
  const a = (id: CardAction['id'], label: string, style?: CardAction['style']): CardAction => ({
    id,
    label,
    style,
    subjectId: i.handoverId,
    version: i.version,
  });
  if (i.state !== 'sent') return [a('open_handover', 'Open')];
  return [
    a('accept', 'Accept', 'positive'),
    a('decline', 'Decline', 'destructive'),
    a('pass', 'Pass to a colleague'),
    a('open_handover', 'Open'),
  ];
}

export function openAction(i: MyIntroduction): CardAction {
  return { id: 'open_handover', label: 'Open', subjectId: i.handoverId, version: i.version };
}

function more(n: number): CardBlock[] {
  return n > 0 ? [{ type: 'text', text: `And ${n} more.`, style: 'subtle' }] : [];
}

/** "Waiting for you", each with its buttons. */
export function waitingBlocks(my: MyIntroductions, timeZone: string): CardBlock[] {
  const blocks: CardBlock[] = [{ type: 'text', text: 'Waiting for you', style: 'heading' }];
  if (my.waiting.length === 0) blocks.push({ type: 'text', text: NOTHING_WAITING, style: 'subtle' });
  for (const i of my.waiting)
    blocks.push({ type: 'text', text: waitingLine(i, timeZone) }, { type: 'actions', actions: waitingActions(i) });
  return [...blocks, ...more(my.moreWaiting)];
}

/** The blocks of both lists, for "status". */
export function myIntroductionsBlocks(my: MyIntroductions, timeZone: string): CardBlock[] {
  const blocks: CardBlock[] = [
    ...waitingBlocks(my, timeZone),
    { type: 'text', text: 'Your introductions', style: 'heading' },
  ];
  if (my.introduced.length === 0) blocks.push({ type: 'text', text: NOTHING_INTRODUCED, style: 'subtle' });
  for (const i of my.introduced)
    blocks.push({ type: 'text', text: introducedLine(i, timeZone) }, { type: 'actions', actions: [openAction(i)] });
  return [...blocks, ...more(my.moreIntroduced)];
}

/** The answer to "status" / "My introductions". */
export function buildMyIntroductionsCard(my: MyIntroductions, timeZone: string): Card {
  const waiting = my.waiting.length + my.moreWaiting;
  return {
    kind: 'my_introductions',
    title: 'My introductions',
    summary:
      waiting === 0 ? 'My introductions: nothing is waiting for you' : `My introductions: ${waiting} waiting for you`,
    blocks: myIntroductionsBlocks(my, timeZone),
    actions: [{ id: 'introduce_start', label: 'Introduce a client', style: 'positive', subjectId: 'directory' }],
  };
}
