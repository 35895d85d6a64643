// Hello after the app is installed: for a person (what it does, "Introduce a client", and anything already waiting
// for them), and for a team's channel or a group chat (what it gets there: opportunities, never client details).
import type { Card, CardAction, CardBlock } from './model.ts';
import { waitingBlocks, type MyIntroductions } from './my-introductions-card.ts';

/** The subject of "Introduce a client" before a service is chosen: the form opens on the directory search. */
export const DIRECTORY_SUBJECT = 'directory';

export const WELCOME_TITLE = 'Welcome to Warm Handover';

const WHAT_IT_DOES =
  'I help you introduce a client to a named person at another service, instead of just signposting them. ' +
  'The named contact accepts or declines in one click, you see every step, and if nobody answers I remind them and then ask their backup.';

export const PERSONAL_HINTS = 'Say "introduce" to start, "status" to see your introductions, or "help" at any time.';

function startActions(opportunityScope: string): CardAction[] {
  return [
    { id: 'introduce_start', label: 'Introduce a client', style: 'positive', subjectId: DIRECTORY_SUBJECT },
    { id: 'opportunity_start', label: 'Post an opportunity', subjectId: opportunityScope },
  ];
}

/** For a person's 1:1 chat; `my` lists what is waiting for them, when the directory knows who they are. */
export function buildPersonalWelcomeCard(options: {
  name?: string;
  my?: MyIntroductions;
  timeZone: string;
  opportunityScope: string;
}): Card {
  const hello = options.name ? `Hello ${options.name.split(' ')[0]}.` : 'Hello.';
  const blocks: CardBlock[] = [
    { type: 'text', text: `${hello} ${WHAT_IT_DOES}` },
    { type: 'text', text: PERSONAL_HINTS, style: 'subtle' },
  ];
  if (!options.name) {
    blocks.push({
      type: 'text',
      text: "I don't know you in the directory yet: ask your coordinator to add you with your work e-mail address.",
      style: 'warning',
    });
  }
  const waiting = options.my ? options.my.waiting.length + options.my.moreWaiting : 0;
  if (options.my && waiting > 0) blocks.push({ type: 'divider' }, ...waitingBlocks(options.my, options.timeZone));
  return {
    kind: 'welcome',
    title: WELCOME_TITLE,
    summary:
      waiting > 0
        ? `Welcome to Warm Handover: ${waiting} waiting for you`
        : 'Welcome to Warm Handover: introduce a client to a named contact',
    blocks,
    actions: options.name ? startActions(options.opportunityScope) : [],
  };
}

/** For a team's channel (a peer group) or a group chat: what appears here, and that client details never do. */
export function buildChannelWelcomeCard(options: { peerGroup: boolean; opportunityScope: string }): Card {
  const blocks: CardBlock[] = [];
  if (options.peerGroup) {
    blocks.push({
      type: 'text',
      text: 'This channel is now a peer group: members can post opportunities here (courses, jobs, volunteering, groups, events), each with "Introduce a client to this", and a weekly digest lists what is still open.',
    });
  }
  blocks.push(
    {
      type: 'text',
      text: 'Client details never appear here: introductions, answers and reminders go to private 1:1 chats only.',
      style: 'heading',
    },
    {
      type: 'text',
      text: 'Mention me with "opportunity" to post one, or with "introduce" or "status" and I will message you privately.',
      style: 'subtle',
    },
  );
  return {
    kind: 'welcome',
    title: 'Warm Handover has joined',
    summary: 'Warm Handover has joined: opportunities here, client details never',
    blocks,
    actions: options.peerGroup ? [startActions(options.opportunityScope)[1]!] : [],
  };
}
