// Opportunity cards for peer-group channels, and the weekly channel digest. They describe a provider's offer only:
// no client is ever named here, because these cards are posted to channels.
import { describeDeadline } from '../domain/opportunities/deadline.ts';
import { isOpen, MAX_DIGEST_ITEMS } from '../domain/opportunities/open.ts';
import { OPPORTUNITY_TYPE_LABELS, type Opportunity } from '../domain/opportunities/types.ts';
import type { Card, CardAction, CardBlock } from './model.ts';

export const INTRODUCE_TO_OPPORTUNITY_LABEL = 'Introduce a client to this';
/** Long fields are cut in the digest so a full digest stays small; the full text is on each opportunity's own card. */
export const DIGEST_TEXT_CHARS = 200;

/** One opportunity plus the names a card shows (loaded by the service; builders stay pure). */
export interface OpportunityCardView {
  opportunity: Opportunity;
  contactName: string;
  contactOrganisation: string;
  serviceName: string | null;
  postedByName: string;
  closedByName: string | null;
}

export interface OpportunityCardContext {
  now: Date;
  timeZone: string;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function introduceAction(o: Opportunity): CardAction {
  return { id: 'introduce_to_opportunity', label: INTRODUCE_TO_OPPORTUNITY_LABEL, style: 'positive', subjectId: o.id };
}

function closedLine(v: OpportunityCardView, timeZone: string, now: Date): string {
  const o = v.opportunity;
  if (o.status === 'closed' && o.closeReason === 'manual' && o.closedAt) {
    return `Closed by ${v.closedByName ?? 'the poster'} (${describeDeadline(o.closedAt, timeZone, now)}). You can no longer introduce a client to it.`;
  }
  return `Closed: the deadline passed (${describeDeadline(o.deadline, timeZone, now)}). You can no longer introduce a client to it.`;
}

function facts(v: OpportunityCardView, timeZone: string, now: Date): { label: string; value: string }[] {
  const o = v.opportunity;
  const list = [
    { label: 'Type', value: OPPORTUNITY_TYPE_LABELS[o.type] },
    { label: 'Run by', value: o.provider },
    { label: 'When', value: o.dates ?? 'Ask the named contact' },
    { label: 'Apply by', value: describeDeadline(o.deadline, timeZone, now) },
    { label: 'Who it is for', value: o.whoFor },
    { label: 'How to join', value: o.howToJoin },
  ];
  // Without a service the poster is not a named contact of anything: "Posted by" says who to ask.
  if (o.serviceId || o.contactId !== o.postedBy)
    list.push({
      label: 'Named contact',
      value: v.contactOrganisation ? `${v.contactName}, ${v.contactOrganisation}` : v.contactName,
    });
  if (v.serviceName) list.push({ label: 'Service', value: v.serviceName });
  list.push({ label: 'Posted by', value: v.postedByName });
  return list;
}

/** The card posted to each chosen channel; after the deadline (or a manual close) it reads "Closed" with no button. */
export function buildOpportunityCard(v: OpportunityCardView, ctx: OpportunityCardContext): Card {
  const o = v.opportunity;
  const open = isOpen(o, ctx.now);
  const type = OPPORTUNITY_TYPE_LABELS[o.type];
  const blocks: CardBlock[] = [];
  if (!open) blocks.push({ type: 'text', text: closedLine(v, ctx.timeZone, ctx.now), style: 'attention' });
  blocks.push({ type: 'text', text: `${type} run by ${o.provider}`, style: 'subtle' });
  if (o.summary) blocks.push({ type: 'text', text: o.summary });
  blocks.push({ type: 'facts', facts: facts(v, ctx.timeZone, ctx.now) });
  if (open && !o.serviceId) {
    const text =
      o.contactId === o.postedBy
        ? 'This opportunity is not linked to a directory service, so use "How to join" above.'
        : `${v.contactName} is not a named contact of a directory service, so use "How to join" above.`;
    blocks.push({ type: 'text', text, style: 'subtle' });
  }
  return {
    kind: 'opportunity',
    title: open ? o.title : `Closed: ${o.title}`,
    summary: open
      ? `${type}: ${o.title}, apply by ${describeDeadline(o.deadline, ctx.timeZone, ctx.now)}`
      : `Closed: ${o.title}`,
    subjectId: o.id,
    blocks,
    actions: open && o.serviceId ? [introduceAction(o)] : [],
  };
}

function digestItem(v: OpportunityCardView, timeZone: string, now: Date): CardBlock[] {
  const o = v.opportunity;
  const blocks: CardBlock[] = [
    { type: 'text', text: o.title, style: 'heading' },
    {
      type: 'facts',
      facts: [
        { label: 'Type', value: `${OPPORTUNITY_TYPE_LABELS[o.type]}, run by ${o.provider}` },
        { label: 'Apply by', value: describeDeadline(o.deadline, timeZone, now) },
        { label: 'Who it is for', value: cut(o.whoFor, DIGEST_TEXT_CHARS) },
        { label: 'How to join', value: cut(o.howToJoin, DIGEST_TEXT_CHARS) },
      ],
    },
  ];
  if (o.serviceId) blocks.push({ type: 'actions', actions: [introduceAction(o)] });
  return blocks;
}

export interface ChannelDigestContext extends OpportunityCardContext {
  /** The digest's subject: `channel:${platform}:${channelId}:${isoWeek}`. */
  digestKey: string;
  channelName?: string;
}

/** The weekly list of what is still open in one channel, soonest deadline first. Items must already be selected. */
export function buildChannelDigestCard(items: OpportunityCardView[], ctx: ChannelDigestContext): Card {
  const shown = items.slice(0, MAX_DIGEST_ITEMS);
  const count = items.length === 1 ? '1 opportunity is' : `${items.length} opportunities are`;
  const where = ctx.channelName ? ` in ${ctx.channelName}` : '';
  const blocks: CardBlock[] = [
    { type: 'text', text: `${count} still open${where}, soonest deadline first.`, style: 'subtle' },
  ];
  shown.forEach((v, i) => {
    if (i > 0) blocks.push({ type: 'divider' });
    blocks.push(...digestItem(v, ctx.timeZone, ctx.now));
  });
  if (items.length > shown.length) {
    blocks.push({
      type: 'text',
      text: `And ${items.length - shown.length} more still open: see the earlier posts in this channel.`,
      style: 'subtle',
    });
  }
  return {
    kind: 'digest',
    title: 'Opportunities still open this week',
    summary: `${count} still open${where}`,
    subjectId: ctx.digestKey,
    blocks,
    actions: [],
  };
}
