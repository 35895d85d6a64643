// The App Home tab: "Waiting for you" and "Your introductions", with status and reply-by dates.
import type { PlatformContext } from '../../app/platform-context.ts';
import { isCurrentContact } from '../../domain/handover/commands.ts';
import { TERMINAL_STATES, type Handover, type HandoverState } from '../../domain/handover/types.ts';
import { BLOCK_KIT_LIMITS, escapeMrkdwn, plain, type Block } from './blocks.ts';

/** Items per list, so the tab stays inside Slack's block limit. */
export const HOME_LIST_LIMIT = 20;
export const HOME_FETCH_LIMIT = 100;

const STATE_WORDS: Record<HandoverState, string> = {
  sent: 'Waiting for an answer', accepted: 'Accepted', contact_made: 'Contact made', closed: 'Closed', declined: 'Declined',
  withdrawn: 'Withdrawn', expired: 'Expired', unreachable: "Couldn't reach the client yet",
  not_reached: "Couldn't reach the named contact",
};

function day(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(iso));
}

function line(c: PlatformContext, h: Handover, forContact: boolean): Block {
  const service = c.services.get(h.serviceId)?.name ?? h.serviceId;
  const who = forContact ? `from ${c.people.nameOf(h.introducerId)}` : `to ${c.people.nameOf(h.contactId)} at ${service}`;
  const due = h.state === 'sent' ? ` · reply by ${day(h.replyBy, c.config.timeZone)}`
    : h.state === 'accepted' && h.followUpAt ? ` · follow-up by ${day(h.followUpAt, c.config.timeZone)}` : '';
  const text = `*${escapeMrkdwn(h.id)}* ${escapeMrkdwn(who)}\n${STATE_WORDS[h.state]}${escapeMrkdwn(due)}`;
  return { type: 'section', text: { type: 'mrkdwn', text, verbatim: true } };
}

function section(title: string, items: Block[], empty: string): Block[] {
  const body = items.length ? items.slice(0, HOME_LIST_LIMIT) : [{ type: 'context', elements: [{ type: 'plain_text', text: empty }] }];
  return [{ type: 'header', text: plain(title, BLOCK_KIT_LIMITS.headerText) }, ...body];
}

export function homeView(c: PlatformContext, personId: string | null): { type: 'home'; blocks: Block[] } {
  if (!personId) {
    return { type: 'home', blocks: [{ type: 'section', text: plain("We couldn't match your Slack account to the directory yet. Ask your coordinator to add your e-mail address.") }] };
  }
  const all = c.handovers.listForPerson(personId, HOME_FETCH_LIMIT);
  const waiting = all.filter((h) => !TERMINAL_STATES.has(h.state) && h.state !== 'contact_made' && isCurrentContact(h, personId));
  const mine = all.filter((h) => h.introducerId === personId);
  const blocks = [
    ...section('Waiting for you', waiting.map((h) => line(c, h, true)), 'Nothing is waiting for you.'),
    { type: 'divider' },
    ...section('Your introductions', mine.map((h) => line(c, h, false)), 'You have not introduced anyone yet. Use /handover to start.'),
  ];
  return { type: 'home', blocks: blocks.slice(0, BLOCK_KIT_LIMITS.blocksPerHomeTab) };
}
