// The neutral card model: what a message says and which actions it offers. Adaptive Cards (Teams, web)
// and Block Kit (Slack) are renderings of it; each platform has exactly one converter.

export type CardKind =
  | 'introduction' | 'decline_form' | 'pass_form' | 'receipt' | 'accepted' | 'nudge' | 'escalation' | 'outcome'
  | 'introduce_form' | 'opportunity' | 'digest' | 'review_request' | 'notice' | 'snooze_form' | 'note_form';

/** Action names the server understands. A button carries only this, the handover (or other subject) id and a version. */
export type ActionId =
  | 'accept' | 'decline' | 'decline_submit' | 'pass' | 'pass_submit' | 'withdraw' | 'add_note' | 'add_note_submit'
  | 'confirm_contact' | 'report_unreachable' | 'snooze' | 'snooze_submit' | 'introduce_submit' | 'introduce_search'
  | 'introduce_start' | 'introduce_to_opportunity' | 'review_still_right' | 'review_needs_changes' | 'review_closed'
  | 'open_handover' | 'close_handover';

export type TextStyle = 'heading' | 'subtle' | 'good' | 'attention' | 'warning' | 'default';

export interface ChoiceOption {
  value: string;
  label: string;
}

export type CardInput =
  | { type: 'text'; id: string; label: string; required?: boolean; multiline?: boolean; maxLength?: number; value?: string; placeholder?: string; error?: string }
  | { type: 'choice'; id: string; label: string; required?: boolean; options: ChoiceOption[]; value?: string; multi?: boolean; error?: string }
  | { type: 'toggle'; id: string; label: string; required?: boolean; value?: boolean; error?: string }
  | { type: 'date'; id: string; label: string; required?: boolean; value?: string; min?: string; error?: string };

export type CardBlock =
  | { type: 'text'; text: string; style?: TextStyle }
  | { type: 'facts'; facts: { label: string; value: string }[] }
  | { type: 'timeline'; steps: { label: string; at: string | null; done: boolean }[] }
  | { type: 'divider' }
  | { type: 'input'; input: CardInput };

export interface CardAction {
  id: ActionId;
  label: string;
  style?: 'positive' | 'destructive' | 'default';
  /** The subject: a handover id (or an opportunity / service id for those cards). */
  subjectId: string;
  /** The handover version the card was shown at; the server reloads and decides anyway. */
  version?: number;
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
