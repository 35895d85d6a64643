// The "Post an opportunity" form, built from the neutral card model so the playground, Slack (a modal) and Teams
// (a dialog) show the same fields: what it is, who runs it, when, the deadline, who it is for, how to join, which
// directory service introductions go through, and the peer-group channel(s) to post it to.
// It describes a provider's offer only: nothing about a client is asked for here.
import type { FormErrors, FormValues } from './handover-forms.ts';
import type { Card, CardBlock, CardInput, ChoiceOption } from './model.ts';
import { OPPORTUNITY_LIMITS } from '../domain/opportunities/new-opportunity.ts';
import { OPPORTUNITY_TYPE_LABELS, OPPORTUNITY_TYPES } from '../domain/opportunities/types.ts';
import { PLATFORMS, type Platform } from '../domain/ports.ts';

/** The form's input ids are the fields OpportunityService.postOpportunity validates, plus "channels". */
export const CHANNELS_INPUT_ID = 'channels';
/** Slack shows at most 100 options in a select; the poster's own services come first. */
export const MAX_SERVICE_CHOICES = 100;
/** A multi-select sends its values joined by commas on the Adaptive Card platforms. */
export const CHOICE_SEPARATOR = ',';

/** Where the poster is: which platform's (and tenant's) peer groups the form offers. Carried as the subject id. */
export interface PostScope {
  platform: Platform;
  /** Slack team id, Teams tenant id; absent on the web playground (any tenant). */
  tenant?: string;
}

/** "web", "slack:T123", "teams:tenant-id" → a scope; null for anything else. */
export function parseScope(subjectId: string): PostScope | null {
  const at = subjectId.indexOf(':');
  const platform = (at < 0 ? subjectId : subjectId.slice(0, at)) as Platform;
  if (!PLATFORMS.includes(platform)) return null;
  const tenant = at < 0 ? undefined : subjectId.slice(at + 1);
  return tenant ? { platform, tenant } : { platform };
}

export function scopeId(scope: PostScope): string {
  return scope.tenant ? `${scope.platform}:${scope.tenant}` : scope.platform;
}

/** What to do when there is no peer group to post to yet, in the poster's platform's words. */
export const NO_GROUP_HINT: Record<Platform, string> = {
  slack:
    'There is no peer-group channel to post to yet. Invite Warm Handover to your peer group’s channel (type /invite @Warm Handover there), then try again.',
  teams: 'There is no peer-group channel to post to yet. Add Warm Handover to your team’s channel, then try again.',
  web: 'There is no peer-group channel to post to yet. Ask your coordinator to set one up.',
  email: 'Opportunities cannot be posted by e-mail. Use the playground, Slack or Teams.',
};

export interface PostOpportunityFormInput {
  scope: PostScope;
  /** The registered peer groups the poster can choose from (value: channel id). */
  channels: ChoiceOption[];
  /** Directory services introductions can go through (value: service id). */
  services: ChoiceOption[];
  /** The earliest deadline that can be picked, YYYY-MM-DD. */
  today: string;
  values?: FormValues;
  errors?: FormErrors;
  message?: string;
}

function fields(input: PostOpportunityFormInput): CardInput[] {
  const L = OPPORTUNITY_LIMITS;
  const onlyChannel = input.channels.length === 1 ? input.channels[0].value : undefined;
  return [
    {
      type: 'text',
      id: 'title',
      label: 'Title',
      required: true,
      maxLength: L.title,
      placeholder: 'For example: Confidence and CV course',
    },
    { type: 'text', id: 'provider', label: 'Who runs it', required: true, maxLength: L.provider },
    {
      type: 'choice',
      id: 'type',
      label: 'What kind of opportunity',
      required: true,
      options: OPPORTUNITY_TYPES.map((t) => ({ value: t, label: OPPORTUNITY_TYPE_LABELS[t] })),
    },
    { type: 'text', id: 'summary', label: 'What it is (optional)', multiline: true, maxLength: L.summary },
    {
      type: 'text',
      id: 'dates',
      label: 'When it runs (optional)',
      maxLength: L.dates,
      placeholder: 'For example: Tuesdays 10:00 to 12:00, from 5 January',
    },
    {
      type: 'date',
      id: 'deadline',
      label: 'Apply by (it closes itself after this day)',
      required: true,
      min: input.today,
    },
    { type: 'text', id: 'whoFor', label: 'Who it is for', required: true, multiline: true, maxLength: L.whoFor },
    { type: 'text', id: 'howToJoin', label: 'How to join', required: true, multiline: true, maxLength: L.howToJoin },
    {
      type: 'choice',
      id: 'serviceId',
      label: 'Directory service that introductions go to (optional)',
      options: input.services.slice(0, MAX_SERVICE_CHOICES),
    },
    {
      type: 'choice',
      id: CHANNELS_INPUT_ID,
      label: 'Post to',
      required: true,
      multi: true,
      options: input.channels,
      value: onlyChannel,
    },
  ];
}

function field(f: CardInput, values: FormValues, errors: FormErrors): CardBlock {
  const value = values[f.id] ?? (f.type === 'toggle' ? undefined : f.value);
  return { type: 'input', input: { ...f, value, error: errors[f.id] } as CardInput };
}

/** The form; `values`, `errors` and `message` come back when a submit was refused. */
export function buildPostOpportunityForm(input: PostOpportunityFormInput): Card {
  const values = input.values ?? {};
  const errors = input.errors ?? {};
  const top: CardBlock[] = input.message ? [{ type: 'text', text: input.message, style: 'attention' }] : [];
  if (input.channels.length === 0)
    top.push({ type: 'text', text: NO_GROUP_HINT[input.scope.platform], style: 'warning' });
  const scope = scopeId(input.scope);
  return {
    kind: 'opportunity_form',
    title: 'Post an opportunity',
    summary: 'Share an opportunity with your peer group',
    subjectId: scope,
    blocks: [
      ...top,
      {
        type: 'text',
        text: 'Describe the offer only: never name a client here. It appears in the channels you choose, and closes itself after the deadline.',
        style: 'subtle',
      },
      // A choice with nothing to choose is left out (Slack refuses an empty select); the hint above says why.
      ...fields(input)
        .filter((f) => f.type !== 'choice' || f.options.length > 0)
        .map((f) => field(f, values, errors)),
    ],
    actions: [
      { id: 'opportunity_submit', label: 'Post opportunity', style: 'positive', subjectId: scope, submitsInputs: true },
    ],
  };
}
