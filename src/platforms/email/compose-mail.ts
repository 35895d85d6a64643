// A neutral Card as a mail. The mail never carries the card's body: no client name, needs or contact details.
// It says who and which service (the card's summary, which never holds client details), what to do, and gives
// secure links; the details are on the page behind the link, after a one-time code.
import type { Card, CardKind } from '../../cards/model.ts';
import type { MailContent, MailLink } from './mail-sender.ts';

export const STOP_RECEIVING =
  'You get these e-mails because you are in the Warm Handover directory. To stop receiving them, ask your coordinator.';
export const PRIVACY_LINE =
  "To keep the client's details private, they are not in this e-mail. The page will ask for a one-time code, which we send to this address.";
export const CODE_LINE = 'The page will ask for a one-time code, which we send to this address.';
/** A digest mail links to at most this many introductions. */
export const MAX_LINKS_PER_MAIL = 10;
const MAX_TEXT_LINES = 12;

const WHAT_TO_DO: Partial<Record<CardKind, string>> = {
  introduction:
    'Please open the secure page to read the introduction, then accept it, decline it or pass it to a colleague.',
  accepted: "Open the secure page to see the client's details and to tell us when you have made contact.",
  nudge: 'This is a reminder. Please open the secure page to answer.',
  escalation: 'The named contact has not replied yet. Please open the secure page to see whether you can pick this up.',
  receipt: 'Open the secure page to see where your introduction stands.',
  outcome: 'Open the secure page to see what happened and what you can do next.',
  review_request:
    'Please open the secure page to tell us whether the entry is still right, needs changes, or the service has closed.',
};

const LINK_LABELS: Partial<Record<CardKind, string>> = {
  introduction: 'Open the introduction',
  nudge: 'Open the introduction',
  escalation: 'Open the introduction',
  accepted: 'Open the introduction',
};

export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] || 'there';
}

export interface MailLinkTarget {
  handoverId: string;
  /** The line the link belongs to (digest), or absent for the card's own link. */
  line?: string;
}

/** The introductions a card's links should open: its own subject, or one per line of a digest. */
export function linkTargets(card: Card, isHandover: (id: string) => boolean): MailLinkTarget[] {
  if (card.subjectId && isHandover(card.subjectId)) return [{ handoverId: card.subjectId }];
  const out: MailLinkTarget[] = [];
  card.blocks.forEach((b, i) => {
    if (b.type !== 'actions' || out.length >= MAX_LINKS_PER_MAIL) return;
    const action = b.actions.find((a) => isHandover(a.subjectId));
    const before = card.blocks[i - 1];
    if (action && !out.some((t) => t.handoverId === action.subjectId)) {
      out.push({ handoverId: action.subjectId, line: before?.type === 'text' ? before.text : undefined });
    }
  });
  return out;
}

export function linkLabel(card: Card, target: MailLinkTarget): string {
  return target.line ?? LINK_LABELS[card.kind] ?? 'Open the secure page';
}

/** What the mail says. links: already made, one per target of linkTargets. */
export function composeMail(card: Card, recipientName: string, links: MailLink[], ownLink: boolean): MailContent {
  const paragraphs = [`${card.summary}.`];
  if (ownLink) {
    paragraphs.push(
      WHAT_TO_DO[card.kind] ?? 'Open the secure page to see more.',
      card.kind === 'review_request' ? CODE_LINE : PRIVACY_LINE,
    );
  } else {
    // Cards that are not about one introduction (digests, notices, review requests) carry no client details: their text lines go in.
    const lines = card.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : [])).slice(0, MAX_TEXT_LINES);
    paragraphs.push(...lines.filter((l) => !links.some((k) => k.label === l)));
    if (links.length) paragraphs.push(PRIVACY_LINE);
  }
  return {
    subject: card.summary,
    greeting: `Hello ${firstName(recipientName)},`,
    paragraphs,
    links,
    footer: STOP_RECEIVING,
  };
}
