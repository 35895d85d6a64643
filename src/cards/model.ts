// The neutral card model: what a message says and which actions it offers. Adaptive Cards (Teams, web)
// and Block Kit (Slack) are renderings of it; each platform has exactly one converter.
// Every string here is plain text (never markdown): converters escape it for their platform.

export type CardKind =
  | 'introduction'
  | 'decline_form'
  | 'pass_form'
  | 'receipt'
  | 'accepted'
  | 'nudge'
  | 'escalation'
  | 'outcome'
  | 'introduce_form'
  | 'opportunity'
  | 'digest'
  | 'review_request'
  | 'notice'
  | 'snooze_form'
  | 'note_form'
  | 'opportunity_form'
  /** A one-sentence reply in the thread of a card, saying what just changed. */
  | 'status_update'
  /** What is waiting for a person and what they introduced ("status"). */
  | 'my_introductions'
  /** Hello after the app is installed, for a person or for a team's channel. */
  | 'welcome'
  /** Every note on an introduction, newest first. */
  | 'notes'
  /** "Withdraw this introduction?": the confirm step before withdrawing. */
  | 'withdraw_form';

/** Action names the server understands. A button carries only this, the handover (or other subject) id and a version. */
export type ActionId =
  | 'accept'
  | 'decline'
  | 'decline_submit'
  | 'pass'
  | 'pass_submit'
  | 'withdraw'
  | 'add_note'
  | 'add_note_submit'
  | 'confirm_contact'
  | 'report_unreachable'
  | 'snooze'
  | 'snooze_submit'
  | 'introduce_submit'
  | 'introduce_search'
  | 'introduce_start'
  | 'introduce_to_opportunity'
  | 'review_still_right'
  | 'review_needs_changes'
  | 'review_closed'
  | 'open_handover'
  | 'close'
  | 'opportunity_start'
  | 'opportunity_submit'
  | 'outcome_yes'
  | 'outcome_unreachable'
  | 'outcome_not_yet'
  | 'review_open'
  | 'review_changes_submit'
  | 'say'
  | 'all_notes'
  | 'withdraw_confirmed'
  | 'reintroduce';

export const ACTION_IDS: readonly ActionId[] = [
  'accept',
  'decline',
  'decline_submit',
  'pass',
  'pass_submit',
  'withdraw',
  'add_note',
  'add_note_submit',
  'confirm_contact',
  'report_unreachable',
  'snooze',
  'snooze_submit',
  'introduce_submit',
  'introduce_search',
  'introduce_start',
  'introduce_to_opportunity',
  'review_still_right',
  'review_needs_changes',
  'review_closed',
  'open_handover',
  'close',
  'opportunity_start',
  'opportunity_submit',
  'outcome_yes',
  'outcome_unreachable',
  'outcome_not_yet',
  'review_open',
  'review_changes_submit',
  'say',
  'all_notes',
  'withdraw_confirmed',
  'reintroduce',
];

export function isActionId(value: unknown): value is ActionId {
  return typeof value === 'string' && (ACTION_IDS as readonly string[]).includes(value);
}

export type TextStyle = 'heading' | 'subtle' | 'good' | 'attention' | 'warning' | 'default';

export interface ChoiceOption {
  value: string;
  label: string;
}

export type CardInput =
  | {
      type: 'text';
      id: string;
      label: string;
      required?: boolean;
      multiline?: boolean;
      maxLength?: number;
      value?: string;
      placeholder?: string;
      error?: string;
    }
  | {
      type: 'choice';
      id: string;
      label: string;
      required?: boolean;
      options: ChoiceOption[];
      value?: string;
      multi?: boolean;
      expanded?: boolean;
      error?: string;
    }
  | { type: 'toggle'; id: string; label: string; required?: boolean; value?: boolean; error?: string }
  /** value and min: YYYY-MM-DD */
  | { type: 'date'; id: string; label: string; required?: boolean; value?: string; min?: string; error?: string };

export interface TimelineStep {
  label: string;
  /** Already formatted for the viewer ("Mon 23 Nov, 10:00"), or null when the step has not happened. */
  at: string | null;
  done: boolean;
}

export type CardBlock =
  | { type: 'text'; text: string; style?: TextStyle }
  | { type: 'facts'; facts: { label: string; value: string }[] }
  | { type: 'timeline'; steps: TimelineStep[] }
  | { type: 'divider' }
  | { type: 'input'; input: CardInput }
  /** Buttons that belong to one item of a list (a search result, an opportunity in a digest). */
  | { type: 'actions'; actions: CardAction[] };

export interface CardAction {
  id: ActionId;
  label: string;
  style?: 'positive' | 'destructive' | 'default';
  /** The subject: a handover id (or an opportunity / service id for those cards). */
  subjectId: string;
  /** The handover version the card was shown at; the server reloads and decides anyway. */
  version?: number;
  /** true: this button sends the card's inputs (a form's submit). false: it just opens or cancels. */
  submitsInputs?: boolean;
  /** A form's one-answer key: every press of this submit carries it, so a repeat gets the first answer. */
  key?: string;
  /** Ask before acting. Platforms with a native confirm dialog (Slack) show it and send `confirmedId`; the others send
   * this button's own id and the server answers with a confirm card. */
  confirm?: { title: string; text: string; yes: string; no: string; confirmedId: ActionId };
}

export interface Card {
  kind: CardKind;
  /** Short plain text for notifications and fallbacks (no client details). */
  summary: string;
  title: string;
  blocks: CardBlock[];
  actions: CardAction[];
  /** The handover (or subject) the card is about, so platforms can update it in place. */
  subjectId?: string;
  version?: number;
}

/** Input ids a card may use; these never collide with the fields an action carries. */
export const RESERVED_ACTION_FIELDS = ['actionId', 'subjectId', 'version', 'key'] as const;

/** A request for a card, composed from current state at send time; what the outbox stores instead of card text. */
export interface CardRequest {
  kind: CardKind;
  /** A handover id, opportunity id, service id, or a digest key. */
  subjectId: string;
  /** Who will see it: decides which actions and which details are shown. Absent for channel posts. */
  viewerId?: string;
  params?: Record<string, string>;
}

/** Builds a card from current state. Returns null when there is nothing to show any more. */
export type ComposeCard = (request: CardRequest) => Card | null;
