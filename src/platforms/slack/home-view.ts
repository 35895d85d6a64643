// The App Home tab: "Introduce a client" and "Post an opportunity", then "Waiting for you" (client first name,
// service, reply-by, Accept / Decline / Pass) and "Your introductions" (state, last change, Open). The tab is seen
// only by the person it is published for, so client first names may appear here, as in a DM.
import type { PlatformContext } from '../../app/platform-context.ts';
import {
  NOTHING_INTRODUCED,
  NOTHING_WAITING,
  introducedLine,
  openAction,
  waitingActions,
  waitingLine,
  type MyIntroductions,
} from '../../cards/my-introductions-card.ts';
import type { CardAction } from '../../cards/model.ts';
import { DIRECTORY_SUBJECT } from '../../cards/welcome-card.ts';
import { BLOCK_KIT_LIMITS, buttonsBlock, escapeMrkdwn, plain, type Block, type ModalView } from './blocks.ts';
import { slackScope } from './opportunity-modal.ts';

/** Items per list, so the tab stays inside Slack's block limit (each item is two blocks). */
export const HOME_LIST_LIMIT = 20;

/** The subject of "Introduce a client" when no service is chosen yet: the introduce modal opens on the search. */
export { DIRECTORY_SUBJECT };

const line = (text: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: escapeMrkdwn(text), verbatim: true },
});
const note = (text: string): Block => ({ type: 'context', elements: [{ type: 'plain_text', text }] });
const header = (text: string): Block => ({ type: 'header', text: plain(text, BLOCK_KIT_LIMITS.headerText) });

function startButtons(teamId: string): Block[] {
  const actions: CardAction[] = [
    { id: 'introduce_start', label: 'Introduce a client', style: 'positive', subjectId: DIRECTORY_SUBJECT },
    { id: 'opportunity_start', label: 'Post an opportunity', subjectId: slackScope(teamId) },
  ];
  return buttonsBlock(actions);
}

/** Both lists as blocks (also the "/handover status" modal's body). */
export function myIntroductionsBlocks(my: MyIntroductions, timeZone: string): Block[] {
  const more = (n: number) => (n > 0 ? [note(`And ${n} more.`)] : []);
  return [
    header('Waiting for you'),
    ...(my.waiting.length
      ? my.waiting.flatMap((i) => [line(waitingLine(i, timeZone)), ...buttonsBlock(waitingActions(i))])
      : [note(NOTHING_WAITING)]),
    ...more(my.moreWaiting),
    { type: 'divider' },
    header('Your introductions'),
    ...(my.introduced.length
      ? my.introduced.flatMap((i) => [line(introducedLine(i, timeZone)), ...buttonsBlock([openAction(i)])])
      : [note(NOTHING_INTRODUCED)]),
    ...more(my.moreIntroduced),
  ];
}

export function homeView(c: PlatformContext, personId: string | null, teamId = ''): { type: 'home'; blocks: Block[] } {
  if (!personId) {
    return {
      type: 'home',
      blocks: [
        {
          type: 'section',
          text: plain(
            "We couldn't match your Slack account to the directory yet. Ask your coordinator to add your e-mail address.",
          ),
        },
      ],
    };
  }
  const timeZone = c.cards.timeZoneOf(personId);
  const my = c.myIntroductions(personId, HOME_LIST_LIMIT);
  const blocks = [...startButtons(teamId), ...myIntroductionsBlocks(my, timeZone)];
  return { type: 'home', blocks: blocks.slice(0, BLOCK_KIT_LIMITS.blocksPerHomeTab) };
}

/** Words after /handover that ask for "My introductions" instead of starting one. */
export const STATUS_WORDS: ReadonlySet<string> = new Set(['status', 'my introductions', 'mine', 'list']);

export function asksForStatus(text: string | undefined): boolean {
  return STATUS_WORDS.has((text ?? '').trim().toLowerCase());
}

/** "/handover status": the same lists as the App Home, in a modal only the person sees. */
export function statusModal(c: PlatformContext, personId: string | null, teamId: string): ModalView {
  const blocks = homeView(c, personId, teamId).blocks.slice(0, BLOCK_KIT_LIMITS.blocksPerModal);
  return {
    type: 'modal',
    callback_id: 'my_introductions',
    private_metadata: '',
    title: plain('My introductions', BLOCK_KIT_LIMITS.modalTitle),
    close: plain('Done', BLOCK_KIT_LIMITS.modalButton),
    blocks,
  };
}
